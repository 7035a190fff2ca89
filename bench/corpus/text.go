package corpus

import (
	"bytes"
	"strconv"
	"strings"
)

// words is the vocabulary of the English bodies: plain words with nothing
// that could be read as a real claim about a real body.
var words = strings.Fields(`
	synthetic sample record service office residents account channel message
	notice form review period policy guideline contract vendor server storage
	access staff team department request answer booking schedule window
	consultation application survey report data privacy security measure
	change update version draft plan pilot trial budget term agreement
	council committee meeting minutes summary detail figure table list item
	the a an of to in on for with by from about after before during under
	and or but so while because although which that this these those
	was were is are has had will would may might could should must can
	reviewed suspended resumed planned started stopped moved kept opened
	closed checked noted listed counted asked answered published archived
	quickly carefully briefly fully partly again later soon often rarely
	local public regional weekly monthly annual temporary interim formal
	new old small large first second third final main other similar same
	placeholder example fictional generated random imaginary test benchmark`)

// nounsJA and verbsJA make the Japanese sentences.
var (
	nounsJA = strings.Fields(`合成データ 試験用の記録 窓口 住民 相談 情報 手続き 運用方針
		利用規約 個人情報 委託先 記録 資料 調査 担当課 回答 案内 予約 申請 通知
		アカウント 職員 期間 対象 方法 架空の事業 試験運用`)
	verbsJA = strings.Fields(`確認した 検討している 公開した 停止した 再開した 予定している
		記録した 見直した 整理した 説明した`)
)

// capitals holds words with a capital first letter, to start sentences.
var capitals = func() []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return out
}()

// sentence draws an English sentence of lo to hi words, a few of them
// emphasised.
func (g *gen) sentence(lo, hi int) string {
	var b bytes.Buffer
	g.writeSentence(&b, lo, hi)
	return b.String()
}

// writeSentence appends a sentence to b; see sentence.
func (g *gen) writeSentence(b *bytes.Buffer, lo, hi int) {
	n := lo + g.r.IntN(hi-lo+1)
	for i := range n {
		k := g.r.IntN(len(words))
		w := words[k]
		if i == 0 {
			w = capitals[k]
		} else {
			b.WriteByte(' ')
		}
		switch g.r.IntN(60) {
		case 0, 1:
			b.WriteByte('*')
			b.WriteString(w)
			b.WriteByte('*')
		case 2:
			b.WriteString("**")
			b.WriteString(w)
			b.WriteString("**")
		default:
			b.WriteString(w)
		}
	}
	b.WriteByte('.')
}

// paragraph draws four to six sentences, one of them ending in a link to
// example.invalid.
func (g *gen) paragraph(b *bytes.Buffer, slug string, link int) {
	n := 4 + g.r.IntN(3)
	at := g.r.IntN(n)
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		g.writeSentence(b, 8, 16)
		if i == at {
			num := strconv.Itoa(link)
			b.WriteString(" See [synthetic reference " + num + "](https://example.invalid/synthetic/" + slug + "/ref-" + num + ").")
		}
	}
	b.WriteString("\n\n")
}

// body appends the English Markdown body of an agency: a few hundred words
// with headings, paragraphs, links, emphasis, lists and a small table.
func (g *gen) body(b *bytes.Buffer, s *spec, services []svc) {
	b.WriteString("This record is **synthetic test data** written by `bench/corpus`; it describes no real public body.\n\n")
	b.WriteString("## Background\n\n")
	g.paragraph(b, s.slug, 1)
	g.paragraph(b, s.slug, 2)
	b.WriteString("## Services\n\n")
	for _, v := range services {
		b.WriteString("- **" + v.name + "** (_" + string(v.status) + "_): " + g.sentence(6, 12) + "\n")
	}
	b.WriteString("\n| Service | Category | Status |\n| --- | --- | --- |\n")
	for _, v := range services {
		b.WriteString("| " + v.name + " | " + string(v.category) + " | " + string(v.status) + " |\n")
	}
	b.WriteString("\n## Notes\n\n")
	for i := range 3 {
		b.WriteString(strconv.Itoa(i+1) + ". " + g.sentence(5, 10) + "\n")
	}
	b.WriteString("\n")
	g.paragraph(b, s.slug, 3)
}

// sentenceJA draws a Japanese sentence.
func (g *gen) sentenceJA() string {
	n := func() string { return nounsJA[g.r.IntN(len(nounsJA))] }
	v := verbsJA[g.r.IntN(len(verbsJA))]
	switch g.r.IntN(3) {
	case 0:
		return n() + "の" + n() + "について、" + n() + "を" + v + "。"
	case 1:
		return n() + "は" + n() + "と" + n() + "を" + v + "。"
	default:
		return n() + "に関する" + n() + "を" + v + "。"
	}
}

// paragraphJA draws three to five Japanese sentences.
func (g *gen) paragraphJA(b *bytes.Buffer) {
	for range 3 + g.r.IntN(3) {
		b.WriteString(g.sentenceJA())
	}
	b.WriteString("\n\n")
}

// bodyJA returns a Japanese sibling: a body only, no front matter, since
// the record already carries name_ja.
func (g *gen) bodyJA(s *spec, services []svc) []byte {
	b := bytes.NewBuffer(make([]byte, 0, 2<<10))
	b.WriteString("この記録は**合成テストデータ**であり、実在する機関を表すものではない。\n\n## 背景\n\n")
	g.paragraphJA(b)
	b.WriteString("[合成資料](https://example.invalid/synthetic/" + s.slug + "/ja)も参照。\n\n## サービス\n\n")
	for i, v := range services {
		b.WriteString("- **合成" + categoryJA[v.category] + "サービス" + strconv.Itoa(i+1) + "**:" + g.sentenceJA() + "\n")
	}
	b.WriteString("\n## 備考\n\n")
	g.paragraphJA(b)
	return b.Bytes()
}
