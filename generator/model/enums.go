package model

// Level is the tier of government an agency belongs to.
type Level string

// The levels of government, from DESIGN.md "Records".
const (
	National     Level = "national"
	Prefectural  Level = "prefecture"
	Municipality Level = "municipality"
)

// Levels lists every valid Level in display order. This one table feeds
// validation, suggestions, templates, open-data docs and `linewatch new`.
var Levels = []Level{National, Prefectural, Municipality}

// Status is where a LINE service stands now.
type Status string

// The service statuses, from DESIGN.md "Records".
const (
	Active       Status = "active"
	UnderReview  Status = "under-review"
	Suspended    Status = "suspended"
	Postponed    Status = "postponed"
	Planned      Status = "planned"
	Resumed      Status = "resumed"
	Discontinued Status = "discontinued"
)

// Statuses lists every valid Status in display order.
var Statuses = []Status{Active, UnderReview, Suspended, Postponed, Planned, Resumed, Discontinued}

// Category is what a LINE service is for.
type Category string

// The service categories, from DESIGN.md "Records".
const (
	Consultation Category = "consultation"
	Reservation  Category = "reservation"
	Application  Category = "application"
	Recruitment  Category = "recruitment"
	Opinion      Category = "opinion"
	Inquiry      Category = "inquiry"
	Notification Category = "notification"
	Other        Category = "other"
)

// Categories lists every valid Category in display order.
var Categories = []Category{Consultation, Reservation, Application, Recruitment, Opinion, Inquiry, Notification, Other}

// SourceKind says who published a source, which tells a reader how much
// weight it carries.
type SourceKind string

// The source kinds: the body itself or a ministry, the press, anything else.
const (
	Official  SourceKind = "official"
	News      SourceKind = "news"
	OtherKind SourceKind = "other"
)

// SourceKinds lists every valid SourceKind in display order.
var SourceKinds = []SourceKind{Official, News, OtherKind}

// Strings returns the values of an enum table as plain strings, for
// suggestions and documentation.
func Strings[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

// SurveyScope says whose LINE use a survey counted, which decides where
// the site shows it: the local survey stands beside the records on the
// home page, and every survey has its table on the national page.
type SurveyScope string

// The survey scopes: local governments (prefectures and municipalities),
// or national government bodies.
const (
	LocalSurvey    SurveyScope = "local"
	NationalSurvey SurveyScope = "national"
)

// SurveyScopes lists every valid SurveyScope in display order.
var SurveyScopes = []SurveyScope{LocalSurvey, NationalSurvey}

// levelIndex, statusIndex and categoryIndex give a value's index in
// Levels, Statuses and Categories, or -1 for a value outside the table.
// New groups every service by them: a switch finds the index several
// times faster than a search of the table or a map (which hashes the
// key), and serve paid for 140,000 of them an edit at 20,000 agencies.
// TestEnumIndexes holds them to the tables.
func levelIndex(l Level) int {
	switch l {
	case National:
		return 0
	case Prefectural:
		return 1
	case Municipality:
		return 2
	}
	return -1
}

func statusIndex(s Status) int {
	switch s {
	case Active:
		return 0
	case UnderReview:
		return 1
	case Suspended:
		return 2
	case Postponed:
		return 3
	case Planned:
		return 4
	case Resumed:
		return 5
	case Discontinued:
		return 6
	}
	return -1
}

func categoryIndex(c Category) int {
	switch c {
	case Consultation:
		return 0
	case Reservation:
		return 1
	case Application:
		return 2
	case Recruitment:
		return 3
	case Opinion:
		return 4
	case Inquiry:
		return 5
	case Notification:
		return 6
	case Other:
		return 7
	}
	return -1
}
