package corpus

import (
	"bytes"
	"strconv"
	"time"

	"linewatch/generator/model"
)

// The date ranges the records draw from: statuses changed in 2020–2022
// (the scandal broke in March 2021), records were verified in 2023–2024.
var (
	sinceFrom   = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	sinceTo     = time.Date(2022, 12, 31, 0, 0, 0, 0, time.UTC)
	updatedFrom = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	updatedTo   = time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
)

// categoryJA names each category in Japanese, for service names.
var categoryJA = map[model.Category]string{
	model.Consultation: "相談",
	model.Reservation:  "予約",
	model.Application:  "申請",
	model.Recruitment:  "採用",
	model.Opinion:      "意見募集",
	model.Inquiry:      "問い合わせ",
	model.Notification: "情報発信",
	model.Other:        "その他",
}

// agency writes one agency record, with its Japanese sibling when drawn.
func (g *gen) agency(s *spec) {
	b := bytes.NewBuffer(make([]byte, 0, 8<<10))
	w := rec{b}
	w.line("+++")
	w.str("", "name", s.name)
	w.str("", "name_ja", s.nameJA)
	w.str("", "level", string(s.level))
	if s.pref != "" {
		w.str("", "prefecture", s.pref)
	}
	if s.code != "" {
		w.str("", "code", s.code)
	}
	w.date("", "updated", g.day(updatedFrom, updatedTo))

	services := make([]svc, 1+g.r.IntN(6))
	for i := range services {
		services[i] = g.service(w, i+1)
	}
	g.stats.Services += len(services)
	g.sources(w, s.slug, 1+g.r.IntN(4))
	w.line("+++")
	g.body(b, s, services)

	base := "content/agencies/" + s.dir + "/" + s.slug
	g.files[base+".md"] = b.Bytes()
	if g.r.Float64() < g.opt.JapaneseShare {
		g.files[base+".ja.md"] = g.bodyJA(s, services)
	}
}

// svc is what a body needs to know of a service it describes.
type svc struct {
	name     string
	category model.Category
	status   model.Status
}

// service writes one [[services]] entry with 0–3 earlier states.
func (g *gen) service(w rec, n int) svc {
	cat := model.Categories[g.r.IntN(len(model.Categories))]
	st := model.Statuses[g.r.IntN(len(model.Statuses))]
	num := strconv.Itoa(n)
	s := svc{name: "Synthetic " + string(cat) + " service " + num, category: cat, status: st}
	w.line("")
	w.line("[[services]]")
	w.str("", "name", s.name)
	w.str("", "name_ja", "合成"+categoryJA[cat]+"サービス"+num)
	w.str("", "category", string(cat))
	w.str("", "status", string(st))
	// One service in twenty has no reported date, as real records do.
	dated := g.r.IntN(20) != 0
	since := g.day(sinceFrom, sinceTo)
	if dated {
		w.date("", "since", since)
	}
	if g.r.IntN(2) == 0 {
		w.boolean("", "personal_data", g.r.IntN(2) == 0)
	}
	if g.r.IntN(3) == 0 {
		w.boolean("", "sensitive", g.r.IntN(2) == 0)
	}
	if g.r.IntN(5) == 0 {
		w.str("", "alternative", "Synthetic telephone line "+num)
		w.str("", "alternative_ja", "合成電話窓口"+num)
	}
	if g.r.IntN(3) == 0 {
		w.str("", "note", "A *synthetic* note: "+g.sentence(6, 12))
		w.str("", "note_ja", "合成の注記。"+g.sentenceJA())
	}

	// Earlier states, oldest first, each strictly before the next and
	// before since; each differs from the state that followed it.
	dates := make([]time.Time, g.r.IntN(4))
	d := since
	for i := len(dates) - 1; i >= 0; i-- {
		d = d.AddDate(0, 0, -1-g.r.IntN(200))
		dates[i] = d
	}
	statuses := make([]model.Status, len(dates))
	next := st
	for i := len(dates) - 1; i >= 0; i-- {
		statuses[i] = g.otherStatus(next)
		next = statuses[i]
	}
	for i := range dates {
		w.line("")
		w.line("  [[services.history]]")
		w.date("  ", "date", dates[i])
		w.str("  ", "status", string(statuses[i]))
		if g.r.IntN(5) == 0 {
			w.str("  ", "note", "Synthetic history note: "+g.sentence(5, 10))
			w.str("  ", "note_ja", "合成の履歴。"+g.sentenceJA())
		}
	}
	return s
}

// otherStatus draws a status other than st.
func (g *gen) otherStatus(st model.Status) model.Status {
	for {
		if s := model.Statuses[g.r.IntN(len(model.Statuses))]; s != st {
			return s
		}
	}
}

// sources writes n [[sources]] entries, all under example.invalid.
func (g *gen) sources(w rec, slug string, n int) {
	for i := range n {
		num := strconv.Itoa(i + 1)
		w.line("")
		w.line("[[sources]]")
		w.str("", "title", "Synthetic source "+num+" about "+slug)
		w.str("", "publisher", "Synthetic Publisher")
		w.str("", "kind", string(model.SourceKinds[g.r.IntN(len(model.SourceKinds))]))
		if g.r.IntN(10) != 0 {
			w.date("", "date", g.day(sinceFrom, sinceTo))
		}
		w.str("", "url", "https://example.invalid/synthetic/"+slug+"/source-"+num)
		if g.r.IntN(6) == 0 {
			w.str("", "archive_url", "https://example.invalid/synthetic-archive/"+slug+"/source-"+num)
		}
		switch g.r.IntN(10) {
		case 0, 1, 2:
		case 3, 4:
			w.str("", "quote", "合成の引用。"+g.sentenceJA())
		default:
			w.str("", "quote", "Synthetic quotation: "+g.sentence(8, 16))
		}
	}
	g.stats.Sources += n
}

// day draws a day between from and to, both included.
func (g *gen) day(from, to time.Time) time.Time {
	days := int(to.Sub(from).Hours() / 24)
	return from.AddDate(0, 0, g.r.IntN(days+1))
}
