package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"linewatch/generator/model"
)

// NewRecord writes a scaffold for a new record at path (relative to the
// site folder dir, or absolute), with every field present and commented,
// so an editor fills in values instead of looking up names. The kind of
// record follows from the folder: content/events/ gives an event,
// content/pages/ a free page, content/surveys/ a survey, anything else
// under content/ an agency. It
// never overwrites an existing file and returns the path it wrote.
func NewRecord(dir, path string) (string, error) {
	full := path
	if !filepath.IsAbs(full) {
		full = filepath.Join(dir, path)
	}
	rel, err := filepath.Rel(dir, full)
	if err != nil || !within(full, filepath.Join(dir, "content")) {
		return "", fmt.Errorf("new %s: a record must go under %s", path, filepath.Join(dir, "content"))
	}
	rel = filepath.ToSlash(rel)
	ext := filepath.Ext(rel)
	if ext == "" {
		rel += ".md"
		full += ".md"
		ext = ".md"
	}
	if ext != ".md" && ext != ".toml" {
		return "", fmt.Errorf("new %s: a record is a .md or .toml file", path)
	}
	slug := strings.TrimSuffix(filepath.Base(rel), ext)
	if strings.HasSuffix(slug, ".ja") {
		return "", fmt.Errorf("new %s: write the English record first; its Japanese body NAME.ja.md holds only Markdown", path)
	}
	var fields string
	switch {
	case strings.HasPrefix(rel, "content/events/"):
		fields = eventScaffold()
	case strings.HasPrefix(rel, "content/pages/"):
		fields = pageScaffold
	case strings.HasPrefix(rel, "content/surveys/"):
		fields = surveyScaffold()
	default:
		fields = agencyScaffold(strings.Split(rel, "/"))
	}
	var text string
	if ext == ".toml" {
		text = "# " + rel + ": see docs/content-guide.md for every field.\n" + fields
	} else {
		text = "+++\n" + fields + "+++\nContext in Markdown: what the body does with LINE, worded as carefully as the sources.\nThe Japanese text goes in " + slug + ".ja.md beside this file.\n"
	}
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return "", fmt.Errorf("new %s: %w", path, err)
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("new %s: the file already exists; nothing was written", path)
	}
	if err != nil {
		return "", fmt.Errorf("new %s: %w", path, err)
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return "", fmt.Errorf("new %s: %w", path, err)
	}
	return full, f.Close()
}

func list[T ~string](values []T) string { return strings.Join(model.Strings(values), " | ") }

// agencyScaffold writes every agency field with its allowed values taken
// from the model's enum tables, so the scaffold cannot drift from the
// validator. A record placed in a prefecture's folder gets that slug.
func agencyScaffold(parts []string) string {
	pref := `""`
	if len(parts) >= 4 && parts[1] == "agencies" && parts[2] != "national" {
		pref = fmt.Sprintf("%q", parts[2])
	}
	return `name = ""                  # English name, e.g. "Osaka City"
name_ja = ""               # Japanese name, e.g. "大阪市"
level = "municipality"     # ` + list(model.Levels) + `
prefecture = ` + pref + `    # prefecture slug (osaka) or JIS X 0401 code (27); delete for national bodies
code = ""                  # 6-digit local government code with its check digit, e.g. "271004"; delete if unknown or national
updated = 2021-03-19       # the date you last checked this record against its sources (a TOML date, no quotes)

# One [[services]] block per LINE service. A record with no services states,
# with its sources, that the body does not use LINE.
[[services]]
name = ""                  # English name of the service
name_ja = ""               # Japanese name
category = "consultation"  # ` + list(model.Categories) + `
status = "active"          # ` + list(model.Statuses) + `
since = 2021-03-19         # when the current status began; delete the line if no source gives a date
personal_data = false      # the service handles personal information
sensitive = false          # a leak would harm people (consultations)
alternative = ""           # optional: what replaced it, e.g. "Telephone line"
alternative_ja = ""        # optional: the same in Japanese
note = ""                  # optional, Markdown inline: how the source words it
note_ja = ""               # optional: the same in Japanese

  # Earlier states, oldest first, all before since. Delete if none.
  [[services.history]]
  date = 2020-08-01
  status = "active"        # ` + list(model.Statuses) + `
  note = ""                # optional
  note_ja = ""             # optional

# At least one source; every claim is sourced.
[[sources]]
title = ""                 # the page or article title, as published
publisher = ""             # who published it, e.g. "The Mainichi", "Osaka City"
kind = "news"              # ` + list(model.SourceKinds) + `
date = 2021-03-19          # publication date; delete the line if the source shows none
url = ""                   # http(s) address copied exactly; delete the line if there is none, never guess
archive_url = ""           # optional: an archived copy; delete the line if none
quote = ""                 # optional: the sentence that supports the claim, in its own language
`
}

// eventScaffold writes every event field, like agencyScaffold.
func eventScaffold() string {
	return `date = 2021-03-19          # the day it happened (a TOML date, no quotes)
title = ""                 # English title
title_ja = ""              # Japanese title
agencies = []              # slugs of the agencies concerned, e.g. ["osaka-city"]

[[sources]]
title = ""                 # the page or article title, as published
publisher = ""             # who published it
kind = "news"              # ` + list(model.SourceKinds) + `
date = 2021-03-19          # publication date; delete the line if the source shows none
url = ""                   # http(s) address copied exactly; delete the line if there is none
archive_url = ""           # optional; delete the line if none
quote = ""                 # optional: the supporting sentence, in its own language
`
}

const pageScaffold = `title = ""                 # English title
title_ja = ""              # Japanese title
`
