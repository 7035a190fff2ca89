package load

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"testing/iotest"
	"time"

	"linewatch/generator/diag"
	"linewatch/generator/load/tomlfast"
)

const record = `+++
name = "Osaka City"
level = "municipality"
+++
Body.
`

func TestDir(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":                                 {Data: []byte(`title = "t"`)},
		"content/agencies/osaka/osaka-city.md":      {Data: []byte(record)},
		"content/agencies/osaka/osaka-city.ja.md":   {Data: []byte("本文\n")},
		"content/agencies/osaka/sakai-city.toml":    {Data: []byte("name = \"Sakai City\"\n")},
		"content/agencies/osaka/.osaka-city.md.swp": {Data: []byte("\x00junk")},
		"content/agencies/osaka/osaka-city.md~":     {Data: []byte("old")},
		"content/agencies/osaka/photo.png":          {Data: []byte("\x89PNG\x00")},
		"content/agencies/.git/x.md":                {Data: []byte("no")},
		"content/events/2021-03-17-a.md":            {Data: []byte("+++\ntitle = \"a\"\n+++\n")},
		"content/pages/about.md":                    {Data: []byte("+++\ntitle = \"About\"\n+++\nHi\n")},
		"content/surveys/mic-2021.toml":             {Data: []byte("title = \"MIC survey\"\n")},
		"content/surveys/mic-2021.ja.md":            {Data: []byte("本文\n")},
		"content/other/x.md":                        {Data: []byte("not a record folder")},
		"layouts/base.html":                         {Data: []byte("<html>")},
	}
	docs, diags := Dir(fsys)
	if len(diags) > 0 {
		t.Fatalf("diagnostics:\n%s", diags)
	}
	want := []struct {
		path string
		kind Kind
		slug string
		ja   bool
	}{
		{"content/agencies/osaka/osaka-city.ja.md", Agency, "osaka-city", true},
		{"content/agencies/osaka/osaka-city.md", Agency, "osaka-city", false},
		{"content/agencies/osaka/sakai-city.toml", Agency, "sakai-city", false},
		{"content/events/2021-03-17-a.md", Event, "2021-03-17-a", false},
		{"content/pages/about.md", Page, "about", false},
		{"content/surveys/mic-2021.ja.md", Survey, "mic-2021", true},
		{"content/surveys/mic-2021.toml", Survey, "mic-2021", false},
	}
	if len(docs) != len(want) {
		for _, d := range docs {
			t.Log(d.Path)
		}
		t.Fatalf("got %d docs, want %d", len(docs), len(want))
	}
	for i, w := range want {
		d := docs[i]
		if d.Path != w.path || d.Kind != w.kind || d.Slug != w.slug || d.JA != w.ja || d.Broken {
			t.Errorf("doc %d = {%s %v %s ja=%v broken=%v}, want %+v", i, d.Path, d.Kind, d.Slug, d.JA, d.Broken, w)
		}
	}
	city := docs[1]
	if field(city.Fields, "name") != "Osaka City" || city.Body != "Body.\n" || city.BodyLine != 5 {
		t.Errorf("osaka-city: fields %v body %q line %d", city.Fields, city.Body, city.BodyLine)
	}
	if p := keyPos(city, "level"); p.Line != 3 || p.Col != 1 {
		t.Errorf("level at %v, want line 3", p)
	}
	if ja := docs[0]; ja.Fields != nil || ja.Body != "本文\n" || ja.BodyLine != 1 {
		t.Errorf("ja sibling: fields %v body %q line %d", ja.Fields, ja.Body, ja.BodyLine)
	}
	if toml := docs[2]; toml.Body != "" || field(toml.Fields, "name") != "Sakai City" {
		t.Errorf("toml record: %+v", toml)
	}

	// A listing from another walk by the same rule (Reads, as the stamp
	// walks), in another order and with other inputs among its paths,
	// reads the same documents.
	all := []string{"site.toml", "layouts/base.html"}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case p != "." && d.IsDir() && !Reads(p, true):
			return fs.SkipDir
		case !d.IsDir() && Reads(p, false):
			all = append([]string{p}, all...)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	again, diags := ListOf(all).Read(fsys, math.MaxInt64)
	if len(diags) > 0 {
		t.Fatalf("ListOf: diagnostics:\n%s", diags)
	}
	if len(again) != len(docs) {
		t.Fatalf("ListOf: got %d docs, want %d", len(again), len(docs))
	}
	for i := range docs {
		if !again[i].Same(&docs[i]) || again[i].Body != docs[i].Body {
			t.Errorf("ListOf: doc %d is %s, want %s", i, again[i].Path, docs[i].Path)
		}
	}
	if n := List(fsys).Len(); n != len(docs) {
		t.Errorf("List found %d files, want %d", n, len(docs))
	}
}

