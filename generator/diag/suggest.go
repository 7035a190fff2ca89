package diag

import "strings"

// Suggest returns the option closest to got, or "" when none is close
// enough to be a likely typo. Closeness is the edit distance, compared
// case-insensitively; a match must be within a third of the longer word
// (at least 1, at most 3 edits), or be a prefix of at least 3 letters, so
// "suspend" suggests "suspended" but "zzz" suggests nothing.
func Suggest(got string, options []string) string {
	g := strings.ToLower(got)
	best, bestDist := "", -1
	for _, o := range options {
		lo := strings.ToLower(o)
		if lo == g {
			return o
		}
		d := distance(g, lo)
		if bestDist < 0 || d < bestDist {
			best, bestDist = o, d
		}
	}
	if best == "" {
		return ""
	}
	lb := strings.ToLower(best)
	limit := max(len([]rune(g)), len([]rune(lb))) / 3
	limit = min(max(limit, 1), 3)
	if bestDist <= limit {
		return best
	}
	if len(g) >= 3 && (strings.HasPrefix(lb, g) || strings.HasPrefix(g, lb)) {
		return best
	}
	return ""
}

// DidYouMean formats a suggestion as the tail of a message:
// `; did you mean "x"?`, or "" when Suggest finds nothing.
func DidYouMean(got string, options []string) string {
	if s := Suggest(got, options); s != "" {
		return "; did you mean " + quote(s) + "?"
	}
	return ""
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

// distance is the edit distance between a and b counted in runes, where a
// swap of two neighbouring letters counts as one edit (optimal string
// alignment), because "titel" for "title" is the commonest typo of all.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	rows := make([][]int, len(ra)+1)
	for i := range rows {
		rows[i] = make([]int, len(rb)+1)
		rows[i][0] = i
	}
	for j := range rows[0] {
		rows[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d := min(rows[i-1][j]+1, rows[i][j-1]+1, rows[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d = min(d, rows[i-2][j-2]+1)
			}
			rows[i][j] = d
		}
	}
	return rows[len(ra)][len(rb)]
}
