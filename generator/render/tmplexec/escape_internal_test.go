package tmplexec

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// passInputs are strings for the escapers' fast paths: the hostile ones
// of the differential tests, every byte alone and between letters, the
// runes replace treats specially, invalid UTF-8 and URLs of each scheme.
func passInputs() []string {
	in := []string{
		"", "plain", "/agencies/x-y_z.~/", "https://example.org/a?b=c&d=e#f", "HTTP://X", "mailto:a@b",
		"javascript:alert(1)", " javascript:x", "a/b:c", "%", "%41", "%zz", "a+b", "a b", "大阪市",
		"\xff", "\xef\xb7\x90", "\ufdd0\ufdef\ufff0\uffff\ufffd", "nul\x00", "<>&'\"`=", "\t\n\v\f\r",
		"[x]!$*,;@?", strings.Repeat("long-plain-text ", 20),
	}
	for c := range 256 {
		in = append(in, string(rune(c)), "a"+string([]byte{byte(c)})+"b")
		// The byte at every place of a string longer than the eight
		// bytes passes looks at in one go.
		for i := range 17 {
			b := []byte("abcdefghijklmnopq")
			b[i] = byte(c)
			in = append(in, string(b))
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("aZ09-._~/:?#&+%=@!$*,;[] <>\"'`\t\n\x00\x7f\x80\xef\xbf\xb7\xff")
	for range 2000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		in = append(in, string(b))
	}
	return in
}

// TestChainPass holds the fast path of printAction to its promise: for
// every chain of up to three of the escapers, a plain string that
// chainPass lets through is exactly what escapeChain writes for it.
func TestChainPass(t *testing.T) {
	var names []string
	for name := range escapers {
		names = append(names, name)
	}
	slices.Sort(names)
	var chains [][]string
	for _, a := range names {
		chains = append(chains, []string{a})
		for _, b := range names {
			chains = append(chains, []string{a, b})
			for _, c := range names {
				chains = append(chains, []string{a, b, c})
			}
		}
	}
	inputs := passInputs()
	passed := 0
	for _, chain := range chains {
		var escs []*escaper
		for _, name := range chain {
			escs = append(escs, escapers[name])
		}
		p := passOf(escs)
		for _, s := range inputs {
			if !p.passes(s) {
				continue
			}
			passed++
			var b bytes.Buffer
			if !escapeChain(&b, escs, s, contentTypePlain) || b.String() != s {
				t.Fatalf("%v: %q passes the fast path, but the chain writes %q", chain, s, b.String())
			}
		}
	}
	// The fast path must also be taken: a plain word passes every chain
	// without the comment escaper.
	for _, chain := range [][]string{
		{"_html_template_htmlescaper"}, {"_html_template_attrescaper"}, {"_html_template_rcdataescaper"},
		{"_html_template_nospaceescaper"}, {"_html_template_urlfilter", "_html_template_urlnormalizer", "_html_template_attrescaper"},
		{"_html_template_urlescaper", "_html_template_attrescaper"},
	} {
		var escs []*escaper
		for _, name := range chain {
			escs = append(escs, escapers[name])
		}
		p := passOf(escs)
		if !p.passes("plain") {
			t.Errorf("%v: a plain word does not take the fast path", chain)
		}
		if strings.Contains(chain[0], "url") && p.passes("javascript:x") {
			t.Errorf("%v: an unsafe URL takes the fast path", chain)
		}
	}
	if passed == 0 {
		t.Fatal("no input took the fast path")
	}
}

// BenchmarkChainPass scans strings such as pages print: names, dates,
// links and a long plain paragraph, through the HTML and the URL chains.
func BenchmarkChainPass(b *testing.B) {
	html := passOf([]*escaper{escapers["_html_template_htmlescaper"]})
	url := passOf([]*escaper{escapers["_html_template_urlfilter"], escapers["_html_template_urlnormalizer"], escapers["_html_template_attrescaper"]})
	texts := []string{"Synthetic Agency 0042", "合成機関0042", "19 March 2021", "2021-03-19", strings.Repeat("plain words, ", 30)}
	links := []string{"/agencies/synthetic-agency-0042/", "/ja/status/active/", "https://example.org/a/b"}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			if !html.passes(s) {
				b.Fatal(s)
			}
		}
		for _, s := range links {
			if !url.passes(s) {
				b.Fatal(s)
			}
		}
	}
}
