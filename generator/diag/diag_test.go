package diag

import "testing"

func TestDiagnosticString(t *testing.T) {
	tests := []struct {
		name string
		d    Diagnostic
		want string
	}{
		{"full", Diagnostic{Pos{"content/a.md", 9, 10}, "services[1].status", `unknown value "x"`}, `content/a.md:9:10: services[1].status: unknown value "x"`},
		{"no column", Diagnostic{Pos{"content/a.md", 9, 0}, "name", "required"}, "content/a.md:9: name: required"},
		{"no line", Diagnostic{Pos{"content/a.md", 0, 4}, "sources", "at least one source is required"}, "content/a.md: sources: at least one source is required"},
		{"no field", Diagnostic{Pos{"site.toml", 2, 1}, "", "bad"}, "site.toml:2:1: bad"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestListSortDedupSummary(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("empty list must have nil Err")
	}
	l.Add(Pos{"b.md", 1, 1}, "name", "x")
	l.Add(Pos{"a.md", 5, 1}, "name", "y")
	l.Add(Pos{"a.md", 2, 3}, "code", "z")
	l.Add(Pos{"a.md", 2, 3}, "code", "z")
	l.Sort()
	want := "a.md:2:3: code: z\na.md:5:1: name: y\nb.md:1:1: name: x\n"
	if got := l.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := l.Summary(); got != "3 problems in 2 files" {
		t.Errorf("summary %q", got)
	}
	if l.Err() == nil || l.Error() != "a.md:2:3: code: z (and 2 more)" {
		t.Errorf("Error() = %q", l.Error())
	}
	one := List{{Pos{"a.md", 0, 0}, "f", "m"}}
	if got := one.Summary(); got != "1 problem in 1 file" {
		t.Errorf("summary %q", got)
	}
}

func TestSuggest(t *testing.T) {
	statuses := []string{"active", "under-review", "suspended", "postponed", "planned", "resumed", "discontinued"}
	keys := []string{"name", "name_ja", "title", "prefecture", "updated"}
	tests := []struct {
		got  string
		opts []string
		want string
	}{
		{"suspend", statuses, "suspended"},
		{"Suspended", statuses, "suspended"},
		{"activ", statuses, "active"},
		{"underreview", statuses, "under-review"},
		{"zzz", statuses, ""},
		{"titel", keys, "title"},
		{"prefectur", keys, "prefecture"},
		{"nmae_ja", keys, "name_ja"},
		{"colour", keys, ""},
		{"x", nil, ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.got, tt.opts); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.got, got, tt.want)
		}
	}
	if got := DidYouMean("suspend", statuses); got != `; did you mean "suspended"?` {
		t.Errorf("DidYouMean = %q", got)
	}
}
