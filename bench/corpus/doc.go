// Package corpus writes synthetic linewatch sites for benchmarks: N
// agencies shaped like the real country (national bodies, the 47
// prefectural governments, municipalities spread over the prefectures in
// the proportions of the reference list), with services, histories,
// sources, Markdown bodies, Japanese siblings and timeline events.
//
// Everything it writes is obviously fake, so no synthetic record can be
// mistaken for a real one or slip into content/: every name says
// "Synthetic" and "(SYNTHETIC TEST DATA)" (合成 in Japanese), every
// publisher is "Synthetic Publisher", and every address is under
// example.invalid, a name reserved never to resolve (RFC 2606). Only the
// prefecture slugs and the local-government codes are real, because
// validation checks them against the reference data; each code is used at
// most once, and municipalities beyond a prefecture's real count carry
// none.
//
// The output is a pure function of Options: the same Options give the
// same bytes, on any machine, because one PCG generator seeded from
// Options.Seed is drawn from in a fixed order and no map is ever ranged
// over to produce output. Files returns the site in memory (for
// fstest.MapFS); Write puts the same bytes on disk.
//
// The package never reads content/ and never writes outside the folder it
// is given.
package corpus
