// Package model holds linewatch's domain: agencies and their LINE services,
// sources, timeline events, free pages, surveys (published counts across
// many bodies), the 47 prefectures, and the views derived from them (per
// prefecture, per status, per category, national bodies, timeline,
// surveys by scope, totals).
//
// It takes a validated Input (see package validate, which turns raw files
// into these typed values) and builds an immutable Site with model.New.
// Every slice comes out sorted, so any range over the model is
// deterministic. The model never touches files, templates or HTTP: a
// record's repository path rides along as a plain string only so pages can
// link to it.
package model
