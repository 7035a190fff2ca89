package publish

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// checkPath reports why p cannot name a published file, or nil. A path is
// slash-separated and relative to the output folder; anything that could
// climb out of it, or that SHA256SUMS could not list on one line, is
// refused before the disk is touched.
func checkPath(p string) error {
	switch {
	case p == "":
		return errors.New("empty path")
	case !utf8.ValidString(p):
		return fmt.Errorf("%q: not valid UTF-8", p)
	case strings.HasPrefix(p, "/"):
		return fmt.Errorf("%q: absolute path", p)
	case strings.ContainsRune(p, '\\'):
		return fmt.Errorf("%q: backslash in path", p)
	}
	for _, r := range p {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("%q: control character in path", p)
		}
	}
	for seg := range strings.SplitSeq(p, "/") {
		switch seg {
		case "":
			return fmt.Errorf("%q: empty path segment", p)
		case ".", "..":
			return fmt.Errorf("%q: %q segment in path", p, seg)
		}
	}
	return nil
}

// checkFiles checks every path of a file set, and that no path is both a
// file and a folder ("a" and "a/b") and none takes the manifest's name. It
// reports every problem at once, sorted, so a render bug shows in full.
// It returns the paths sorted, the order of SHA256SUMS.
func checkFiles(files map[string][]byte) ([]string, error) {
	var errs []error
	paths := sortedKeys(files)
	for _, p := range paths {
		if err := checkPath(p); err != nil {
			errs = append(errs, err)
			continue
		}
		if p == ManifestName {
			errs = append(errs, fmt.Errorf("%q: reserved for the manifest publish writes", p))
		}
		for dir := range parents(p) {
			if _, clash := files[dir]; clash {
				errs = append(errs, fmt.Errorf("%q: %q is a file, so it cannot be a folder", p, dir))
				break
			}
		}
	}
	return paths, errors.Join(errs...)
}

// parents yields the folders above a slash path, deepest first: for
// "a/b/c" it yields "a/b" and then "a".
func parents(p string) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		for {
			i := strings.LastIndexByte(p, '/')
			if i < 0 {
				return
			}
			p = p[:i]
			if !yield(p) {
				return
			}
		}
	}
}

// sortedKeys returns the keys of m in byte order, the order of SHA256SUMS.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
