package render

import "testing"

func TestFigureShare(t *testing.T) {
	tests := []struct {
		value, total int
		want         string
	}{
		{1158, 1788, "64.8%"},
		{1111, 1741, "63.8%"},
		{719, 3193, "22.5%"},
		{18, 23, "78.3%"},
		{44, 221, "19.9%"},
		{47, 47, "100.0%"},
		{0, 47, "0.0%"},
		{1, 1000, "0.1%"},
		{3193, 0, ""},
	}
	for _, tt := range tests {
		if got := figureView(FigureView{}, tt.value, tt.total).Share; got != tt.want {
			t.Errorf("share of %d in %d = %q, want %q", tt.value, tt.total, got, tt.want)
		}
	}
}

func TestFormatNum(t *testing.T) {
	for n, want := range map[int]string{
		0: "0", 7: "7", 999: "999", 1000: "1,000", 1788: "1,788", 3193: "3,193",
		1234567: "1,234,567", -1234: "-1,234", -123: "-123",
	} {
		if got := formatNum(n); got != want {
			t.Errorf("formatNum(%d) = %q, want %q", n, got, want)
		}
	}
}
