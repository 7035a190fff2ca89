package render

import (
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"
)

// sameKeys checks that every language's translations have the same keys,
// so no page shows a gap in one language that the other fills.
func sameKeys(cats map[string]catalog) error {
	var problems []string
	for _, lang := range langs {
		for key := range cats[lang] {
			for _, o := range langs {
				if _, ok := cats[o][key]; !ok {
					problems = append(problems, fmt.Sprintf("%s/%s.toml: key %q is missing (%s/%s.toml has it)", i18nDir, o, key, i18nDir, lang))
				}
			}
		}
	}
	if len(problems) > 0 {
		slices.Sort(problems)
		return fmt.Errorf("translations differ:\n%s", strings.Join(problems, "\n"))
	}
	return nil
}

// checkKeys finds every literal {{t "key"}} or {{tf "key" …}} in the
// templates of t's set and checks each language has the key; errors give
// the template's file:line:col.
func checkKeys(t *template.Template, cats map[string]catalog) error {
	var problems []string
	for _, tt := range t.Templates() {
		if tt.Tree == nil || tt.Tree.Root == nil {
			continue
		}
		tree := tt.Tree
		walk(tree.Root, func(_ *parse.CommandNode, key *parse.StringNode) {
			for _, lang := range langs {
				if _, ok := cats[lang][key.Text]; !ok {
					loc, _ := tree.ErrorContext(key)
					problems = append(problems, fmt.Sprintf("%s: translation key %q is missing from %s/%s.toml", loc, key.Text, i18nDir, lang))
				}
			}
		})
	}
	if len(problems) > 0 {
		slices.Sort(problems)
		problems = slices.Compact(problems)
		return fmt.Errorf("layouts: %s", strings.Join(problems, "\n"))
	}
	return nil
}

// inline replaces each literal {{t "key"}} in t's set by the translation
// itself, as a string constant. The set must be a language's own clone
// (html/template copies parse trees when cloning) and not yet executed.
// html/template still escapes the constant for its context, so this is
// exactly what t would have returned, minus a reflective call per label:
// labels are most of the actions of a page, and calls most of the cost.
func inline(t *template.Template, cat catalog) {
	for _, tt := range t.Templates() {
		if tt.Tree == nil || tt.Tree.Root == nil {
			continue
		}
		walk(tt.Tree.Root, func(cmd *parse.CommandNode, key *parse.StringNode) {
			text, ok := cat[key.Text]
			if !ok || len(cmd.Args) != 2 || cmd.Args[0].(*parse.IdentifierNode).Ident != "t" {
				return
			}
			s := key.Copy().(*parse.StringNode)
			s.Text, s.Quoted = text, strconv.Quote(text)
			cmd.Args = []parse.Node{s}
		})
	}
}

// walk calls found for each literal translation key under n: a command
// {{t "key"}} or {{tf "key" args…}}.
func walk(n parse.Node, found func(cmd *parse.CommandNode, key *parse.StringNode)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walk(c, found)
		}
	case *parse.ActionNode:
		walk(n.Pipe, found)
	case *parse.IfNode:
		walkBranch(&n.BranchNode, found)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, found)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, found)
	case *parse.TemplateNode:
		walk(n.Pipe, found)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walk(c, found)
		}
	case *parse.CommandNode:
		if len(n.Args) >= 2 {
			if id, ok := n.Args[0].(*parse.IdentifierNode); ok && (id.Ident == "t" || id.Ident == "tf") {
				if s, ok := n.Args[1].(*parse.StringNode); ok {
					found(n, s)
				}
			}
		}
		for _, a := range n.Args {
			walk(a, found)
		}
	case *parse.ChainNode:
		walk(n.Node, found)
	}
}

// walkBranch walks the pipeline and both lists of an if, range or with.
func walkBranch(b *parse.BranchNode, found func(*parse.CommandNode, *parse.StringNode)) {
	walk(b.Pipe, found)
	walk(b.List, found)
	walk(b.ElseList, found)
}
