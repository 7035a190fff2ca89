package tmplexec

import (
	"fmt"
	"reflect"
	"text/template/parse"
)

// A Direct is a one-argument function of a set's FuncMap, or a method
// without arguments, that Execute calls as Go code instead of through
// reflect.Call, which allocates its argument and result lists on every
// call. Make one with Func or Method and give it to Compile.
type Direct struct {
	name   string
	method bool
	in     reflect.Type // the argument's or receiver's type
	fn     reflect.Type // the function's type, checked against the FuncMap or the method
	call   func(v reflect.Value) (reflect.Value, error)
	// str calls a function returning a string without boxing the
	// result into a reflect.Value, for an action printing it; nil for
	// other results.
	str func(v reflect.Value) (string, error)
}

// Func makes f, which must be the function funcs[name] given to Compile,
// a Direct: a call {{name x}} with x of type T runs f itself.
func Func[T, R any](name string, f func(T) (R, error)) Direct {
	d := Direct{
		name: name,
		in:   reflect.TypeFor[T](),
		fn:   reflect.TypeOf(f),
		call: func(v reflect.Value) (reflect.Value, error) {
			x, _ := reflect.TypeAssert[T](v)
			r, err := f(x)
			return reflect.ValueOf(r), err
		},
	}
	if fs, ok := any(f).(func(T) (string, error)); ok {
		d.str = func(v reflect.Value) (string, error) {
			x, _ := reflect.TypeAssert[T](v)
			return fs(x)
		}
	}
	return d
}

// Method makes f, which must be the method expression T.name (say
// model.Date.IsZero), a Direct: {{.Since.IsZero}} on a T runs f itself.
func Method[T, R any](name string, f func(T) R) Direct {
	d := Direct{
		name:   name,
		method: true,
		in:     reflect.TypeFor[T](),
		fn:     reflect.TypeOf(f),
		call: func(v reflect.Value) (reflect.Value, error) {
			x, _ := reflect.TypeAssert[T](v)
			return reflect.ValueOf(f(x)), nil
		},
	}
	if fs, ok := any(f).(func(T) string); ok {
		d.str = func(v reflect.Value) (string, error) {
			x, _ := reflect.TypeAssert[T](v)
			return fs(x), nil
		}
	}
	return d
}

// check reports a Direct that does not match what it stands for: a
// function missing from funcs or of another type, a method T does not
// have or of another signature.
func (d Direct) check(funcs map[string]*function) error {
	if d.method {
		m, ok := d.in.MethodByName(d.name)
		if !ok || m.Type != d.fn {
			return fmt.Errorf("tmplexec: %s has no method %s of type %s", d.in, d.name, d.fn)
		}
		return nil
	}
	f := funcs[d.name]
	if f == nil || f.builtin || f.v.Type() != d.fn {
		return fmt.Errorf("tmplexec: function %s of type %s is not in the FuncMap", d.name, d.fn)
	}
	return nil
}

// methodKey names a method of a type, for looking Directs up.
type methodKey struct {
	typ  reflect.Type
	name string
}

// evalBuiltin runs the comparison builtins, not and len without
// reflect.Call when given their arguments in the command (not from a
// pipeline), evaluating each argument as text/template does for a
// reflect.Value parameter. ok is false for any other call, which the
// caller makes as text/template does, errors included.
func (s *state) evalBuiltin(dot reflect.Value, f *function, node parse.Node, args []operand) (v reflect.Value, ok bool) {
	var err error
	switch f.name {
	case "eq":
		if len(args) < 2 {
			return zero, false
		}
		a := s.rawArg(dot, args[0])
		rest := make([]reflect.Value, 0, 4)
		for _, op := range args[1:] {
			rest = append(rest, s.rawArg(dot, op))
		}
		var b bool
		b, err = eq(a, rest...)
		v = reflect.ValueOf(b)
	case "ne", "lt", "le", "gt", "ge":
		if len(args) != 2 {
			return zero, false
		}
		a := s.rawArg(dot, args[0])
		b := s.rawArg(dot, args[1])
		var r bool
		switch f.name {
		case "ne":
			r, err = ne(a, b)
		case "lt":
			r, err = lt(a, b)
		case "le":
			r, err = le(a, b)
		case "gt":
			r, err = gt(a, b)
		case "ge":
			r, err = ge(a, b)
		}
		v = reflect.ValueOf(r)
	case "not":
		if len(args) != 1 {
			return zero, false
		}
		v = reflect.ValueOf(not(s.rawArg(dot, args[0])))
	case "len":
		if len(args) != 1 {
			return zero, false
		}
		var n int
		n, err = length(s.rawArg(dot, args[0]))
		v = reflect.ValueOf(n)
	default:
		return zero, false
	}
	if err != nil {
		s.callError(node, f.name, err)
	}
	return v, true
}

// rawArg evaluates an argument for a parameter of type reflect.Value and
// returns what the builtin receives: evalArg's value, unwrapped as
// reflect.Call would.
func (s *state) rawArg(dot reflect.Value, op operand) reflect.Value {
	s.atID(idOf(op))
	var v reflect.Value
	switch arg := op.(type) {
	case *dotOp:
		v = dot
	case *nilOp:
		return zero
	case *fieldOp:
		v = s.evalFieldChain(dot, dot, arg.n, arg.fields, nil, missingVal)
	case *varOp:
		v = s.evalVariableNode(dot, arg, nil, missingVal)
	case *pipeOp:
		v = s.evalPipeline(dot, arg.p)
	case *funcOp:
		v = s.evalCall(dot, arg.fn.v, arg.fn, arg.n, arg.fn.name, nil, missingVal)
	case *chainOp:
		v = s.evalChainNode(dot, arg, nil, missingVal)
	default:
		v = s.evalEmptyInterface(dot, op)
	}
	if v.IsValid() && v.Type() == reflValueType {
		v = v.Interface().(reflect.Value)
	}
	return v
}
