package render

import (
	"unicode"
	"unicode/utf8"
)

// Text is a string shown to readers together with its language when that
// differs from the page's. A Japanese page falls back to English where a
// record has no Japanese twin; templates then write lang="en" on the
// element so screen readers switch voice (WCAG 3.1.2).
type Text struct {
	S    string // the text itself
	Lang string // "" when the text is in the page's language, else "en" or "ja"
}

// String returns the text, so {{.Name}} prints it.
func (t Text) String() string { return t.S }

// pick chooses the text for a page in lang from an English and a Japanese
// value, falling back to whichever exists and marking the fallback.
func pick(lang, en, ja string) Text {
	primary, fallback := en, ja
	if lang == Ja {
		primary, fallback = ja, en
	}
	if primary != "" {
		return Text{S: primary}
	}
	if fallback != "" {
		return Text{S: fallback, Lang: twin(lang)}
	}
	return Text{}
}

// other returns the name in the other language, with its language always
// set, for "name in both scripts" headings. It is empty unless the record
// has both names and they differ: when one is missing, pick already shows
// the other.
func other(lang, en, ja string) Text {
	if en == "" || ja == "" || en == ja {
		return Text{}
	}
	if lang == Ja {
		return Text{S: en, Lang: En}
	}
	return Text{S: ja, Lang: Ja}
}

// guess returns the text marked with its language when that is not the
// page's, judging by script: any kana or kanji means Japanese. Used for
// source titles and quotes, which stay in the language they were written in.
func guess(lang, s string) Text {
	if l := langOf(s); l != lang {
		return Text{S: s, Lang: l}
	}
	return Text{S: s}
}

// langOf guesses the language of a source's title, publisher or quote
// by script: "ja" when it has more than two kana or kanji per Latin word,
// else "en". A Japanese sentence naming "LINE" stays Japanese, and an
// English sentence quoting 「内閣府防災」 or a publisher such as "Jiji Press
// (via リスク対策.com)" stays English, so screen readers pick the voice
// that fits most of the text.
func langOf(s string) string {
	// Without a byte outside ASCII there is no kana or kanji to count.
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return En
	}
	kana, words := 0, 0
	inWord := false
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			// ASCII, most of most text: no table is needed.
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
				if !inWord {
					words++
				}
				inWord = true
			} else {
				inWord = false
			}
		case unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han):
			kana++
			inWord = false
		default:
			inWord = false
		}
	}
	if kana > 0 && kana > 2*words {
		return Ja
	}
	return En
}