func TestDirEmpty(t *testing.T) {
	docs, diags := Dir(fstest.MapFS{"site.toml": {Data: []byte("")}})
	if len(docs) != 0 || len(diags) != 0 {
		t.Errorf("empty site: %d docs, diagnostics %v", len(docs), diags)
	}
}

// TestFileProblems covers every problem that keeps a file from loading, as
// the diagnostic lines an editor would see.
func TestFileProblems(t *testing.T) {
	tests := []struct {
		name string
		path string
		data string
		want string // diagnostic lines; "" for none
	}{
		// Fine.
		{"ja sibling without front matter", "content/agencies/a.ja.md", "本文", ""},
		{"ja sibling with front matter", "content/agencies/a.ja.md", "+++\nname_ja = \"大阪市\"\n+++\n本文", ""},
		{"empty front matter", "content/pages/a.md", "+++\n+++\n", ""},
		{"windows file", "content/pages/a.md", "\uFEFF+++\r\ntitle = \"About\"\r\n+++\r\nHi\r\n", ""},

		// Front matter.
		{"missing front matter", "content/agencies/a.md", "name = \"x\"\n",
			"content/agencies/a.md:1: missing +++ front matter: a record starts with a +++ line, its TOML fields, and another +++ line"},
		{"unclosed front matter", "content/agencies/a.md", "+++\nname = \"x\"\n",
			"content/agencies/a.md:1:1: front matter opened with +++ on line 1 is never closed; add a +++ line after the last key"},

		// TOML syntax, shifted to the file's lines.
		{"syntax error in front matter", "content/agencies/a.md", "+++\nname = \"x\"\nlevel = \n+++\n",
			"content/agencies/a.md:3:9: TOML syntax error: expected value but found '\\n' instead"},
		{"syntax error after CRLF and BOM", "content/agencies/a.md", "\uFEFF+++\r\nname = \"x\"\r\nlevel = \r\n+++\r\n",
			"content/agencies/a.md:3:9: TOML syntax error: expected value but found '\\n' instead"},
		{"syntax error in a .toml file", "content/agencies/a.toml", "name = \"x\"\n\nname = \"y\"\n",
			"content/agencies/a.toml:3:1: TOML syntax error: Key 'name' has already been defined."},
		{"syntax error column after Japanese", "content/agencies/a.md", "+++\nname = \"大阪\" x\n+++\n",
			"content/agencies/a.md:2:13: TOML syntax error: expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead"},

		// Bytes.
		{"invalid UTF-8", "content/agencies/a.md", "+++\nname = \"\xff\"\n+++\n",
			"content/agencies/a.md:2:9: file is not valid UTF-8 text (byte 0xff); save it as UTF-8"},
		{"NUL byte", "content/agencies/a.md", "+++\n\x00",
			"content/agencies/a.md:2:1: file contains a NUL byte; is it a binary file?"},
		{"too large", "content/agencies/a.md", "+++\n+++\n" + strings.Repeat("x", MaxSize),
			"content/agencies/a.md: file is larger than 1 MiB; a record should be far smaller, so it was not read"},

		// Paths.
		{"not a record", "content/agencies/a.txt", "x",
			"content/agencies/a.txt: not a record: records are .md or .toml files under content/agencies, content/events, content/pages or content/surveys"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{tt.path: {Data: []byte(tt.data)}}
			doc, diags := File(fsys, tt.path)
			got := strings.TrimSuffix(diags.String(), "\n")
			if got != tt.want {
				t.Errorf("diagnostics:\n got %s\nwant %s", got, tt.want)
			}
			if doc.Broken != (tt.want != "") {
				t.Errorf("Broken = %v", doc.Broken)
			}
		})
	}
}

