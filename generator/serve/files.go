package serve

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
)

// errDir says a request named a folder; errOdd says it named something
// that is neither a folder nor a regular file (a FIFO would block).
var (
	errDir = errors.New("is a folder")
	errOdd = errors.New("not a regular file")
)

// siteName turns a URL path into a file name in the site (fs.ValidPath
// form, "" for the root) and says whether the path ended in a slash. It
// refuses any path that could leave the site or name it in two ways: "."
// and ".." segments, empty segments, backslashes and NULs. net/http has
// already decoded the path once, so "%2e%2e" arrives here as ".." and
// "%252e%252e" as the harmless name "%2e%2e".
func siteName(urlPath string) (name string, slash, ok bool) {
	rest, ok := strings.CutPrefix(urlPath, "/")
	if !ok || strings.ContainsAny(rest, "\\\x00") {
		return "", false, false
	}
	name, slash = strings.CutSuffix(rest, "/")
	if rest == "" {
		return "", true, true
	}
	if !fs.ValidPath(name) {
		return "", false, false
	}
	return name, slash, true
}

// serveSite answers a request for a file of the site.
func (s *Server) serveSite(w http.ResponseWriter, r *http.Request, st *state) {
	name, slash, ok := siteName(r.URL.Path)
	if !ok {
		s.notFound(w, r, st)
		return
	}
	if st.site == nil {
		s.serveNoSite(w, r, st)
		return
	}
	file := name
	if slash {
		file = path.Join(name, "index.html")
	}
	err := s.serveFile(w, r, st, file, http.StatusOK)
	switch {
	case err == nil:
	case errors.Is(err, errDir) && !slash:
		// Relative links in dir/index.html resolve against dir/, so the
		// browser must be sent there rather than served the page here.
		u := url.URL{Path: r.URL.Path + "/", RawQuery: r.URL.RawQuery}
		w.Header().Set("Location", u.String())
		w.Header().Set("Content-Length", "0")
		w.WriteHeader(http.StatusMovedPermanently)
	default:
		if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, errDir) {
			s.log("serve: %s: %v", r.URL.Path, err)
		}
		s.notFound(w, r, st)
	}
}

// notFound answers with the site's own 404.html, or a line of text when
// the site has none. It never says why: a traversal attempt learns
// nothing a typo would not.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, st *state) {
	if st.site != nil && s.serveFile(w, r, st, "404.html", http.StatusNotFound) == nil {
		return
	}
	plain(w, r, http.StatusNotFound, "404 page not found")
}

// serveFile writes the named file with the given status, HTML decorated
// for live reload. It writes nothing when it returns an error, so the
// caller can still answer otherwise.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, st *state, name string, code int) error {
	info, err := fs.Stat(st.site, name)
	if err != nil {
		return err
	}
	if info.IsDir() {
		return errDir
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s: %w", name, errOdd)
	}
	f, err := st.site.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	html := isHTML(name)
	if rs, ok := f.(io.ReadSeeker); ok && !html && code == http.StatusOK {
		w.Header().Set("Content-Type", contentType(name))
		http.ServeContent(w, r, name, time.Time{}, rs)
		return nil
	}
	b, err := io.ReadAll(f)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if html {
		b = s.decorate(b, st)
	}
	w.Header().Set("Content-Type", contentType(name))
	writeBody(w, r, code, b)
	return nil
}

// writeBody writes b with the given status. A 200 goes through
// http.ServeContent, which answers HEAD and Range requests.
func writeBody(w http.ResponseWriter, r *http.Request, code int, b []byte) {
	if code == http.StatusOK {
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(b))
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		w.Write(b)
	}
}

// noSite is the page served before any site was set: an editor who runs
// serve on broken content still gets a page, with the errors over it, that
// turns into the site once the content is fixed.
const noSite = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>linewatch serve</title></head>
<body>
<main><p>No build of this site has succeeded yet. This page reloads by itself when one does.</p></main>
</body>
</html>
`

func (s *Server) serveNoSite(w http.ResponseWriter, r *http.Request, st *state) {
	w.Header().Set("Content-Type", htmlType)
	writeBody(w, r, http.StatusServiceUnavailable, s.decorate([]byte(noSite), st))
}
