package generator

import (
	"cmp"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"linewatch/generator/checked"
	"linewatch/generator/diag"
	"linewatch/generator/load"
	"linewatch/generator/model"
	"linewatch/generator/publish"
	"linewatch/generator/refdata"
	"linewatch/generator/render"
	"linewatch/generator/stamp"
	"linewatch/generator/validate"
	"linewatch/layouts"
)

// Config says where a site comes from and where it goes.
type Config struct {
	// Source is the site folder: site.toml, content/ and an optional
	// layouts/ folder that overrides the embedded layouts file by file.
	Source fs.FS
	// SourceDir is the same folder on disk. It is used to guard the output
	// folder (never the site folder or anything holding it) and to resolve
	// site.toml's out key; it may be "" when Source is not on disk, and
	// then Out must be set.
	SourceDir string
	// Out overrides the output folder; "" means site.toml's out, else
	// "public" inside the site folder.
	Out string
	// RowsPerPage and EventsPerPage set the size of a page of a list and
	// of the timeline; 0 means render.RowsPerPage and render.EventsPerPage.
	// Tests set them small to split a small site's lists into pages.
	RowsPerPage, EventsPerPage int
}

// Builder runs the stages for one site and keeps, between builds, what a
// rebuild can reuse: the loaded documents by path, the parsed layouts, and
// the last good site's pages and bytes. Build starts from nothing; Rebuild
// re-reads only the paths it is given and re-executes only the pages whose
// inputs changed (render's "Inputs"). A Builder is not safe for concurrent
// use; serve calls it from one goroutine.
type Builder struct {
	cfg Config
	ref *refdata.Data

	// listed is the record files markHeap found, for the next loadAll to
	// read rather than walk the folders again; nil once it has.
	listed *load.Listing

	// What is on disk now, as far as the Builder has read it.
	loaded   bool
	cfgDoc   load.Doc
	cfgDiags diag.List
	docs     map[string]load.Doc
	docDiags map[string]diag.List
	paths    []string // the keys of docs, sorted; nil when a path came or went
	// planned is the last good build's plan, in order: after an edit the
	// pages mostly come in the same places, so Update finds a page's
	// earlier self at the same index, comparing URLs that are most often
	// the very same string, rather than hashing 43,000 URLs into pages.
	planned []render.Page
	// docList holds docs' values in the order of paths, as validate
	// takes them; an edit sets its entry in place, where making the list
	// anew copied 3.6 MB per edit at 20,000 agencies. Only with paths.
	docList []load.Doc

	// Parsed layouts; nil when they must be (re)loaded.
	lay    *render.Layouts
	static map[string][]byte

	// What checking each record gave, so a rebuild redoes it only for what
	// changed.
	checks validate.Cache

	// Changes seen since the last good build: keys of render inputs, or
	// everything. They survive failed rebuilds, so fixing a typo re-renders
	// what was edited while the site was broken too.
	pending    map[string]bool
	pendingAll bool

	// The last good build.
	site        *model.Site
	pages       map[string]render.Page // by URL
	files       map[string][]byte      // pages, static files and extras; never changed once built
	extras      map[string][]byte      // feeds, sitemap, robots.txt, search index
	extrasCache render.ExtrasCache     // their pieces, so an edit remakes only what it reaches

	// The open data and the output folder, which Rebuild brings up to date
	// after the pages and serve in the background (see Update).
	w writer
}

// writer makes the open data of a build and publishes the whole output.
// It is apart from the rest of the Builder so that serve can run it on
// another goroutine while the next edit is planned: the data files hold
// every record (at 20,000 agencies agencies.json is over 100 MB) and the
// disk is slow, and neither should stand between an edit and its page.
// Only one goroutine at a time may use a writer.
type writer struct {
	cache render.DataCache
	data  map[string][]byte // the open data files last made
	pub   *publish.Publisher
	out   string
}

// Snapshot is one good build held in memory: its pages, static files and
// extras, and what changed since the build before it, which is what
// making the open data again needs. Nothing in it is changed once made.
type Snapshot struct {
	site    *model.Site
	opt     render.Options
	out     string
	files   map[string][]byte
	pending map[string]bool // input keys changed since the previous snapshot
	all     bool            // everything changed
}

// Files returns the snapshot's output by slash path, the open data and
// SHA256SUMS apart. The map must not be changed.
func (s *Snapshot) Files() map[string][]byte { return s.files }

// merge folds an older snapshot that was never written into s, so that
// writing s also remakes what the older one changed.
func (s *Snapshot) merge(older *Snapshot) {
	if older == nil {
		return
	}
	s.all = s.all || older.all
	if s.all {
		return
	}
	pending := make(map[string]bool, len(s.pending)+len(older.pending))
	maps.Copy(pending, older.pending)
	maps.Copy(pending, s.pending)
	s.pending = pending
}

// New returns a Builder for the site described by cfg.
func New(cfg Config) (*Builder, error) {
	if cfg.Source == nil {
		if cfg.SourceDir == "" {
			return nil, errors.New("no site folder given")
		}
		cfg.Source = load.DirFS(cfg.SourceDir)
	}
	ref, err := refdata.Load()
	if err != nil {
		return nil, err
	}
	return &Builder{cfg: cfg, ref: ref}, nil
}

// Result reports what a build did.
type Result struct {
	Out      string        // the output folder written
	Pages    int           // pages in the site
	Rendered int           // pages executed by this build; the rest were reused
	Files    int           // files published, pages included
	Stats    publish.Stats // written, unchanged, removed
	Warnings []string      // things worth saying that do not stop a build
	// Fresh says that BuildUnlessFresh found nothing changed since the
	// last build and did nothing; Files then counts the input files it
	// looked at, and the other counts are zero.
	Fresh bool
}

// ContentError is returned when the content has problems an editor must
// fix. It carries every diagnostic, sorted, so the command can print them
// one per line and a summary; nothing was published.
type ContentError struct{ Diags diag.List }

func (e *ContentError) Error() string { return e.Diags.Error() }

// Check loads and validates the whole site and returns the model input,
// without rendering or writing anything. Content problems come back as a
// *ContentError.
func (b *Builder) Check() (model.Input, error) {
	b.markHeap(checkHeapPerRecord)
	b.loadAll()
	return b.validate()
}

// Build loads, validates, renders and publishes the whole site from
// scratch. On a content problem or an engine failure nothing is published
// and the previous output is left exactly as it was.
func (b *Builder) Build() (Result, error) {
	b.loaded = false
	b.lay, b.extras, b.extrasCache = nil, nil, render.ExtrasCache{}
	b.checks, b.w = validate.Cache{}, writer{}
	return b.Rebuild(nil)
}

