package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"linewatch/generator"
	"linewatch/generator/model"
	"linewatch/generator/refdata"
)

// TestShippedContent checks the real records in content/ (issue 8): every
// record validates, every code belongs to its prefecture, every source has
// a publisher, and the totals the home page shows match the records.
func TestShippedContent(t *testing.T) {
	b, err := generator.New(generator.Config{SourceDir: "."})
	if err != nil {
		t.Fatal(err)
	}
	in, err := b.Check()
	if err != nil {
		t.Fatalf("content does not validate:\n%v", err)
	}
	if len(in.Agencies) < 100 || len(in.Events) < 20 {
		t.Errorf("%d agencies and %d events; the research gives well over a hundred bodies", len(in.Agencies), len(in.Events))
	}
	ref, err := refdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	starters := map[string]bool{"mic": false, "mhlw": false, "cabinet-secretariat": false, "osaka-city": false}
	var services int
	byStatus := map[model.Status]int{}
	for _, a := range in.Agencies {
		if _, ok := starters[a.Slug]; ok {
			starters[a.Slug] = true
		}
		if a.Level != model.National {
			g, ok := ref.LocalGov(a.Code)
			p, _ := ref.Prefecture(a.Prefecture)
			if !ok || g.PrefectureCode != p.Code {
				t.Errorf("%s: code %q does not belong to %s", a.Path, a.Code, a.Prefecture)
			}
			if a.Level == model.Prefectural && a.Code != p.LocalCode {
				t.Errorf("%s: a prefecture's record must carry the prefecture's own code %s", a.Path, p.LocalCode)
			}
		}
		if a.NameJA == "" || a.BodyJA == "" {
			t.Errorf("%s: no Japanese name or body", a.Path)
		}
		for i, s := range a.Sources {
			if s.Publisher == "" || s.Title == "" {
				t.Errorf("%s: sources[%d] lacks a title or publisher", a.Path, i+1)
			}
		}
		for _, s := range a.Services {
			services++
			byStatus[s.Status]++
			if s.NameJA == "" {
				t.Errorf("%s: service %q has no Japanese name", a.Path, s.Name)
			}
		}
	}
	for slug, found := range starters {
		if !found {
			t.Errorf("starter body %s has no record", slug)
		}
	}

	out := filepath.Join(t.TempDir(), "public")
	if code, _, errs := runCmd("build", "-out", out); code != 0 {
		t.Fatalf("build: %s", errs)
	}
	home, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		fmt.Sprintf("<strong>%d</strong>", len(in.Agencies)),
		fmt.Sprintf("<strong>%d</strong>", services),
	} {
		if !strings.Contains(string(home), want) {
			t.Errorf("home page lacks the total %s", want)
		}
	}
	for _, st := range model.Statuses {
		row := regexp.MustCompile(`href="/status/` + string(st) + `/">[^<]*</a></th><td class="num">(\d+)</td>`)
		m := row.FindSubmatch(home)
		if m == nil || string(m[1]) != fmt.Sprint(byStatus[st]) {
			t.Errorf("home page count for %s: got %q, want %d", st, m, byStatus[st])
		}
	}
}
