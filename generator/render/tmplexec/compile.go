package tmplexec

import (
	"bytes"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	texttemplate "text/template"
	"text/template/parse"
)

// ErrUnsupported is wrapped by Compile's error when a template uses
// something this package does not execute (an escaper of a JavaScript or
// CSS context, say), and by Execute's when a value needs what it does not
// reproduce (template.HTML in an attribute). The caller then executes
// with html/template, which gives the same output, only slower.
var ErrUnsupported = errors.New("tmplexec: not supported")

// Program is a compiled html/template set, ready to execute the template
// it was compiled from. It is safe for concurrent use; the caches it
// fills while executing are atomic.
type Program struct {
	root  *tmpl
	nodes []parse.Node // by nodeID
	// states holds execution states between Executes, so that a page
	// does not allocate its own state and variable stack (a build runs
	// thousands of pages through each program).
	states sync.Pool // of *state
}

// tmpl is one compiled template of the set: its name and parse tree, for
// error messages, and its body.
type tmpl struct {
	name string
	tree *parse.Tree
	list []node
}

// The nodes of a compiled template. walk switches on their types.
type (
	// textNode is literal output, adjacent texts and folded constants merged.
	textNode struct{ text []byte }
	// actionNode is {{pipeline}}: core is the pipeline before the
	// escapers html/template appended, escs the escapers (none when the
	// pipeline ends in the predefined html or urlquery). A pipeline
	// declaring variables (no escapers, prints nothing) has print false.
	actionNode struct {
		n     *parse.ActionNode
		id    nodeID
		core  *pipe
		escs  []*escaper
		pass  chainPass // what escs leave alone, to write it as it is
		print bool
	}
	// ifNode is {{if}} or, with with set, {{with}}.
	ifNode struct {
		n              parse.Node
		id             nodeID
		with           bool
		pipe           *pipe
		list, elseList []node
	}
	rangeNode struct {
		n              *parse.RangeNode
		id             nodeID
		pipe           *pipe
		list, elseList []node
	}
	templateNode struct {
		n    *parse.TemplateNode
		id   nodeID
		t    *tmpl
		pipe *pipe
	}
	breakNode    struct{}
	continueNode struct{}
)

// node is one of the node types above.
type node any

// pipe is a compiled parse.PipeNode.
type pipe struct {
	n        *parse.PipeNode
	id       nodeID
	decl     []string
	isAssign bool
	cmds     []*command
	// single is the pipeline's one operand when it is all there is to
	// it: a chain of fields (.A.B) or a variable's ($x.A), no
	// arguments, no declaration. Conditions and ranges are mostly such.
	single operand
}

// command is a compiled parse.CommandNode; args[0] is the word that
// decides what it does (a field, a function, a constant …).
type command struct {
	n    *parse.CommandNode
	args []operand
}

// operand is one of the operand types below.
type operand any

// The operands of commands.
type (
	fieldOp struct { // .A.B
		n  *parse.FieldNode
		id nodeID
		*fields
	}
	chainOp struct { // (pipeline).A.B
		n    *parse.ChainNode
		id   nodeID
		base operand
		*fields
	}
	varOp struct { // $x.A.B
		n       *parse.VariableNode
		id      nodeID
		name    string
		*fields // the fields after the variable
	}
	funcOp struct { // a function name
		n  *parse.IdentifierNode
		id nodeID
		fn *function
	}
	pipeOp struct{ p *pipe }
	dotOp  struct {
		n  *parse.DotNode
		id nodeID
	}
	nilOp struct {
		n  *parse.NilNode
		id nodeID
	}
	boolOp struct {
		n  *parse.BoolNode
		id nodeID
	}
	numberOp struct {
		n  *parse.NumberNode
		id nodeID
	}
	stringOp struct {
		n  *parse.StringNode
		id nodeID
	}
)

// fieldCache remembers how one field name resolved on the last receiver
// type it met, so a field is found by index and a method by number
// instead of by name on every execution.
type fieldCache struct {
	p       atomic.Pointer[fieldEntry]
	methods map[methodKey]*Direct // read-only, shared by the whole program
}

// fields are the names of a chain of fields or methods (.A.B.C) and
// what they resolved to: each name on its own, and the whole chain at
// once for the receiver type it last met (path).
type fields struct {
	idents  []string
	caches  []fieldCache
	path    atomic.Pointer[pathEntry]
	methods map[methodKey]*Direct // read-only, shared by the whole program
}

