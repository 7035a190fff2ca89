package publish

import (
	"bytes"
	"os"
)

// cache is what a Publisher remembers between Swaps: digests of the
// slices it hashed, and the manifests it last read or wrote. A nil cache
// remembers nothing, which is what the function Swap runs with.
type cache struct {
	seen      memo
	manifests []known // newest first; out's and the standby's are all that are asked for again
}

// known is a manifest's bytes and what they parse to. Reading a manifest
// and comparing it with one already known costs a fraction of a
// millisecond; parsing a big one costs ten. Matching on content rather
// than on the file's inode and time cannot be fooled by a reused inode or
// a coarse clock.
type known struct {
	data []byte
	sums map[string]digest // never changed once made
}

// memo returns the cache's digest memo, nil for a nil cache.
func (c *cache) memo() memo {
	if c == nil {
		return nil
	}
	return c.seen
}

// readManifest parses the manifest at name, or returns what the same
// bytes parsed to before, with the bytes read. The error wraps
// fs.ErrNotExist when there is none, or says why it cannot be trusted.
func (c *cache) readManifest(name string) (map[string]digest, []byte, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, nil, err
	}
	if c != nil {
		for _, k := range c.manifests {
			if bytes.Equal(k.data, data) {
				return k.sums, data, nil
			}
		}
	}
	sums, err := parseManifest(data)
	if err != nil {
		return nil, nil, err
	}
	c.remember(data, sums)
	return sums, data, nil
}

// remember adds a manifest's bytes and their meaning, forgetting the
// oldest beyond three.
func (c *cache) remember(data []byte, sums map[string]digest) {
	if c == nil {
		return
	}
	c.manifests = append([]known{{data, sums}}, c.manifests...)
	c.manifests = c.manifests[:min(len(c.manifests), 3)]
}

// memo remembers, by path, the digest of the slice last hashed there. A
// slice given again (the same backing array, the same length) is taken
// to hold the same bytes, which is the contract of Publisher.Swap; a nil
// memo remembers nothing.
type memo map[string]hashed

// hashed is one remembered slice: its first byte's address, which also
// keeps the array alive so the address cannot be reused, its length and
// its digest.
type hashed struct {
	first *byte
	n     int
	sum   digest
}

// lookup returns the remembered digest of data at path p, if any.
func (m memo) lookup(p string, data []byte) (digest, bool) {
	h, ok := m[p]
	if !ok || len(data) == 0 || h.first != &data[0] || h.n != len(data) {
		return digest{}, false
	}
	return h.sum, true
}

// update remembers the slices just hashed and forgets paths no longer
// published.
func (m memo) update(files map[string][]byte, sums []digest, paths []string, fresh []bool) {
	if m == nil {
		return
	}
	for p := range m {
		if _, ok := files[p]; !ok {
			delete(m, p)
		}
	}
	for i, p := range paths {
		if data := files[p]; fresh[i] && len(data) > 0 {
			m[p] = hashed{&data[0], len(data), sums[i]}
		}
	}
}
