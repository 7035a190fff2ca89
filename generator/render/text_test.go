package render

import (
	"testing"
	"unicode"
)

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

// FuzzLangOfByTables holds langOf, which tells ASCII letters apart
// without Unicode's tables, to the table-driven rule it replaced.
func FuzzLangOfByTables(f *testing.F) {
	for _, s := range []string{"", "LINE 各地で続々", "Jiji Press (via リスク対策.com)", "a1b\x7f c", "Ａｂｃ ｱｲｳ", "\xff\xfe日本"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		kana, words, inWord := 0, 0, false
		for _, r := range s {
			switch {
			case unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han):
				kana++
				inWord = false
			case r < unicode.MaxASCII && unicode.IsLetter(r):
				if !inWord {
					words++
				}
				inWord = true
			default:
				inWord = false
			}
		}
		want := "en"
		if kana > 0 && kana > 2*words {
			want = "ja"
		}
		if got := langOf(s); got != want {
			t.Errorf("langOf(%q) = %q, the tables say %q", s, got, want)
		}
	})
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
