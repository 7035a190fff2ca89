// Portions of this file are adapted from Go's text/template (exec.go).
// Copyright 2011 The Go Authors. All rights reserved. Use of that source
// code is governed by a BSD-style license that can be found in Go's
// LICENSE file.

package tmplexec

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	texttemplate "text/template"
	"text/template/parse"
)

// maxExecDepth is text/template's limit on nested template calls.
const maxExecDepth = 100000

// state is one execution. Variables of all active templates share one
// stack; base is where the current template's "$" is, so a called
// template sees none of its caller's variables, as in text/template.
type state struct {
	tmpl *tmpl
	out  *bytes.Buffer
	// The current node, for errors: nodes[id] when id is not 0 (atID,
	// on the paths every page takes), else node (at, where a node is at
	// hand but not its id). See nodeID.
	node  parse.Node
	id    nodeID
	nodes []parse.Node // the program's, by nodeID
	vars  []variable
	base  int
	depth int
}

// variable holds the dynamic value of a variable such as $, $x etc.
type variable struct {
	name  string
	value reflect.Value
}

// ctrl is how walking a node ended: normally, or at {{break}} or
// {{continue}} (text/template panics for these; returning is cheaper).
type ctrl uint8

const (
	ctrlNone ctrl = iota
	ctrlBreak
	ctrlContinue
)

// unsupportedValue is panicked by an escaper given a value it does not
// reproduce exactly; Execute turns it into ErrUnsupported.
type unsupportedValue struct{ what string }

var zero reflect.Value

type missingValType struct{}

// missingVal marks "no value from an earlier command of the pipeline".
var missingVal = reflect.ValueOf(missingValType{})

var missingValReflectType = reflect.TypeFor[missingValType]()

func isMissing(v reflect.Value) bool {
	return v.IsValid() && v.Type() == missingValReflectType
}

// Execute applies the program to data, appending the output to out,
// byte for byte what html/template's Execute writes. Errors are
// text/template's ExecError naming the template, line and column, as
// html/template's are, or wrap ErrUnsupported when a value needs what
// this package does not reproduce; out then holds partial output.
func (p *Program) Execute(out *bytes.Buffer, data any) (err error) {
	value, ok := data.(reflect.Value)
	if !ok {
		value = reflect.ValueOf(data)
	}
	s, _ := p.states.Get().(*state)
	if s == nil {
		s = &state{vars: make([]variable, 0, 16)}
	}
	*s = state{tmpl: p.root, out: out, nodes: p.nodes, vars: append(s.vars[:0], variable{"$", value})}
	defer p.release(s) // after recover, which the later defer runs first
	defer s.recover(&err)
	s.walkList(value, p.root.list)
	return nil
}

// release returns s to the program's pool, holding nothing of the page
// it executed, whose data the variables and the output would otherwise
// keep alive.
func (p *Program) release(s *state) {
	clear(s.vars[:cap(s.vars)])
	*s = state{vars: s.vars[:0]}
	p.states.Put(s)
}

// recover turns the panics of errorf and of the escapers into errors;
// any other panic (a function's, during a direct call) becomes an error
// naming the template and node too, as text/template's safeCall does.
func (s *state) recover(errp *error) {
	e := recover()
	if e == nil {
		return
	}
	switch e := e.(type) {
	case texttemplate.ExecError:
		*errp = e
	case unsupportedValue:
		*errp = fmt.Errorf("%w: %s", ErrUnsupported, e.what)
	case runtime.Error:
		panic(e)
	default:
		*errp = s.errorValue(fmt.Sprintf("panic: %v", e))
	}
}

// push pushes a new variable on the stack.
func (s *state) push(name string, value reflect.Value) {
	s.vars = append(s.vars, variable{name, value})
}

// mark returns the length of the variable stack.
func (s *state) mark() int {
	return len(s.vars)
}

// pop pops the variable stack up to the mark.
func (s *state) pop(mark int) {
	s.vars = s.vars[0:mark]
}

// setVar overwrites the last declared variable with the given name.
func (s *state) setVar(name string, value reflect.Value) {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			s.vars[i].value = value
			return
		}
	}
	s.errorf("undefined variable: %s", name)
}

// setTopVar overwrites the top-nth variable on the stack.
func (s *state) setTopVar(n int, value reflect.Value) {
	s.vars[len(s.vars)-n].value = value
}

// varValue returns the value of the named variable.
func (s *state) varValue(name string) reflect.Value {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value
		}
	}
	s.errorf("undefined variable: %s", name)
	return zero
}

