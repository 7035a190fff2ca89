package model

// Flag is a yes-or-no fact that a source may not report, such as whether a
// service handles personal data. Keeping "not reported" apart from "no"
// stops the site from claiming a service is harmless when nobody said so.
type Flag int8

// The three answers a Flag can hold; the zero value is NotReported.
const (
	NotReported Flag = iota
	Yes
	No
)

// FlagOf turns a reported true or false into a Flag.
func FlagOf(b bool) Flag {
	if b {
		return Yes
	}
	return No
}

// Known reports whether a source gave the answer.
func (f Flag) Known() bool { return f != NotReported }

// True reports whether the answer is a reported yes.
func (f Flag) True() bool { return f == Yes }

// String returns "yes", "no" or "not-reported", for data files.
func (f Flag) String() string {
	switch f {
	case Yes:
		return "yes"
	case No:
		return "no"
	}
	return "not-reported"
}
