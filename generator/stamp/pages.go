package stamp

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Pages is what each page of a build read, saved beside the build's
// Stamp so that the next `linewatch build`, a new process, can do what
// serve does with the model it keeps in memory: execute only the pages
// whose inputs changed and keep every other file as the live site has
// it. At 20,000 agencies executing every page is most of a build that
// follows a one-record edit, for seven files that change.
//
// It belongs to one Stamp, and through it to one published site: a build
// trusts it only when its Taken is the saved stamp's, and that stamp
// matches the output folder (its Manifest). A build saves its pages while
// it swaps its output in, before its stamp, so pages saved by a build that
// then fails belong to no stamp. Losing them costs one build that
// executes every page.
type Pages struct {
	Taken int64 // the Taken of the Stamp it belongs to
	// Config and Totals are digests of what every page may read beyond
	// its inputs (the site's settings) and of the site-wide counts (the
	// input key "totals"), as the caller computes them.
	Config, Totals string
	List           []Page     // every page, in the order the build planned them
	Data           []DataSpan // where each agency lies in the open data the build published
}

// DataSpan says where one agency lies in the open data, as package
// render's DataSpan does: byte ranges of agencies.json and services.csv.
type DataSpan struct {
	Slug      string
	JSON, CSV [2]int64
}

// Page is one page of a build: its URL, language, layout, Shape and
// Inputs, as package render's Page has them (see its doc, "Inputs").
type Page struct {
	URL, Lang, Layout string
	Shape             uint64
	Inputs            []string
}

// pagesHeader starts every pages file; one of another format is ignored.
const pagesHeader = "linewatch pages 2"

// PagesLocation returns where the Pages of the stamp at loc (Location) live.
func PagesLocation(loc string) string { return loc + ".pages" }

// Save writes p to name, whole or not at all, as Stamp.Save does.
//
// The format is lines of text: a header, the three fields, then every
// input key once (a national site's 43,000 pages name some 250,000 keys,
// nearly all of them several times), then a line per page: its URL,
// language, layout and Shape, and its keys by number, separated by tabs.
// Strings are written as they are, which is what keeps a save to a few
// milliseconds for a site of 2,000 agencies (quoting each took a third of
// that); one holding a tab or a line break, which no URL, layout or key
// of a valid site does, is refused.
func (p Pages) Save(name string) error {
	var b bytes.Buffer
	b.Grow(64 * (len(p.List) + 1))
	fmt.Fprintf(&b, "%s\ntaken %d\nconfig %s\ntotals %s\n", pagesHeader, p.Taken, p.Config, p.Totals)
	index := map[string]int{}
	var keys []string
	for _, pg := range p.List {
		for _, k := range pg.Inputs {
			if _, ok := index[k]; !ok {
				index[k] = len(keys)
				keys = append(keys, k)
			}
		}
	}
	bad := func(s string) bool { return strings.ContainsAny(s, "\t\n") }
	b.WriteString("keys " + strconv.Itoa(len(keys)) + "\n")
	for _, k := range keys {
		if bad(k) {
			return fmt.Errorf("save pages: input key %q holds a tab or a line break", k)
		}
		b.WriteString(k)
		b.WriteByte('\n')
	}
	b.WriteString("pages " + strconv.Itoa(len(p.List)) + "\n")
	var line []byte
	for _, pg := range p.List {
		if bad(pg.URL) || bad(pg.Lang) || bad(pg.Layout) {
			return fmt.Errorf("save pages: page %q holds a tab or a line break", pg.URL)
		}
		line = append(line[:0], pg.URL...)
		line = append(line, '\t')
		line = append(line, pg.Lang...)
		line = append(line, '\t')
		line = append(line, pg.Layout...)
		line = append(line, '\t')
		line = strconv.AppendUint(line, pg.Shape, 10)
		for _, k := range pg.Inputs {
			line = append(line, '\t')
			line = strconv.AppendInt(line, int64(index[k]), 10)
		}
		b.Write(append(line, '\n'))
	}
	b.WriteString("data " + strconv.Itoa(len(p.Data)) + "\n")
	for _, d := range p.Data {
		if bad(d.Slug) {
			return fmt.Errorf("save pages: agency %q holds a tab or a line break", d.Slug)
		}
		line = append(line[:0], d.Slug...)
		for _, n := range [4]int64{d.JSON[0], d.JSON[1], d.CSV[0], d.CSV[1]} {
			line = append(line, '\t')
			line = strconv.AppendInt(line, n, 10)
		}
		b.Write(append(line, '\n'))
	}
	return WriteWhole(name, b.Bytes(), "pages")
}