// at marks the state to be on node n, for error reporting.
func (s *state) at(node parse.Node) {
	s.node, s.id = node, 0
}

// atID marks the state to be on the node numbered id, for error
// reporting, storing no pointer.
func (s *state) atID(id nodeID) {
	s.id = id
}

// nodeOf returns the parse node of an operand, for error positions: the
// program's node of its id (idOf).
func (s *state) nodeOf(op operand) parse.Node { return s.nodes[idOf(op)] }

// current returns the node the state is on, or nil.
func (s *state) current() parse.Node {
	if s.id != 0 {
		return s.nodes[s.id]
	}
	return s.node
}

// doublePercent returns the string with %'s replaced by %%.
func doublePercent(str string) string {
	return strings.ReplaceAll(str, "%", "%%")
}

// errorValue builds text/template's ExecError for the current node.
func (s *state) errorValue(msg string) texttemplate.ExecError {
	name := s.tmpl.name
	var text string
	if node := s.current(); node == nil {
		text = fmt.Sprintf("template: %s: %s", name, msg)
	} else {
		location, context := s.tmpl.tree.ErrorContext(node)
		text = fmt.Sprintf("template: %s: executing %q at <%s>: %s", location, name, context, msg)
	}
	return texttemplate.ExecError{Name: name, Err: errors.New(text)}
}

// errorf records an ExecError and terminates processing.
func (s *state) errorf(format string, args ...any) {
	name := doublePercent(s.tmpl.name)
	if node := s.current(); node == nil {
		format = fmt.Sprintf("template: %s: %s", name, format)
	} else {
		location, context := s.tmpl.tree.ErrorContext(node)
		format = fmt.Sprintf("template: %s: executing %q at <%s>: %s", location, name, doublePercent(context), format)
	}
	panic(texttemplate.ExecError{Name: s.tmpl.name, Err: fmt.Errorf(format, args...)})
}

// walkList walks the nodes of a list in order.
func (s *state) walkList(dot reflect.Value, list []node) ctrl {
	for _, n := range list {
		if c := s.walk(dot, n); c != ctrlNone {
			return c
		}
	}
	return ctrlNone
}

// walk executes one node.
func (s *state) walk(dot reflect.Value, n node) ctrl {
	switch n := n.(type) {
	case *textNode:
		s.out.Write(n.text)
	case *actionNode:
		s.atID(n.id)
		if !n.print {
			s.evalPipeline(dot, n.core)
			return ctrlNone
		}
		s.printAction(dot, n)
	case *ifNode:
		return s.walkIfOrWith(dot, n)
	case *rangeNode:
		return s.walkRange(dot, n)
	case *templateNode:
		s.walkTemplate(dot, n)
	case *breakNode:
		return ctrlBreak
	case *continueNode:
		return ctrlContinue
	}
	return ctrlNone
}

// printAction evaluates an escaped action and writes its value through
// its escapers. A single command is evaluated to a string directly where
// it can be (a field holding a string, a function returning one).
func (s *state) printAction(dot reflect.Value, a *actionNode) {
	if a.escs == nil {
		s.printValue(a.n, s.evalPipeline(dot, a.core))
		return
	}
	var str string
	var ct contentType
	if len(a.core.cmds) == 1 {
		var ok bool
		str, ct, ok = s.evalCommandString(dot, a.core.cmds[0])
		if !ok {
			str, ct = stringifyValue(unwrapEmpty(s.evalCommand(dot, a.core.cmds[0], missingVal)))
		}
	} else {
		s.atID(a.core.id)
		str, ct = stringifyValue(s.evalPipeline(dot, a.core))
	}
	if ct == contentTypePlain && a.pass.passes(str) {
		s.out.WriteString(str)
		return
	}
	if !escapeChain(s.out, a.escs, str, ct) {
		s.atID(a.id)
		panic(unsupportedValue{what: s.errorValue("a value this package does not escape exactly").Error()})
	}
}

// unwrapEmpty digs into a value of type interface{}, as evalPipeline
// does after each command.
func unwrapEmpty(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
		v = v.Elem()
	}
	return v
}

// walkIfOrWith walks an 'if' or 'with' node.
func (s *state) walkIfOrWith(dot reflect.Value, n *ifNode) ctrl {
	s.atID(n.id)
	mark := s.mark()
	defer s.pop(mark)
	val := s.evalPipeline(dot, n.pipe)
	truth, ok := isTrue(indirectInterface(val))
	if !ok {
		s.errorf("if/with can't use %v", val)
	}
	if truth {
		if n.with {
			return s.walkList(val, n.list)
		}
		return s.walkList(dot, n.list)
	} else if n.elseList != nil {
		return s.walkList(dot, n.elseList)
	}
	return ctrlNone
}

