package model

// Source is the evidence behind a record's claims. Title and Publisher are
// always set; everything else is optional and never invented: a zero Date
// means the source shows no date, an empty URL that the research gave none.
type Source struct {
	Title      string
	Publisher  string
	Kind       SourceKind // may be empty when the editor did not say
	Date       Date       // publication date; zero when not shown
	URL        string     // http or https, copied exactly from the research
	ArchiveURL string     // an archived copy, for when the page moves
	Quote      string     // the sentence that supports the claim, in its own language
}

// Change is an earlier state of a service, from its status history.
type Change struct {
	Date   Date
	Status Status
	Note   string // optional, Markdown inline
	NoteJA string
}

// Service is one use of LINE by an agency.
type Service struct {
	Name          string
	NameJA        string
	Category      Category
	Status        Status
	Since         Date // when the current status began; zero when no source gives a date
	PersonalData  Flag // the service handles personal information
	Sensitive     Flag // a leak would harm people (consultations)
	Alternative   string
	AlternativeJA string
	Note          string // Markdown inline
	NoteJA        string
	History       []Change // oldest first, all before Since
}

// Agency is one government body and its LINE use. An agency with no
// services states, with its sources, that the body does not use LINE.
type Agency struct {
	Slug       string // unique; the file name without extension
	Path       string // the record's file, relative to the site folder
	PathJA     string // the Japanese body's file, or ""
	Name       string
	NameJA     string
	Level      Level
	Prefecture string // prefecture slug; "" for national bodies
	Code       string // local government code (6 digits), or ""
	Updated    Date   // when the record was last verified
	Services   []Service
	Sources    []Source
	Body       string // Markdown
	BodyJA     string // Markdown, from the .ja.md sibling
}

// UsesLINE reports whether the record lists any LINE service.
func (a *Agency) UsesLINE() bool { return len(a.Services) > 0 }

// Event is a dated entry on the timeline.
type Event struct {
	Slug     string
	Path     string
	PathJA   string
	Date     Date
	Title    string
	TitleJA  string
	Agencies []string // slugs of the agencies it concerns
	Sources  []Source
	Body     string
	BodyJA   string
}

// Page is a free page such as "about" or "methodology".
type Page struct {
	Slug    string
	Path    string
	PathJA  string
	Title   string
	TitleJA string
	Body    string
	BodyJA  string
}

// Prefecture is one of the 47, from the reference data.
type Prefecture struct {
	Code      string // JIS X 0401, two digits
	Slug      string
	Name      string
	NameJA    string
	Region    string
	RegionJA  string
	LocalCode string // the prefecture's own 6-digit local government code
	LocalGovs []LocalGov
}

// LocalGov is a municipality (市区町村) from the reference data, so pages can
// show coverage and list the bodies not yet researched.
type LocalGov struct {
	Code   string
	Name   string // romanised, may be empty
	NameJA string
	Kind   string // city, town, village, special-ward
}

// Config is the site configuration from site.toml.
type Config struct {
	Title   string
	TitleJA string
	BaseURL string // with a trailing slash, or "" when not set
	Out     string
	License string
}

// Input is everything model.New needs, already validated.
type Input struct {
	Config      Config
	Prefectures []Prefecture
	Agencies    []Agency
	Events      []Event
	Pages       []Page
	Surveys     []Survey
}
