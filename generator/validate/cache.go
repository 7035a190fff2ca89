package validate

import (
	"slices"

	"linewatch/generator/diag"
	"linewatch/generator/load"
	"linewatch/generator/model"
	"linewatch/generator/refdata"
)

// Cache remembers, between checks of one site, what checking each record
// on its own gave: the typed record and its problems. Watch mode checks
// the whole site on every save, because the rules across records (unique
// slugs, Japanese siblings, the agencies an event names) need all of it;
// but a record that was not touched checks the same as last time, so with
// a Cache only the records that changed are checked again, and the rules
// across records run over the rest as remembered.
//
// A record's result is reused when the record and its Japanese sibling are
// load.Doc.Same as when it was checked, the reference data is the same,
// and, for an event, the set of agency slugs has not changed. The zero
// Cache is empty and ready to use. A Cache is not safe for concurrent use.
type Cache struct {
	ref     *refdata.Data
	slugs   []string // the agency slugs the remembered events were checked against
	entries []*entry // sorted by record path
}

// entry is one record's result and what it was made from.
type entry struct {
	doc load.Doc  // the record as checked
	ja  *load.Doc // its Japanese sibling as checked, nil when it had none
	res result
}

// Check is the package's Check, reusing what c remembers and remembering
// what it checks; it returns exactly what Check returns.
func (c *Cache) Check(cfg load.Doc, docs []load.Doc, ref *refdata.Data) (model.Input, diag.List) {
	return check(cfg, docs, nil, ref, c)
}

// reuse returns, for each record, what c remembers of it when that still
// fits, else nil; a nil slice when c remembers nothing that fits.
func (c *Cache) reuse(mains []*load.Doc, jas map[string]*load.Doc, slugs []string, ref *refdata.Data) []*entry {
	if c == nil || c.ref != ref || len(c.entries) == 0 {
		return nil
	}
	events := slices.Equal(c.slugs, slugs)
	prev := make([]*entry, len(mains))
	j := 0
	for i, d := range mains {
		// Both lists are sorted by path: walk them side by side.
		for j < len(c.entries) && c.entries[j].doc.Path < d.Path {
			j++
		}
		if j < len(c.entries) && c.entries[j].fits(d, jas[siblingKey(d)], events) {
			prev[i] = c.entries[j]
		}
	}
	return prev
}

// remember replaces what c holds with this check: the entries reused
// (prev, from reuse) and the results of the records checked again. mains
// come sorted by path from pair, so the entries are too.
func (c *Cache) remember(mains []*load.Doc, jas map[string]*load.Doc, slugs []string, ref *refdata.Data, prev []*entry, results []result) {
	if c == nil {
		return
	}
	entries := make([]*entry, len(mains))
	for i, d := range mains {
		if prev != nil && prev[i] != nil {
			entries[i] = prev[i]
			continue
		}
		e := &entry{doc: *d, res: results[i]}
		if ja := jas[siblingKey(d)]; ja != nil {
			sib := *ja
			e.ja = &sib
		}
		entries[i] = e
	}
	c.ref, c.slugs, c.entries = ref, slugs, entries
}

// fits reports whether the remembered result stands for record d with
// Japanese sibling ja (nil when none) now. events says whether the agency
// slugs are those the remembered events were checked against.
func (e *entry) fits(d, ja *load.Doc, events bool) bool {
	switch {
	case !e.doc.Same(d):
		return false
	case (ja == nil) != (e.ja == nil):
		return false
	case ja != nil && !e.ja.Same(ja):
		return false
	}
	return d.Kind != load.Event || events
}
