package publish

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
)

// Stream publishes a site file by file, as it is made, for a build that
// should not hold the whole site in memory: a cold `linewatch build` of
// 20,000 agencies makes over half a gigabyte of pages, and handing each to
// the disk as soon as it is rendered lets the renderer forget it and lets
// the writes overlap the rendering of the next pages. The result is the
// one Swap gives for the same files: the same standby, manifest, exchange
// and guarantees under a kill (see the package doc).
//
// Begin takes the output's lock and reads the two manifests; Put (safe for
// concurrent use) hashes each file and writes it into the standby only
// when the standby holds other bytes; Commit removes what the new site
// lacks, writes the manifest and swaps. A file whose bytes the live site
// already has is not written at once: should every file turn out
// unchanged, Commit touches nothing at all, as Swap does; otherwise such
// files are copied from the live site into the standby, which is what a
// one-record edit costs on the standby's side anyway. PutFrom is Put for
// a file a writer makes as it goes (the open data), which is then never
// held whole. Keep is Put for a file the caller knows to be unchanged
// since the live site was published, without its bytes. Abort gives up,
// leaving the live site as it was.
type Stream struct {
	l      layout
	o      options
	c      *cache
	unlock func()
	tmp    string
	live   liveSite
	have   map[string]digest // the standby's files; read-only after Begin
	dirs   map[string]bool   // the standby's folders; read-only after Begin
	clear  sync.Mutex        // held while a file or folder in a new file's way is removed
	made   sync.Map          // folders of the standby known to exist
	n      atomic.Int64      // names working files

	dirty sync.Once // the standby's manifest is removed before its first change
	dErr  error

	mu       sync.Mutex
	sums     map[string]digest // what was put
	deferred []string          // put with the live site's bytes, the standby's differ
	kept     map[string]string // deferred files PutFrom wrote, by path: their working files
	err      error             // the first failure; Commit reports it
	done     bool
}

// Begin starts publishing a site into the folder out, file by file.
func Begin(out string) (*Stream, error) { return begin(out, defaultOptions(), nil) }

// Begin is the function Begin for the Publisher's folder, remembering the
// manifests it reads and writes as Swap does. The Publisher's Swaps wait
// until the stream is committed or aborted.
func (p *Publisher) Begin() (*Stream, error) {
	p.mu.Lock()
	s, err := begin(p.out, defaultOptions(), &p.c)
	if err != nil {
		p.mu.Unlock()
		return nil, fmt.Errorf("publish %s: %w", p.out, err)
	}
	inner := s.unlock
	s.unlock = func() { inner(); p.mu.Unlock() }
	return s, nil
}

func begin(out string, o options, c *cache) (*Stream, error) {
	l, err := locate(out)
	if err != nil {
		return nil, err
	}
	if err := o.mkdirAll(l.parent); err != nil {
		return nil, err
	}
	o.useCalls(l.parent)
	unlock, err := lockFile(l.lock)
	if err != nil {
		return nil, fmt.Errorf("lock: %w", err)
	}
	s := &Stream{l: l, o: o, c: c, unlock: unlock, sums: map[string]digest{}}
	fail := func(err error) (*Stream, error) {
		unlock()
		return nil, err
	}
	if err := l.clean(&o); err != nil {
		return fail(err)
	}
	if s.live, err = l.live(c); err != nil {
		return fail(err)
	}
	if s.have, err = l.standbyState(&o, c); err != nil {
		return fail(err)
	}
	s.dirs = map[string]bool{}
	for p := range s.have {
		for dir := range parents(p) {
			if s.dirs[dir] {
				break
			}
			s.dirs[dir] = true
		}
	}
	if err := o.step("mkdir", l.tmp+"*"); err != nil {
		return fail(err)
	}
	if s.tmp, err = os.MkdirTemp(l.parent, filepath.Base(l.tmp)+"*"); err != nil {
		return fail(err)
	}
	return s, nil
}

// standbyState returns what the standby holds as path → digest, from its
// manifest, which stays in place until the first change (Stream.touch).
// A standby without a whole manifest was being filled when a build was
// killed; a stream cannot compare it with files it has not seen yet, so it
// is emptied. A missing standby is created empty.
func (l layout) standbyState(o *options, c *cache) (map[string]digest, error) {
	fi, err := os.Lstat(l.standby)
	if err == nil && fi.IsDir() {
		if have, _, err := c.readManifest(filepath.Join(l.standby, ManifestName)); err == nil {
			return have, nil
		}
	}
	if err == nil {
		if err := o.removeAll(l.standby); err != nil {
			return nil, err
		}
	}
	if err := o.step("mkdir", l.standby); err != nil {
		return nil, err
	}
	if err := os.Mkdir(l.standby, 0o755); err != nil {
		return nil, err
	}
	return map[string]digest{}, nil
}

