package stamp

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goNote is an ELF note of the Go build ID id, in order.
func goNote(order binary.ByteOrder, name string, typ uint32, id string) []byte {
	b := make([]byte, 12, 16+len(id)+3)
	order.PutUint32(b[0:], uint32(len(name)))
	order.PutUint32(b[4:], uint32(len(id)))
	order.PutUint32(b[8:], typ)
	b = append(b, name...)
	b = append(b, id...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

const testID = "jpZcUCzMcKZ63-z-Kpcy/4qq8-bHT8nCNKg2RjY5K/84h6EQ-4nOZ8KPxvkqrZ/xpsBZ0tRt8Cm0vKxjTdv"

func TestBuildIDOfNote(t *testing.T) {
	le, be := binary.LittleEndian, binary.BigEndian
	tests := []struct {
		name string
		note []byte
		want string
	}{
		{"the go command's", goNote(le, "Go\x00\x00", 4, testID), testID},
		{"big-endian", goNote(be, "Go\x00\x00", 4, testID), testID},
		{"set by hand", goNote(le, "Go\x00\x00", 4, "redacted"), ""},
		{"empty", goNote(le, "Go\x00\x00", 4, ""), ""},
		{"three parts", goNote(le, "Go\x00\x00", 4, testID[:strings.LastIndex(testID, "/")]), ""},
		{"a part too short", goNote(le, "Go\x00\x00", 4, testID[1:]), ""},
		{"a character base64 lacks", goNote(le, "Go\x00\x00", 4, "+"+testID[1:]), ""},
		{"another owner", goNote(le, "GNU\x00", 4, testID), ""},
		{"another type", goNote(le, "Go\x00\x00", 3, testID), ""},
		{"wrong byte order", goNote(be, "Go\x00\x00", 4, testID)[:0], ""},
		{"cut short", goNote(le, "Go\x00\x00", 4, testID)[:40], ""},
		{"header only", goNote(le, "Go\x00\x00", 4, testID)[:12], ""},
	}
	for _, tt := range tests {
		order := binary.ByteOrder(le)
		if strings.HasPrefix(tt.name, "big") {
			order = be
		}
		if got := buildIDOfNote(tt.note, order); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := buildIDOfNote(goNote(be, "Go\x00\x00", 4, testID), le); got != "" {
		t.Errorf("a big-endian note read as little-endian: %q", got)
	}
}

// TestProgramDigestBuildID: a program the go command built, such as this
// test, is named by its build ID without being hashed; the same program
// with its ID replaced by one set by hand is hashed.
func TestProgramDigestBuildID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	id := goBuildID(exe)
	if id == "" {
		t.Skip("this test binary has no Go build ID in an ELF note")
	}
	got, _, err := ProgramDigest(exe, Stamp{})
	if err != nil || got != "go:"+id {
		t.Fatalf("ProgramDigest = %q, %v; want %q", got, err, "go:"+id)
	}
	data, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(data, []byte(id))
	if at < 0 {
		t.Fatal("build ID not found in the program")
	}
	by := append(data[:at:at], bytes.Repeat([]byte("x"), len(id))...)
	by = append(by, data[at+len(id):]...)
	copied := filepath.Join(t.TempDir(), "linewatch")
	if err := os.WriteFile(copied, by, 0o755); err != nil {
		t.Fatal(err)
	}
	if id := goBuildID(copied); id != "" {
		t.Errorf("an ID set by hand taken: %q", id)
	}
	got, _, err = ProgramDigest(copied, Stamp{})
	want, _ := FileDigest(copied)
	if err != nil || got != want || strings.HasPrefix(got, "go:") {
		t.Errorf("ProgramDigest of the program with its ID set by hand = %q, %v; want its SHA-256 %q", got, err, want)
	}
}

func FuzzBuildIDOfNote(f *testing.F) {
	f.Add(goNote(binary.LittleEndian, "Go\x00\x00", 4, testID))
	f.Add(goNote(binary.LittleEndian, "Go\x00\x00", 4, "redacted"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, note []byte) {
		id := buildIDOfNote(note, binary.LittleEndian)
		if id == "" {
			return
		}
		if len(id) != 83 || strings.Count(id, "/") != 3 || !bytes.Contains(note, []byte(id)) {
			t.Errorf("took %q from %q", id, note)
		}
	})
}
