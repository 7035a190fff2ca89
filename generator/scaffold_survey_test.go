package generator_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"linewatch/generator"
)

// A survey scaffold holds every survey key, and once its empty strings
// are filled in it is a valid survey: the scaffold cannot drift from the
// validator.
func TestSurveyScaffold(t *testing.T) {
	dir := t.TempDir()
	full, err := generator.NewRecord(dir, "content/surveys/mic-2021.md")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, key := range []string{"title", "title_ja", "surveyed", "surveyed_ja", "as_of", `scope = "local"`, "local | national",
		"[[figures]]", "label", "label_ja", "value", "total", "note", "note_ja", "[[sources]]", "publisher"} {
		if !strings.Contains(text, key) {
			t.Errorf("survey scaffold lacks %q", key)
		}
	}
	if strings.Contains(text, "level =") {
		t.Error("survey scaffold holds agency keys")
	}
	filled := strings.ReplaceAll(text, `= ""`, `= "x"`)
	filled = strings.ReplaceAll(filled, `url = "x"`, `url = "https://example.org/"`)
	if err := os.WriteFile(full, []byte(filled), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := generator.New(generator.Config{SourceDir: dir, Out: filepath.Join(t.TempDir(), "public")})
	if err != nil {
		t.Fatal(err)
	}
	in, err := b.Check()
	if err != nil {
		t.Fatalf("filled survey scaffold: %v", err)
	}
	if len(in.Surveys) != 1 || len(in.Surveys[0].Figures) != 1 || in.Surveys[0].Figures[0].Total != 1 {
		t.Errorf("surveys = %+v", in.Surveys)
	}
}
