package validate

import (
	"testing"
	"testing/fstest"

	"linewatch/generator/load"
)

// FuzzDoc loads arbitrary bytes as an agency, an event, a page and
// site.toml, and validates them. It must never panic, and every problem
// must name its file.
func FuzzDoc(f *testing.F) {
	f.Add([]byte(osakaCity))
	f.Add([]byte(head + "[[services]]\nname = 1\nstatus = \"suspend\"\n  [[services.history]]\n  date = 2021-01-01T00:00:00Z\n+++\n"))
	f.Add([]byte("+++\nprefecture = 99\ncode = 1\nlevel = \"national\"\nsources = [1, {}]\n+++\n"))
	f.Add([]byte("+++\ndate = 2021-03-17\nagencies = [\"x\", [1]]\n[[sources]]\nurl = \"http://[::1\"\n+++\n"))
	f.Add([]byte("base_url = \"https://\"\ntitel = 3\n"))
	ref := loadRef(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"site.toml":                 {Data: data},
			"content/agencies/x.md":     {Data: data},
			"content/agencies/x.ja.md":  {Data: data},
			"content/agencies/y.toml":   {Data: data},
			"content/events/x.md":       {Data: data},
			"content/pages/about.md":    {Data: data},
			"content/pages/about.ja.md": {Data: data},
		}
		cfg, diags := load.Config(fsys)
		docs, more := load.Dir(fsys)
		diags.Append(more)
		_, more = Check(cfg, docs, ref)
		diags.Append(more)
		for _, d := range diags {
			if d.Pos.Path == "" || d.Pos.Line < 0 || d.Pos.Col < 0 || d.Msg == "" {
				t.Fatalf("bad diagnostic %+v", d)
			}
		}
	})
}