// isTrue reports whether the value is 'true', in the sense of not the
// zero of its type, and whether the value has a meaningful truth value.
func isTrue(val reflect.Value) (truth, ok bool) {
	if !val.IsValid() {
		return false, true
	}
	switch val.Kind() {
	case reflect.String:
		truth = val.String() != "" // Len would not be inlined
	case reflect.Array, reflect.Map, reflect.Slice:
		truth = val.Len() > 0
	case reflect.Bool:
		truth = val.Bool()
	case reflect.Complex64, reflect.Complex128:
		truth = val.Complex() != 0
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		truth = !val.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		truth = val.Int() != 0
	case reflect.Float32, reflect.Float64:
		truth = val.Float() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		truth = val.Uint() != 0
	case reflect.Struct:
		truth = true
	default:
		return
	}
	return truth, true
}

// walkRange walks a range node; the loop body's break and continue end
// an iteration or the loop, never the enclosing one.
func (s *state) walkRange(dot reflect.Value, r *rangeNode) ctrl {
	s.atID(r.id)
	defer s.pop(s.mark())
	val, _ := indirectValue(s.evalPipeline(dot, r.pipe))
	mark := s.mark()
	decl := r.pipe.decl
	switch val.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if len(decl) > 1 {
			s.errorf("can't use %v to iterate over more than one variable", val)
			break
		}
		run := false
		for v := range val.Seq() {
			run = true
			if s.oneIteration(r, mark, reflect.Value{}, v) {
				break
			}
		}
		if !run {
			break
		}
		return ctrlNone
	case reflect.Array, reflect.Slice:
		if val.Len() == 0 {
			break
		}
		for i := 0; i < val.Len(); i++ {
			if s.oneIteration(r, mark, reflect.ValueOf(i), val.Index(i)) {
				break
			}
		}
		return ctrlNone
	case reflect.Map:
		if val.Len() == 0 {
			break
		}
		for _, m := range sortMap(val) {
			if s.oneIteration(r, mark, m.Key, m.Value) {
				break
			}
		}
		return ctrlNone
	case reflect.Chan:
		if val.IsNil() {
			break
		}
		if val.Type().ChanDir() == reflect.SendDir {
			s.errorf("range over send-only channel %v", val)
			break
		}
		i := 0
		for ; ; i++ {
			elem, ok := val.Recv()
			if !ok {
				break
			}
			if s.oneIteration(r, mark, reflect.ValueOf(i), elem) {
				i++
				break
			}
		}
		if i == 0 {
			break
		}
		return ctrlNone
	case reflect.Invalid:
		break // An invalid value is likely a nil map, etc. and acts like an empty map.
	case reflect.Func:
		if val.Type().CanSeq() {
			if len(decl) > 1 {
				s.errorf("can't use %v iterate over more than one variable", val)
				break
			}
			run := false
			for v := range val.Seq() {
				run = true
				if s.oneIteration(r, mark, reflect.Value{}, v) {
					break
				}
			}
			if !run {
				break
			}
			return ctrlNone
		}
		if val.Type().CanSeq2() {
			run := false
			for i, v := range val.Seq2() {
				run = true
				var stop bool
				if len(decl) > 1 {
					stop = s.oneIteration(r, mark, i, v)
				} else {
					stop = s.oneIteration(r, mark, reflect.Value{}, i)
				}
				if stop {
					break
				}
			}
			if !run {
				break
			}
			return ctrlNone
		}
		s.errorf("range can't iterate over %v", val)
	default:
		s.errorf("range can't iterate over %v", val)
	}
	if r.elseList != nil {
		return s.walkList(dot, r.elseList)
	}
	return ctrlNone
}

// oneIteration runs the body of a range once, with its variables set to
// index and elem, and reports whether the body ended with {{break}}.
func (s *state) oneIteration(r *rangeNode, mark int, index, elem reflect.Value) (stop bool) {
	decl := r.pipe.decl
	if len(decl) > 0 {
		if r.pipe.isAssign {
			if len(decl) > 1 {
				s.setVar(decl[0], index)
			} else {
				s.setVar(decl[0], elem)
			}
		} else {
			s.setTopVar(1, elem)
		}
	}
	if len(decl) > 1 {
		if r.pipe.isAssign {
			s.setVar(decl[1], elem)
		} else {
			s.setTopVar(2, index)
		}
	}
	c := s.walkList(elem, r.list)
	s.pop(mark)
	return c == ctrlBreak
}

