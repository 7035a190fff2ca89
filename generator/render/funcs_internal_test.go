package render

import (
	"fmt"
	"testing"
	"time"

	"linewatch/generator/model"
)

// formatDate appends instead of calling fmt; it must write what the
// fmt formats "%d %s %d" and "%d年%d月%d日" write, odd dates included.
func TestFormatDateAsFmt(t *testing.T) {
	for _, d := range []model.Date{
		model.DateOf(2021, time.March, 19), model.DateOf(1, time.January, 1), model.DateOf(12345, time.December, 31),
		{Year: -5, Month: 13, Day: 0}, {Year: -1 << 62, Month: -1 << 40, Day: 1 << 62}, {},
	} {
		if got, want := formatDate(En, d), fmt.Sprintf("%d %s %d", d.Day, d.Month, d.Year); got != want {
			t.Errorf("en %v: %q, want %q", d, got, want)
		}
		if got, want := formatDate(Ja, d), fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day); got != want {
			t.Errorf("ja %v: %q, want %q", d, got, want)
		}
	}
}
