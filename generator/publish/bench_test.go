package publish

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"
)

// benchSite is a site of n pages of about 8 KB, half of them under ja/,
// each in its own folder as agency pages are.
func benchSite(n int) map[string][]byte {
	files := make(map[string][]byte, n)
	body := bytes.Repeat([]byte("<p>LINE use by Japanese public bodies</p>\n"), 190)
	for i := range n / 2 {
		for _, lang := range []string{"", "ja/"} {
			page := fmt.Appendf(nil, "<title>%sagency %d</title>\n", lang, i)
			files[fmt.Sprintf("%sagencies/a%05d/index.html", lang, i)] = append(page, body...)
		}
	}
	return files
}

// publishedSite publishes a site of n pages twice (the second time with one
// page changed), so out and its standby are both full.
func publishedSite(b *testing.B, n int) (string, map[string][]byte) {
	b.Helper()
	out := filepath.Join(b.TempDir(), "public")
	files := benchSite(n)
	for i := range 2 {
		files["index.html"] = fmt.Appendf(nil, "setup %d", i)
		if _, err := Swap(out, files); err != nil {
			b.Fatal(err)
		}
	}
	return out, files
}

// BenchmarkSwapOneChange publishes a 20,000-file site where one page
// changed each time: the rebuild DESIGN.md's watch mode makes. Choose the
// disk with TMPDIR, e.g. TMPDIR=/dev/shm.
func BenchmarkSwapOneChange(b *testing.B) {
	out, files := publishedSite(b, 20000)
	page := "agencies/a00042/index.html"
	i := 0
	for b.Loop() {
		i++
		files[page] = fmt.Appendf(nil, "edit %d", i)
		st, err := Swap(out, files)
		if err != nil {
			b.Fatal(err)
		}
		if st.Written != 1 {
			b.Fatalf("stats %+v, want one file written", st)
		}
	}
}

// BenchmarkSwapNoChange publishes the same 20,000-file site again: the
// cost of hashing the bytes and reading one manifest, with no disk write.
func BenchmarkSwapNoChange(b *testing.B) {
	out, files := publishedSite(b, 20000)
	for b.Loop() {
		st, err := Swap(out, files)
		if err != nil {
			b.Fatal(err)
		}
		if st.Written != 0 {
			b.Fatalf("stats %+v, want nothing written", st)
		}
	}
}

// BenchmarkPublisherOneChange is BenchmarkSwapOneChange through a
// Publisher, which hashes only the page that changed.
func BenchmarkPublisherOneChange(b *testing.B) {
	out, files := publishedSite(b, 20000)
	p := New(out)
	if _, err := p.Swap(files); err != nil {
		b.Fatal(err)
	}
	page := "agencies/a00042/index.html"
	i := 0
	for b.Loop() {
		i++
		files[page] = fmt.Appendf(nil, "edit %d", i)
		st, err := p.Swap(files)
		if err != nil {
			b.Fatal(err)
		}
		if st.Written != 1 {
			b.Fatalf("stats %+v, want one file written", st)
		}
	}
}

// BenchmarkPublisherNoChange is BenchmarkSwapNoChange through a Publisher.
func BenchmarkPublisherNoChange(b *testing.B) {
	out, files := publishedSite(b, 20000)
	p := New(out)
	if _, err := p.Swap(files); err != nil { // learn the digests
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := p.Swap(files); err != nil {
			b.Fatal(err)
		}
	}
}