// walkTemplate executes {{template "name" pipeline}}: the pipeline's
// value is dot and $ of the called template, which sees no other
// variable.
func (s *state) walkTemplate(dot reflect.Value, t *templateNode) {
	s.atID(t.id)
	if s.depth == maxExecDepth {
		s.errorf("exceeded maximum template depth (%v)", maxExecDepth)
	}
	dot = s.evalPipeline(dot, t.pipe)
	savedTmpl, savedBase, mark := s.tmpl, s.base, s.mark()
	s.depth++
	s.tmpl = t.t
	s.base = mark
	s.push("$", dot)
	s.walkList(dot, t.t.list)
	s.pop(mark)
	s.tmpl, s.base = savedTmpl, savedBase
	s.depth--
}

// evalPipeline returns the value acquired by evaluating a pipeline,
// pushing or setting its variables.
func (s *state) evalPipeline(dot reflect.Value, pipe *pipe) (value reflect.Value) {
	if pipe == nil {
		return
	}
	if pipe.single != nil {
		if v, ok := s.evalSingle(dot, pipe.single); ok {
			return v
		}
	}
	s.atID(pipe.id)
	value = missingVal
	for _, cmd := range pipe.cmds {
		value = s.evalCommand(dot, cmd, value) // previous value is this one's final arg.
		if value.Kind() == reflect.Interface && value.Type().NumMethod() == 0 {
			value = value.Elem()
		}
	}
	for _, name := range pipe.decl {
		if pipe.isAssign {
			s.setVar(name, value)
		} else {
			s.push(name, value)
		}
	}
	return value
}

// evalSingle evaluates a pipeline that is one chain of fields (pipe's
// single) through the chain's path, as evalPipeline, evalCommand and
// evalFieldChain would in turn, with only the last of their calls to at,
// as nothing in between can fail. ok is false when the chain has no path
// for this receiver, and nothing has been called.
func (s *state) evalSingle(dot reflect.Value, op operand) (v reflect.Value, ok bool) {
	var d *Direct
	switch op := op.(type) {
	case *fieldOp:
		s.atID(op.id)
		v, d, ok = op.walk(dot)
	case *varOp:
		s.atID(op.id)
		v, d, ok = op.walk(s.varValue(op.name))
	}
	if !ok {
		return zero, false
	}
	if d != nil {
		v, _ = d.call(v)
	}
	if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
		v = v.Elem()
	}
	return v, true
}

func (s *state) notAFunction(args []operand, final reflect.Value) {
	if len(args) > 1 || !isMissing(final) {
		s.errorf("can't give argument to non-function %s", s.nodeOf(args[0]))
	}
}

func (s *state) evalCommand(dot reflect.Value, cmd *command, final reflect.Value) reflect.Value {
	firstWord := cmd.args[0]
	switch n := firstWord.(type) {
	case *fieldOp:
		s.atID(n.id)
		return s.evalFieldChain(dot, dot, n.n, n.fields, cmd.args, final)
	case *chainOp:
		return s.evalChainNode(dot, n, cmd.args, final)
	case *funcOp:
		s.atID(n.id)
		return s.evalCall(dot, n.fn.v, n.fn, cmd.n, n.fn.name, cmd.args, final)
	case *pipeOp:
		s.notAFunction(cmd.args, final)
		return s.evalPipeline(dot, n.p)
	case *varOp:
		return s.evalVariableNode(dot, n, cmd.args, final)
	}
	s.atID(idOf(firstWord))
	s.notAFunction(cmd.args, final)
	switch word := firstWord.(type) {
	case *boolOp:
		return reflect.ValueOf(word.n.True)
	case *dotOp:
		return dot
	case *nilOp:
		s.errorf("nil is not a command")
	case *numberOp:
		return s.idealConstant(word)
	case *stringOp:
		return reflect.ValueOf(word.n.Text)
	}
	s.errorf("can't evaluate command %q", s.nodeOf(firstWord))
	panic("not reached")
}

// idealConstant returns the value of a number whose type the context
// does not tell: the syntax does.
func (s *state) idealConstant(op *numberOp) reflect.Value {
	s.atID(op.id)
	constant := op.n
	switch {
	case constant.IsComplex:
		return reflect.ValueOf(constant.Complex128)
	case constant.IsFloat &&
		!isHexInt(constant.Text) && !isRuneInt(constant.Text) &&
		strings.ContainsAny(constant.Text, ".eEpP"):
		return reflect.ValueOf(constant.Float64)
	case constant.IsInt:
		n := int(constant.Int64)
		if int64(n) != constant.Int64 {
			s.errorf("%s overflows int", constant.Text)
		}
		return reflect.ValueOf(n)
	case constant.IsUint:
		s.errorf("%s overflows int", constant.Text)
	}
	return zero
}

