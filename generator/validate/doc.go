// Package validate turns raw documents from package load into the typed
// model.Input, and reports every problem of the content at once.
//
// It parses rather than merely checks: what comes out is typed (enums are
// model.Status and friends, dates are model.Date, prefectures are slugs), so
// no later stage can meet a bad enum or an agency without sources. It walks
// the decoded TOML maps against a schema of its own instead of decoding into
// structs, because a decoder stops at the first mistake while an editor
// wants the whole list. Every rule of DESIGN.md "Records" and "Site
// configuration" lives here:
//
//   - unknown keys are errors, with the closest known key suggested;
//   - enums (level, status, category, source kind, survey scope) must be
//     one of their model tables, with the closest value suggested;
//   - values must have the right TOML type; dates must be TOML local dates
//     (2021-03-19, unquoted), not strings nor date-times;
//   - required keys: agency name, level, updated, prefecture (unless
//     national, where it is forbidden) and at least one source; service
//     name, category and status; source title and publisher; history date
//     and status; event date, title and a source; page title; survey
//     title, surveyed, scope, at least one figure and a source; figure
//     label and value;
//   - survey figures are whole numbers of zero or more, a total is above
//     zero, and a value is never above its total;
//   - prefecture is a slug or a JIS X 0401 code, normalised to the slug;
//   - code is a quoted 6-digit local government code with a sound check
//     digit, known to the reference data and belonging to the record's
//     prefecture (the prefecture's own code for level "prefecture");
//   - source url and archive_url are http or https addresses with a host;
//   - a service's history is strictly in date order, all before since;
//   - slugs are unique within their kind, made of lower-case letters,
//     digits and hyphens, and a page slug never takes a URL the site uses;
//   - a NAME.ja.md sibling pairs with its record; an orphan is an error;
//   - an event names only agencies that exist.
//
// Each diagnostic carries the key path counted from 1
// ("services[2].history[1].date") and the key's position from load's index;
// when the key is missing, the position of the enclosing table, or of the
// file alone. Check never touches files: it sees only what load read.
//
// Check is a pure function of its arguments, and so is checking one record
// with its Japanese sibling; a Cache uses that to check again, on each
// save in watch mode, only the records that changed, then runs the rules
// across records over all of them.
package validate
