package validate

import (
	"linewatch/generator/model"
	"linewatch/generator/refdata"
)

// prefectures lists all 47 prefectures from the reference data, each with
// its municipalities, so every prefecture has a page even before anyone
// researched it, and coverage ("N of M") has its denominator.
func prefectures(ref *refdata.Data) []model.Prefecture {
	govs := make(map[string][]model.LocalGov, len(ref.Prefectures))
	for _, g := range ref.LocalGovs {
		if g.IsMunicipality() {
			govs[g.PrefectureCode] = append(govs[g.PrefectureCode], model.LocalGov{
				Code: g.Code, Name: g.Name, NameJA: g.NameJA, Kind: g.Kind,
			})
		}
	}
	out := make([]model.Prefecture, len(ref.Prefectures))
	for i, p := range ref.Prefectures {
		out[i] = model.Prefecture{
			Code: p.Code, Slug: p.Slug, Name: p.Name, NameJA: p.NameJA,
			Region: p.Region, RegionJA: p.RegionJA, LocalCode: p.LocalCode,
			LocalGovs: govs[p.Code],
		}
	}
	return out
}