func isRuneInt(s string) bool {
	return len(s) > 0 && s[0] == '\''
}

func isHexInt(s string) bool {
	return len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !strings.ContainsAny(s, "pP")
}

func (s *state) evalChainNode(dot reflect.Value, chain *chainOp, args []operand, final reflect.Value) reflect.Value {
	s.atID(chain.id)
	if len(chain.idents) == 0 {
		s.errorf("internal error: no fields in evalChainNode")
	}
	if _, ok := chain.base.(*nilOp); ok {
		s.errorf("indirection through explicit nil in %s", chain.n)
	}
	pipe := s.evalArg(dot, nil, chain.base)
	return s.evalFieldChain(dot, pipe, chain.n, chain.fields, args, final)
}

func (s *state) evalVariableNode(dot reflect.Value, v *varOp, args []operand, final reflect.Value) reflect.Value {
	s.atID(v.id)
	value := s.varValue(v.name)
	if len(v.idents) == 0 {
		s.notAFunction(args, final)
		return value
	}
	return s.evalFieldChain(dot, value, v.n, v.fields, args, final)
}

// evalFieldChain evaluates .X.Y.Z possibly followed by arguments. A
// chain without arguments takes the path resolved for the receiver's
// type where there is one (path.go); every other goes name by name.
func (s *state) evalFieldChain(dot, receiver reflect.Value, node parse.Node, f *fields, args []operand, final reflect.Value) reflect.Value {
	if len(args) <= 1 && isMissing(final) {
		if v, d, ok := f.walk(receiver); ok {
			if d != nil {
				v, _ = d.call(v)
			}
			return v
		}
	}
	ident, caches := f.idents, f.caches
	n := len(ident)
	for i := 0; i < n-1; i++ {
		receiver = s.evalField(dot, ident[i], &caches[i], node, nil, missingVal, receiver)
	}
	return s.evalField(dot, ident[n-1], &caches[n-1], node, args, final, receiver)
}

// evalField evaluates an expression like (.Field) or (.Field arg1 arg2),
// finding the field or method through cache when the receiver's type is
// the one it last met.
func (s *state) evalField(dot reflect.Value, fieldName string, cache *fieldCache, node parse.Node, args []operand, final, receiver reflect.Value) reflect.Value {
	if !receiver.IsValid() {
		return zero
	}
	typ := receiver.Type()
	receiver, isNil := indirectValue(receiver)
	if receiver.Kind() == reflect.Interface && isNil {
		s.errorf("nil pointer evaluating %s.%s", typ, fieldName)
		return zero
	}
	if receiver.Kind() != reflect.Pointer { // a nil pointer takes the slow path
		canAddr := receiver.CanAddr()
		e := cache.p.Load()
		if e == nil || e.typ != receiver.Type() || e.addr != canAddr {
			e = lookupField(receiver.Type(), canAddr, fieldName)
			e.direct = cache.methods[methodKey{e.typ, fieldName}]
			cache.p.Store(e)
		}
		if e.direct != nil && len(args) <= 1 && isMissing(final) {
			v, _ := e.direct.call(receiver)
			return v
		}
		if e.method >= 0 {
			ptr := receiver
			if canAddr {
				ptr = receiver.Addr()
			}
			return s.evalCall(dot, ptr.Method(e.method), nil, node, fieldName, args, final)
		}
		if e.index != nil {
			hasArgs := len(args) > 1 || !isMissing(final)
			var field reflect.Value
			var err error
			if len(e.index) == 1 {
				field = receiver.Field(e.index[0])
			} else {
				field, err = receiver.FieldByIndexErr(e.index)
			}
			if !e.exported {
				s.errorf("%s is an unexported field of struct type %s", fieldName, typ)
			}
			if err != nil {
				s.errorf("%v", err)
			}
			if hasArgs {
				s.errorf("%s has arguments but cannot be invoked as function", fieldName)
			}
			return field
		}
		if receiver.Kind() == reflect.Struct {
			s.errorf("can't evaluate field %s in type %s", fieldName, typ)
		}
	}
	return s.evalFieldSlow(dot, fieldName, node, args, final, receiver, typ, isNil)
}

