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
	op, isFunc := cmd.args[0].(*funcOp)
	if !isFunc {
		return "", 0, false
	}
	f := op.fn
	args := cmd.args[1:]
	var err error
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

// argString evaluates an argument for a parameter of type string.
func (s *state) argString(dot reflect.Value, op operand) string {
	if c, ok := op.(*stringOp); ok {
		return c.n.Text
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