// touch marks the standby dirty before its first change, by removing its
// manifest, so that a kill from here on leaves a standby the next build
// does not trust.
func (s *Stream) touch() error {
	s.dirty.Do(func() {
		err := s.o.remove(filepath.Join(s.l.standby, ManifestName))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			s.dErr = err
		}
	})
	return s.dErr
}

// Put publishes one file of the new site at slash path p. data is only
// read, and not kept after Put returns. After a failure every later Put
// fails too.
func (s *Stream) Put(p string, data []byte) error {
	if err := s.reserve(p); err != nil {
		return err
	}
	inStandby, write, err := s.settle(p, Hash(data), "")
	if !write || err != nil {
		return err
	}
	if !inStandby {
		// A file the standby never had: no reader can hold it open, so it
		// is written in place, without a working copy and a rename (half
		// the system calls of a cold build). A kill halfway leaves a
		// half-written file in a standby already marked dirty.
		dst := filepath.Join(s.l.standby, filepath.FromSlash(p))
		if err := s.mkdirAll(filepath.Dir(dst)); err != nil {
			return s.fail(err)
		}
		err := s.o.writeFile(dst, data)
		if err == nil {
			return nil
		}
		if !errors.Is(err, os.ErrExist) {
			return s.fail(err)
		}
		// Something the manifest did not list is there: replace it below.
	}
	if err := s.l.put(&s.o, filepath.Join(s.tmp, strconv.FormatInt(s.n.Add(1), 10)), p, data); err != nil {
		return s.fail(err)
	}
	return nil
}

// PutFrom publishes one file of the new site at slash path p, as Put
// does, but takes its bytes from src as src writes them instead of from
// one slice, so that a file made as it is written (the open data, about
// 140 MB at 20,000 agencies) never has to be held whole: the bytes are
// hashed and written to a working file as they come. Once src is done,
// the file is renamed into the standby when its digest differs from the
// standby's, and otherwise deleted, so the standby and the live site
// change only where the bytes did, as with Put: a file the standby
// already has is left alone, and one the live site already has waits for
// Commit, which renames it into the standby only if something else
// changed. What PutFrom costs beyond Put is writing the working file
// even when the bytes turn out unchanged.
//
// src.WriteTo is called once; its error, or a failure to write, fails the
// stream as Put's would. PutFrom is safe for concurrent use with Put and
// other PutFroms.
func (s *Stream) PutFrom(p string, src io.WriterTo) error {
	if err := s.reserve(p); err != nil {
		return err
	}
	tmp := filepath.Join(s.tmp, strconv.FormatInt(s.n.Add(1), 10))
	d, err := s.o.writeFrom(tmp, src)
	if err != nil {
		return s.fail(fmt.Errorf("%s: %w", p, err))
	}
	inStandby, write, err := s.settle(p, d, tmp)
	if err != nil {
		return err
	}
	if !write {
		if inStandby {
			return s.discard(tmp) // the standby has these bytes already
		}
		return nil // kept for Commit
	}
	if err := s.place(tmp, p); err != nil {
		return s.fail(err)
	}
	return nil
}

// ErrNotLive means Keep was asked to keep a file the live site does not
// hold, or holds without a manifest to vouch for it.
var ErrNotLive = errors.New("not in the live site's manifest")

// Keep publishes at slash path p the very file the live site holds there,
// without being given its bytes: for a build that knows, from what each
// page read, that a page cannot have changed since the live site was
// built, and so neither renders it nor reads it. The file's digest is
// taken from the live site's manifest; the standby gets a copy only when
// it holds other bytes (Commit copies the live file, checking it against
// the manifest, as for a Put of unchanged bytes). A path the live site's
// manifest does not list fails with ErrNotLive, and the stream with it:
// the caller must then render the file and start a new stream.
// Keep is safe for concurrent use with Put and PutFrom.
func (s *Stream) Keep(p string) error {
	if err := s.reserve(p); err != nil {
		return err
	}
	d, ok := s.live.sums[p] // read-only after Begin
	if !ok || !s.live.trusted {
		return s.fail(fmt.Errorf("keep %q: %w", p, ErrNotLive))
	}
	_, _, err := s.settle(p, d, "")
	return err
}

