package generator

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"linewatch/generator/load"
	"linewatch/generator/model"
	"linewatch/generator/render"
	"linewatch/generator/stamp"
)

// priorBuild is what the last `linewatch build` of a site left for the
// next one: its stamp, whole, and what each of its pages read. With it a
// new process does what serve does with the model it keeps: it executes
// only the pages whose inputs changed, and keeps every other file as the
// live site has it (publish.Stream.Keep). The records are still loaded
// and checked in full, and the feeds, sitemap and search index made
// anew, since each reads every record; the open data copies each agency
// that did not change from the live files (sincePlan.dataReuse).
type priorBuild struct {
	stamp stamp.Stamp
	pages stamp.Pages
}

// errPriorStale means the live site is no longer the one the prior build
// published (another build swapped it since): the build starts again
// without the prior.
var errPriorStale = errors.New("the output changed since the last build was saved")

// loadPrior returns the prior build saved at loc for the stamp saved
// there, or nil when there is none that belongs to it. site.toml and the
// layouts must be as the prior build read them (pre, a stamp of them
// taken before this build reads them): a change to either can reach any
// page, so the build then executes every page.
func loadPrior(dir, loc string, saved stamp.Stamp, pre []stamp.File) *priorBuild {
	var then []stamp.File
	for _, f := range saved.Files {
		if !isRecordPath(f.Path) {
			then = append(then, f)
		}
	}
	if !stamp.SameFiles(dir, then, pre) {
		return nil
	}
	pages, err := stamp.LoadPages(stamp.PagesLocation(loc))
	if err != nil || pages.Taken != saved.Taken {
		return nil
	}
	return &priorBuild{stamp: saved, pages: pages}
}

// isRecordPath reports whether the stamped path p is under content/.
func isRecordPath(p string) bool { return strings.HasPrefix(p, "content/") }

// recordPaths returns the paths of the stamped records among files.
func recordPaths(files []stamp.File) []string {
	var paths []string
	for _, f := range files {
		if isRecordPath(f.Path) {
			paths = append(paths, f.Path)
		}
	}
	return paths
}

// sincePlan is the plan of a build from a prior one: every page, those
// no change reached kept from the prior build (their View is kept), and
// the indexes of the pages to execute.
type sincePlan struct {
	pages []render.Page
	dirty []int
	kept  *keptView
}

// keptView is the View of a page a build from a prior one keeps as the
// live site has it: there is no view, since the page is not executed.
type keptView struct{ _ byte }

// changes returns the render input keys that changed since the prior
// build, given the records as this build read them (their stamp) and the
// digests of the model made of them (state); nil when it cannot tell
// what changed: then every page is executed, and nothing is copied from
// the live open data.
func (pb *priorBuild) changes(dir string, records []stamp.File, state stamp.Pages) map[string]bool {
	if records == nil || state.Config != pb.pages.Config {
		return nil
	}
	changed, ok := changedKeys(dir, pb.stamp.Files, records)
	if !ok {
		return nil
	}
	if state.Totals != pb.pages.Totals {
		changed["totals"] = true
	}
	return changed
}

// plan plans the site from the prior build, given the input keys changed
// since (changes, not nil) and the model.
func (pb *priorBuild) plan(changed map[string]bool, site *model.Site, opt render.Options) *sincePlan {
	var slugs []string
	for key := range changed {
		if slug, ok := strings.CutPrefix(key, "agency/"); ok {
			slugs = append(slugs, slug)
		}
	}
	kept := &keptView{}
	old := make([]render.Page, len(pb.pages.List))
	byURL := make(map[string]int, len(old))
	for i, p := range pb.pages.List {
		old[i] = render.Page{URL: p.URL, Lang: p.Lang, Layout: p.Layout, Inputs: p.Inputs, Shape: p.Shape, View: kept}
		byURL[p.URL] = i
	}
	page := func(url string) (render.Page, bool) {
		i, ok := byURL[url]
		if !ok {
			return render.Page{}, false
		}
		return old[i], true
	}
	isChanged := func(key string) bool { return changed[key] }
	planned := render.PlanFrom(site, opt, &render.Prior{Page: page, Changed: isChanged, Plan: old, Records: slugs})
	sp := &sincePlan{pages: planned, kept: kept}
	for i, p := range planned {
		var was render.Page
		var had bool
		if i < len(old) && old[i].URL == p.URL {
			was, had = old[i], true
		} else {
			was, had = page(p.URL)
		}
		if had && p.View == any(kept) {
			continue // kept by the plan: nothing it read changed
		}
		if stale(p, was, had, isChanged) {
			sp.dirty = append(sp.dirty, i)
		}
	}
	return sp
}

