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
// rather than with what changed, so it gets all cores. paths are the keys
// of files.
func hashAll(files map[string][]byte, paths []string) map[string]digest {
	sums := make([]digest, len(paths))
	workers := min(runtime.GOMAXPROCS(0), len(paths))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(paths); i += workers {
				sums[i] = sha256.Sum256(files[paths[i]])
			}
		})
	}
	wg.Wait()
	m := make(map[string]digest, len(paths))
	for i, p := range paths {
		m[p] = sums[i]
	}
	return m
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
	sums := make(map[string]digest)
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
		var d digest
		hexSum := line[:sep]
		if !lowerHex(hexSum) {
			return nil, fmt.Errorf("%s:%d: digest is not 64 lowercase hex digits", ManifestName, n)
		}
		hex.Decode(d[:], hexSum)
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

// lowerHex reports whether b is all lowercase hexadecimal digits, as
// sha256sum writes them.
func lowerHex(b []byte) bool {
	for _, c := range b {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
