package render_test

import (
	"strings"
	"testing"
	"time"

	"linewatch/generator/model"
	"linewatch/generator/render"
)

// withCoverage is the fixture with Osaka's coverage made harder: a third
// municipality nobody researched, Sakai's record without a code (so it
// must be matched by its Japanese name), and a record of the prefectural
// government, which is no municipality.
func withCoverage() model.Input {
	in := fixture()
	for i := range in.Prefectures {
		if in.Prefectures[i].Slug == "osaka" {
			in.Prefectures[i].LocalGovs = append(in.Prefectures[i].LocalGovs,
				model.LocalGov{Code: "272035", Name: "Toyonaka-shi", NameJA: "豊中市", Kind: "city"})
		}
	}
	for i := range in.Agencies {
		if in.Agencies[i].Slug == "sakai-city" {
			in.Agencies[i].Code = ""
		}
	}
	in.Agencies = append(in.Agencies, model.Agency{
		Slug: "osaka-prefecture", Path: "content/agencies/osaka/osaka-prefecture.md",
		Name: "Osaka Prefecture", NameJA: "大阪府", Level: model.Prefectural, Prefecture: "osaka", Code: "270008",
		Updated:  model.DateOf(2021, time.April, 1),
		Services: []model.Service{{Name: "Notices", Category: model.Notification, Status: model.Active}},
		Sources:  []model.Source{{Title: "Prefecture notice", Publisher: "Osaka Prefecture", Kind: model.Official}},
	})
	return in
}

// Coverage counts municipalities with a record against all of them in
// the reference data; a body without a record is "not yet researched",
// listed with what an editor needs, and never counted as not using LINE.
func TestCoverage(t *testing.T) {
	out := build(t, withCoverage(), render.Options{})
	tests := []struct {
		file string
		want []string
	}{
		{"prefectures/osaka/index.html", []string{
			"<strong>2 of 3 municipalities researched.</strong></p>", // Osaka City by code, Sakai by name; not the prefecture
			"! The prefectural government has no record yet",
			`<h2 id="h-todo">Not yet researched</h2>`,
			"<summary>List them (1)</summary>",
			`<li>Toyonaka-shi <span lang="ja">豊中市</span> <span class="meta">272035</span></li>`,
			"! <li>Sakai", "! <li>Osaka City",
		}},
		{"ja/prefectures/osaka/index.html", []string{
			"<strong>3市区町村のうち2を調査済みです。</strong>",
			`<li>豊中市 <span class="meta">272035</span></li>`, // no romanisation on Japanese pages
		}},
		// Tokyo has no record at all: the page says so, and that its
		// government is not researched either.
		{"prefectures/tokyo/index.html", []string{
			"No records yet.",
			"! municipalities researched", // the fixture gives Tokyo no municipalities
		}},
		{"index.html", []string{
			"2 of 3 municipalities and 1 of 47 prefectural governments researched.",
			"Bodies not yet researched are counted neither as using LINE nor as not using it.",
			`aria-label="Osaka 2/3: the prefectural government and 2 of 3 municipalities researched; 2 of 3 bodies with a record use LINE"`,
			`<th scope="row"><a href="/prefectures/osaka/">Osaka</a></th><td class="num">2 of 3 <span class="meta">(66.7%)</span></td><td>Researched</td>`,
			// The totals: Sakai is the one record stating no LINE use.
			"<strong>1</strong> do not use LINE",
		}},
		{"prefectures/index.html", []string{"2 of 3"}},
		// A record with no services says, with its sources, that the body
		// does not use LINE.
		{"agencies/sakai-city/index.html", []string{
			`<p class="no-line">According to its sources, this body does not use LINE.</p>`,
			`<h2 id="h-sources">Sources</h2>`, "Test statement",
			"<dt>Record last verified</dt><dd><time datetime=\"2021-04-01\">1 April 2021</time></dd>",
		}},
		{"ja/agencies/sakai-city/index.html", []string{"出典によれば、この機関はLINEを利用していません。", "2021年4月1日"}},
	}
	for _, tt := range tests {
		got, ok := out[tt.file]
		if !ok {
			t.Errorf("%s: not rendered", tt.file)
			continue
		}
		contains(t, tt.file, got, tt.want...)
	}
	// Not researched is never "does not use LINE": Toyonaka appears in no
	// list of bodies that do not use LINE, and the no-LINE count is 1.
	if strings.Contains(out["index.html"], "Toyonaka") {
		t.Error("the home page names an unresearched body")
	}
}

// The prefecture page says so when the prefectural government itself has
// no record, both beside the coverage and in the list of what is missing.
func TestCoverageWithoutGovernment(t *testing.T) {
	in := withCoverage()
	in.Agencies = in.Agencies[:len(in.Agencies)-1] // drop the prefecture's record
	out := build(t, in, render.Options{})
	contains(t, "prefectures/osaka/index.html", out["prefectures/osaka/index.html"],
		"2 of 3 municipalities researched.</strong> The prefectural government has no record yet: it has not been researched.",
		"They are counted neither as using LINE nor as not using it. The prefectural government itself has no record yet either.",
	)
	contains(t, "index.html", out["index.html"],
		"2 of 3 municipalities and 0 of 47 prefectural governments researched.",
		`aria-label="Osaka 2/3: 2 of 3 municipalities researched; the prefectural government not yet; 1 of 2 bodies with a record use LINE"`,
	)
}
