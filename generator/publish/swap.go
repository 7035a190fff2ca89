package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Stats says what a Swap changed, counted against the site that was live
// before it, which is what an editor means by "changed" (the standby that
// publish actually writes into may differ by one more generation).
// SHA256SUMS itself is never counted.
type Stats struct {
	Written   int // files that are new or whose bytes changed
	Unchanged int // files with the same bytes as before
	Removed   int // files of the previous site that the new one lacks

	// Manifest is the SHA-256 of the SHA256SUMS the output holds once the
	// site is published: the one written, or the one already there when
	// nothing changed. A stamp of the output (package stamp) records it
	// without reading the file back.
	Manifest [32]byte
}

// Swap publishes files as the whole content of the folder out, plus
// SHA256SUMS, and returns what changed. Keys are slash paths relative to
// out ("agencies/osaka-city/index.html"). Paths that could leave out, and
// file sets where one path is both a file and a folder, are refused before
// anything is touched. See the package doc for how the swap stays atomic
// and why an unchanged file costs no disk write.
//
// files is only read; Swap may hold on to nothing after it returns.
func Swap(out string, files map[string][]byte) (Stats, error) {
	st, err := swap(out, files, defaultOptions(), nil)
	if err != nil {
		return st, fmt.Errorf("publish %s: %w", out, err)
	}
	return st, nil
}

// swap is Swap with options, so tests can stop it after any disk change,
// and what a Publisher remembers (nil for nothing).
func swap(out string, files map[string][]byte, o options, c *cache) (Stats, error) {
	paths, err := checkFiles(files)
	if err != nil {
		return Stats{}, err
	}
	l, err := locate(out)
	if err != nil {
		return Stats{}, err
	}
	sums := hashAll(files, paths, c.memo())
	if err := o.mkdirAll(l.parent); err != nil {
		return Stats{}, err
	}
	o.useCalls(l.parent)
	unlock, err := lockFile(l.lock)
	if err != nil {
		return Stats{}, fmt.Errorf("lock: %w", err)
	}
	defer unlock()
	if err := l.clean(&o); err != nil {
		return Stats{}, err
	}
	live, err := l.live(c)
	if err != nil {
		return Stats{}, err
	}
	st := compare(live.sums, sums)
	if live.trusted && st.Written == 0 && st.Removed == 0 {
		st.Manifest = live.manifest
		return st, nil // out already is this site: touch nothing
	}
	if st.Manifest, err = l.fill(&o, c, files, paths, sums); err != nil {
		return Stats{}, err
	}
	if err := l.promote(&o, live.exists); err != nil {
		return Stats{}, err
	}
	return st, nil
}

// compare counts new files against the live site's digests.
func compare(live, sums map[string]digest) Stats {
	var st Stats
	for p, d := range sums {
		if old, ok := live[p]; ok && old == d {
			st.Unchanged++
		} else {
			st.Written++
		}
	}
	for p := range live {
		if _, ok := sums[p]; !ok {
			st.Removed++
		}
	}
	return st
}

// liveSite is what publish knows of out before a Swap.
type liveSite struct {
	exists   bool              // out is a folder
	trusted  bool              // sums come from out's own SHA256SUMS, so out holds exactly them
	sums     map[string]digest // out's files, without SHA256SUMS
	manifest digest            // the SHA-256 of that SHA256SUMS, when trusted
}

// live reads out's manifest: a few megabytes for a big site, never a walk.
// Only a damaged manifest makes it hash the whole tree. A folder that holds
// files but no manifest was not made by publish, and publishing would
// delete whatever in it the site lacks, so it is refused.
func (l layout) live(c *cache) (liveSite, error) {
	fi, err := os.Lstat(l.out)
	if errors.Is(err, fs.ErrNotExist) {
		return liveSite{sums: map[string]digest{}}, nil
	}
	if err != nil {
		return liveSite{}, err
	}
	if !fi.IsDir() {
		return liveSite{}, fmt.Errorf("%s exists and is not a folder", l.out)
	}
	sums, data, err := c.readManifest(filepath.Join(l.out, ManifestName))
	switch {
	case err == nil:
		return liveSite{exists: true, trusted: true, sums: sums, manifest: Hash(data)}, nil
	case !errors.Is(err, fs.ErrNotExist):
		// A damaged manifest: learn what out holds from its files.
		sums, err := hashTree(l.out)
		return liveSite{exists: true, sums: sums}, err
	}
	entries, err := os.ReadDir(l.out)
	if err != nil {
		return liveSite{}, err
	}
	if len(entries) > 0 {
		return liveSite{}, fmt.Errorf("%s holds files but no %s, so publish did not make it; "+
			"publishing would delete whatever in it the site lacks: move it away or empty it", l.out, ManifestName)
	}
	return liveSite{exists: true, sums: map[string]digest{}}, nil
}

// hashTree hashes every file under root except the root's SHA256SUMS,
// without following symlinks; anything but a regular file gets the zero
// digest, so it counts as changed or removed.
func hashTree(root string) (map[string]digest, error) {
	sums := make(map[string]digest)
	err := filepath.WalkDir(root, func(full string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := filepath.ToSlash(full[len(root)+1:])
		if rel == ManifestName {
			return nil
		}
		if !d.Type().IsRegular() {
			sums[rel] = digest{}
			return nil
		}
		data, err := os.ReadFile(full)
		if err != nil {
			return err
		}
		sums[rel] = Hash(data)
		return nil
	})
	return sums, err
}

// errNoExchange means the system cannot swap two folders in one step.
var errNoExchange = errors.New("atomic folder exchange unsupported")

// promote makes the filled standby the live site. With no live site it is
// one rename. Otherwise the two folders trade names in one atomic exchange,
// and the old site becomes the standby for the next build. Without an
// exchange it takes three renames; between the first two, out is missing
// for a moment, and a kill there leaves the old site at .NAME.swap, which
// the next Swap or Clean renames back.
func (l layout) promote(o *options, outExists bool) error {
	if !outExists {
		return o.rename(l.standby, l.out)
	}
	if !o.noExchange {
		if err := o.step("exchange", l.out); err != nil {
			return err
		}
		err := exchange(l.out, l.standby)
		if !errors.Is(err, errNoExchange) {
			return err
		}
	}
	if err := o.rename(l.out, l.swap); err != nil {
		return err
	}
	if err := o.rename(l.standby, l.out); err != nil {
		if o.rename(l.swap, l.out) != nil {
			err = fmt.Errorf("%w (old site left at %s; the next build restores it)", err, l.swap)
		}
		return err
	}
	return o.rename(l.swap, l.standby)
}
