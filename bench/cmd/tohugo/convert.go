package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// agencyDir is where linewatch keeps agency records.
const agencyDir = "content/agencies"

// Convert reads every agency record of a linewatch site and returns the
// Hugo content for it, by slash path relative to Hugo's content/ folder:
// agencies/SLUG.md. Sub-folders of content/agencies are flattened, so each
// page lands at /agencies/SLUG/ as in linewatch.
func Convert(src fs.FS) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := fs.WalkDir(src, agencyDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := path.Base(p)
		if strings.HasSuffix(name, ".ja.md") || !strings.HasSuffix(name, ".md") {
			return nil // English only; .toml records do not occur in the corpus
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		page, err := agency(data)
		if err != nil {
			return fmt.Errorf("convert %s: %w", p, err)
		}
		dst := "agencies/" + name
		if _, dup := out[dst]; dup {
			return fmt.Errorf("convert %s: a second record named %s", p, name)
		}
		out[dst] = page
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no agency records under %s", agencyDir)
	}
	return out, nil
}

// record is what Convert needs to read from a record's front matter; the
// rest passes through as text.
type record struct {
	Name     string
	Services []struct{ Category, Status string }
}

// hugoKeys are the keys added for Hugo. The taxonomy keys are the plural
// names configured in bench/hugo/config.toml.
type hugoKeys struct {
	Title      string   `toml:"title"`
	Status     []string `toml:"status,omitempty"`
	Categories []string `toml:"categories,omitempty"`
}

// agency turns one record (TOML front matter between +++ lines, then a
// Markdown body) into a Hugo page: the same front matter with hugoKeys
// first, since top-level keys must come before the first table.
func agency(data []byte) ([]byte, error) {
	front, body, ok := split(data)
	if !ok {
		return nil, fmt.Errorf("no +++ front matter")
	}
	var r record
	if _, err := toml.Decode(string(front), &r); err != nil {
		return nil, err
	}
	k := hugoKeys{Title: r.Name}
	for _, s := range r.Services {
		if !slices.Contains(k.Status, s.Status) {
			k.Status = append(k.Status, s.Status)
		}
		if !slices.Contains(k.Categories, s.Category) {
			k.Categories = append(k.Categories, s.Category)
		}
	}
	keys, err := toml.Marshal(k)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.Grow(len(data) + len(keys) + 16)
	b.WriteString("+++\n")
	b.Write(keys)
	b.Write(front)
	b.WriteString("+++\n")
	b.Write(body)
	return b.Bytes(), nil
}

// split cuts a record into its front matter (without the +++ lines) and
// its body.
func split(data []byte) (front, body []byte, ok bool) {
	const fence = "+++\n"
	rest, found := bytes.CutPrefix(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte(fence))
	if !found {
		return nil, nil, false
	}
	if i := bytes.Index(rest, []byte("\n"+fence)); i >= 0 {
		return rest[:i+1], rest[i+1+len(fence):], true
	}
	if bytes.HasSuffix(rest, []byte("\n+++")) {
		return rest[:len(rest)-3], nil, true
	}
	return nil, nil, false
}