// dataReuse opens the open data of the prior build in the live output
// folder out, for render.DataFilesFrom to copy every agency that did not
// change (changed, from changes) from it; it returns nil (encode
// everything) for a build that cannot tell what changed (a nil changed),
// or when the files are not as the prior build left them. It is called
// with the output locked, once the live site is known to be the prior
// build's (see buildStreaming), and the returned function closes the
// files.
func (pb *priorBuild) dataReuse(changed map[string]bool, out string) (*render.DataReuse, func()) {
	none := func() {}
	if changed == nil || len(pb.pages.Data) == 0 {
		return nil, none
	}
	spans := make([]render.DataSpan, len(pb.pages.Data))
	var jsonEnd, csvEnd int64
	for i, d := range pb.pages.Data {
		spans[i] = render.DataSpan(d)
		jsonEnd, csvEnd = max(jsonEnd, d.JSON[1]), max(csvEnd, d.CSV[1])
	}
	var files []*os.File
	closeAll := func() {
		for _, f := range files {
			f.Close()
		}
	}
	for _, p := range []struct {
		path string
		end  int64
	}{{render.AgenciesJSON, jsonEnd}, {render.ServicesCSV, csvEnd}} {
		f, err := os.Open(filepath.Join(out, filepath.FromSlash(p.path)))
		if err != nil {
			closeAll()
			return nil, none
		}
		files = append(files, f)
		// A file shorter than the spans say is not the prior build's.
		if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() || fi.Size() < p.end {
			closeAll()
			return nil, none
		}
	}
	return &render.DataReuse{
		JSON: files[0], CSV: files[1], Spans: spans,
		Changed: func(slug string) bool { return changed["agency/"+slug] },
	}, closeAll
}

// stale reports whether page p must be executed, given the page planned
// at its URL last time (old, when had): a page that is new, drawn by
// another layout, whose rows shifted or that reads, or read, something
// changed. A page of a list whose rows shifted (a record elsewhere in the
// list came, went or moved) has a new Shape though none of its own inputs
// changed; an agency that left a list is among the old page's inputs,
// not the new one's. Update and a build from a prior one both ask it.
func stale(p, old render.Page, had bool, changed func(string) bool) bool {
	return !had || old.Layout != p.Layout || old.Shape != p.Shape || affected(p.Inputs, changed) || affected(old.Inputs, changed)
}

// changedKeys compares the records' stamp saved by the prior build with
// the one this build took as it read them (both sorted by path) and
// returns the render input keys of every record that changed, came or
// went (see Builder.touch). ok is false when a changed path is not a
// record it can place.
func changedKeys(dir string, saved, now []stamp.File) (keys map[string]bool, ok bool) {
	keys = map[string]bool{}
	var then []stamp.File
	for _, f := range saved {
		if isRecordPath(f.Path) {
			then = append(then, f)
		}
	}
	note := func(p string) bool {
		key := recordKey(p)
		keys[key] = true
		return key != ""
	}
	i, j := 0, 0
	for i < len(then) || j < len(now) {
		switch {
		case j == len(now) || i < len(then) && then[i].Path < now[j].Path:
			ok = note(then[i].Path) // gone
			i++
		case i == len(then) || now[j].Path < then[i].Path:
			ok = note(now[j].Path) // new
			j++
		default:
			ok = stamp.SameFile(dir, then[i], now[j]) || note(now[j].Path)
			i, j = i+1, j+1
		}
		if !ok {
			return nil, false
		}
	}
	return keys, true
}

// recordKey returns the render input key the record at slash path p
// feeds, as Builder.touch does for a loaded one, or "" for a path that is
// no record.
func recordKey(p string) string {
	switch load.KindOf(p) {
	case load.Agency:
		return "agency/" + load.SlugOf(p)
	case load.Event:
		return "events"
	case load.Page:
		return "pages/" + load.SlugOf(p)
	case load.Survey:
		return "survey/" + load.SlugOf(p)
	}
	return ""
}

// configDigest and totalsDigest fingerprint what every page may read
// beyond its inputs (the site's settings) and the site-wide counts, for
// stamp.Pages. fmt prints a map's keys sorted, so the same values give
// the same digest.
func configDigest(c model.Config) string { return digestOf(fmt.Sprintf("%#v", c)) }
func totalsDigest(t model.Totals) string { return digestOf(fmt.Sprintf("%#v", t)) }

func digestOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}

// stampPage is what stamp.Pages keeps of a page.
func stampPage(p render.Page) stamp.Page {
	return stamp.Page{URL: p.URL, Lang: p.Lang, Layout: p.Layout, Shape: p.Shape, Inputs: p.Inputs}
}
