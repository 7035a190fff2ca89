package corpus

import (
	"bytes"
	"fmt"
	"slices"
)

// event writes timeline event number n, naming one to three agencies.
func (g *gen) event(n int) {
	num := fmt.Sprintf("%05d", n)
	slug := "synthetic-event-" + num
	b := bytes.NewBuffer(make([]byte, 0, 2<<10))
	w := rec{b}
	w.line("+++")
	w.date("", "date", g.day(sinceFrom, sinceTo))
	w.str("", "title", "Synthetic event "+num+" (SYNTHETIC TEST DATA)")
	w.str("", "title_ja", "合成イベント"+num)
	if len(g.slugs) > 0 {
		var names []string
		for range 1 + g.r.IntN(3) {
			if s := g.slugs[g.r.IntN(len(g.slugs))]; !slices.Contains(names, s) {
				names = append(names, s)
			}
		}
		slices.Sort(names)
		w.list("", "agencies", names)
	}
	g.sources(w, slug, 1+g.r.IntN(2))
	w.line("+++")
	b.WriteString("This event is **synthetic test data**; nothing in it happened.\n\n")
	g.paragraph(b, slug, 1)
	base := "content/events/" + slug
	g.files[base+".md"] = b.Bytes()
	if g.r.Float64() < g.opt.JapaneseShare {
		ja := bytes.NewBuffer(nil)
		ja.WriteString("この出来事は**合成テストデータ**であり、実際には起きていない。\n\n")
		g.paragraphJA(ja)
		g.files[base+".ja.md"] = ja.Bytes()
	}
}