func TestConfig(t *testing.T) {
	doc, diags := Config(fstest.MapFS{})
	if len(diags) != 0 || doc.Fields != nil || doc.Path != "site.toml" || doc.Kind != SiteConfig {
		t.Errorf("missing site.toml: %+v %v", doc, diags)
	}
	doc, diags = Config(fstest.MapFS{"site.toml": {Data: []byte("# comment\ntitle = \"T\"\n")}})
	if len(diags) != 0 || field(doc.Fields, "title") != "T" || keyPos(doc, "title").Line != 2 {
		t.Errorf("site.toml: %+v %v", doc, diags)
	}
	doc, diags = File(fstest.MapFS{"site.toml": {Data: []byte("title = ")}}, "site.toml")
	if len(diags) != 1 || !doc.Broken || diags[0].Pos.Line != 1 {
		t.Errorf("broken site.toml through File: %+v %v", doc, diags)
	}
}

func TestKindOf(t *testing.T) {
	tests := []struct {
		path string
		want Kind
	}{
		{"site.toml", SiteConfig},
		{"content/agencies/osaka/osaka-city.md", Agency},
		{"content/agencies/osaka-city.toml", Agency},
		{"content/events/x.ja.md", Event},
		{"content/pages/about.md", Page},
		{"content/pages/.about.md.swp", Unknown},
		{"content/pages/about.txt", Unknown},
		{"content/surveys/mic-2021.toml", Survey},
		{"content/surveys/mic-2021.ja.md", Survey},
		{"content/surveysx/a.md", Unknown},
		{"content/agenciesx/a.md", Unknown},
		{"layouts/base.html", Unknown},
		{"content/site.toml", Unknown},
	}
	for _, tt := range tests {
		if got := KindOf(tt.path); got != tt.want {
			t.Errorf("KindOf(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

// TestSymlinks needs a real folder: fstest.MapFS has no links.
func TestSymlinks(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	dir := filepath.Join(root, "content", "agencies")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, data string) {
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "real.md"), record)
	write(filepath.Join(outside, "secret.md"), record)
	links := map[string]string{
		"inside.md":   "real.md",
		"outside.md":  filepath.Join(outside, "secret.md"),
		"relative.md": "../../../" + filepath.Base(outside) + "/secret.md",
		"dangling.md": "nowhere.md",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
	}
	docs, diags := Dir(os.DirFS(root))
	got := diags.String()
	for _, want := range []string{
		"content/agencies/outside.md: symbolic link to ",
		"content/agencies/relative.md: symbolic link to ",
		"content/agencies/dangling.md: cannot read: ",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "inside.md") || strings.Contains(got, "real.md") {
		t.Errorf("a link inside the site was refused:\n%s", got)
	}
	if len(docs) != 5 {
		t.Errorf("got %d docs, want every file listed once", len(docs))
	}
}

// TestFileMatchesDir checks that loading one file, as watch mode does,
// gives exactly what a full load gives for it, but for Seen: File reads
// a file no listing has just shown to be plain (see read), so it
// records nothing of it.
func TestFileMatchesDir(t *testing.T) {
	fsys := fstest.MapFS{
		"content/agencies/a.md":    {Data: []byte(record)},
		"content/agencies/a.ja.md": {Data: []byte("+++\nname_ja = \"大阪市\"\n+++\n本文\n")},
		"content/agencies/b.toml":  {Data: []byte("name = \"B\"\n[[sources]]\ntitle = \"t\"\n")},
		"content/agencies/c.md":    {Data: []byte("+++\nname = \n+++\n")},
		"content/events/e.md":      {Data: []byte("+++\ndate = 2021-03-17\nagencies = [\"a\",\n  \"b\"]\n+++\n")},
	}
	docs, diags := Dir(fsys)
	var fromFiles diag.List
	for _, d := range docs {
		one, more := File(fsys, d.Path)
		fromFiles.Append(more)
		if one.Seen != (Seen{}) {
			t.Errorf("File(%s) has Seen %+v", d.Path, one.Seen)
		}
		d.Seen = Seen{}
		if !reflect.DeepEqual(one, d) {
			t.Errorf("File(%s) = %+v\nDir gave %+v", d.Path, one, d)
		}
	}
	if diags.String() != fromFiles.String() {
		t.Errorf("diagnostics differ:\nDir:\n%s\nFile:\n%s", diags, fromFiles)
	}
	if len(diags) != 1 {
		t.Errorf("want one syntax error, got:\n%s", diags)
	}
	if p := keyPos(docs[4], "agencies[2]"); p.Line != 4 || p.Col != 3 {
		t.Errorf("agencies[2] at %v, want 4:3", p)
	}
	if p := keyPos(docs[0], "name_ja"); p.Line != 2 || field(docs[0].Fields, "name_ja") != "大阪市" {
		t.Errorf("ja front matter: %v at %v", docs[0].Fields, p)
	}
	if p := keyPos(docs[2], "sources[1].title"); p.Line != 3 || p.Col != 1 {
		t.Errorf(".toml key at %v, want 3:1", p)
	}
}

// keyPos returns where d defines key, the zero Pos when it does not.
func keyPos(d Doc, key string) diag.Pos {
	p, _ := d.Pos(key)
	return p
}

// TestReadAll reads files whose stated size is wrong, as a file being
// written or a virtual file reports it: the bytes read are the file's,
// and reading stops one byte past MaxSize.
func TestReadAll(t *testing.T) {
	big := strings.Repeat("x", MaxSize+10)
	tests := []struct {
		name string
		data string
		size int
		want int // bytes returned
	}{
		{"size right", "hello", 5, 5},
		{"size unknown", "hello", 0, 5},
		{"grew after stat", "hello, world", 5, 12},
		{"shrank after stat", "hi", 5, 2},
		{"empty", "", 0, 0},
		{"too large, size unknown", big, 0, MaxSize + 1},
		{"too large, size claimed small", big, 3, MaxSize + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := readAll(iotest.HalfReader(strings.NewReader(tt.data)), tt.size)
			if err != nil || len(b) != tt.want || string(b) != tt.data[:tt.want] {
				t.Errorf("got %d bytes, %v; want %d", len(b), err, tt.want)
			}
		})
	}
	if _, err := readAll(iotest.ErrReader(errors.New("disk on fire")), 10); err == nil {
		t.Error("a read error was lost")
	}
}

// TestSame checks when two loads of a file stand for each other: same
// path and same text after normalisation, and never a broken file.
func TestSame(t *testing.T) {
	const p = "content/agencies/a.md"
	load := func(path, data string) Doc {
		d, _ := File(fstest.MapFS{path: {Data: []byte(data)}}, path)
		return d
	}
	a := load(p, record)
	tests := []struct {
		name string
		b    Doc
		want bool
	}{
		{"read again", load(p, record), true},
		{"saved with CRLF line ends", load(p, strings.ReplaceAll(record, "\n", "\r\n")), true},
		{"edited", load(p, strings.Replace(record, "Osaka City", "Osaka", 1)), false},
		{"other path", load("content/agencies/b.md", record), false},
		{"broken", load(p, "+++\nname = \n+++\n"), false},
	}
	for _, tt := range tests {
		if got := a.Same(&tt.b); got != tt.want {
			t.Errorf("%s: Same = %v, want %v", tt.name, got, tt.want)
		}
	}
	broken := load(p, "+++\nname = \n+++\n")
	if broken.Same(&broken) {
		t.Error("a broken document is the same as itself")
	}
	missing, _ := Config(fstest.MapFS{})
	empty, _ := Config(fstest.MapFS{ConfigPath: {}})
	if missing.Same(&empty) {
		t.Error("a missing site.toml is the same as an empty one")
	}
	if again, _ := Config(fstest.MapFS{}); !missing.Same(&again) {
		t.Error("a missing site.toml is not the same as itself")
	}
}

func TestReads(t *testing.T) {
	tests := []struct {
		path  string
		isDir bool
		want  bool
	}{
		{"content", true, true},
		{"content/agencies", true, true},
		{"content/agencies/osaka", true, true},
		{"content/agencies/osaka/.git", true, false},
		{"content/agencies/osaka/deep~", true, false},
		{"content/surveys", true, true},
		{"content/images", true, false},
		{"content/agenciesx", true, false},
		{"layouts", true, false},
		{"content/agencies/osaka/osaka-city.md", false, true},
		{"content/agencies/osaka/osaka-city.ja.md", false, true},
		{"content/events/x.toml", false, true},
		{"content/agencies/osaka/notes.txt", false, false},
		{"content/agencies/osaka/.osaka-city.md.swp", false, false},
		{"content/notes.md", false, false},
		{"site.toml", false, false},
	}
	for _, tt := range tests {
		if got := Reads(tt.path, tt.isDir); got != tt.want {
			t.Errorf("Reads(%q, %v) = %v, want %v", tt.path, tt.isDir, got, tt.want)
		}
	}
}

// TestDirSeen: each record read as a plain file carries what the file
// system said of it, and a digest of its very bytes (not of the
// normalised text) when it was modified after the time given; a record
// read through a link carries nothing.
func TestDirSeen(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "content", "agencies")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	oldText, newText := record, strings.ReplaceAll(record, "\n", "\r\n")
	write := func(name, data string, mod time.Time) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mod, mod); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now()
	old := now.Add(-time.Hour).Truncate(time.Second)
	write("old.md", oldText, old)
	write("new.md", newText, now)
	links := os.Symlink("old.md", filepath.Join(dir, "link.md")) == nil
	sum := sha256.Sum256([]byte(newText))
	for name, fsys := range map[string]fs.FS{"DirFS": DirFS(root), "os.DirFS": os.DirFS(root)} {
		docs, _ := DirDigesting(fsys, now.Add(-time.Minute).UnixNano())
		seen := map[string]Seen{}
		for _, d := range docs {
			seen[path.Base(d.Path)] = d.Seen
		}
		if got, want := seen["old.md"], (Seen{Size: int64(len(oldText)), ModTime: old.UnixNano(), Regular: true}); got != want {
			t.Errorf("%s: old.md seen as %+v, want %+v", name, got, want)
		}
		got := seen["new.md"]
		if !got.Regular || got.Size != int64(len(newText)) || got.Digest != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: new.md seen as %+v, want its size %d and the digest of its bytes", name, got, len(newText))
		}
		if links && seen["link.md"] != (Seen{}) {
			t.Errorf("%s: link.md seen as %+v, want nothing", name, seen["link.md"])
		}
		// Dir itself digests nothing.
		docs, _ = Dir(fsys)
		for _, d := range docs {
			if d.Seen.Digest != "" {
				t.Errorf("%s: Dir digested %s", name, d.Path)
			}
		}
	}
}

// field returns the value of key in t, nil when t has none.
func field(t *tomlfast.Table, key string) any {
	v, _ := t.Get(key)
	return v
}
