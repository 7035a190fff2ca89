package generator

import "linewatch/generator/model"

// surveyScaffold writes every survey field, like agencyScaffold: one
// figure with a total, and one source.
func surveyScaffold() string {
	return `title = ""                 # English title of the survey
title_ja = ""              # Japanese title
surveyed = ""              # who was surveyed, in short, e.g. "all 1,788 local governments"
surveyed_ja = ""           # the same in Japanese
as_of = 2021-03-18         # the day the figures describe; delete the line if the sources do not say
scope = "local"            # ` + list(model.SurveyScopes) + `

# One [[figures]] block per number, in the order pages show them.
[[figures]]
label = ""                 # what is counted, e.g. "Local governments using LINE"
label_ja = ""              # the same in Japanese
value = 0                  # the count, a whole number without quotes or commas (1158)
total = 1                  # optional: what it is out of (1788); delete the line if the survey gives none
note = ""                  # optional, Markdown inline
note_ja = ""               # optional: the same in Japanese

# At least one source; every figure is sourced.
[[sources]]
title = ""                 # the page or article title, as published
publisher = ""             # who published it
kind = "official"          # ` + list(model.SourceKinds) + `
date = 2021-03-19          # publication date; delete the line if the source shows none
url = ""                   # http(s) address copied exactly; delete the line if there is none
archive_url = ""           # optional; delete the line if none
quote = ""                 # optional: the supporting sentence, in its own language
`
}
