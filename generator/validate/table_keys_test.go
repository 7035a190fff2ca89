package validate

import "testing"

// TestKeyListsUnique keeps every list of allowed keys free of repeats,
// which table.known relies on to count the keys it knows.
func TestKeyListsUnique(t *testing.T) {
	lists := map[string][]string{
		"agency": agencyKeys, "service": serviceKeys, "history": historyKeys,
		"config": configKeys, "event": eventKeys, "page": pageKeys,
		"source": sourceKeys, "survey": surveyKeys, "figure": figureKeys,
	}
	for name, keys := range lists {
		seen := map[string]bool{}
		for _, k := range keys {
			if seen[k] {
				t.Errorf("%s keys list %q twice", name, k)
			}
			seen[k] = true
		}
	}
}