// lookupField resolves a field name on a receiver of type t as
// text/template does: a method of t (or of *t when addressable) first,
// then a struct field.
func lookupField(t reflect.Type, addr bool, name string) *fieldEntry {
	e := &fieldEntry{typ: t, addr: addr, method: -1}
	mt := t
	if addr {
		mt = reflect.PointerTo(t)
	}
	if m, ok := mt.MethodByName(name); ok {
		e.method = m.Index
		return e
	}
	if t.Kind() == reflect.Struct {
		if f, ok := t.FieldByName(name); ok {
			e.index = f.Index
			e.exported = f.IsExported()
		}
	}
	return e
}

// evalFieldSlow is text/template's evalField for what the cache does not
// hold: maps, nil pointers and unknown names.
func (s *state) evalFieldSlow(dot reflect.Value, fieldName string, node parse.Node, args []operand, final, receiver reflect.Value, typ reflect.Type, isNil bool) reflect.Value {
	ptr := receiver
	if ptr.Kind() != reflect.Interface && ptr.Kind() != reflect.Pointer && ptr.CanAddr() {
		ptr = ptr.Addr()
	}
	if method := ptr.MethodByName(fieldName); method.IsValid() {
		return s.evalCall(dot, method, nil, node, fieldName, args, final)
	}
	hasArgs := len(args) > 1 || !isMissing(final)
	switch receiver.Kind() {
	case reflect.Struct:
		tField, ok := receiver.Type().FieldByName(fieldName)
		if ok {
			field, err := receiver.FieldByIndexErr(tField.Index)
			if !tField.IsExported() {
				s.errorf("%s is an unexported field of struct type %s", fieldName, typ)
			}
			if err != nil {
				s.errorf("%v", err)
			}
			if hasArgs {
				s.errorf("%s has arguments but cannot be invoked as function", fieldName)
			}
			return field
		}
	case reflect.Map:
		nameVal := reflect.ValueOf(fieldName)
		if nameVal.Type().AssignableTo(receiver.Type().Key()) {
			if hasArgs {
				s.errorf("%s is not a method but has arguments", fieldName)
			}
			return receiver.MapIndex(nameVal)
		}
	case reflect.Pointer:
		etyp := receiver.Type().Elem()
		if etyp.Kind() == reflect.Struct {
			if _, ok := etyp.FieldByName(fieldName); !ok {
				break
			}
		}
		if isNil {
			s.errorf("nil pointer evaluating %s.%s", typ, fieldName)
		}
	}
	s.errorf("can't evaluate field %s in type %s", fieldName, typ)
	panic("not reached")
}

// evalCall executes a function or method call. args, if non-nil,
// includes args[0] as the function itself. f is the template function
// being called, or nil for a method.
func (s *state) evalCall(dot, fun reflect.Value, f *function, node parse.Node, name string, args []operand, final reflect.Value) reflect.Value {
	if args != nil {
		args = args[1:]
	}
	isBuiltin := f != nil && f.builtin
	if f != nil && len(args) > 0 && isMissing(final) {
		if isBuiltin {
			if v, ok := s.evalBuiltin(dot, f, node, args); ok {
				return v
			}
		} else if d := f.direct; d != nil && len(args) == 1 {
			v := s.evalArg(dot, d.in, args[0])
			var r reflect.Value
			var err error
			if v.Type() == d.in {
				r, err = d.call(v)
			} else {
				r, err = safeCall(fun, []reflect.Value{v})
			}
			if err != nil {
				s.callError(node, name, err)
			}
			return r
		}
	}
	typ := fun.Type()
	numIn := len(args)
	if !isMissing(final) {
		numIn++
	}
	numFixed := len(args)
	if typ.IsVariadic() {
		numFixed = typ.NumIn() - 1
		if numIn < numFixed {
			s.errorf("wrong number of args for %s: want at least %d got %d", name, typ.NumIn()-1, len(args))
		}
	} else if numIn != typ.NumIn() {
		s.errorf("wrong number of args for %s: want %d got %d", name, typ.NumIn(), numIn)
	}
	if err := goodFunc(name, typ); err != nil {
		s.errorf("%v", err)
	}

	unwrap := func(v reflect.Value) reflect.Value {
		if v.Type() == reflValueType {
			v = v.Interface().(reflect.Value)
		}
		return v
	}

	if isBuiltin && (name == "and" || name == "or") {
		argType := typ.In(0)
		var v reflect.Value
		for _, arg := range args {
			v = s.evalArg(dot, argType, arg).Interface().(reflect.Value)
			if truth(v) == (name == "or") {
				return v
			}
		}
		if !final.Equal(missingVal) {
			v = unwrap(s.validateType(final, argType))
		}
		return v
	}

	argv := make([]reflect.Value, numIn)
	i := 0
	for ; i < numFixed && i < len(args); i++ {
		argv[i] = s.evalArg(dot, typ.In(i), args[i])
	}
	if typ.IsVariadic() {
		argType := typ.In(typ.NumIn() - 1).Elem()
		for ; i < len(args); i++ {
			argv[i] = s.evalArg(dot, argType, args[i])
		}
	}
	if !isMissing(final) {
		t := typ.In(typ.NumIn() - 1)
		if typ.IsVariadic() {
			if numIn-1 < numFixed {
				t = typ.In(numIn - 1)
			} else {
				t = t.Elem()
			}
		}
		argv[i] = s.validateType(final, t)
	}

	if isBuiltin && name == "call" {
		var calleeName string
		if len(args) == 0 {
			calleeName = final.String()
		} else {
			calleeName = s.nodeOf(args[0]).String()
		}
		argv = append([]reflect.Value{reflect.ValueOf(calleeName)}, argv...)
		fun = reflect.ValueOf(call)
	}

	v, err := safeCall(fun, argv)
	if err != nil {
		s.at(node)
		s.errorf("error calling %s: %w", name, err)
	}
	return unwrap(v)
}

