// Package publish turns a set of output files into the site folder a web
// server reads, atomically, writing only the files whose bytes changed.
//
// It takes the whole site as a map from slash paths to bytes and never
// learns where they came from; it imports nothing else from linewatch.
// It never writes outside the output folder and its own hidden siblings,
// all named from the output's base name (for "public"):
//
//	public/            the live site, with SHA256SUMS at its root
//	.public.standby/   the previous generation, rebuilt into the next one
//	.public.tmp-*/     one working folder per Swap; empty when it ends
//	.public.swap/      the old site, only during a fallback swap (below)
//	.public.lock       locked (flock) while a Swap or Clean runs
//
// # Why two folders
//
// DESIGN.md asks for a publish that a failure or a kill leaves whole, and
// that never rewrites unchanged files. Rendering into a fresh temporary
// folder and renaming it into place is whole, but it writes (or hard
// links) every file of the site on every build, about 30 s for 40,000
// files on a disk where creating a file costs 0.7 ms. Writing changed
// files straight into the live folder is cheap but lets a reader, or a
// kill, see a mix of two sites.
//
// Swap keeps two full copies instead and trades them: out holds
// generation N and .NAME.standby holds N-1. To publish N+1 it:
//
//  1. reads out/SHA256SUMS, the live site's list of digests, to count
//     what changed; if nothing did, it stops there, having written
//     nothing at all;
//  2. reads the standby's SHA256SUMS and then deletes it: from this
//     moment the standby says it is dirty, whatever happens next;
//  3. deletes the standby's files that N+1 lacks, and the folders this
//     leaves empty;
//  4. writes every file whose digest differs from the standby's, each to
//     the working folder first and then renamed into place, with a few
//     goroutines so that a slow disk's waits overlap;
//  5. writes the standby's SHA256SUMS, also by rename, as the commit mark;
//  6. exchanges out and the standby in one renameat2(RENAME_EXCHANGE).
//
// Out then holds N+1 and the standby N, with its manifest, ready for the
// next build. The disk work of a build is the files changed since N-1,
// the two manifests and one exchange, whatever the size of the site.
// Readers of out see the whole of N until the exchange and the whole of
// N+1 after it; a file they hold open stays whole, since files are
// replaced by rename and never changed in place.
//
// Temporary files live in a working folder beside out, not under a
// temporary name inside the tree: no name a site may use is taken, and
// Clean removes one folder instead of searching two trees.
//
// What still grows with the site is work in memory: hashing every byte
// (on every CPU), sorting the paths and reading the two manifests. For
// 20,000 pages of 8 KB a one-change Swap takes 70 to 130 ms on two busy
// cores, on tmpfs and on the work disk alike, more than half of it
// hashing. A Publisher, for a process that publishes again and again
// (serve), remembers the digest of each slice it was given and the
// manifests it read or wrote, and takes 15 to 25 ms (see bench_test.go).
//
// # Kills and failures
//
// Every step before the exchange changes only the standby and the working
// folder, and the exchange is one system call, so a build that fails or is
// killed at any point leaves out as the whole old or the whole new site.
// What it leaves beside out is tidied by the next Swap (or Clean):
// working folders are deleted, and a standby without a valid manifest is
// compared with the new files byte for byte (read, and written only where
// different), which is correct, and slower once. A manifest is only ever
// written by rename after every file it lists, so one that parses is true.
//
// The exchange needs Linux 3.15 on a file system that supports it (ext4,
// xfs, btrfs, tmpfs), or macOS (renamex_np with RENAME_SWAP). Elsewhere,
// and where the call reports it unsupported, Swap renames out to
// .NAME.swap, the standby to out, and .NAME.swap to the standby. Between
// the first two renames, a few microseconds, out is missing: a reader may
// get a 404, and a kill there leaves the old site at .NAME.swap, which
// the next Swap or Clean renames back to out.
//
// Nothing is fsynced. A kill (even SIGKILL) is covered because the kernel
// keeps every completed write and rename; a power cut or a kernel crash is
// out of scope and may lose recent writes, as it does for any build tool.
//
// # Trust and its limits
//
// publish believes its own manifests instead of reading the files they
// list: that is what makes an unchanged file free. Hand edits inside out
// or the standby are therefore not noticed until the page they touch
// changes; deleting both folders (`rm -rf public .public.standby`) makes
// the next build write everything afresh. An output folder that holds
// files but no SHA256SUMS was not made by publish, and since publishing
// deletes whatever the site lacks, Swap refuses it rather than swallow,
// say, a home folder given as -out by mistake. A symlink given as out is
// followed once, and the real folder is swapped beside its target.
//
// Two builds into one output serialize on the lock (a `linewatch build`
// beside a running `serve`); the kernel drops it when its holder dies.
package publish