// BuildUnlessFresh is Build for `linewatch build`, which starts from
// nothing each time: when the stamp its last build saved (package stamp)
// shows that no input file, not the program and not the output folder
// has changed since, it returns at once with Result.Fresh set and touches
// nothing. Otherwise it builds, and saves a new stamp when the build
// published, with what each page read (stamp.Pages): the next build then
// executes only the pages whose inputs changed (see priorBuild). A site
// that is not on disk always builds, and so does a
// Builder with its own page sizes (Config.RowsPerPage, EventsPerPage),
// which the stamp does not record.
func (b *Builder) BuildUnlessFresh() (Result, error) {
	if b.cfg.SourceDir == "" || b.cfg.RowsPerPage != 0 || b.cfg.EventsPerPage != 0 {
		return b.Build()
	}
	loc, err := stamp.Location(b.cfg.SourceDir, b.cfg.Out)
	if err != nil {
		// No cache folder: nothing to remember with. Build holds the
		// whole site in memory, as serve does.
		b.markHeap(serveHeapPerRecord)
		return b.Build()
	}
	taken := time.Now().UnixNano()
	saved, err := stamp.LoadHead(loc)
	if err != nil {
		saved = stamp.Stamp{}
	}
	var prog, progStat string
	if exe, err := os.Executable(); err == nil {
		prog, progStat, _ = stamp.ProgramDigest(exe, saved)
	}
	// The cheap questions first: a new program, or an output folder that
	// is gone or was built by something else (a cold build), needs no
	// look at the inputs to know it must build.
	var whole stamp.Stamp   // the saved stamp, when the program and output are as it says
	var walked []stamp.File // the inputs as they are now, when they were walked for it
	if saved.Program != "" && saved.Program == prog {
		manifest, _ := stamp.FileDigest(filepath.Join(saved.Out, publish.ManifestName))
		if manifest != "" && manifest == saved.Manifest {
			// The saved stamp is read while the inputs are walked: the
			// walk's listing of folders leaves a core idle.
			loading := started(func() (stamp.Stamp, error) { return stamp.Load(loc) })
			now, err := stamp.Take(b.cfg.SourceDir, stamped, load.ConfigPath, "content", "layouts")
			now.Program, now.ProgramStat, now.Out, now.Manifest = prog, progStat, saved.Out, manifest
			loaded, lerr := loading()
			if err == nil && lerr == nil && loaded.Matches(b.cfg.SourceDir, now) {
				return Result{Out: saved.Out, Fresh: true, Files: len(loaded.Files)}, nil
			}
			if lerr == nil {
				whole = loaded
			}
			if err == nil {
				walked = now.Files
			}
		}
	}
	// The saved stamp and pages stay until this build replaces them: they
	// describe the live site for as long as its manifest is the one they
	// name, which a build that fails leaves as it was, and one that
	// publishes and dies before saving changes (so they are not trusted).
	//
	// site.toml and the layouts are stamped before the build reads them,
	// the records as the build reads each (load.Seen): what changes
	// after either shows as a change next time.
	pre, preErr := stamp.Take(b.cfg.SourceDir, nil, load.ConfigPath, "layouts")
	// The records the stamp walk just found are the ones the build reads,
	// rather than walking their folders again (0.07 s at 20,000 agencies
	// on the work disk), and the heap is marked for them (hugeHeap)
	// before the prior build's pages are read, which a collection would
	// otherwise have to mark too (0.03 s).
	var listed *load.Listing
	if walked != nil {
		l := load.ListOf(recordPaths(walked))
		hugeHeap(hugeHeapSize(l.Len(), hugeHeapPerRecord))
		listed = &l
	}
	// The prior build's pages and the agencies an earlier build checked
	// are read side by side: each is mostly one core's work (0.03-0.09 s
	// at 20,000 agencies), and neither needs the other. Both stay until
	// the build ends, so no collection runs while they are read (one
	// marked the 150 MB read so far, for 25 ms, at 20,000 agencies);
	// buildStreaming then sets the collector as it needs.
	gc := debug.SetGCPercent(loadGCPercent)
	priorRead := started(func() (*priorBuild, error) {
		if whole.Program != "" && preErr == nil {
			return loadPrior(b.cfg.SourceDir, loc, whole, pre.Files), nil
		}
		return nil, nil
	})
	// The agencies an earlier build checked, whose files did not change
	// since, are taken as it left them; only the other records are read.
	var known *knownAgencies
	if walked != nil {
		if known = takeKnown(checkedLocation(loc), prog, walked); known != nil {
			listed = &known.read
		}
	}
	prior, _ := priorRead()
	debug.SetGCPercent(gc)
	// What each page read is saved while the output is swapped in (see
	// stamp.Pages), when a stamp will be saved for it to belong to.
	var savePages func(stamp.Pages) error
	if prog != "" && preErr == nil {
		savePages = func(p stamp.Pages) error {
			p.Taken = taken
			return p.Save(stamp.PagesLocation(loc))
		}
	}
	// A record is stamped with a digest of its bytes when it was written
	// within Racy of the stamp. Those the prior stamp holds a digest of
	// are hashed as this build reads them too, so that telling whether
	// they changed (changedKeys) costs no second read of each; after a
	// whole site was copied in, that is every record.
	racy := taken - int64(stamp.Racy)
	digestAfter := racy
	if prior != nil {
		digestAfter = min(racy, prior.stamp.Taken-int64(stamp.Racy))
	}
	// The checked agencies are kept for the next build when this one is
	// not a first build (which is as fast as it can be only if it writes
	// nothing more), and when what is kept no longer serves: it is
	// rewritten only once many agencies were read again, not after every
	// edit (some 90 MB at 20,000 agencies).
	var saveChecked func([]model.Agency, []stamp.File) error
	if walked != nil && prog != "" && preErr == nil {
		saveChecked = func(agencies []model.Agency, records []stamp.File) error {
			if known != nil && known.stale+len(agencies)-len(known.agencies) <= staleChecked(len(agencies)) {
				return nil
			}
			keep, seen := keepChecked(agencies, records, racy)
			f := checked.File{Program: prog, Agencies: keep, Seen: seen}
			return stamp.WriteWhole(checkedLocation(loc), checked.Encode(f), "checked agencies")
		}
	}
	done, res, err := b.buildStreaming(digestAfter, listed, known, prior, savePages, saveChecked)
	var content *ContentError
	if err != nil && (prior != nil || known != nil) && !errors.As(err, &content) {
		// Whatever failed may be the prior build's doing (its pages, or
		// another build that swapped the output since): a build from
		// nothing needs none of it.
		done, res, err = b.buildStreaming(digestAfter, nil, nil, nil, savePages, nil)
	}
	if err != nil || prog == "" || preErr != nil || done.records == nil {
		return res, err // a link or special file among the inputs: no stamp vouches for it
	}
	for i := range done.records {
		if done.records[i].ModTime <= racy {
			done.records[i].Digest = "" // its time vouches for it
		}
	}
	now := stamp.Stamp{Program: prog, ProgramStat: progStat, Out: res.Out, Taken: taken,
		Files: append(pre.Files, done.records...)}
	slices.SortFunc(now.Files, func(a, b stamp.File) int { return strings.Compare(a.Path, b.Path) })
	now.Manifest = hex.EncodeToString(res.Stats.Manifest[:])
	err = now.Save(loc)
	if err == nil && done.pagesErr != nil {
		res.Warnings = append(res.Warnings, fmt.Sprintf("the next build will render every page again: %v", done.pagesErr))
	}
	if err != nil {
		res.Warnings = append(res.Warnings, fmt.Sprintf("the next build will not know that nothing changed: %v", err))
	}
	return res, nil
}

