//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package quick

// For returns ordinary calls; there are no others here, and the callers
// on these systems use the os package's files.
func For(dir string) Calls { return Calls{} }
