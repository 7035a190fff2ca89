package render

import "testing"

// TestIsAgencyURL holds isAgencyURL to the string it stands for,
// localURL(lang, agencyPath(slug)), on near misses of every part.
func TestIsAgencyURL(t *testing.T) {
	urls := []string{
		"/agencies/osaka-city/", "/ja/agencies/osaka-city/", "/agencies/osaka/", "/agencies/osaka-city",
		"/agencies/osaka-cityx/", "/ja/agencies/osaka/", "/ja/agencies/osaka-city", "/jaagencies/osaka-city/",
		"/prefectures/osaka-city/", "agencies/osaka-city/", "/agencies//", "", "/ja", "/ja/",
	}
	for _, lang := range []string{En, Ja} {
		for _, slug := range []string{"osaka-city", "osaka", ""} {
			for _, url := range urls {
				want := url == localURL(lang, agencyPath(slug))
				if got := isAgencyURL(url, lang, slug); got != want {
					t.Errorf("isAgencyURL(%q, %q, %q) = %v, want %v", url, lang, slug, got, want)
				}
			}
		}
	}
}