// fields returns the fields of idents, with caches that know the
// program's Directs.
func (c *compiler) fields(idents []string) *fields {
	f := &fields{idents: idents, caches: make([]fieldCache, len(idents)), methods: c.methods}
	for i := range f.caches {
		f.caches[i].methods = c.methods
	}
	return f
}

// fieldEntry is a resolved field name for one receiver type.
type fieldEntry struct {
	typ      reflect.Type // the receiver's type, pointers followed
	addr     bool         // the receiver was addressable (methods of *T apply)
	method   int          // the method's index, or -1
	index    []int        // the struct field's index, when method is -1
	exported bool
	direct   *Direct // the method as Go code, when given to Compile
}

// Compile compiles the html/template t, which html/template must already
// have escaped (by executing it once), and every template it calls, with
// funcs the functions of the set (the same FuncMap given to t.Funcs; the
// builtins and html/template's escapers are added here). The error wraps
// ErrUnsupported when t uses something this package does not execute.
//
// Compile assumes the default missingkey option.
func Compile(t *htmltemplate.Template, funcs htmltemplate.FuncMap, direct ...Direct) (*Program, error) {
	text := textOf(t)
	if text == nil {
		return nil, fmt.Errorf("%w: cannot reach the escaped templates of %s", ErrUnsupported, t.Name())
	}
	c := &compiler{text: text, funcs: make(map[string]*function), tmpls: make(map[string]*tmpl), nodes: []parse.Node{nil}}
	for name, f := range builtinFuncs() {
		c.funcs[name] = f
	}
	for name, fn := range funcs {
		f, err := newFunction(name, fn, false)
		if err != nil {
			return nil, err
		}
		c.funcs[name] = f
	}
	c.funcs["_eval_args_"], _ = newFunction("_eval_args_", evalArgs, false)
	c.methods = make(map[methodKey]*Direct)
	for _, d := range direct {
		if err := d.check(c.funcs); err != nil {
			return nil, err
		}
		if d.method {
			c.methods[methodKey{d.in, d.name}] = &d
		} else {
			c.funcs[d.name].direct = &d
		}
	}
	root, err := c.template(t.Name())
	if err != nil {
		return nil, err
	}
	return &Program{root: root, nodes: c.nodes}, nil
}

// textOf returns the text/template behind the html/template t: only its
// name space holds the templates html/template derived for calls in other
// contexts ("title$htmltemplate_stateRCDATA_elementTitle"), which the
// escaped trees call. html/template offers no accessor, so this reads its
// unexported field, checking name and type first: should a Go release
// change them, Compile reports ErrUnsupported and pages run on
// html/template as before.
func textOf(t *htmltemplate.Template) *texttemplate.Template {
	f := reflect.ValueOf(t).Elem().FieldByName("text")
	if !f.IsValid() || f.Type() != reflect.TypeFor[*texttemplate.Template]() || f.IsNil() {
		return nil
	}
	return (*texttemplate.Template)(f.UnsafePointer())
}

// compiler holds the state of one Compile.
type compiler struct {
	text  *texttemplate.Template
	funcs map[string]*function
	tmpls map[string]*tmpl
	cur   *tmpl // the template being compiled, for error messages
	// methods are the Directs for methods; each fieldOp keeps the map
	// to consult when its cache resolves a method.
	methods map[methodKey]*Direct
	// nodes are the parse nodes execution may stand on, by nodeID; the
	// Program keeps them.
	nodes []parse.Node
}

// A nodeID numbers a parse node of the program (Program.nodes); 0 is
// none. Execution records where it stands, for error messages, at
// nearly every node, and an integer is stored without the write barrier
// that storing a pointer into the heap-allocated state costs while the
// garbage collector runs.
type nodeID int32

// id gives n a nodeID.
func (c *compiler) id(n parse.Node) nodeID {
	c.nodes = append(c.nodes, n)
	return nodeID(len(c.nodes) - 1)
}

// unsupported returns an error wrapping ErrUnsupported that names the
// template and line of n.
func (c *compiler) unsupported(n parse.Node, format string, args ...any) error {
	loc := c.cur.name
	if n != nil {
		loc, _ = c.cur.tree.ErrorContext(n)
	}
	return fmt.Errorf("%w: %s: %s", ErrUnsupported, loc, fmt.Sprintf(format, args...))
}