// stamped keeps, for stamp.Take, the inputs a build reads: site.toml,
// everything under layouts/, and under content/ what load.Reads says
// the loader reads, and nothing else (an editor's swap file or notes.txt
// changes no page, so it does not make the next build run).
func stamped(p string, isDir bool) bool {
	if p == "content" || strings.HasPrefix(p, "content/") {
		return load.Reads(p, isDir)
	}
	return true
}

// stampFiles returns the stamp of each record as load saw it as it read
// it (load.Seen), or nil when one was not read as a plain file.
func stampFiles(docs []load.Doc) []stamp.File {
	files := make([]stamp.File, 0, len(docs))
	for _, d := range docs {
		if !d.Seen.Regular {
			return nil
		}
		files = append(files, stamp.File{Path: d.Path, Size: d.Seen.Size, ModTime: d.Seen.ModTime, Digest: d.Seen.Digest})
	}
	return files
}

// loadGCPercent is the garbage collector's GOGC while a cold build loads,
// checks and plans the site (see buildStreaming).
const loadGCPercent = 1000

// loadMemoryLimit is the memory limit (debug.SetMemoryLimit) while a
// first build of a site of records record files loads, checks and plans
// it with the collector off: four times the heap its whole build is
// expected to take (hugeHeapSize), some 2.5 GB at 20,000 agencies. It is
// a bound for a site far larger per record than any measured, never
// reached by one as measured, which loads in less than the whole build
// takes.
func loadMemoryLimit(records int) int64 {
	return 4 * int64(hugeHeapSize(records, hugeHeapPerRecord))
}

