package load

import "strings"

// Ignored reports whether a file name (the last path element) is an editor
// or system leftover rather than content: Vim swap files (.swp, .swx, and
// the "4913" probe Vim writes to test a folder), backups ending in "~",
// Emacs lock and autosave files (.#x, #x#), temporary files (.tmp), the
// files JetBrains editors write and rename over the real one on save
// (x___jb_tmp___, x___jb_old___), macOS .DS_Store and any other dotfile.
// The loader skips these, and the watcher uses the same rule so that saving
// in an editor does not trigger rebuilds for files that are not records.
func Ignored(name string) bool {
	if name == "" {
		return true
	}
	switch {
	case name == "4913",
		strings.HasPrefix(name, "."), // dotfiles, .DS_Store, .#lock, .name.swp
		strings.HasSuffix(name, "~"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasSuffix(name, ".swp"),
		strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(name, ".tmp"),
		strings.HasSuffix(name, "___jb_tmp___"),
		strings.HasSuffix(name, "___jb_old___"):
		return true
	}
	return false
}
