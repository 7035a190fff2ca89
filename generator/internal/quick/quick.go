// Package quick makes the file system calls of a build's hot paths
// (reading the records, creating the pages) without handing the core to
// another thread while they run, where no call can wait: on a file
// system held in memory, such as tmpfs (/dev/shm) or ramfs.
//
// Go makes every system call as one that may sleep: after 20 µs in one,
// the runtime's monitor gives the thread's core to another thread, and
// the first, back from the call, must win a core again or sleep. On a
// disk that is right, as the call may wait for the device. In memory a
// call never waits: creating a page's folder and file takes 10-25 µs of
// the CPU's own work, so the hand-off only puts a third thread on two
// busy cores. A cold build of 2,000 agencies in /dev/shm made 1,300-1,900
// context switches, and 500-750 with these calls; its CPU time fell 4%
// (20 interleaved builds each, docs/performance.md).
//
// Calls of the zero value, and of For on any other file system or
// system, are the ordinary ones.
package quick

// Calls makes file system calls quickly (see the package doc) or as Go
// ordinarily does. The zero value makes ordinary calls.
type Calls struct {
	raw bool
}

// Quick reports whether c makes its calls without a hand-off.
func (c Calls) Quick() bool { return c.raw }