// buildStreaming is Build for a process that builds once and exits: each
// page goes to the disk as soon as it is rendered (publish.Stream) and is
// forgotten, so memory holds the model and the views but never the whole
// output, and the writes overlap the rendering. It publishes exactly what
// Build publishes. The Builder keeps nothing a Rebuild could reuse.
//
// It reads the record files listed holds when that is not nil (see
// load.ListOf), and finds them itself otherwise.
//
// Given known agencies (see takeKnown), listed holds the other records
// only, and it checks them with the known ones (validate.CheckKnown). When
// saveChecked is not nil, it hands it the checked agencies and their
// files' stamp, sorted by path, beside the rest of the build, and turns
// its error into a warning.
//
// Given a prior build (see priorBuild), it executes only the pages whose
// inputs changed since, and keeps the others as the live site has them;
// it fails with errPriorStale when the live site is not the one prior
// published. It returns the records' stamp (checkOnce), for the caller to
// save once the build has published, and hands what each page read to
// savePages (when not nil) while the new site is swapped in: at 20,000
// agencies, saving them takes as long as the swap.
func (b *Builder) buildStreaming(digestAfter int64, listed *load.Listing, known *knownAgencies, prior *priorBuild, savePages func(stamp.Pages) error, saveChecked func([]model.Agency, []stamp.File) error) (streamed, Result, error) {
	// The record files are found first, so that the heap is marked for
	// huge pages by how many there are before much else is allocated;
	// unless the caller found them and marked the heap already.
	var listing load.Listing
	if listed != nil {
		listing = *listed
	} else {
		listing = load.List(b.cfg.Source)
		hugeHeap(hugeHeapSize(listing.Len(), hugeHeapPerRecord))
	}
	// The layouts need nothing from the records: they are parsed and
	// compiled while the records load.
	type parsed struct {
		lay    *render.Layouts
		static map[string][]byte
	}
	layDone := started(func() (parsed, error) {
		lay, err := render.LoadLayouts(render.Union(b.siteLayouts(), layouts.FS))
		if err != nil {
			return parsed{}, fmt.Errorf("layouts: %w", err)
		}
		static, err := lay.Static()
		if err != nil {
			return parsed{}, fmt.Errorf("layouts: %w", err)
		}
		return parsed{lay, static}, nil
	})
	// The output is locked and its manifests read (publish.Begin, some
	// 0.04-0.1 s at 20,000 agencies, on one core) while the site is
	// loaded and planned: after a prior build, from the start, in the
	// folder it published to, which is nearly always this build's too.
	begin := func(out string) func() (*publish.Stream, error) {
		return started(func() (*publish.Stream, error) { return publish.Begin(out) })
	}
	var beginning func() (*publish.Stream, error)
	if prior != nil && prior.stamp.Out != "" {
		beginning = begin(prior.stamp.Out)
	}
	stream := func() (*publish.Stream, error) {
		if beginning == nil {
			return nil, errors.New("the output folder was never locked")
		}
		return beginning()
	}
	defer func() {
		if st, err := stream(); err == nil {
			st.Abort() // nothing, once committed
		}
	}()
	// Until the pages render, nearly everything allocated stays: the
	// records' text, the checked records, the model and the plan. A
	// collection then frees little, yet the heap doubling from nothing
	// ran a dozen of them, each marking all that was loaded so far; so
	// the heap may grow further before one runs, and rendering, which
	// makes garbage page after page, collects as usual: about 5% less CPU
	// for a cold build at 2,000 and 20,000 agencies, the same peak.
	// At 400 one collection still fell in the checks at either size,
	// marking all that was loaded (280 MB at 20,000 agencies) beside
	// checks that use every core, and found nearly all of it still in
	// use; at 1,000 the first runs as the pages start to render, when
	// the documents' parsed front matter is garbage. The heap may still
	// grow only elevenfold between two collections, so a far larger
	// site collects before it renders too.
	//
	// A first build (no prior build, no checked agencies) starts from a
	// heap just collected (hugeHeap), so even elevenfold is soon reached:
	// at 2,000 agencies one collection still marked the records read so
	// far, all in use. It runs with no collection at all until the pages
	// render, unless the heap outgrows loadMemoryLimit: 30 interleaved
	// cold builds each, 398 -> 390 ms and 655 -> 638 ms of CPU at 2,000
	// agencies; no change at 20,000.
	gc := debug.SetGCPercent(loadGCPercent)
	limit := debug.SetMemoryLimit(-1)
	if prior == nil && known == nil {
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(min(limit, loadMemoryLimit(listing.Len())))
	}
	restoreGC := sync.OnceFunc(func() {
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(gc)
	})
	defer restoreGC()
	b.loaded, b.site, b.planned = false, nil, nil
	b.docs, b.docDiags, b.paths, b.docList, b.checks = nil, nil, nil, nil, validate.Cache{}
	in, records, err := b.checkOnce(listing, digestAfter, known)
	if err != nil {
		return streamed{}, Result{}, err
	}
	// The checked agencies are saved beside the build, which only reads
	// them, and waited for before it returns.
	var checkedSaved chan error
	if saveChecked != nil && records != nil {
		checkedSaved = make(chan error, 1)
		go func() { checkedSaved <- saveChecked(in.Agencies, records) }()
		defer func() {
			if checkedSaved != nil {
				<-checkedSaved
			}
		}()
	}
	ready, err := layDone()
	if err != nil {
		return streamed{}, Result{}, err
	}
	lay, static := ready.lay, ready.static
	out, err := b.outDir(in.Config)
	if err != nil {
		return streamed{}, Result{}, err
	}
	if beginning == nil || out != prior.stamp.Out {
		if beginning != nil { // the output folder is not the prior build's
			if st, err := beginning(); err == nil {
				st.Abort()
			}
		}
		beginning = begin(out)
	}
	res := Result{Out: out}
	if in.Config.BaseURL == "" {
		res.Warnings = append(res.Warnings, render.NoBaseURLWarning)
	}
	site := model.Adopt(in) // in is not used again
	opt := b.renderOptions(site.Config)
	state := stamp.Pages{Config: configDigest(site.Config), Totals: totalsDigest(site.Totals)}
	// The open data reads only the model: it is written as it is encoded
	// (Stream.PutFrom) and never held whole (agencies.json is over 100
	// MB at 20,000 agencies), and so are the feeds, sitemap and search
	// index, each going to the disk as soon as it is made. After a prior
	// build, each agency that did not change is copied from the live
	// files rather than encoded again; that copy is the longest thing
	// such a build does (a third of a second at 20,000 agencies on the
	// work disk), so it starts as soon as the output is locked, and the
	// site is planned beside it. From here, every return waits for what
	// was started (fail).
	var (
		side     sync.WaitGroup
		st       *publish.Stream
		data     []render.DataFile
		dataErrs []error
		spans    = make([]render.DataSpan, len(site.Agencies))
	)
	fail := func(err error) (streamed, Result, error) {
		side.Wait()
		return streamed{}, Result{}, err
	}
	closeReuse := func() {}
	defer func() { closeReuse() }()
	startData := func(changed map[string]bool) error {
		var err error
		if st, err = stream(); err != nil {
			return err
		}
		var reuse *render.DataReuse
		if changed != nil {
			// The live site must be the one the prior build published;
			// with the output locked (Begin), nothing else can swap it
			// now.
			if live := st.LiveManifest(); hex.EncodeToString(live[:]) != prior.stamp.Manifest {
				return errPriorStale
			}
			reuse, closeReuse = prior.dataReuse(changed, out)
		}
		data = render.DataFilesFrom(site, opt, reuse, spans)
		// Each file is written on its own, so that services.csv does
		// not wait for agencies.json.
		dataErrs = make([]error, len(data))
		for i, f := range data {
			side.Go(func() {
				if err := st.PutFrom(f.Path, f); err != nil {
					dataErrs[i] = fmt.Errorf("open data: %w", err)
				}
			})
		}
		return nil
	}
	var since *sincePlan
	if prior != nil {
		if changed := prior.changes(b.cfg.SourceDir, records, state); changed != nil {
			if err := startData(changed); err != nil {
				return fail(err)
			}
			since = prior.plan(changed, site, opt)
		}
	}
	var planned []render.Page
	var which []int // the pages to execute
	if since != nil {
		planned, which = since.pages, since.dirty
	} else {
		planned = render.PlanLazy(site, opt) // agency views are made as each page is rendered
		which = make([]int, len(planned))
		for i := range which {
			which[i] = i
		}
	}
	filler := render.NewFiller(site, opt)
	// Three things read the whole plan before the first page renders:
	// the check that no two pages share a file, the extras' copy of the
	// plan and the order of the rendering. The check, the longest, runs
	// beside the other two, on a core that would otherwise wait.
	var seen map[string]bool
	var clash error
	var checked sync.WaitGroup
	checked.Go(func() {
		seen = make(map[string]bool, len(planned)+len(static))
		for _, p := range planned {
			f := p.File()
			if seen[f] {
				clash = fmt.Errorf("two pages would be written to %s", f)
				return
			}
			seen[f] = true
		}
	})
	// The extras get their own copy of the plan, made before the
	// rendering below lets go of the plan's views.
	extrasPlan := slices.Clone(planned)
	twinOrder(planned, which)
	checked.Wait()
	if clash != nil {
		return fail(clash)
	}
	if st == nil { // a build that copies nothing from a prior one
		if err := startData(nil); err != nil {
			return fail(err)
		}
	}
	for _, f := range data {
		if seen[f.Path] {
			return fail(fmt.Errorf("two outputs for %s", f.Path))
		}
		seen[f.Path] = true
	}
	// put publishes a set of files beside the pages; the extras call it
	// from their own goroutine.
	var seenMu sync.Mutex
	put := func(set map[string][]byte) error {
		for file, data := range set {
			seenMu.Lock()
			dup := seen[file]
			seen[file] = true
			seenMu.Unlock()
			if dup {
				return fmt.Errorf("two outputs for %s", file)
			}
			if err := st.Put(file, data); err != nil {
				return err
			}
		}
		return nil
	}
	// The collector runs as usual from here, when the extras, the open
	// data and the pages start to make garbage. Restored earlier, its
	// first collection, which marks everything loaded, fell on the check
	// of the page files above, whose map's allocation was charged some
	// 50 ms of the marking at 20,000 agencies while every page waited.
	restoreGC()
	var extrasErr error
	side.Go(func() {
		extras, err := lay.Extras(site, extrasPlan, opt)
		if err != nil {
			extrasErr = fmt.Errorf("feeds, sitemap and search index: %w", err)
			return
		}
		extrasErr = put(extras)
	})
	// What each page read, for the next build: the pages kept from the
	// live site first.
	list := make([]stamp.Page, len(planned))
	if since != nil {
		run := make([]bool, len(planned))
		for _, i := range which {
			run[i] = true
		}
		for i, p := range planned {
			if !run[i] {
				list[i] = stampPage(p)
				if err = st.Keep(p.File()); err != nil {
					break
				}
			}
		}
	}
	if err == nil {
		err = put(static)
	}
	if err == nil {
		err = executeEach(lay, planned, filler.Fill, which, func(i int, p render.Page, data []byte) error {
			planned[i].View = nil // nothing reads it again
			list[i] = stampPage(p)
			return st.Put(planned[i].File(), data)
		})
	}
	side.Wait()
	if err = errors.Join(append([]error{err, extrasErr}, dataErrs...)...); err != nil {
		return streamed{}, Result{}, err
	}
	state.List = list
	state.Data = make([]stamp.DataSpan, len(spans))
	for i, sp := range spans {
		state.Data[i] = stamp.DataSpan(sp)
	}
	var saved chan error
	if savePages != nil {
		saved = make(chan error, 1)
		go func() { saved <- savePages(state) }()
	}
	res.Stats, err = st.Commit()
	var pagesErr error
	if saved != nil {
		pagesErr = <-saved
	}
	if err != nil {
		return streamed{}, Result{}, err
	}
	res.Pages, res.Rendered, res.Files = len(planned), len(which), len(seen)
	if checkedSaved != nil {
		if err := <-checkedSaved; err != nil {
			res.Warnings = append(res.Warnings, fmt.Sprintf("the next build will read every record again: %v", err))
		}
		checkedSaved = nil
	}
	return streamed{records: records, pagesErr: pagesErr}, res, nil
}

