package load

import (
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzSplit feeds arbitrary bytes through normalisation, the front matter
// split and the key index. None may panic, the split must give back the
// text it was given, and every indexed position must lie inside the file.
func FuzzSplit(f *testing.F) {
	f.Add([]byte("+++\nname = \"x\"\n+++\nbody\n"))
	f.Add([]byte("\uFEFF+++\r\na = 1\r\n+++\r\n"))
	f.Add([]byte("+++\n"))
	f.Add([]byte("+++\nnote = \"\"\"\n+++\n\"\"\"\n+++\n"))
	f.Add([]byte("+++\n[[a.b]]\n[[a]]\n[[a.b]]\nx = [1, [2, {y = 3}], '''\n]'''\n]\n+++\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		text, line, _, problem := normalise(data)
		if problem != "" {
			if line < 1 {
				t.Fatalf("problem %q at line %d", problem, line)
			}
			return
		}
		p, problem := split(text)
		if problem != "" {
			return
		}
		if p.HasFront {
			if !strings.Contains(text, p.Front) || !strings.HasSuffix(text, p.Body) || p.BodyLine < 3 {
				t.Fatalf("split(%q) = %+v", text, p)
			}
		} else if p.Body != text || p.BodyLine != 1 {
			t.Fatalf("split(%q) = %+v", text, p)
		}
		lines := strings.Count(text, "\n") + 1
		for k, pos := range indexKeys("f.md", p.Front, p.FrontLine) {
			if pos.Line < 1 || pos.Line > lines || pos.Col < 1 {
				t.Fatalf("key %q at %v outside the file", k, pos)
			}
		}
		// The whole loader, through a file system, must not panic either.
		File(fstest.MapFS{"content/agencies/f.md": {Data: data}}, "content/agencies/f.md")
		File(fstest.MapFS{"content/agencies/f.toml": {Data: data}}, "content/agencies/f.toml")
	})
}
