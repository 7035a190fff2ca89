package tomlfast

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzFastTOML holds Decode to its one promise: whatever it accepts,
// BurntSushi accepts too, with the same value. The seeds are the cases of
// this package's tests and the TOML of the generator's test fixtures.
func FuzzFastTOML(f *testing.F) {
	for _, list := range [][]struct{ name, text string }{handled, rejected, declined} {
		for _, c := range list {
			f.Add(c.text)
		}
	}
	for _, text := range fixtureTOML(f) {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		check(t, text)
	})
}

// fixtureTOML returns the TOML of every file in the generator's txtar
// fixtures: the front matter of .md files and the whole of .toml files.
func fixtureTOML(tb testing.TB) []string {
	tb.Helper()
	paths, err := filepath.Glob("../../testdata/*/*.txtar")
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no fixtures found (%v)", err)
	}
	var out []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		for name, body := range txtarFiles(string(data)) {
			switch {
			case strings.HasSuffix(name, ".toml"):
				out = append(out, body)
			case strings.HasSuffix(name, ".md"):
				if front, ok := frontMatter(body); ok {
					out = append(out, front)
				}
			}
		}
	}
	return out
}

// txtarFiles cuts a txtar archive into its files, name to content.
func txtarFiles(archive string) map[string]string {
	files := map[string]string{}
	name := ""
	var b strings.Builder
	for line := range strings.SplitAfterSeq(archive, "\n") {
		trim := strings.TrimRight(line, "\n")
		if strings.HasPrefix(trim, "-- ") && strings.HasSuffix(trim, " --") && len(trim) > 6 {
			if name != "" {
				files[name] = b.String()
			}
			name = strings.TrimSpace(trim[3 : len(trim)-3])
			b.Reset()
			continue
		}
		b.WriteString(line)
	}
	if name != "" {
		files[name] = b.String()
	}
	return files
}

// frontMatter returns the TOML between a Markdown file's +++ lines.
func frontMatter(md string) (string, bool) {
	rest, ok := strings.CutPrefix(md, "+++\n")
	if !ok {
		return "", false
	}
	front, _, ok := strings.Cut(rest, "\n+++")
	return front + "\n", ok
}

func TestFixturesSeedTheFuzzer(t *testing.T) {
	if n := len(fixtureTOML(t)); n < 10 {
		t.Errorf("only %d TOML texts in the fixtures", n)
	}
}

// TestDecodeRandom compares Decode with BurntSushi over many generated
// documents that crowd a few short keys into headers, arrays of tables,
// dotted keys, inline tables and arrays, where the rules on defining a
// table twice bite and byte-level fuzzing rarely reaches. It also checks
// that Decode handles a fair share of them, so the comparison is not
// vacuous.
func TestDecodeRandom(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 2000
	}
	r := rand.New(rand.NewPCG(1, 2))
	handledN, valid := 0, 0
	for range n {
		text := randomDoc(r)
		if _, err := slow(text); err == nil {
			valid++
		}
		if check(t, text) {
			handledN++
		}
		if t.Failed() {
			return
		}
	}
	t.Logf("%d documents, %d valid for BurntSushi, %d handled", n, valid, handledN)
	if handledN < n/10 {
		t.Errorf("only %d of %d documents handled", handledN, n)
	}
}

func randomDoc(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(10) {
		switch r.IntN(7) {
		case 0:
			b.WriteString("[" + randomKey(r) + "]")
		case 1, 2:
			b.WriteString("[[" + randomKey(r) + "]]")
		default:
			b.WriteString(randomKey(r) + " = " + randomValue(r, 0))
		}
		if r.IntN(8) == 0 {
			b.WriteString(" # c")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func randomKey(r *rand.Rand) string {
	parts := []string{"a", "b", "c", `"a"`, "'b'", `"a.b"`, `""`}
	var b strings.Builder
	for i := range 1 + r.IntN(3) {
		if i > 0 {
			b.WriteString([]string{".", " . ", "."}[r.IntN(3)])
		}
		b.WriteString(parts[r.IntN(len(parts))])
	}
	return b.String()
}

func randomValue(r *rand.Rand, depth int) string {
	n := 9
	if depth > 2 {
		n = 7
	}
	switch r.IntN(n) {
	case 0:
		return []string{"1", "-0", "0x1f", "1_0", "1.5", "-inf", "nan", "1e3"}[r.IntN(8)]
	case 1:
		return []string{`"s"`, `'l'`, `"e\u00e9"`, "\"\"\"\nm\\\n  x\"\"\"", "'''r'''"}[r.IntN(5)]
	case 2:
		return []string{"true", "false"}[r.IntN(2)]
	case 3:
		return []string{"2021-03-19", "2021-03-19T01:02:03", "01:02:03", "2021-03-19T01:02:03+09:00", "2021-03-19 01:02:03Z"}[r.IntN(5)]
	case 4, 5, 6:
		if depth > 2 {
			return "1"
		}
		var b strings.Builder
		b.WriteByte('[')
		for i := range r.IntN(3) {
			if i > 0 {
				b.WriteString([]string{",", ", ", ",\n"}[r.IntN(3)])
			}
			b.WriteString(randomValue(r, depth+1))
		}
		if r.IntN(4) == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(']')
		return b.String()
	default:
		var b strings.Builder
		b.WriteByte('{')
		for i := range r.IntN(4) {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(randomKey(r) + " = " + randomValue(r, depth+1))
		}
		b.WriteByte('}')
		return b.String()
	}
}