// streamed is what a streaming build leaves for the next build of the
// site: the records' stamp, nil when one was not a plain file, and why
// what each page read could not be saved, if it could not.
type streamed struct {
	records  []stamp.File
	pagesErr error
}

// Rebuild brings the site up to date after the given files changed (slash
// paths relative to the site folder, as the watcher reports them). It
// re-reads only those files, validates the whole set, and executes only
// the pages whose inputs changed; a change to site.toml or a layout
// re-renders everything. The result is byte-for-byte what Build would
// publish. Before the first good build it builds everything.
func (b *Builder) Rebuild(paths []string) (Result, error) {
	snap, res, err := b.Update(paths)
	if err != nil {
		return res, err
	}
	if res.Stats, err = b.Write(snap); err != nil {
		return res, err
	}
	res.Files = len(snap.files) + len(b.w.data)
	return res, nil
}

// Update is Rebuild without the open data and the disk: it brings the
// pages in memory up to date and returns them as a Snapshot, which Write
// then publishes. serve shows the snapshot at once and writes it in the
// background, so an edit reaches the browser without waiting for either.
// Result.Stats and the open data files in Result.Files are left to Write.
func (b *Builder) Update(paths []string) (*Snapshot, Result, error) {
	if !b.loaded || b.site == nil {
		b.loadAll()
		b.pendingAll = true
	} else {
		b.reload(paths)
	}
	in, err := b.validate()
	if err != nil {
		return nil, Result{}, err
	}
	if b.lay == nil {
		lay, err := render.LoadLayouts(render.Union(b.siteLayouts(), layouts.FS))
		if err != nil {
			return nil, Result{}, fmt.Errorf("layouts: %w", err)
		}
		static, err := lay.Static()
		if err != nil {
			return nil, Result{}, fmt.Errorf("layouts: %w", err)
		}
		b.lay, b.static = lay, static
		b.pendingAll = true
	}
	out, err := b.outDir(in.Config)
	if err != nil {
		return nil, Result{}, err
	}
	res := Result{Out: out}
	if in.Config.BaseURL == "" {
		res.Warnings = append(res.Warnings, render.NoBaseURLWarning)
	}

	// The records no change reached are the last build's, not copies.
	var changed []string // the agency records changed since the last good build
	for key := range b.pending {
		if slug, ok := strings.CutPrefix(key, "agency/"); ok {
			changed = append(changed, slug)
		}
	}
	var site *model.Site
	if b.pendingAll {
		site = model.New(in)
	} else {
		site = model.NewFrom(in, b.site, changed)
	}
	all := b.pendingAll || b.site == nil || !reflect.DeepEqual(site.Config, b.site.Config)
	if !all && !reflect.DeepEqual(site.Totals, b.site.Totals) {
		b.pending["totals"] = true
	}
	// Pages no change reaches are kept as planned last time (PlanFrom).
	changedKey := b.changedKeys()
	var prior *render.Prior
	if !all {
		prior = &render.Prior{
			Page: func(url string) (render.Page, bool) {
				p, ok := b.pages[url]
				return p, ok
			},
			Changed: changedKey,
			Site:    b.site,
			Records: append([]string{}, changed...),
			Plan:    b.planned,
		}
	}
	planned := render.PlanFrom(site, b.renderOptions(site.Config), prior)

	// b.pages is keyed by URL. After an edit nearly every page is kept
	// (PlanFrom hands back the very page), so only the other pages are
	// gathered here, and set in b.pages once nothing can fail, rather than
	// a copy of 40,000 pages made (7 MB per edit at 20,000 agencies).
	var dirty []int
	newPages := make(map[string]render.Page)
	added := 0 // URLs b.pages does not have
	for i, p := range planned {
		var old render.Page
		var had bool
		if i < len(b.planned) && b.planned[i].URL == p.URL {
			old, had = b.planned[i], true
		} else {
			old, had = b.pages[p.URL]
		}
		if !all && had && samePointer(p.View, old.View) {
			continue // kept as planned last time: nothing it read changed
		}
		if !all { // else b.pages is made anew below
			if _, dup := newPages[p.URL]; !had && !dup {
				added++
			}
			newPages[p.URL] = p
		}
		if all || stale(p, old, had, changedKey) {
			dirty = append(dirty, i)
		}
	}
	// Every planned URL is in b.pages or newPages; the same number means
	// no page went.
	same := !all && b.files != nil && b.pages != nil && len(b.pages)+added == len(planned)
	var pages map[string]render.Page // b.pages to be, when not same
	if !same {
		pages = make(map[string]render.Page, len(planned))
		seen := make(map[string]bool, len(planned))
		for _, p := range planned {
			if seen[p.File()] {
				return nil, Result{}, fmt.Errorf("two pages would be written to %s", p.File())
			}
			seen[p.File()] = true
			pages[p.URL] = p
		}
	}
	twinOrder(planned, dirty)
	outs, err := b.execute(planned, dirty)
	if err != nil {
		return nil, Result{}, err
	}

	// The files likewise: the last build's, with the pages rendered now.
	var files map[string][]byte
	if same {
		files = maps.Clone(b.files)
		maps.Copy(files, outs)
	} else {
		files = make(map[string][]byte, len(planned)+len(b.static))
		maps.Copy(files, b.static)
		for _, p := range planned {
			file := p.File()
			if data, ok := outs[file]; ok {
				files[file] = data
			} else {
				files[file] = b.files[file]
			}
		}
	}

	// Feeds, the sitemap, robots.txt and the search index, likewise.
	// ExtrasFrom remakes only what the changes reach, and nearly every
	// change reaches something there (the sitemap lists every page).
	oldExtras := b.extras
	if all || b.extras == nil || len(b.pending) > 0 {
		ex, err := b.lay.ExtrasFrom(site, planned, b.renderOptions(site.Config), &b.extrasCache, b.pending, all)
		if err != nil {
			return nil, Result{}, fmt.Errorf("feeds, sitemap and search index: %w", err)
		}
		b.extras = ex
	}
	if same {
		for file := range oldExtras {
			if _, ok := b.extras[file]; !ok {
				delete(files, file)
			}
		}
		maps.Copy(files, b.extras)
	} else {
		for file, body := range b.extras {
			if _, dup := files[file]; dup {
				return nil, Result{}, fmt.Errorf("two outputs for %s", file)
			}
			files[file] = body
		}
	}

	snap := &Snapshot{site: site, opt: b.renderOptions(site.Config), out: out, files: files, pending: b.pending, all: all}
	if same {
		maps.Copy(b.pages, newPages)
	} else {
		b.pages = pages
	}
	b.site, b.files, b.planned = site, files, planned
	b.pending, b.pendingAll = map[string]bool{}, false
	res.Pages, res.Rendered, res.Files = len(planned), len(dirty), len(files)
	return snap, res, nil
}

