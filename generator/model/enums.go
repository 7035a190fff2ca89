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

// levelAt, statusAt and categoryAt give each value's index in Levels,
// Statuses and Categories. New groups every service by them, and a map
// finds an index several times faster than a search of the table, which
// serve paid for 140,000 times an edit at 20,000 agencies. They are
// derived from the tables once and never changed.
var (
	levelAt    = indexes(Levels)
	statusAt   = indexes(Statuses)
	categoryAt = indexes(Categories)
)

// indexes maps each value of a table to its index.
func indexes[T comparable](table []T) map[T]int {
	m := make(map[T]int, len(table))
	for i, v := range table {
		m[v] = i
	}
	return m
}
