package generator

import (
	"os"

	"linewatch/generator/load"
	"linewatch/generator/stamp"
)

// KnownAgencies returns how many agencies a `linewatch build` of the site
// folder src into out, run by this test binary, would take as an earlier
// build checked them (takeKnown) instead of reading their files.
func KnownAgencies(src, out string) int {
	loc, err := stamp.Location(src, out)
	if err != nil {
		return -1
	}
	exe, err := os.Executable()
	if err != nil {
		return -1
	}
	prog, _, err := stamp.ProgramDigest(exe, stamp.Stamp{})
	if err != nil {
		return -1
	}
	now, err := stamp.Take(src, stamped, load.ConfigPath, "content", "layouts")
	if err != nil {
		return -1
	}
	k := takeKnown(checkedLocation(loc), prog, now.Files)
	if k == nil {
		return 0
	}
	return len(k.agencies)
}