// template compiles the named template of the name space, once.
func (c *compiler) template(name string) (*tmpl, error) {
	if t, ok := c.tmpls[name]; ok {
		return t, nil
	}
	tt := c.text.Lookup(name)
	if tt == nil || tt.Tree == nil || tt.Tree.Root == nil {
		return nil, fmt.Errorf("%w: template %q is not defined", ErrUnsupported, name)
	}
	t := &tmpl{name: name, tree: tt.Tree}
	c.tmpls[name] = t // before the body, for recursive templates
	saved := c.cur
	c.cur = t
	defer func() { c.cur = saved }()
	list, err := c.list(tt.Tree.Root)
	if err != nil {
		return nil, err
	}
	t.list = list
	return t, nil
}

// list compiles a list of nodes, folding constant actions into text and
// merging adjacent texts.
func (c *compiler) list(l *parse.ListNode) ([]node, error) {
	if l == nil {
		return nil, nil
	}
	var out []node
	for _, n := range l.Nodes {
		cn, err := c.node(n)
		if err != nil {
			return nil, err
		}
		if cn == nil {
			continue
		}
		if t, ok := cn.(*textNode); ok {
			if len(t.text) == 0 {
				continue
			}
			if len(out) > 0 {
				if prev, ok := out[len(out)-1].(*textNode); ok {
					prev.text = append(prev.text, t.text...)
					continue
				}
			}
			t = &textNode{text: bytes.Clone(t.text)}
			out = append(out, t)
			continue
		}
		out = append(out, cn)
	}
	return out, nil
}

// node compiles one node; a comment compiles to nil.
func (c *compiler) node(n parse.Node) (node, error) {
	switch n := n.(type) {
	case *parse.TextNode:
		return &textNode{text: n.Text}, nil
	case *parse.CommentNode:
		return nil, nil
	case *parse.ActionNode:
		return c.action(n)
	case *parse.IfNode:
		return c.branch(n, &n.BranchNode, false)
	case *parse.WithNode:
		return c.branch(n, &n.BranchNode, true)
	case *parse.RangeNode:
		p, err := c.pipe(n.Pipe)
		if err != nil {
			return nil, err
		}
		list, err := c.list(n.List)
		if err != nil {
			return nil, err
		}
		elseList, err := c.list(n.ElseList)
		if err != nil {
			return nil, err
		}
		return &rangeNode{n: n, id: c.id(n), pipe: p, list: list, elseList: elseList}, nil
	case *parse.TemplateNode:
		t, err := c.template(n.Name)
		if err != nil {
			return nil, err
		}
		p, err := c.pipe(n.Pipe)
		if err != nil {
			return nil, err
		}
		return &templateNode{n: n, id: c.id(n), t: t, pipe: p}, nil
	case *parse.BreakNode:
		return &breakNode{}, nil
	case *parse.ContinueNode:
		return &continueNode{}, nil
	}
	return nil, c.unsupported(n, "node %s", n)
}

// branch compiles an if or with.
func (c *compiler) branch(n parse.Node, b *parse.BranchNode, with bool) (node, error) {
	p, err := c.pipe(b.Pipe)
	if err != nil {
		return nil, err
	}
	list, err := c.list(b.List)
	if err != nil {
		return nil, err
	}
	elseList, err := c.list(b.ElseList)
	if err != nil {
		return nil, err
	}
	return &ifNode{n: n, id: c.id(n), with: with, pipe: p, list: list, elseList: elseList}, nil
}

// action compiles {{pipeline}}, splitting off the escapers html/template
// appended and folding a constant string through them into text.
func (c *compiler) action(n *parse.ActionNode) (node, error) {
	if len(n.Pipe.Decl) > 0 {
		p, err := c.pipe(n.Pipe)
		if err != nil {
			return nil, err
		}
		return &actionNode{n: n, id: c.id(n), core: p}, nil
	}
	cmds := n.Pipe.Cmds
	k := len(cmds)
	for k > 0 {
		id, ok := cmds[k-1].Args[0].(*parse.IdentifierNode)
		if !ok || escapers[id.Ident] == nil || len(cmds[k-1].Args) != 1 {
			break
		}
		k--
	}
	if k == len(cmds) {
		// html/template keeps a final predefined escaper (html,
		// urlquery) that does its own job; any other action printing
		// without an escaper means the set was not escaped.
		id, ok := cmds[k-1].Args[0].(*parse.IdentifierNode)
		if !ok || (id.Ident != "html" && id.Ident != "urlquery") || !c.funcs[id.Ident].builtin {
			return nil, c.unsupported(n, "action %s prints without an escaper (was the set escaped?)", n)
		}
		p, err := c.pipe(n.Pipe)
		if err != nil {
			return nil, err
		}
		return &actionNode{n: n, id: c.id(n), core: p, print: true}, nil
	}
	if k == 0 {
		return nil, c.unsupported(n, "action %s has no value before its escapers", n)
	}
	var escs []*escaper
	for _, cmd := range cmds[k:] {
		escs = append(escs, escapers[cmd.Args[0].(*parse.IdentifierNode).Ident])
	}
	if k == 1 && len(cmds[0].Args) == 1 {
		if s, ok := cmds[0].Args[0].(*parse.StringNode); ok {
			var b bytes.Buffer
			if escapeChain(&b, escs, s.Text, contentTypePlain) {
				return &textNode{text: b.Bytes()}, nil
			}
		}
	}
	core := &parse.PipeNode{NodeType: parse.NodePipe, Pos: n.Pipe.Pos, Line: n.Pipe.Line, Cmds: cmds[:k]}
	p, err := c.pipe(core)
	if err != nil {
		return nil, err
	}
	p.n, p.id = n.Pipe, c.id(n.Pipe) // errors quote the whole pipeline, as html/template's do
	return &actionNode{n: n, id: c.id(n), core: p, escs: escs, pass: passOf(escs), print: true}, nil
}

