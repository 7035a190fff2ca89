// Package serve is the HTTP side of `linewatch serve`: it serves the latest
// good build of the site, tells open browsers to reload after each rebuild,
// and lays the build's errors over every page while the content is broken.
//
// It takes an fs.FS holding the output folder (SetSite) and two signals
// from the Builder: Built (a rebuild succeeded) and Failed (a rebuild
// failed, with the text `linewatch check` prints). It imports nothing from
// the rest of linewatch, never writes a file, and never learns how a site
// is built (STYLE.md, "Watch and serve").
//
// # What a browser gets
//
//	GET/HEAD /path        a file of the site; other methods get 405
//	/dir/                 dir/index.html (no directory listings)
//	/dir                  301 to /dir/ when dir is a folder
//	a miss                the site's own /404.html with status 404
//	/_linewatch/reload.js the live-reload script
//	/_linewatch/overlay.css the style of the error box
//	/_linewatch/events    the live-reload stream (Server-Sent Events)
//
// Paths under /_linewatch/ are reserved: a site folder of that name is not
// served. Every response says Cache-Control: no-store, so a reload always
// shows the new bytes.
//
// Requests that try to leave the site get a plain 404 that says nothing
// more: a ".." or "." segment (also when percent-encoded, since net/http
// decodes the path once and a second encoding only names a file that does
// not exist), a backslash, a NUL, an empty segment. Symbolic links are
// left to the fs.FS: the one the lead passes, os.Root's FS, refuses links
// that point out of the output folder, and those refusals are 404s too.
//
// # Live reload and the error overlay
//
// Every HTML page served (files ending .html or .htm, the 404 page
// included) gets one line before its </body>:
//
//	<script src="/_linewatch/reload.js" data-version="V" defer></script>
//
// an external same-origin script, so a Content-Security-Policy of
// script-src 'self' still lets it run. The files on disk never contain it,
// and `linewatch build` never writes it. V names the build the page came
// from; the script opens /_linewatch/events?v=V, and the server answers
// with "reload" at once when V is no longer current: a page that raced a
// rebuild, or one left open while the server restarted, catches up by
// itself.
//
// The stream carries three events, each coalesced to the latest state:
//
//	reload  the site changed: reload the page
//	error   the build is broken; data is the error text, one line per problem
//	ok      the build is whole again and the page is current: remove the box
//
// and a comment line every 15 seconds so proxies keep it open. The script
// builds the box with DOM calls and textContent only, since the error text
// quotes the editor's files; it reconnects by itself when the server
// restarts.
//
// While the build is failed, HTML pages also carry the error box in their
// markup, escaped, right after <body>: it shows even with JavaScript off,
// says that the last good version of the site is shown below, and can be
// folded away (it is a <details> element).
//
// # Slow clients
//
// Built and Failed never wait for a client. They store the new state and
// wake each stream through a channel with room for one signal; a stream
// that is already awake is not woken twice, and when it runs it sends only
// what the latest state asks for. A stream whose client stops reading is
// cut after a 10 second write deadline; each write sets its own deadline,
// so streams outlive an http.Server's WriteTimeout.
//
// To stop, call Close before (or from http.Server.RegisterOnShutdown for)
// Shutdown: Shutdown waits for running requests, and a stream runs until
// its client goes or Close ends it.
package serve
