package load

import (
	"strings"
	"testing"
)

func TestLongLine(t *testing.T) {
	long := strings.Repeat("x", MaxLine+1)
	full := strings.Repeat("x", MaxLine)
	for _, c := range []struct {
		name       string
		text       string
		line, size int
	}{
		{"empty", "", 0, 0},
		{"short", "a\nb\n", 0, 0},
		{"one line at the limit", full, 0, 0},
		{"one line over the limit", long, 1, MaxLine + 1},
		{"lines at the limit", full + "\n" + full + "\n" + full, 0, 0},
		{"third line over", "a\nb\n" + long + "\n", 3, MaxLine + 1},
		{"first of two over", long + "\n" + long, 1, MaxLine + 1},
	} {
		line, size := longLine(c.text)
		if line != c.line || size != c.size {
			t.Errorf("%s: longLine = %d, %d; want %d, %d", c.name, line, size, c.line, c.size)
		}
	}
}