// WriteWhole writes data to name whole or not at all, by way of a
// temporary file beside it renamed over name: every file a build keeps
// in its cache folder is written so (the stamp, the pages, the checked
// agencies), and a build stopped halfway leaves the previous file or
// none, never half of one. what names the file in an error.
func WriteWhole(name string, data []byte, what string) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("save %s: %w", what, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".stamp-*")
	if err != nil {
		return fmt.Errorf("save %s: %w", what, err)
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("save %s: %w", what, err)
	}
	return nil
}

// LoadPages reads Pages saved by Save. Anything but a whole pages file of
// this format is an error; callers treat any error as "execute every
// page".
func LoadPages(name string) (Pages, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return Pages{}, err
	}
	p, err := parsePages(data)
	if err != nil {
		return Pages{}, fmt.Errorf("pages %s: %w", name, err)
	}
	return p, nil
}

// parsePages is LoadPages from the file's bytes.
func parsePages(data []byte) (Pages, error) {
	rest := string(data) // the strings below share its bytes
	line := func() (string, error) {
		l, after, ok := strings.Cut(rest, "\n")
		if !ok {
			return "", io.ErrUnexpectedEOF
		}
		rest = after
		return l, nil
	}
	count := func(key string) (int, error) {
		n, err := intField(line, key)
		if err != nil || n < 0 || n > int64(len(data)) {
			return 0, fmt.Errorf("%s: bad count (%v)", key, err)
		}
		return int(n), nil
	}
	var p Pages
	if l, err := line(); err != nil || l != pagesHeader {
		return Pages{}, fmt.Errorf("not a pages file of this linewatch")
	}
	var err error
	if p.Taken, err = intField(line, "taken"); err != nil {
		return Pages{}, err
	}
	if p.Config, err = field(line, "config"); err != nil {
		return Pages{}, err
	}
	if p.Totals, err = field(line, "totals"); err != nil {
		return Pages{}, err
	}
	n, err := count("keys")
	if err != nil {
		return Pages{}, err
	}
	keys := make([]string, n)
	for i := range keys {
		if keys[i], err = line(); err != nil {
			return Pages{}, err
		}
		if strings.Contains(keys[i], "\t") {
			return Pages{}, fmt.Errorf("key %d holds a tab", i)
		}
	}
	if n, err = count("pages"); err != nil {
		return Pages{}, err
	}
	p.List = make([]Page, n)
	for i := range p.List {
		l, err := line()
		if err != nil {
			return Pages{}, err
		}
		pg := &p.List[i]
		var shape string
		var ok [4]bool
		pg.URL, l, ok[0] = strings.Cut(l, "\t")
		pg.Lang, l, ok[1] = strings.Cut(l, "\t")
		pg.Layout, l, ok[2] = strings.Cut(l, "\t")
		shape, l, ok[3] = strings.Cut(l, "\t")
		if !ok[0] || !ok[1] || !ok[2] {
			return Pages{}, fmt.Errorf("page %d: short line", i)
		}
		if pg.Shape, err = strconv.ParseUint(shape, 10, 64); err != nil {
			return Pages{}, fmt.Errorf("page %d: shape: %w", i, err)
		}
		if ok[3] {
			pg.Inputs = make([]string, 0, strings.Count(l, "\t")+1)
			for f := range strings.SplitSeq(l, "\t") {
				k, err := strconv.Atoi(f)
				if err != nil || k < 0 || k >= len(keys) {
					return Pages{}, fmt.Errorf("page %d: bad key %q", i, f)
				}
				pg.Inputs = append(pg.Inputs, keys[k])
			}
		}
	}
	if n, err = count("data"); err != nil {
		return Pages{}, err
	}
	p.Data = make([]DataSpan, n)
	for i := range p.Data {
		l, err := line()
		if err != nil {
			return Pages{}, err
		}
		d := &p.Data[i]
		f := strings.Split(l, "\t")
		if len(f) != 5 {
			return Pages{}, fmt.Errorf("data %d: want 5 fields, got %d", i, len(f))
		}
		d.Slug = f[0]
		for j, to := range []*int64{&d.JSON[0], &d.JSON[1], &d.CSV[0], &d.CSV[1]} {
			if *to, err = strconv.ParseInt(f[j+1], 10, 64); err != nil {
				return Pages{}, fmt.Errorf("data %d: %w", i, err)
			}
		}
	}
	if rest != "" {
		return Pages{}, fmt.Errorf("more after %d pages and %d agencies", len(p.List), len(p.Data))
	}
	return p, nil
}
