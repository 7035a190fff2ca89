package stamp

import (
	"debug/elf"
	"encoding/binary"
	"strings"
)

// goBuildID returns the Go build ID the go command wrote into the
// executable at name (`go tool buildid`), or "" when it has none of the
// go command's shape or is no ELF file.
//
// The go command names a linked program by hashes: of everything that
// went into the link (sources, embedded files such as the layouts, the
// toolchain, flags) and of the bytes it linked. So two programs with the
// same ID render the same, and reading the ID (a note near the start of
// the file, 0.5 ms) can stand for hashing all 16 MB (15 ms), which every
// `go run .` would otherwise do, as its program is a new file each time.
//
// An ID set by hand (-ldflags=-buildid=…, which some build systems use
// to make builds reproducible) may name different programs alike, so
// only one of four parts of 20 URL-safe base64 characters each, as the
// go command writes, is taken; for any other the caller hashes the file.
func goBuildID(name string) string {
	f, err := elf.Open(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	note, err := sec.Data()
	if err != nil {
		return ""
	}
	return buildIDOfNote(note, f.ByteOrder)
}

// buildIDOfNote returns the build ID an ELF note holds when it is the
// Go one of the go command's shape, and "" otherwise. A note is its
// name's size, its description's size and its type (4 bytes each, in
// the file's byte order), then the name and the description, each
// padded to 4 bytes; the Go note is named "Go" and has type 4.
func buildIDOfNote(note []byte, order binary.ByteOrder) string {
	if len(note) < 16 {
		return ""
	}
	nameSize, descSize, typ := order.Uint32(note[0:]), order.Uint32(note[4:]), order.Uint32(note[8:])
	if nameSize != 4 || typ != 4 || string(note[12:16]) != "Go\x00\x00" || uint64(descSize) > uint64(len(note)-16) {
		return ""
	}
	id := string(note[16 : 16+descSize])
	parts := strings.Split(id, "/")
	if len(parts) != 4 {
		return ""
	}
	for _, p := range parts {
		if len(p) != 20 || strings.Trim(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
			return ""
		}
	}
	return id
}
