package serve

import (
	"mime"
	"path"
	"strings"
)

const htmlType = "text/html; charset=utf-8"

// types fixes the content types of the files a site is made of, so they do
// not depend on the machine's /etc/mime.types (which may lack .webmanifest
// or call .js application/x-javascript). Text types name UTF-8, which is
// what linewatch writes.
var types = map[string]string{
	".html":        htmlType,
	".htm":         htmlType,
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".webmanifest": "application/manifest+json",
	".xml":         "application/xml; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".md":          "text/markdown; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".woff":        "font/woff",
	".woff2":       "font/woff2",
	".pdf":         "application/pdf",
	".wasm":        "application/wasm",
}

// contentType gives the Content-Type for a file name: the table above,
// then the system's table, then application/octet-stream. It never sniffs
// the bytes, and every response says nosniff, so a browser never runs a
// file as something it is not named as.
func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// isHTML says whether a file gets the live-reload script and the overlay.
func isHTML(name string) bool {
	return contentType(name) == htmlType
}