// Write makes the snapshot's open data and publishes it with the rest of
// the snapshot into the output folder (see package publish): only files
// whose bytes changed are written. Snapshots must be written in the order
// Update made them; one that is skipped must be merged into the next
// (serve does this when edits come faster than the disk). It may run on
// another goroutine than Update, but only one Write at a time.
func (b *Builder) Write(s *Snapshot) (publish.Stats, error) { return b.w.write(s) }

// write is Write.
func (w *writer) write(s *Snapshot) (publish.Stats, error) {
	// The open data files read site.toml, every record and every
	// prefecture (render.DataInputs); they are remade when one of those
	// changed, a deleted record included, and reused as they were
	// otherwise. The changed keys are few, so they are looked at rather
	// than every key the files read.
	remake := s.all || w.data == nil
	for key := range s.pending {
		if key == "site.toml" || strings.HasPrefix(key, "agency/") || strings.HasPrefix(key, "prefecture/") {
			remake = true
			break
		}
	}
	if remake {
		data, err := w.cache.Data(s.site, s.opt, func(slug string) bool {
			return s.all || s.pending["agency/"+slug]
		})
		if err != nil {
			// The cache may hold part of this build; start it afresh.
			w.cache, w.data = render.DataCache{}, nil
			return publish.Stats{}, fmt.Errorf("open data: %w", err)
		}
		w.data = data
	}
	files := make(map[string][]byte, len(s.files)+len(w.data))
	maps.Copy(files, s.files)
	for file, body := range w.data {
		if _, dup := files[file]; dup {
			return publish.Stats{}, fmt.Errorf("two outputs for %s", file)
		}
		files[file] = body
	}
	if w.pub == nil || w.out != s.out {
		w.pub, w.out = publish.New(s.out), s.out
	}
	return w.pub.Swap(files)
}

// Data returns the open data files the last Write made, by slash path.
// The map is never changed after it is returned.
func (b *Builder) Data() map[string][]byte { return b.w.data }

// Files returns the output of the last good build by slash path, without
// the open data (see Data) and SHA256SUMS. The map is never changed after
// it is returned, so serve can keep it while the next build makes a new
// one.
func (b *Builder) Files() map[string][]byte { return b.files }

// affected reports whether any of the input keys is changed.
func affected(inputs []string, changed func(key string) bool) bool {
	for _, in := range inputs {
		if changed(in) {
			return true
		}
	}
	return false
}

// changedKeys returns whether an input key is among the keys changed
// since the last good build, as they are now. A rebuild asks it for every
// input of every page kept (some 250,000 keys at 20,000 agencies) and an
// edit changes a key or two: a look through so few compares lengths and
// bytes, where the map hashes each key asked for.
func (b *Builder) changedKeys() func(key string) bool {
	if len(b.pending) > 8 {
		pending := maps.Clone(b.pending)
		return func(key string) bool { return pending[key] }
	}
	keys := slices.Collect(maps.Keys(b.pending))
	return func(key string) bool { return slices.Contains(keys, key) }
}

