package publish

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
)

// fill brings the standby folder to exactly files, touching only what
// differs: it removes the standby's SHA256SUMS first, so that from then on
// the folder says it is dirty; removes files the new site lacks and the
// folders they leave empty; writes each new or changed file to the working
// folder and renames it into place; and writes SHA256SUMS last, by rename,
// so a manifest in the standby is always whole and always true. It
// returns the SHA-256 of that SHA256SUMS.
func (l layout) fill(o *options, c *cache, files map[string][]byte, paths []string, sums map[string]digest) (digest, error) {
	have, strays, err := l.openStandby(o, c, files, sums)
	if err != nil {
		return digest{}, err
	}
	if err := o.step("mkdir", l.tmp+"*"); err != nil {
		return digest{}, err
	}
	tmp, err := os.MkdirTemp(l.parent, filepath.Base(l.tmp)+"*")
	if err != nil {
		return digest{}, err
	}
	defer o.removeAll(tmp) // empty on success; Clean gets it after a kill

	var extra []string
	for p := range have {
		if _, keep := sums[p]; !keep {
			extra = append(extra, p)
		}
	}
	slices.Sort(extra)
	for _, p := range extra {
		if err := l.removeFile(o, p); err != nil {
			return digest{}, err
		}
	}
	for _, dir := range strays {
		if err := o.removeAll(dir); err != nil {
			return digest{}, err
		}
	}
	var todo []string
	for _, p := range paths {
		if d, ok := have[p]; !ok || d != sums[p] {
			todo = append(todo, p)
		}
	}
	if err := l.writeAll(o, tmp, todo, files); err != nil {
		return digest{}, err
	}
	manifest, data := filepath.Join(tmp, ManifestName), formatManifest(paths, sums)
	if err := o.writeFile(manifest, data); err != nil {
		return digest{}, err
	}
	if err := o.rename(manifest, filepath.Join(l.standby, ManifestName)); err != nil {
		return digest{}, err
	}
	c.remember(data, sums)
	return Hash(data), nil
}

// openStandby returns what the standby holds as path → digest, having
// marked it dirty. A clean standby's manifest is believed as it is (its
// files were all written before it). A dirty or unknown one is compared
// byte for byte with the new files instead: a file that matches gets the
// new digest, anything else the zero digest, and folders that no new file
// needs come back as strays to remove whole. A missing standby is created
// empty, so the first build and the first swap need no special case.
func (l layout) openStandby(o *options, c *cache, files map[string][]byte, sums map[string]digest) (have map[string]digest, strays []string, err error) {
	fi, err := os.Lstat(l.standby)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, nil, err
	case !fi.IsDir():
		if err := o.removeAll(l.standby); err != nil {
			return nil, nil, err
		}
	default:
		manifest := filepath.Join(l.standby, ManifestName)
		if have, _, err := c.readManifest(manifest); err == nil {
			return have, nil, o.remove(manifest)
		}
		return scanStandby(l.standby, files, sums)
	}
	if err := o.step("mkdir", l.standby); err != nil {
		return nil, nil, err
	}
	return map[string]digest{}, nil, os.Mkdir(l.standby, 0o755)
}

// scanStandby walks a standby whose manifest is missing or damaged (a
// build was killed while filling it) and learns what it holds by reading.
// It costs a read of every file, once, after a kill.
func scanStandby(root string, files map[string][]byte, sums map[string]digest) (map[string]digest, []string, error) {
	need := make(map[string]bool)
	for p := range files {
		for dir := range parents(p) {
			if need[dir] {
				break
			}
			need[dir] = true
		}
	}
	have := make(map[string]digest)
	var strays []string
	err := filepath.WalkDir(root, func(full string, d fs.DirEntry, err error) error {
		if err != nil || full == root {
			return err
		}
		rel := filepath.ToSlash(full[len(root)+1:])
		if d.IsDir() {
			if !need[rel] {
				strays = append(strays, full)
				return fs.SkipDir
			}
			return nil
		}
		have[rel] = digest{}
		data, wanted := files[rel]
		if !wanted || !d.Type().IsRegular() {
			return nil // removed, or replaced by rename, which never follows a symlink
		}
		same, err := sameBytes(full, data)
		if same {
			have[rel] = sums[rel]
		}
		return err
	})
	return have, strays, err
}

// sameBytes reports whether the file name holds exactly data.
func sameBytes(name string, data []byte) (bool, error) {
	fi, err := os.Lstat(name)
	if err != nil || fi.Size() != int64(len(data)) {
		return false, err
	}
	got, err := os.ReadFile(name)
	return bytes.Equal(got, data), err
}

// removeFile removes the standby's file p, then each folder above it that
// this leaves empty.
func (l layout) removeFile(o *options, p string) error {
	if err := o.remove(filepath.Join(l.standby, filepath.FromSlash(p))); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for dir := range parents(p) {
		full := filepath.Join(l.standby, filepath.FromSlash(dir))
		if err := o.step("rmdir", full); err != nil {
			return err
		}
		if os.Remove(full) != nil {
			return nil // not empty (or already gone): the folders above stay too
		}
	}
	return nil
}

// writeAll writes the files at paths into the standby, a few at a time:
// on a slow disk most of a file's cost is waiting, which overlaps well.
// It stops at the first error.
func (l layout) writeAll(o *options, tmp string, paths []string, files map[string][]byte) error {
	var (
		next  atomic.Int64
		mu    sync.Mutex
		first error
		wg    sync.WaitGroup
	)
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if first == nil {
			first = err
		}
	}
	failed := func() bool {
		mu.Lock()
		defer mu.Unlock()
		return first != nil
	}
	for range min(max(o.workers, 1), len(paths)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(paths) || failed() {
					return
				}
				if err := l.put(o, filepath.Join(tmp, strconv.Itoa(i)), paths[i], files[paths[i]]); err != nil {
					fail(err)
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}

// put writes one file to the working folder under the name tmpName, then
// renames it over the standby's copy. Rename never changes a file in
// place, so a reader still holding the old file open (this folder was live
// one build ago) keeps reading whole, old bytes.
func (l layout) put(o *options, tmpName, p string, data []byte) error {
	if err := o.writeFile(tmpName, data); err != nil {
		return err
	}
	dst := filepath.Join(l.standby, filepath.FromSlash(p))
	if err := o.mkdirAll(filepath.Dir(dst)); err != nil {
		return err
	}
	return o.rename(tmpName, dst)
}
