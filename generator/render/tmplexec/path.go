package tmplexec

import "reflect"

// pathEntry is a chain of names (.A.B.C) resolved at once for one type of
// its receiver: every name but the last a struct field, each found by
// index, and the last a field or a Direct method. Walking it checks the
// receiver's type once and steps through the fields with no lookup, no
// check of arguments and no cache per name, which is most of what a
// template does to read its data. A chain that does not resolve so for a
// type (a method with arguments, a map, an interface on the way, an
// unexported field …) has ok false and always goes name by name
// (evalField), which also gives every error.
type pathEntry struct {
	typ    reflect.Type // the receiver's type, pointers followed
	addr   bool         // the receiver was addressable
	ok     bool
	steps  []pathStep
	direct *Direct // the last name's method, called on what steps reach
}

// pathStep is one field of a path: its index (more than one number for a
// field of an embedded struct), and whether it is a pointer to follow
// before the next name.
type pathStep struct {
	index []int
	deref bool
}

// walk evaluates the chain f on receiver through its path, when the
// chain resolves to one for the receiver's type. It returns the last
// field's value, or, when d is not nil, the receiver of the last name's
// Direct method, which the caller calls. ok is false when the chain must
// be evaluated name by name: it has no path for this type, or a pointer
// on the way is nil (whose error evalField gives).
func (f *fields) walk(receiver reflect.Value) (v reflect.Value, d *Direct, ok bool) {
	v, isNil := indirectValue(receiver)
	if !v.IsValid() || isNil {
		return zero, nil, false
	}
	t, addr := v.Type(), v.CanAddr()
	e := f.path.Load()
	if e == nil || e.typ != t || e.addr != addr {
		e = f.resolve(t, addr)
		f.path.Store(e)
	}
	if !e.ok {
		return zero, nil, false
	}
	for i := range e.steps {
		st := &e.steps[i]
		if len(st.index) == 1 {
			v = v.Field(st.index[0])
		} else {
			for _, x := range st.index {
				v = v.Field(x)
			}
		}
		if st.deref {
			if v.IsNil() {
				return zero, nil, false
			}
			v = v.Elem()
		}
	}
	return v, e.direct, true
}

// resolve finds the path of the chain for a receiver of type t
// (addressable or not), following text/template's rules for each name
// as lookupField does: a method first, then a field.
func (f *fields) resolve(t reflect.Type, addr bool) *pathEntry {
	e := &pathEntry{typ: t, addr: addr}
	last := len(f.idents) - 1
	for i, name := range f.idents {
		le := lookupField(t, addr, name)
		if le.method >= 0 {
			d := f.methods[methodKey{t, name}]
			if i != last || d == nil {
				return e
			}
			e.direct = d
			break
		}
		if le.index == nil || !le.exported || !directPath(t, le.index) {
			return e
		}
		ft := t.FieldByIndex(le.index).Type
		st := pathStep{index: le.index}
		if i != last {
			switch {
			case ft.Kind() == reflect.Struct:
			case ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct:
				st.deref = true
				ft, addr = ft.Elem(), true
			default:
				return e // an interface, a map …: resolved per value
			}
		}
		e.steps = append(e.steps, st)
		t = ft
	}
	e.ok = true
	return e
}

// directPath reports whether the field of t at index is reached without
// going through a pointer: an embedded *T on the way may be nil, which
// evalField reports as an error.
func directPath(t reflect.Type, index []int) bool {
	for _, x := range index[:len(index)-1] {
		t = t.Field(x).Type
		if t.Kind() != reflect.Struct {
			return false
		}
	}
	return true
}