// reserve checks that p may be published and is not yet, and takes it,
// its digest still unknown, so that Put and PutFrom, which start alike,
// refuse the same paths with the same words.
func (s *Stream) reserve(p string) error {
	if err := checkPath(p); err != nil {
		return s.fail(err)
	}
	if p == ManifestName {
		return s.fail(fmt.Errorf("%q: reserved for the manifest publish writes", p))
	}
	s.mu.Lock()
	if s.err != nil || s.done {
		s.mu.Unlock()
		return s.failure()
	}
	if _, dup := s.sums[p]; dup {
		s.mu.Unlock()
		return s.fail(fmt.Errorf("%q: published twice", p))
	}
	s.sums[p] = digest{}
	s.mu.Unlock()
	return nil
}

// settle records p's digest d and says what the standby needs: nothing
// when it holds these bytes already (inStandby tells), nothing yet when
// the live site holds them (Commit copies them in only if something else
// changed; tmp, PutFrom's working file, is kept for that), or a write
// now, for which the standby is marked dirty and the way to p cleared.
func (s *Stream) settle(p string, d digest, tmp string) (inStandby, write bool, err error) {
	s.mu.Lock()
	if s.err != nil || s.done {
		s.mu.Unlock()
		return false, false, s.failure()
	}
	s.sums[p] = d
	have, inStandby := s.have[p]
	if inStandby && have == d {
		s.mu.Unlock()
		return true, false, nil
	}
	if old, ok := s.live.sums[p]; ok && s.live.trusted && old == d {
		s.deferred = append(s.deferred, p)
		if tmp != "" {
			if s.kept == nil {
				s.kept = map[string]string{}
			}
			s.kept[p] = tmp
		}
		s.mu.Unlock()
		return false, false, nil
	}
	s.mu.Unlock()
	if err := s.touch(); err != nil {
		return inStandby, false, s.fail(err)
	}
	if err := s.makeWay(p); err != nil {
		return inStandby, false, s.fail(err)
	}
	return inStandby, true, nil
}

// place renames the working file tmp over the standby's file p, making
// its folder first. Rename never changes a file in place (see layout.put).
func (s *Stream) place(tmp, p string) error {
	dst := filepath.Join(s.l.standby, filepath.FromSlash(p))
	if err := s.mkdirAll(filepath.Dir(dst)); err != nil {
		return err
	}
	return s.o.rename(tmp, dst)
}

// discard deletes a working file PutFrom found needless, so that it does
// not wait for the end of the stream taking room on the disk.
func (s *Stream) discard(tmp string) error {
	if err := s.o.remove(tmp); err != nil {
		return s.fail(err)
	}
	return nil
}

// mkdirAll makes the standby's folder dir, remembering the folders made
// or found so that each is looked at once.
func (s *Stream) mkdirAll(dir string) error {
	if _, ok := s.made.Load(dir); ok {
		return nil
	}
	if err := s.o.mkdirAll(dir); err != nil {
		return err
	}
	s.made.Store(dir, true)
	return nil
}

// underNewFile reports whether a folder above p is a file of the new site.
func (s *Stream) underNewFile(p string) bool {
	for dir := range parents(p) {
		if _, ok := s.sums[dir]; ok {
			return true
		}
	}
	return false
}

