// Package watch tells a running build which source files changed. It takes
// a site folder and hands out batches of changed files as sorted slash paths
// relative to that folder ("site.toml", "content/agencies/osaka/osaka-city.md",
// "layouts/agency.html"), ready for the Builder to sort into kinds of change
// and rebuild. It never reads a record, judges what a file is, or builds
// anything.
//
// # What is watched
//
// site.toml, and every file under content/ and layouts/, at any depth.
// fsnotify is not recursive, so the watcher puts a watch on the site folder
// itself (to see site.toml, and content/ or layouts/ appearing later) and on
// every folder below content/ and layouts/. A folder that appears while
// running (mkdir -p, or mv of a whole tree into content/) is watched and
// scanned at once, because its files may already be there when the event
// arrives; each file found is reported. A folder removed or renamed away is
// reported as every file that was under it, so the Builder can drop those
// records: the watcher keeps a set of the files it knows for this. Other
// names in the site folder (public/, the publisher's temporary folders) are
// not watched below and never reported.
//
// Files the loader ignores (load.Ignored: swap files, backups ending in "~",
// Emacs locks, Vim's "4913" probe, "*.tmp", JetBrains' ___jb_tmp___ and
// ___jb_old___) are never reported, nor are folders with such names watched.
// So every way editors save, in place, write-to-temporary-then-rename,
// rename-away-then-write, delete-and-recreate, ends in a batch naming the
// real file and nothing else. Only creating, writing, removing and renaming
// count; a change of permissions alone does not.
//
// # Batches
//
// The edit-to-served target is 25 ms (see STYLE.md, "Watch and serve"), so a
// batch leaves after a quiet window of a few milliseconds (Quiet), not the
// 100 ms or a second other generators wait. Events within the window join
// the batch; a steady stream of events is cut into a batch at least every
// MaxWait. While the consumer has not taken the previous batch (it is
// rebuilding), new paths fold into the pending one, so 1,000 saves in a
// second end in one or a few batches and no path is ever dropped. A path
// reported might no longer exist when the batch is read: the consumer treats
// that as a removal.
//
// If the kernel drops events (fsnotify.ErrEventOverflow), the watcher
// re-watches and re-scans everything and reports every file it knew or
// finds, plus site.toml; the error is sent on Errors as well, for the log.
//
// # Lifecycle
//
// Create the Watcher before the first build, so nothing saved during that
// build is missed. Close stops every goroutine the package started and
// closes Batches and Errors. There is no global state: two watchers on two
// folders are independent.
package watch
