package tmplexec

import (
	"reflect"
	"text/template/parse"

	htmltemplate "html/template"
)

var intType = reflect.TypeFor[int]()

// evalCommandString evaluates the one command of an escaped action when
// it calls a function of a known shape, calling it directly: no
// reflect.Call and no boxing of the string it returns. ok is false for
// every other command, which the caller evaluates as text/template does;
// so it is for a known function given the wrong number of arguments, so
// that the error is text/template's.
func (s *state) evalCommandString(dot reflect.Value, cmd *command) (str string, ct contentType, ok bool) {
	if op, isField := cmd.args[0].(*fieldOp); isField && len(cmd.args) == 1 {
		return s.fieldString(dot, op)
	}
	op, isFunc := cmd.args[0].(*funcOp)
	if !isFunc {
		return "", 0, false
	}
	f := op.fn
	args := cmd.args[1:]
	var err error
	if d := f.direct; d != nil && d.str != nil && len(args) == 1 {
		s.atID(op.id)
		v := s.evalArg(dot, d.in, args[0])
		if v.Type() == d.in {
			str, err = d.str(v)
		} else {
			var r reflect.Value
			r, err = safeCall(f.v, []reflect.Value{v})
			if err == nil {
				str, ct = stringifyValue(unwrapEmpty(r))
			}
		}
		if err != nil {
			s.callError(cmd.n, f.name, err)
		}
		return str, ct, true
	}
	switch f.shape {
	case shapeStr:
		if len(args) != 1 {
			return "", 0, false
		}
		str = f.raw.(func(string) string)(s.argString(dot, args[0]))
	case shapeStrErr:
		if len(args) != 1 {
			return "", 0, false
		}
		str, err = f.raw.(func(string) (string, error))(s.argString(dot, args[0]))
	case shapeStrHTMLErr:
		if len(args) != 1 {
			return "", 0, false
		}
		var h htmltemplate.HTML
		h, err = f.raw.(func(string) (htmltemplate.HTML, error))(s.argString(dot, args[0]))
		str, ct = string(h), contentTypeHTML
	case shapeStrStrErr:
		if len(args) != 2 {
			return "", 0, false
		}
		a := s.argString(dot, args[0])
		str, err = f.raw.(func(string, string) (string, error))(a, s.argString(dot, args[1]))
	case shapeStrAnysErr:
		if len(args) < 1 {
			return "", 0, false
		}
		a := s.argString(dot, args[0])
		str, err = f.raw.(func(string, ...any) (string, error))(a, s.argsAny(dot, args[1:])...)
	case shapeIntStr:
		if len(args) != 1 {
			return "", 0, false
		}
		str = f.raw.(func(int) string)(int(s.evalArg(dot, intType, args[0]).Int()))
	case shapeAnysStr:
		str = f.raw.(func(...any) string)(s.argsAny(dot, args)...)
	default:
		return "", 0, false
	}
	if err != nil {
		s.callError(cmd.n, f.name, err)
	}
	return str, ct, true
}

// argString evaluates an argument for a parameter of type string. A
// field holding a string ({{t .Status.Key}}) is read through its path,
// with the at of evalArg, and needs none of validateType's checks.
func (s *state) argString(dot reflect.Value, op operand) string {
	switch c := op.(type) {
	case *stringOp:
		return c.n.Text
	case *fieldOp:
		s.atID(c.id)
		if v, d, ok := c.walk(dot); ok && d == nil && v.Kind() == reflect.String && v.Type() == stringType {
			return v.String()
		}
	}
	return s.evalArg(dot, stringType, op).String()
}

// argsAny evaluates arguments for a ...any parameter, as reflect.Call
// would pass them.
func (s *state) argsAny(dot reflect.Value, ops []operand) []any {
	out := make([]any, len(ops))
	for i, op := range ops {
		if c, ok := op.(*stringOp); ok {
			out[i] = c.n.Text
			continue
		}
		v := s.evalArg(dot, anyType, op)
		if v.IsValid() {
			out[i] = v.Interface()
		}
	}
	return out
}

// callError stops execution with text/template's error for a function
// that returned one.
func (s *state) callError(node parse.Node, name string, err error) {
	s.at(node)
	s.errorf("error calling %s: %w", name, err)
}

// fieldString evaluates {{.A.B}} for printing; a last field that is a
// method given to Compile as a Direct returning a string is called
// without boxing its result.
func (s *state) fieldString(dot reflect.Value, op *fieldOp) (string, contentType, bool) {
	s.atID(op.id)
	if v, d, ok := op.walk(dot); ok {
		if d == nil {
			str, ct := stringifyValue(unwrapEmpty(v))
			return str, ct, true
		}
		if d.str != nil {
			str, _ := d.str(v)
			return str, contentTypePlain, true
		}
		v, _ = d.call(v)
		str, ct := stringifyValue(unwrapEmpty(v))
		return str, ct, true
	}
	n := len(op.idents)
	receiver := dot
	for i := 0; i < n-1; i++ {
		receiver = s.evalField(dot, op.idents[i], &op.caches[i], op.n, nil, missingVal, receiver)
	}
	if r, isNil := indirectValue(receiver); receiver.IsValid() && !isNil && r.Kind() != reflect.Pointer {
		if e := op.caches[n-1].p.Load(); e != nil && e.typ == r.Type() && e.addr == r.CanAddr() && e.direct != nil && e.direct.str != nil {
			str, _ := e.direct.str(r)
			return str, contentTypePlain, true
		}
	}
	// text/template passes the field node as the command's only
	// argument; nil is the same for one and saves an allocation.
	v := s.evalField(dot, op.idents[n-1], &op.caches[n-1], op.n, nil, missingVal, receiver)
	str, ct := stringifyValue(unwrapEmpty(v))
	return str, ct, true
}