// canBeNil reports whether an untyped nil can be assigned to the type.
func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	case reflect.Struct:
		return typ == reflValueType
	}
	return false
}

// validateType guarantees that the value is valid and assignable to the type.
func (s *state) validateType(value reflect.Value, typ reflect.Type) reflect.Value {
	if !value.IsValid() {
		if typ == nil {
			return reflect.ValueOf(nil)
		}
		if canBeNil(typ) {
			return reflect.Zero(typ)
		}
		s.errorf("invalid value; expected %s", typ)
	}
	if typ == reflValueType && value.Type() != typ {
		return reflect.ValueOf(value)
	}
	if typ != nil && !value.Type().AssignableTo(typ) {
		if value.Kind() == reflect.Interface && !value.IsNil() {
			value = value.Elem()
			if value.Type().AssignableTo(typ) {
				return value
			}
		}
		switch {
		case value.Kind() == reflect.Pointer && value.Type().Elem().AssignableTo(typ):
			value = value.Elem()
			if !value.IsValid() {
				s.errorf("dereference of nil pointer of type %s", typ)
			}
		case reflect.PointerTo(value.Type()).AssignableTo(typ) && value.CanAddr():
			value = value.Addr()
		default:
			s.errorf("wrong type for value; expected %s; got %s", typ, value.Type())
		}
	}
	return value
}

