package main

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"linewatch/bench/corpus"
)

// TestConvertCorpus converts a small synthetic site and checks that every
// English agency record becomes one Hugo page whose front matter keeps the
// record's fields and adds the title and taxonomies.
func TestConvertCorpus(t *testing.T) {
	files := corpus.Files(corpus.Options{Agencies: 60, Seed: 3})
	fsys := fstest.MapFS{}
	records := 0
	for p, data := range files {
		fsys[p] = &fstest.MapFile{Data: data}
		if strings.HasPrefix(p, agencyDir+"/") && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, ".ja.md") {
			records++
		}
	}
	out, err := Convert(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != records {
		t.Fatalf("%d pages, want one per English agency record (%d)", len(out), records)
	}
	for p, page := range out {
		if !strings.HasPrefix(p, "agencies/") || strings.Count(p, "/") != 1 {
			t.Errorf("page at %s, want agencies/SLUG.md", p)
		}
		front, body, ok := split(page)
		if !ok {
			t.Fatalf("%s: no front matter", p)
		}
		var m struct {
			Title, Name string
			Status      []string
			Categories  []string
			Services    []struct{ Status, Category string }
			Sources     []map[string]any
		}
		if _, err := toml.Decode(string(front), &m); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if m.Title == "" || m.Title != m.Name || len(m.Sources) == 0 || len(body) == 0 {
			t.Errorf("%s: title %q, name %q, %d sources, %d bytes of body", p, m.Title, m.Name, len(m.Sources), len(body))
		}
		for _, s := range m.Services {
			if !slices.Contains(m.Status, s.Status) || !slices.Contains(m.Categories, s.Category) {
				t.Errorf("%s: service %s/%s not in taxonomies %v %v", p, s.Status, s.Category, m.Status, m.Categories)
			}
		}
	}
}

// TestAgency checks the page text for a small record, and that records
// without front matter are refused.
func TestAgency(t *testing.T) {
	tests := []struct {
		name, in, want, err string
	}{
		{
			name: "services",
			in:   "+++\nname = \"Synthetic A\"\n\n[[services]]\ncategory = \"inquiry\"\nstatus = \"active\"\n\n[[services]]\ncategory = \"inquiry\"\nstatus = \"suspended\"\n+++\nBody.\n",
			want: "+++\ntitle = \"Synthetic A\"\nstatus = [\"active\", \"suspended\"]\ncategories = [\"inquiry\"]\nname = \"Synthetic A\"\n\n[[services]]\ncategory = \"inquiry\"\nstatus = \"active\"\n\n[[services]]\ncategory = \"inquiry\"\nstatus = \"suspended\"\n+++\nBody.\n",
		},
		{
			name: "no services",
			in:   "+++\nname = \"Synthetic B\"\n+++\n",
			want: "+++\ntitle = \"Synthetic B\"\nname = \"Synthetic B\"\n+++\n",
		},
		{name: "no front matter", in: "name = \"x\"\n", err: "no +++ front matter"},
		{name: "bad toml", in: "+++\nname = \n+++\n", err: "expected value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := agency([]byte(tt.in))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one holding %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
