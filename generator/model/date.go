package model

import (
	"fmt"
	"time"
)

// Date is a calendar day with no time or zone, as TOML local dates are.
// The zero Date means "not reported": sources and facts that show no date
// keep it, and pages then say so rather than guessing.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the Date of a year, month and day.
func DateOf(year int, month time.Month, day int) Date { return Date{year, month, day} }

// IsZero reports whether the date is "not reported".
func (d Date) IsZero() bool { return d == Date{} }

// String formats the date as 2006-01-02, or "" when it is zero.
//
// Every page prints several dates through it, so the common case (a year
// of four digits, month and day of two) is written by hand into one small
// string; a date out of those ranges, which validation never lets
// through, goes to fmt, whose padding of signs and long numbers the hand
// path need not repeat.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if uint(d.Year) > 9999 || uint(d.Month) > 99 || uint(d.Day) > 99 {
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	y, m, dd := uint(d.Year), uint(d.Month), uint(d.Day)
	b := [10]byte{
		byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-',
		byte('0' + dd/10), byte('0' + dd%10),
	}
	return string(b[:])
}

// Compare returns -1, 0 or +1 as d is before, equal to or after o. A zero
// date sorts before every real one.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return cmpInt(d.Year, o.Year)
	case d.Month != o.Month:
		return cmpInt(int(d.Month), int(o.Month))
	default:
		return cmpInt(d.Day, o.Day)
	}
}

// Before reports whether d is strictly before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// Time returns midnight UTC of the date, for feeds and sitemaps.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