// pipe compiles a pipeline; nil stays nil.
func (c *compiler) pipe(p *parse.PipeNode) (*pipe, error) {
	if p == nil {
		return nil, nil
	}
	out := &pipe{n: p, id: c.id(p), isAssign: p.IsAssign}
	for _, d := range p.Decl {
		out.decl = append(out.decl, d.Ident[0])
	}
	for _, cmd := range p.Cmds {
		cc := &command{n: cmd}
		for _, a := range cmd.Args {
			op, err := c.operand(a)
			if err != nil {
				return nil, err
			}
			cc.args = append(cc.args, op)
		}
		out.cmds = append(out.cmds, cc)
	}
	if len(out.decl) == 0 && len(out.cmds) == 1 && len(out.cmds[0].args) == 1 {
		switch op := out.cmds[0].args[0].(type) {
		case *fieldOp:
			out.single = op
		case *varOp:
			if len(op.idents) > 0 {
				out.single = op
			}
		}
	}
	return out, nil
}

// operand compiles one argument of a command.
func (c *compiler) operand(n parse.Node) (operand, error) {
	switch n := n.(type) {
	case *parse.FieldNode:
		return &fieldOp{n: n, id: c.id(n), fields: c.fields(n.Ident)}, nil
	case *parse.ChainNode:
		base, err := c.operand(n.Node)
		if err != nil {
			return nil, err
		}
		return &chainOp{n: n, id: c.id(n), base: base, fields: c.fields(n.Field)}, nil
	case *parse.VariableNode:
		rest := n.Ident[1:]
		return &varOp{n: n, id: c.id(n), name: n.Ident[0], fields: c.fields(rest)}, nil
	case *parse.IdentifierNode:
		if strings.HasPrefix(n.Ident, "_html_template_") {
			return nil, c.unsupported(n, "escaper %s", n.Ident)
		}
		f := c.funcs[n.Ident]
		if f == nil {
			return nil, c.unsupported(n, "function %q is not known", n.Ident)
		}
		return &funcOp{n: n, id: c.id(n), fn: f}, nil
	case *parse.PipeNode:
		p, err := c.pipe(n)
		if err != nil {
			return nil, err
		}
		return &pipeOp{p: p}, nil
	case *parse.DotNode:
		return &dotOp{n: n, id: c.id(n)}, nil
	case *parse.NilNode:
		return &nilOp{n: n, id: c.id(n)}, nil
	case *parse.BoolNode:
		return &boolOp{n: n, id: c.id(n)}, nil
	case *parse.NumberNode:
		return &numberOp{n: n, id: c.id(n)}, nil
	case *parse.StringNode:
		return &stringOp{n: n, id: c.id(n)}, nil
	}
	return nil, c.unsupported(n, "operand %s", n)
}

// idOf returns the id of an operand's parse node, for error positions.
func idOf(op operand) nodeID {
	switch op := op.(type) {
	case *fieldOp:
		return op.id
	case *chainOp:
		return op.id
	case *varOp:
		return op.id
	case *funcOp:
		return op.id
	case *pipeOp:
		return op.p.id
	case *dotOp:
		return op.id
	case *nilOp:
		return op.id
	case *boolOp:
		return op.id
	case *numberOp:
		return op.id
	case *stringOp:
		return op.id
	}
	return 0
}
