package render

import "testing"

func TestLangOf(t *testing.T) {
	tests := []struct{ s, want string }{
		{"", "en"},
		{"Japan gov't to review state use of Line app", "en"},
		{"大阪市は相談を停止した。", "ja"},
		{"内閣府は4日、無料通信アプリLINEで、災害時の避難行動を確認する", "ja"},
		{"LINE 各地で続々「行政サービス」停止", "ja"},
		{"Jiji Press (via リスク対策.com)", "en"},
		{"東京新聞 (Tokyo Shimbun)", "en"},
		{"the account 「内閣府防災」 would be suspended until concerns were dispelled", "en"},
		{"いじめ", "ja"},
	}
	for _, tt := range tests {
		if got := langOf(tt.s); got != tt.want {
			t.Errorf("langOf(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestPick(t *testing.T) {
	tests := []struct {
		lang, en, ja string
		want         Text
	}{
		{"en", "Osaka", "大阪", Text{S: "Osaka"}},
		{"ja", "Osaka", "大阪", Text{S: "大阪"}},
		{"ja", "Osaka", "", Text{S: "Osaka", Lang: "en"}},
		{"en", "", "大阪", Text{S: "大阪", Lang: "ja"}},
		{"en", "", "", Text{}},
	}
	for _, tt := range tests {
		if got := pick(tt.lang, tt.en, tt.ja); got != tt.want {
			t.Errorf("pick(%q, %q, %q) = %+v, want %+v", tt.lang, tt.en, tt.ja, got, tt.want)
		}
	}
}
