package render

import "testing"

func TestNeutralise(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		// Formula starts, as OWASP lists them, get a leading quote.
		{"=1+1", "'=1+1"},
		{"+81", "'+81"},
		{"@x", "'@x"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"=", "'="},
		{"-", "'-"},
		{"-3-4", "'-3-4"},
		{"-1+1", "'-1+1"},
		{"-1e3", "'-1e3"},
		{"-.5", "'-.5"},
		{"-A1", "'-A1"},
		// Full-width forms, which Japanese input makes into formulas too.
		{"＝1+1", "'＝1+1"},
		{"＋81", "'＋81"},
		{"－3", "'－3"},
		{"＠x", "'＠x"},
		// Negative numbers too: any cell that begins with "-" (issue 6).
		{"-3", "'-3"},
		{"-0.5", "'-0.5"},
		// Numbers, dates, codes and text are left alone.
		{"3", "3"},
		{"2021-03-19", "2021-03-19"},
		{"011002", "011002"},
		{"ok", "ok"},
		{"", ""},
		{" =1+1", " =1+1"},
		{"a=1", "a=1"},
		{"https://example.org/?a=1", "https://example.org/?a=1"},
		{"大阪市", "大阪市"},
		{"'quoted'", "'quoted'"},
	}
	for _, tt := range tests {
		if got := neutralise(tt.in); got != tt.want {
			t.Errorf("neutralise(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