// execute runs the dirty pages' templates over all cores and returns
// their bytes by output file.
func (b *Builder) execute(pages []render.Page, dirty []int) (map[string][]byte, error) {
	var mu sync.Mutex
	m := make(map[string][]byte, len(dirty))
	err := executeEach(b.lay, pages, nil, dirty, func(i int, _ render.Page, data []byte) error {
		data = slices.Clone(data) // executeEach's bytes are lent
		mu.Lock()
		defer mu.Unlock()
		m[pages[i].File()] = data
		return nil
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// executeEach runs the templates of pages[i] (made whole by fill, when
// given) for each i in which, over all cores, and hands each page, as
// fill made it, and its bytes to done, from the goroutine that made them;
// the bytes are lent until
// done returns (Layouts.ExecuteFunc). It stops soon after the
// first error of a page or of done, and returns the errors met by then in
// page order.
func executeEach(lay *render.Layouts, pages []render.Page, fill func(render.Page) render.Page, which []int, done func(i int, p render.Page, data []byte) error) error {
	var (
		next   atomic.Int64
		failed atomic.Bool
		mu     sync.Mutex
		errs   = map[int]error{}
		wg     sync.WaitGroup
	)
	// A page and its twin in the other language, next to each other in
	// which (see twinOrder), are one job: one goroutine renders them one
	// after the other, so they share the Markdown of a body both show.
	var jobs []int // where each job starts in which
	for j := range which {
		if j == 0 || !twins(pages[which[j-1]].URL, pages[which[j]].URL) {
			jobs = append(jobs, j)
		}
	}
	jobs = append(jobs, len(which))
	for range min(runtime.GOMAXPROCS(0), max(len(which), 1)) {
		wg.Go(func() {
			for !failed.Load() {
				k := int(next.Add(1)) - 1
				if k >= len(jobs)-1 {
					return
				}
				for j := jobs[k]; j < jobs[k+1] && !failed.Load(); j++ {
					i := which[j]
					p := pages[i]
					if fill != nil {
						p = fill(p)
					}
					err := lay.ExecuteFunc(p, func(data []byte) error { return done(i, p, data) })
					if err != nil {
						failed.Store(true)
						mu.Lock()
						errs[j] = err
						mu.Unlock()
					}
				}
			}
		})
	}
	wg.Wait()
	// In page order, so the same failure reads the same on every run.
	var all []error
	for _, j := range slices.Sorted(maps.Keys(errs)) {
		all = append(all, errs[j])
	}
	return errors.Join(all...)
}

// samePointer reports whether a and b are the same non-nil pointer; views
// are pointers, and PlanFrom hands a kept page back with its very view.
func samePointer(a, b any) bool {
	v := reflect.ValueOf(a)
	return v.Kind() == reflect.Pointer && !v.IsNil() && a == b
}

// twinOrder sorts which, indexes of pages, so that each page comes next
// to its twin in the other language ("/agencies/x/", "/ja/agencies/x/").
func twinOrder(pages []render.Page, which []int) {
	order := func(a, b int) int {
		return cmp.Or(strings.Compare(neutralURL(pages[a].URL), neutralURL(pages[b].URL)), strings.Compare(pages[a].Lang, pages[b].Lang))
	}
	// A cold build's plan comes sorted by URL, and so, each in that
	// order, do its Japanese pages and its others: then merging the two
	// gives the order, where sorting 40,000 pages again took 10 ms
	// before the first page could render.
	var ja, rest []int
	for _, i := range which {
		if neutralURL(pages[i].URL) != pages[i].URL {
			ja = append(ja, i)
		} else {
			rest = append(rest, i)
		}
	}
	if !slices.IsSortedFunc(ja, order) || !slices.IsSortedFunc(rest, order) {
		slices.SortFunc(which, order)
		return
	}
	which = which[:0]
	for len(ja) > 0 && len(rest) > 0 {
		if order(ja[0], rest[0]) < 0 {
			which, ja = append(which, ja[0]), ja[1:]
		} else {
			which, rest = append(which, rest[0]), rest[1:]
		}
	}
	which = append(append(which, ja...), rest...)
}

// neutralURL is a page's URL without the language: "/ja/agencies/x/" is
// "/agencies/x/". It slices rather than builds a string: twinOrder calls
// it for every comparison of a sort of 40,000 pages.
func neutralURL(url string) string {
	if strings.HasPrefix(url, "/ja/") {
		return url[len("/ja"):]
	}
	return url
}

// twins reports whether two URLs are the same page in two languages.
func twins(a, b string) bool { return a != b && neutralURL(a) == neutralURL(b) }

// loadAll reads site.toml and every record from scratch.
func (b *Builder) loadAll() {
	b.cfgDoc, b.cfgDiags = load.Config(b.cfg.Source)
	listing := b.listed
	if listing == nil {
		l := load.List(b.cfg.Source)
		listing = &l
	}
	b.listed = nil
	docs, diags := listing.Read(b.cfg.Source, math.MaxInt64)
	b.docs = make(map[string]load.Doc, len(docs))
	b.docDiags = make(map[string]diag.List)
	b.paths = make([]string, len(docs))
	for i, d := range docs {
		b.docs[d.Path] = d
		b.paths[i] = d.Path // Dir sorts by path
	}
	b.docList = docs
	for _, d := range diags {
		b.docDiags[d.Pos.Path] = append(b.docDiags[d.Pos.Path], d)
	}
	b.loaded = true
	b.pending = map[string]bool{}
}

// reload re-reads the changed paths and notes which render inputs they
// touch. A path it cannot place (a folder, say) makes it re-read
// everything, which is always correct.
func (b *Builder) reload(paths []string) {
	for _, p := range paths {
		switch {
		case p == load.ConfigPath:
			d, diags := load.Config(b.cfg.Source)
			if d.Same(&b.cfgDoc) {
				continue // saved without a change: nothing to redo
			}
			b.cfgDoc, b.cfgDiags = d, diags
			b.pendingAll = true
		case strings.HasPrefix(p, "layouts/") || p == "layouts":
			b.lay = nil
			b.pendingAll = true
		case load.KindOf(p) != load.Unknown:
			old, had := b.docs[p]
			var d load.Doc
			var diags diag.List
			exists := false
			fi, err := fs.Stat(b.cfg.Source, p)
			if err != nil {
				// A link to nowhere is still a file, and load reports it,
				// as a full build does.
				fi, err = fs.Lstat(b.cfg.Source, p)
			}
			if err == nil && !fi.IsDir() {
				d, diags = load.File(b.cfg.Source, p)
				exists = true
				if had && d.Same(&old) {
					// Saved without a change, or written twice by an
					// editor: the file's size and time may differ, its
					// text does not, so nothing is redone.
					continue
				}
			}
			if had {
				b.touch(old)
			}
			if had != exists {
				b.paths, b.docList = nil, nil
			} else if i, ok := slices.BinarySearch(b.paths, p); ok && b.docList != nil {
				b.docList[i] = d
			}
			delete(b.docs, p)
			delete(b.docDiags, p)
			if exists {
				b.docs[p] = d
				if len(diags) > 0 {
					b.docDiags[p] = diags
				}
				b.touch(d)
			}
		case strings.HasPrefix(p, "content/") || p == "content":
			// Not a record: notes.txt, an editor's temporary file, or a
			// folder. The watcher names every file of a folder that comes
			// or goes, so only a folder that still holds records we know
			// (renamed under our feet, say) needs a fresh read.
			if b.holdsDocs(p) {
				b.loadAll()
				b.pendingAll = true
			}
		}
	}
}

// holdsDocs reports whether any loaded document lives under folder dir.
func (b *Builder) holdsDocs(dir string) bool {
	for p := range b.docs {
		if strings.HasPrefix(p, dir+"/") {
			return true
		}
	}
	return false
}

// touch notes the render inputs a document feeds (see render's package
// doc, "Inputs"). A kind it does not know re-renders everything.
func (b *Builder) touch(d load.Doc) {
	switch d.Kind {
	case load.Agency:
		b.pending["agency/"+d.Slug] = true
	case load.Event:
		b.pending["events"] = true
	case load.Page:
		b.pending["pages/"+d.Slug] = true
	case load.Survey:
		b.pending["survey/"+d.Slug] = true
	default:
		b.pendingAll = true
	}
}

// validate checks the documents as they stand and returns the model input,
// or every problem found on the way as a *ContentError.
func (b *Builder) validate() (model.Input, error) {
	// In path order, from a list of paths kept between rebuilds: sorting
	// the documents themselves took 45 ms at 20,000 records.
	if b.paths == nil || b.docList == nil {
		b.paths = slices.Sorted(maps.Keys(b.docs))
		b.docList = make([]load.Doc, len(b.paths))
		for i, p := range b.paths {
			b.docList[i] = b.docs[p]
		}
	}
	docs := b.docList // validate keeps none of it: its cache copies what it keeps
	diags := slices.Clone(b.cfgDiags)
	for _, p := range slices.Sorted(maps.Keys(b.docDiags)) {
		diags.Append(b.docDiags[p])
	}
	in, more := b.checks.Check(b.cfgDoc, docs, b.ref)
	diags.Append(more)
	if len(diags) > 0 {
		diags.Sort()
		return model.Input{}, &ContentError{Diags: diags}
	}
	return in, nil
}

// checkOnce loads and checks the whole site for a build that is not
// followed by another (buildStreaming): the documents go from load to
// validate as load returns them, sorted by path, without the maps by path
// and the validate.Cache that Rebuild keeps, whose filling only copied
// every document (some 20 ms at 20,000 agencies, all on one core).
// It reports what validate reports, as a *ContentError.
//
// It reads the records listing holds (load.List of the site folder) and
// also returns their stamp (stampFiles), with a digest of each record
// modified after digestAfter (Unix nanoseconds). Given known agencies, the
// listing holds the other records only, and the stamp of the known ones'
// files is the one their walk took (takeKnown).
func (b *Builder) checkOnce(listing load.Listing, digestAfter int64, known *knownAgencies) (model.Input, []stamp.File, error) {
	cfgDoc, diags := load.Config(b.cfg.Source)
	docs, more := listing.Read(b.cfg.Source, digestAfter)
	diags.Append(more)
	records := stampFiles(docs)
	var in model.Input
	if known == nil {
		in, more = validate.Check(cfgDoc, docs, b.ref)
	} else {
		in, more = validate.CheckKnown(cfgDoc, docs, known.agencies, b.ref)
		if records != nil {
			records = append(records, known.files...)
			slices.SortFunc(records, func(a, b stamp.File) int { return strings.Compare(a.Path, b.Path) })
		}
	}
	diags.Append(more)
	if len(diags) > 0 {
		diags.Sort()
		return model.Input{}, nil, &ContentError{Diags: diags}
	}
	return in, records, nil
}

// siteLayouts returns the site's own layouts folder, or nil when it has none.
func (b *Builder) siteLayouts() fs.FS {
	if fi, err := fs.Stat(b.cfg.Source, "layouts"); err != nil || !fi.IsDir() {
		return nil
	}
	sub, err := fs.Sub(b.cfg.Source, "layouts")
	if err != nil {
		return nil
	}
	return sub
}

// renderOptions derives the link prefix and absolute base from base_url,
// with the page sizes of the Builder's Config.
func (b *Builder) renderOptions(c model.Config) render.Options {
	opt := render.Options{BasePath: "/", BaseURL: c.BaseURL, RowsPerPage: b.cfg.RowsPerPage, EventsPerPage: b.cfg.EventsPerPage}
	if c.BaseURL != "" {
		if i := strings.Index(c.BaseURL, "://"); i >= 0 {
			rest := c.BaseURL[i+3:]
			if j := strings.IndexByte(rest, '/'); j >= 0 {
				opt.BasePath = rest[j:]
			}
		}
	}
	if !strings.HasSuffix(opt.BasePath, "/") {
		opt.BasePath += "/"
	}
	return opt
}

// outDir decides the output folder and refuses one that would overwrite
// the site itself: the site folder, a folder holding it, or a folder
// inside content/ or layouts/.
func (b *Builder) outDir(c model.Config) (string, error) {
	out := b.cfg.Out
	if out == "" {
		rel := c.Out
		if rel == "" {
			rel = "public"
		}
		if filepath.IsAbs(rel) || b.cfg.SourceDir == "" {
			out = rel
		} else {
			out = filepath.Join(b.cfg.SourceDir, rel)
		}
	}
	absOut, err := filepath.Abs(out)
	if err != nil {
		return "", fmt.Errorf("output folder %s: %w", out, err)
	}
	absOut = resolve(absOut)
	if b.cfg.SourceDir == "" {
		return absOut, nil
	}
	absSrc, err := filepath.Abs(b.cfg.SourceDir)
	if err != nil {
		return "", fmt.Errorf("site folder %s: %w", b.cfg.SourceDir, err)
	}
	absSrc = resolve(absSrc)
	if within(absSrc, absOut) {
		return "", fmt.Errorf("output folder %s is the site folder or holds it; choose another with -out or site.toml's out", out)
	}
	for _, sub := range []string{"content", "layouts"} {
		if within(absOut, filepath.Join(absSrc, sub)) {
			return "", fmt.Errorf("output folder %s is inside the site's %s/ folder; choose another with -out or site.toml's out", out, sub)
		}
	}
	return absOut, nil
}

// within reports whether path is dir itself or lies inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && (rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))))
}

// resolve follows symbolic links in the longest existing prefix of path, so
// a link cannot smuggle the output folder onto the site folder.
func resolve(path string) string {
	rest := ""
	for p := path; ; p = filepath.Dir(p) {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(real, rest)
		}
		if filepath.Dir(p) == p {
			return path
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}
