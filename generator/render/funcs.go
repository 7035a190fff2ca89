package render

import (
	"fmt"
	"html/template"
	"strconv"
	"sync"

	"linewatch/generator/model"
)

// funcs returns the template functions of one language:
//
//	t "key"            the interface string, from i18n/LANG.toml
//	tf "key" args...   the same used as a fmt format ("%[1]d of %[2]d")
//	date .Since        a date as readers write it; "date not reported" when zero
//	num .Value         a whole number with thousands separators: 1,158
//	markdown .Body.S   block Markdown to safe HTML
//	inline .Note.S     inline Markdown (a note) to safe HTML
//	tilemap .Map       the prefecture tile map as inline SVG (tilemap.go)
//	barchart .Chart    a bar chart as inline SVG (chart.go)
//
// Unknown keys are errors, so a typo in a layout fails the build with its
// file and line instead of publishing an empty label.
func funcs(lang string, cat catalog, md *mdMemo) template.FuncMap {
	t := func(key string) (string, error) {
		s, ok := cat[key]
		if !ok {
			return "", fmt.Errorf("no translation %q in %s/%s.toml", key, i18nDir, lang)
		}
		return s, nil
	}
	return template.FuncMap{
		"t": t,
		"tf": func(key string, args ...any) (string, error) {
			f, err := t(key)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf(f, args...), nil
		},
		"date": func(d model.Date) (string, error) {
			if d.IsZero() {
				return t("date.none")
			}
			return formatDate(lang, d), nil
		},
		"num":      formatNum,
		"markdown": md.markdown,
		"inline":   md.inline,
		"tilemap":  func(m TileMap) (template.HTML, error) { return tileMapSVG(t, m) },
		"barchart": func(c Chart) (template.HTML, error) { return chartSVG(t, c) },
	}
}

// formatDate writes a date as readers of the language expect: "19 March
// 2021" (day first, unambiguous for every English reader) or 2021年3月19日.
// It is called for every date of every page, so it appends to a buffer
// on the stack and allocates only the string it returns, rather than
// going through fmt or concatenating (which allocates the year's digits
// as well).
func formatDate(lang string, d model.Date) string {
	var buf [64]byte
	b := buf[:0]
	if lang == Ja {
		b = strconv.AppendInt(b, int64(d.Year), 10)
		b = append(b, "年"...)
		b = strconv.AppendInt(b, int64(d.Month), 10)
		b = append(b, "月"...)
		b = strconv.AppendInt(b, int64(d.Day), 10)
		b = append(b, "日"...)
		return string(b)
	}
	b = strconv.AppendInt(b, int64(d.Day), 10)
	b = append(b, ' ')
	b = append(b, d.Month.String()...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(d.Year), 10)
	return string(b)
}

// formatNum writes a whole number with a comma between thousands, as both
// English and Japanese readers write counts such as 1,788.
func formatNum(n int) string {
	s := strconv.Itoa(n)
	start := 0
	if n < 0 {
		start = 1
	}
	for i := len(s) - 3; i > start; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// mdMemo remembers the HTML of the Markdown bodies converted last, so
// that the English and the Japanese page of a record without a Japanese
// body, which the Builder renders one after the other, convert it once:
// Markdown is the largest cost of an agency page once its template runs
// compiled. It holds a few dozen bodies at most and is safe for
// concurrent use; a nil memo converts every time.
type mdMemo struct {
	mu sync.Mutex
	m  map[mdKey]template.HTML
}

// mdMemoMax is how many texts a memo holds before it starts afresh.
const mdMemoMax = 256

// markdown is Markdown through the memo.
func (c *mdMemo) markdown(s string) (template.HTML, error) { return c.convert(false, s) }

// inline is MarkdownInline through the memo: a note in one language is
// shown on both pages too.
func (c *mdMemo) inline(s string) (template.HTML, error) { return c.convert(true, s) }

// convert converts s as block or inline Markdown, through the memo.
func (c *mdMemo) convert(inline bool, s string) (template.HTML, error) {
	conv := Markdown
	if inline {
		conv = MarkdownInline
	}
	if c == nil || s == "" {
		return conv(s)
	}
	key := mdKey{inline, s}
	c.mu.Lock()
	h, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return h, nil
	}
	h, err := conv(s)
	if err != nil {
		return h, err
	}
	c.mu.Lock()
	if c.m == nil {
		c.m = make(map[mdKey]template.HTML, mdMemoMax)
	} else if len(c.m) >= mdMemoMax {
		clear(c.m)
	}
	c.m[key] = h
	c.mu.Unlock()
	return h, nil
}

// mdKey is what the memo converted: the text, and how.
type mdKey struct {
	inline bool
	s      string
}