func (s *state) evalArg(dot reflect.Value, typ reflect.Type, n operand) reflect.Value {
	s.atID(idOf(n))
	switch arg := n.(type) {
	case *dotOp:
		return s.validateType(dot, typ)
	case *nilOp:
		if canBeNil(typ) {
			return reflect.Zero(typ)
		}
		s.errorf("cannot assign nil to %s", typ)
	case *fieldOp:
		// text/template passes the field as its own argument list,
		// which changes nothing for one; nil saves an allocation.
		return s.validateType(s.evalFieldChain(dot, dot, arg.n, arg.fields, nil, missingVal), typ)
	case *varOp:
		return s.validateType(s.evalVariableNode(dot, arg, nil, missingVal), typ)
	case *pipeOp:
		return s.validateType(s.evalPipeline(dot, arg.p), typ)
	case *funcOp:
		return s.validateType(s.evalCall(dot, arg.fn.v, arg.fn, arg.n, arg.fn.name, nil, missingVal), typ)
	case *chainOp:
		return s.validateType(s.evalChainNode(dot, arg, nil, missingVal), typ)
	}
	switch typ.Kind() {
	case reflect.Bool:
		return s.evalBool(typ, n)
	case reflect.Complex64, reflect.Complex128:
		return s.evalComplex(typ, n)
	case reflect.Float32, reflect.Float64:
		return s.evalFloat(typ, n)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return s.evalInteger(typ, n)
	case reflect.Interface:
		if typ.NumMethod() == 0 {
			return s.evalEmptyInterface(dot, n)
		}
	case reflect.Struct:
		if typ == reflValueType {
			return reflect.ValueOf(s.evalEmptyInterface(dot, n))
		}
	case reflect.String:
		return s.evalString(typ, n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return s.evalUnsignedInteger(typ, n)
	}
	s.errorf("can't handle %s for arg of type %s", s.nodeOf(n), typ)
	panic("not reached")
}

func (s *state) evalBool(typ reflect.Type, n operand) reflect.Value {
	if n, ok := n.(*boolOp); ok {
		value := reflect.New(typ).Elem()
		value.SetBool(n.n.True)
		return value
	}
	s.errorf("expected bool; found %s", s.nodeOf(n))
	panic("not reached")
}

func (s *state) evalString(typ reflect.Type, n operand) reflect.Value {
	if n, ok := n.(*stringOp); ok {
		value := reflect.New(typ).Elem()
		value.SetString(n.n.Text)
		return value
	}
	s.errorf("expected string; found %s", s.nodeOf(n))
	panic("not reached")
}

func (s *state) evalInteger(typ reflect.Type, n operand) reflect.Value {
	if n, ok := n.(*numberOp); ok && n.n.IsInt {
		value := reflect.New(typ).Elem()
		value.SetInt(n.n.Int64)
		return value
	}
	s.errorf("expected integer; found %s", s.nodeOf(n))
	panic("not reached")
}

func (s *state) evalUnsignedInteger(typ reflect.Type, n operand) reflect.Value {
	if n, ok := n.(*numberOp); ok && n.n.IsUint {
		value := reflect.New(typ).Elem()
		value.SetUint(n.n.Uint64)
		return value
	}
	s.errorf("expected unsigned integer; found %s", s.nodeOf(n))
	panic("not reached")
}

func (s *state) evalFloat(typ reflect.Type, n operand) reflect.Value {
	if n, ok := n.(*numberOp); ok && n.n.IsFloat {
		value := reflect.New(typ).Elem()
		value.SetFloat(n.n.Float64)
		return value
	}
	s.errorf("expected float; found %s", s.nodeOf(n))
	panic("not reached")
}

func (s *state) evalComplex(typ reflect.Type, n operand) reflect.Value {
	if n, ok := n.(*numberOp); ok && n.n.IsComplex {
		value := reflect.New(typ).Elem()
		value.SetComplex(n.n.Complex128)
		return value
	}
	s.errorf("expected complex; found %s", s.nodeOf(n))
	panic("not reached")
}

func (s *state) evalEmptyInterface(dot reflect.Value, n operand) reflect.Value {
	switch n := n.(type) {
	case *boolOp:
		return reflect.ValueOf(n.n.True)
	case *dotOp:
		return dot
	case *fieldOp:
		return s.evalFieldChain(dot, dot, n.n, n.fields, nil, missingVal)
	case *funcOp:
		return s.evalCall(dot, n.fn.v, n.fn, n.n, n.fn.name, nil, missingVal)
	case *nilOp:
		s.errorf("evalEmptyInterface: nil (can't happen)")
	case *numberOp:
		return s.idealConstant(n)
	case *stringOp:
		return reflect.ValueOf(n.n.Text)
	case *varOp:
		return s.evalVariableNode(dot, n, nil, missingVal)
	case *pipeOp:
		return s.evalPipeline(dot, n.p)
	}
	s.errorf("can't handle assignment of %s to empty interface argument", s.nodeOf(n))
	panic("not reached")
}

// indirectValue returns the item at the end of indirection, and a bool
// to indicate if it's nil (text/template's indirect).
func indirectValue(v reflect.Value) (rv reflect.Value, isNil bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

// indirectInterface returns the concrete value in an interface value,
// or else the zero reflect.Value.
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

// printValue writes the value as text/template prints an action's value.
func (s *state) printValue(n parse.Node, v reflect.Value) {
	s.at(n)
	iface, ok := printableValue(v)
	if !ok {
		s.errorf("can't print %s of type %s", n, v.Type())
	}
	fmt.Fprint(s.out, iface)
}

// printableValue returns the, possibly indirected, interface value
// inside v that is best for a call to formatted printer.
func printableValue(v reflect.Value) (any, bool) {
	if v.Kind() == reflect.Pointer {
		v, _ = indirectValue(v)
	}
	if !v.IsValid() {
		return "<no value>", true
	}
	if !v.Type().Implements(errorType) && !v.Type().Implements(stringerType) {
		if v.CanAddr() && (reflect.PointerTo(v.Type()).Implements(errorType) || reflect.PointerTo(v.Type()).Implements(stringerType)) {
			v = v.Addr()
		} else {
			switch v.Kind() {
			case reflect.Chan, reflect.Func:
				return nil, false
			}
		}
	}
	return v.Interface(), true
}
