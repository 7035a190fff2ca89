package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"sync"
)

// ManifestName is the file publish writes at the root of the output: one
// line per file, "HEX  path", sorted by path, the format `sha256sum -c`
// checks. Citizens can verify a deployed copy with it, and publish reads it
// back as the list of what a folder holds, so it never has to walk or read
// an unchanged tree.
const ManifestName = "SHA256SUMS"

// digest is a SHA-256 sum; the zero value never matches real content and
// marks a file whose bytes are unknown or known to differ.
type digest = [sha256.Size]byte

// Hash returns the SHA-256 of data, the digest SHA256SUMS lists for a file
// with these bytes. Callers may use it to compare output with a published
// manifest without reading the file.
func Hash(data []byte) [32]byte {
	return sha256.Sum256(data)
}

// hashAll hashes every file, on as many goroutines as there are CPUs:
// hashing is the one cost of a rebuild that grows with the site's bytes
// rather than with what changed, so it gets all cores, and a memo (nil
// for none) spares it the slices it has already seen. paths are the keys
// of files.
func hashAll(files map[string][]byte, paths []string, m memo) map[string]digest {
	sums := make([]digest, len(paths))
	fresh := make([]bool, len(paths))
	workers := min(runtime.GOMAXPROCS(0), len(paths))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(paths); i += workers {
				data := files[paths[i]]
				if d, ok := m.lookup(paths[i], data); ok {
					sums[i] = d
					continue
				}
				sums[i] = sha256.Sum256(data)
				fresh[i] = true
			}
		})
	}
	wg.Wait()
	out := make(map[string]digest, len(paths))
	for i, p := range paths {
		out[p] = sums[i]
	}
	m.update(files, sums, paths, fresh)
	return out
}

// formatManifest renders sums as SHA256SUMS: one line per file in the
// order of paths (sorted, its keys), two spaces between digest and path
// (text mode).
func formatManifest(paths []string, sums map[string]digest) []byte {
	n := 0
	for _, p := range paths {
		n += 2*sha256.Size + 3 + len(p)
	}
	b := make([]byte, 0, n)
	for _, p := range paths {
		d := sums[p]
		b = hex.AppendEncode(b, d[:])
		b = append(b, "  "...)
		b = append(b, p...)
		b = append(b, '\n')
	}
	return b
}

// parseManifest reads what formatManifest wrote, strictly: a manifest that
// is cut short, edited into another shape, or lists a path publish would
// refuse is an error, and the caller then trusts nothing in it.
func parseManifest(data []byte) (map[string]digest, error) {
	// Made at its size: growing a map of 43,000 paths one rehash at a
	// time was two thirds of reading a national site's manifest.
	sums := make(map[string]digest, bytes.Count(data, []byte("\n")))
	if len(data) > 0 && data[len(data)-1] != '\n' {
		return nil, fmt.Errorf("%s: last line is not complete", ManifestName)
	}
	for n := 1; len(data) > 0; n++ {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		data = rest
		const sep = 2 * sha256.Size
		if len(line) < sep+3 || string(line[sep:sep+2]) != "  " {
			return nil, fmt.Errorf("%s:%d: want \"HEX  path\"", ManifestName, n)
		}
		d, ok := decodeDigest(line[:sep])
		if !ok {
			return nil, fmt.Errorf("%s:%d: digest is not 64 lowercase hex digits", ManifestName, n)
		}
		p := string(line[sep+2:])
		if err := checkPath(p); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", ManifestName, n, err)
		}
		if _, dup := sums[p]; dup || p == ManifestName {
			return nil, fmt.Errorf("%s:%d: %q listed twice or reserved", ManifestName, n, p)
		}
		sums[p] = d
	}
	return sums, nil
}

// decodeDigest decodes 64 lowercase hex digits, as sha256sum writes them.
// It looks each digit up in a table: a manifest has 64 of them per file,
// and branching on digit or letter mispredicts on every other one.
func decodeDigest(h []byte) (d digest, ok bool) {
	var bad byte
	for i := range d {
		hi, lo := hexValue[h[2*i]], hexValue[h[2*i+1]]
		bad |= hi | lo
		d[i] = hi<<4 | lo&0x0f
	}
	return d, bad&0xf0 == 0
}

// hexValue maps a lowercase hex digit to its value and every other byte
// to 0xff.
var hexValue = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	for i, c := range "0123456789abcdef" {
		t[c] = byte(i)
	}
	return t
}()
