package publish

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"strings"
	"testing"
)

func TestManifestRoundTrip(t *testing.T) {
	sums := map[string]digest{
		"index.html":       Hash([]byte("home")),
		"ja/index.html":    Hash([]byte("ホーム")),
		"a/b/c.html":       Hash(nil),
		"feed.xml":         Hash([]byte("<feed/>")),
		"data/agencies.js": Hash([]byte("[]")),
	}
	got := string(formatManifest(sortedKeys(sums), sums))
	want := fmt.Sprintf("%x  a/b/c.html\n%x  data/agencies.js\n%x  feed.xml\n%x  index.html\n%x  ja/index.html\n",
		sha256.Sum256(nil), sha256.Sum256([]byte("[]")), sha256.Sum256([]byte("<feed/>")),
		sha256.Sum256([]byte("home")), sha256.Sum256([]byte("ホーム")))
	if got != want {
		t.Fatalf("formatManifest =\n%s\nwant\n%s", got, want)
	}
	back, err := parseManifest([]byte(got))
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(back, sums) {
		t.Errorf("parseManifest(formatManifest(x)) = %v, want %v", back, sums)
	}
	if empty, err := parseManifest(nil); err != nil || len(empty) != 0 {
		t.Errorf("parseManifest(empty) = %v, %v; want an empty manifest", empty, err)
	}
}

func TestParseManifestRefuses(t *testing.T) {
	h := fmt.Sprintf("%x", sha256.Sum256([]byte("x")))
	tests := []struct {
		name, data, want string
	}{
		{"cut short", h + "  a.html", "not complete"},
		{"one space", h + " a.html\n", "want"},
		{"binary mode", h + " *a.html\n", "want"},
		{"upper case", strings.ToUpper(h) + "  a.html\n", "lowercase"},
		{"short digest", h[2:] + "  a.html\n", "want"},
		{"bad path", h + "  ../a.html\n", `".." segment`},
		{"twice", h + "  a.html\n" + h + "  a.html\n", "twice"},
		{"lists itself", h + "  SHA256SUMS\n", "reserved"},
		{"blank line", h + "  a.html\n\n", "SHA256SUMS:2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseManifest([]byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parseManifest = %v, want error containing %q", err, tt.want)
			}
		})
	}
}

func TestHashAllMatchesHash(t *testing.T) {
	files := make(map[string][]byte)
	for i := range 100 {
		files[fmt.Sprintf("p/%d.html", i)] = []byte(strings.Repeat("x", i))
	}
	for p, d := range hashAll(files, sortedKeys(files), nil) {
		if d != Hash(files[p]) {
			t.Errorf("hashAll[%q] differs from Hash", p)
		}
	}
}