// makeWay removes from the standby what stands where the new file p goes:
// a folder of that name, or a file where p needs a folder. The new site
// can hold neither (Commit refuses a site that does), so both would be
// removed at Commit anyway; Swap removes them before it writes, a stream
// as it meets them.
func (s *Stream) makeWay(p string) error {
	blocked := s.dirs[p]
	for dir := range parents(p) {
		if _, ok := s.have[dir]; ok {
			blocked = true
		}
	}
	if !blocked {
		return nil
	}
	s.clear.Lock()
	defer s.clear.Unlock()
	if s.dirs[p] {
		if err := s.o.removeAll(filepath.Join(s.l.standby, filepath.FromSlash(p))); err != nil {
			return err
		}
	}
	for dir := range parents(p) {
		if _, ok := s.have[dir]; ok {
			err := s.o.remove(filepath.Join(s.l.standby, filepath.FromSlash(dir)))
			if err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}

// fail records the first failure and returns it (or the earlier one).
func (s *Stream) fail(err error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = fmt.Errorf("publish %s: %w", s.l.out, err)
	}
	return s.err
}

// failure returns the recorded failure, or says the stream is over.
func (s *Stream) failure() error {
	if s.err != nil {
		return s.err
	}
	return fmt.Errorf("publish %s: the stream is already committed or aborted", s.l.out)
}

// Commit finishes the new site and makes it live, and returns what
// changed against the site that was live before. Every file must have
// been Put, each once; files the live site has and the new one lacks are
// removed. It waits for nothing: Puts must have returned.
func (s *Stream) Commit() (Stats, error) {
	s.mu.Lock()
	err, done := s.err, s.done
	s.done = true
	s.mu.Unlock()
	if done {
		return Stats{}, s.failure()
	}
	defer s.release()
	if err != nil {
		return Stats{}, err
	}
	st, err := s.commit()
	if err != nil {
		return Stats{}, fmt.Errorf("publish %s: %w", s.l.out, err)
	}
	return st, nil
}

func (s *Stream) commit() (Stats, error) {
	paths := sortedKeys(s.sums)
	var clashes []error
	newDirs := map[string]bool{}
	for _, p := range paths {
		for dir := range parents(p) {
			if _, clash := s.sums[dir]; clash {
				clashes = append(clashes, fmt.Errorf("%q: %q is a file, so it cannot be a folder", p, dir))
				break
			}
			newDirs[dir] = true
		}
	}
	if err := errors.Join(clashes...); err != nil {
		return Stats{}, err
	}
	st := compare(s.live.sums, s.sums)
	if s.live.trusted && st.Written == 0 && st.Removed == 0 {
		st.Manifest = s.live.manifest
		return st, nil // out already is this site: touch nothing
	}
	if err := s.touch(); err != nil {
		return Stats{}, err
	}
	var extra []string
	for p := range s.have {
		if _, keep := s.sums[p]; keep || newDirs[p] || s.underNewFile(p) {
			continue // kept, or already out of a new file's way (makeWay)
		}
		extra = append(extra, p)
	}
	slices.Sort(extra)
	for _, p := range extra {
		if err := s.l.removeFile(&s.o, p); err != nil {
			return Stats{}, err
		}
	}
	// Files the live site already holds, copied into the standby, or for
	// those PutFrom wrote, moved there from the working folder.
	slices.Sort(s.deferred)
	for _, p := range s.deferred {
		if tmp, ok := s.kept[p]; ok {
			if err := s.place(tmp, p); err != nil {
				return Stats{}, err
			}
			continue
		}
		data, err := os.ReadFile(filepath.Join(s.l.out, filepath.FromSlash(p)))
		if err == nil && Hash(data) != s.sums[p] {
			err = fmt.Errorf("%s no longer holds what SHA256SUMS says (changed by hand?); remove %s and build again", p, s.l.out)
		}
		if err != nil {
			return Stats{}, err
		}
		if err := s.l.put(&s.o, filepath.Join(s.tmp, strconv.FormatInt(s.n.Add(1), 10)), p, data); err != nil {
			return Stats{}, err
		}
	}
	manifest, data := filepath.Join(s.tmp, ManifestName), formatManifest(paths, s.sums)
	if err := s.o.writeFile(manifest, data); err != nil {
		return Stats{}, err
	}
	if err := s.o.rename(manifest, filepath.Join(s.l.standby, ManifestName)); err != nil {
		return Stats{}, err
	}
	s.c.remember(data, s.sums)
	if err := s.l.promote(&s.o, s.live.exists); err != nil {
		return Stats{}, err
	}
	st.Manifest = Hash(data)
	return st, nil
}

// LiveManifest is the SHA-256 of the SHA256SUMS the output held when
// Begin took its lock, as Begin read it; zero when it held none, or a
// damaged one. Until Commit or Abort no other publish can change the
// output, so a caller that knows which site it expects to find there
// (the build from a prior one) can check it without reading it again.
func (s *Stream) LiveManifest() [32]byte { return s.live.manifest }

// Abort gives up the stream: the live site stays as it was, and the
// standby, if anything was written to it, is left for the next build to
// empty. It does nothing after Commit.
func (s *Stream) Abort() {
	s.mu.Lock()
	done := s.done
	s.done = true
	s.mu.Unlock()
	if !done {
		s.release()
	}
}

// release removes the working folder and lets go of the lock.
func (s *Stream) release() {
	s.o.removeAll(s.tmp)
	s.unlock()
}
