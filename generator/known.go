package generator

import (
	"slices"
	"strings"

	"linewatch/generator/checked"
	"linewatch/generator/load"
	"linewatch/generator/model"
	"linewatch/generator/stamp"
)

// knownAgencies is what a `linewatch build` takes from the agencies an
// earlier build checked (package checked) instead of reading and checking
// their files again: at 20,000 agencies reading, parsing and checking
// every record was 0.54 s of the 1.3 s a build after one edit took.
//
// An agency is taken when its record and its Japanese sibling, or the
// lack of one, are as they were when it was checked: the same paths,
// sizes and modification times, by the stamp the build has just taken,
// with times old enough to vouch for the content (stamp.Racy, as for the
// stamp itself). It was checked by the same program, so checking it again
// would give the same agency; the rules across records still run over it
// (validate.CheckKnown).
type knownAgencies struct {
	agencies []model.Agency // each taken agency, as its check gave it
	files    []stamp.File   // the stamp of their files, as the walk saw them, in path order
	read     load.Listing   // every other record: the build reads these
	stale    int            // agencies the file held that were not taken
}

// checkedLocation is where a site's checked agencies are kept, beside its
// stamp (stamp.Location).
func checkedLocation(loc string) string { return loc + ".checked" }

// takeKnown returns the agencies kept at name by program prog that still
// stand for their files, given the stamp just taken of the site's inputs
// (walked, sorted by path); nil when there is no such file or none of it
// can be used.
func takeKnown(name, prog string, walked []stamp.File) *knownAgencies {
	if prog == "" {
		return nil
	}
	f, err := checked.Load(name)
	if err != nil || f.Program != prog || len(f.Seen) != len(f.Agencies) {
		return nil
	}
	// Each record of the walk by path, as its index in walked; taken
	// marks the ones an agency is taken from, by the same index.
	now := make(map[string]int, len(walked))
	for i, w := range walked {
		if isRecordPath(w.Path) {
			now[w.Path] = i
		}
	}
	taken := make([]bool, len(walked))
	at := func(p string, size, modTime int64) (int, bool) {
		i, ok := now[p]
		return i, ok && walked[i].Size == size && walked[i].ModTime == modTime && !taken[i]
	}
	k := &knownAgencies{}
	agencies := f.Agencies[:0] // taken ones, in place: nearly all of them
	var buf []byte
	for i := range f.Agencies {
		a, seen := &f.Agencies[i], f.Seen[i]
		main, ok := at(a.Path, seen.Size, seen.ModTime)
		ok = ok && load.KindOf(a.Path) == load.Agency && load.SlugOf(a.Path) == a.Slug
		// Its Japanese sibling's path, NAME.ja.md in its folder, looked
		// up without making a string of it.
		buf = append(append(append(buf[:0], a.Path[:strings.LastIndexByte(a.Path, '/')+1]...), a.Slug...), ".ja.md"...)
		ja, jaNow := now[string(buf)]
		if a.PathJA == "" {
			ok = ok && !jaNow
		} else {
			var same bool
			ja, same = at(a.PathJA, seen.SizeJA, seen.ModTimeJA)
			ok = ok && same && a.PathJA == string(buf)
		}
		if !ok {
			k.stale++
			continue
		}
		agencies = append(agencies, *a)
		taken[main] = true
		if a.PathJA != "" {
			taken[ja] = true
		}
	}
	if len(agencies) == 0 {
		return nil
	}
	k.agencies = slices.Clip(agencies)
	// The walk's records, in path order: the files of the agencies
	// taken, and the rest, to read.
	var rest []string
	for i, w := range walked {
		switch {
		case taken[i]:
			k.files = append(k.files, w)
		case isRecordPath(w.Path):
			rest = append(rest, w.Path)
		}
	}
	k.read = load.ListOf(rest)
	return k
}

// keepChecked returns the agencies of a site that passed its check, for
// checked.File, with what the stamp records says of their files: all but
// those whose record or sibling was modified after racy (Unix
// nanoseconds), whose times cannot vouch for their content (stamp.Racy),
// or that the stamp does not hold.
func keepChecked(agencies []model.Agency, records []stamp.File, racy int64) ([]model.Agency, []checked.Seen) {
	at := func(p string) (stamp.File, bool) {
		i, ok := slices.BinarySearchFunc(records, p, func(f stamp.File, p string) int { return strings.Compare(f.Path, p) })
		if !ok {
			return stamp.File{}, false
		}
		return records[i], true
	}
	keep := make([]model.Agency, 0, len(agencies))
	seen := make([]checked.Seen, 0, len(agencies))
	for _, a := range agencies {
		main, ok := at(a.Path)
		if !ok || main.ModTime > racy {
			continue
		}
		s := checked.Seen{Size: main.Size, ModTime: main.ModTime}
		if a.PathJA != "" {
			ja, ok := at(a.PathJA)
			if !ok || ja.ModTime > racy {
				continue
			}
			s.SizeJA, s.ModTimeJA = ja.Size, ja.ModTime
		}
		keep = append(keep, a)
		seen = append(seen, s)
	}
	return keep, seen
}

// staleChecked is how many of n agencies may be read again (changed,
// new, or gone from the kept file) before the kept file is rewritten:
// an editor's edits each read one record again, which costs far less
// than writing the file anew (about 90 MB at 20,000 agencies).
func staleChecked(n int) int { return max(32, n/64) }
