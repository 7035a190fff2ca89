package render

import "strconv"

// Lists that grow with the records are split into pages (issue 5,
// "Growth"), so that no page's size, and no rebuild's work, grows with
// the whole site: the status and category lists, the national bodies, a
// prefecture's municipalities and the timeline. Page 1 keeps the list's
// own URL, so links made before pagination still work; page k is LIST +
// "page/k/" in both languages ("/status/active/page/2/",
// "/ja/status/active/page/2/"). Rows keep the order the list always had,
// and a list with no rows still has its page 1, which says so.

// RowsPerPage is how many rows a page of a list shows: services on a
// status or category page, agencies on the national page and in a
// prefecture's municipalities. A row is a one-line summary of a few
// hundred bytes, so a page stays near 40 KB, small enough for a phone on
// a poor connection, while a list of a few hundred is still a few pages.
// Options.RowsPerPage overrides it (tests use small pages).
const RowsPerPage = 100

// EventsPerPage is how many events a page of the timeline shows. Fewer
// than RowsPerPage, because each event carries its Markdown body and its
// sources, several times the bytes of a list row.
// Options.EventsPerPage overrides it.
const EventsPerPage = 20

// pageSpan is one page of a list: its number from 1, how many pages the list
// has, and the rows it shows, [Lo, Hi) of Total.
type pageSpan struct {
	Number, Count int
	Lo, Hi, Total int
}

// paginate splits a list of n rows into pages of at most size rows, in
// order. An empty list still has one page, with no rows, so the list's
// URL always exists. A size below 1 is taken as 1.
func paginate(n, size int) []pageSpan {
	size = max(size, 1)
	count := max((n+size-1)/size, 1)
	out := make([]pageSpan, count)
	for i := range out {
		out[i] = pageSpan{Number: i + 1, Count: count, Lo: i * size, Hi: min((i+1)*size, n), Total: n}
	}
	return out
}

// pageOf returns the number of the page, from 1, that shows row i (from
// 0) of a list paginated by size.
func pageOf(i, size int) int { return i/max(size, 1) + 1 }

// pagePath returns the language-neutral path of page k of the list at
// path: the list's own path for page 1, path + "page/k/" after.
func pagePath(path string, k int) string {
	if k <= 1 {
		return path
	}
	return path + "page/" + strconv.Itoa(k) + "/"
}

// pagerWindow is how many page links a pager shows on each side of the
// current page, besides the first and the last: enough to step a few
// pages, few enough that a list of a hundred pages still fits a phone.
const pagerWindow = 2

// pager describes page sp of the list at path for readers, or returns nil
// when the list fits on one page and needs no pager.
func (p planner) pager(path string, sp pageSpan) *Pager {
	if sp.Count <= 1 {
		return nil
	}
	pg := &Pager{Number: sp.Number, Count: sp.Count, First: sp.Lo + 1, Last: sp.Hi, Total: sp.Total}
	if sp.Number > 1 {
		pg.Prev = p.link(pagePath(path, sp.Number-1))
	}
	if sp.Number < sp.Count {
		pg.Next = p.link(pagePath(path, sp.Number+1))
	}
	for _, k := range pageWindow(sp.Number, sp.Count, pagerWindow) {
		if k == 0 {
			pg.Pages = append(pg.Pages, PageLink{})
			continue
		}
		pg.Pages = append(pg.Pages, PageLink{Number: k, URL: p.link(pagePath(path, k)), Current: k == sp.Number})
	}
	return pg
}

// pageWindow returns the page numbers a pager links for page n of count:
// the first, the last, and those within w of n, in order, with a 0 for
// each gap. A gap of a single page shows that page instead, since a link
// takes no more room than the ellipsis.
func pageWindow(n, count, w int) []int {
	var out []int
	last := 0
	for k := 1; k <= count; k++ {
		if k != 1 && k != count && (k < n-w || k > n+w) {
			continue
		}
		switch {
		case k == last+2:
			out = append(out, last+1)
		case k > last+2:
			out = append(out, 0)
		}
		out = append(out, k)
		last = k
	}
	return out
}

// shape fingerprints what a page of a list shows beyond its records'
// content: which rows, in which order, and where the page stands in its
// list. Rows shift between pages when a record elsewhere in the list
// changes, and the page count and the total change with them, without any
// record the page shows changing; the Builder re-executes a page whose
// shape changed (see Page.Shape). It is FNV-1a over the page's place and
// its rows, written inline because it runs for every row of every list on
// each rebuild and hash.Hash would allocate for each.
type shape uint64

// newShape starts the fingerprint of page sp of a list.
func newShape(sp pageSpan) shape {
	s := shape(14695981039346656037) // FNV-1a 64-bit offset basis
	s.num(sp.Number)
	s.num(sp.Count)
	s.num(sp.Total)
	return s
}

// row adds one row, named by its record's slug and, for a service, its
// index in the record (-1 for an agency row).
func (s *shape) row(slug string, i int) {
	for j := 0; j < len(slug); j++ {
		s.byte(slug[j])
	}
	s.byte(0) // so that "ab","c" differs from "a","bc"
	s.num(i)
}

// num adds a number as its eight bytes.
func (s *shape) num(n int) {
	for j := range 8 {
		s.byte(byte(uint64(n) >> (8 * j)))
	}
}

// byte adds one byte.
func (s *shape) byte(c byte) {
	*s ^= shape(c)
	*s *= 1099511628211 // FNV-1a 64-bit prime
}
