package serve

import (
	_ "embed"
	"net/http"
)

// reserved is the prefix of the server's own URLs. A site folder of that
// name is shadowed while serving; the built site is not changed.
const reserved = "/_linewatch/"

var (
	//go:embed assets/reload.js
	reloadJS []byte
	//go:embed assets/overlay.css
	overlayCSS []byte
)

// serveOwn answers the URLs under the reserved prefix; rest is the path
// after it.
func (s *Server) serveOwn(w http.ResponseWriter, r *http.Request, rest string) {
	switch rest {
	case "events":
		s.serveEvents(w, r)
	case "reload.js":
		w.Header().Set("Content-Type", contentType(rest))
		writeBody(w, r, http.StatusOK, reloadJS)
	case "overlay.css":
		w.Header().Set("Content-Type", contentType(rest))
		writeBody(w, r, http.StatusOK, overlayCSS)
	default:
		plain(w, r, http.StatusNotFound, "404 page not found")
	}
}
