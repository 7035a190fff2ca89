package render

import (
	"fmt"
	"strconv"
	"strings"
)

// catalog is one language's interface strings, from i18n/LANG.toml.
type catalog map[string]string

// parseCatalog reads a flat translation file: one `key = "text"` per
// line, with blank lines and # comments. Keys are bare TOML keys
// (letters, digits, "_", "-" and the dots of "status.suspended", read as
// one flat key); values are basic "…" strings with TOML's escapes, or
// literal '…' strings. This small subset is all translation files need,
// and reading it here keeps render free of a TOML dependency. Errors
// name the file and line.
func parseCatalog(name string, src []byte) (catalog, error) {
	c := make(catalog)
	for i, line := range strings.Split(string(src), "\n") {
		n := i + 1
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" || line[0] == '#' {
			continue
		}
		key, rest, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want key = \"text\"", name, n)
		}
		key = strings.TrimSpace(key)
		if !bareKey(key) {
			return nil, fmt.Errorf("%s:%d: bad key %q: use letters, digits, \"_\", \"-\" and \".\"", name, n, key)
		}
		val, err := tomlString(strings.TrimSpace(rest))
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %s: %w", name, n, key, err)
		}
		if _, dup := c[key]; dup {
			return nil, fmt.Errorf("%s:%d: %s: key defined twice", name, n, key)
		}
		c[key] = val
	}
	return c, nil
}

// bareKey reports whether k is a bare TOML key, dots allowed.
func bareKey(k string) bool {
	if k == "" || strings.HasPrefix(k, ".") || strings.HasSuffix(k, ".") || strings.Contains(k, "..") {
		return false
	}
	for _, r := range k {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-', r == '.':
		default:
			return false
		}
	}
	return true
}

// tomlString reads one quoted string followed by nothing but an optional
// comment.
func tomlString(s string) (string, error) {
	if s == "" {
		return "", fmt.Errorf("missing value")
	}
	var val, rest string
	switch s[0] {
	case '\'':
		end := strings.IndexByte(s[1:], '\'')
		if end < 0 {
			return "", fmt.Errorf("unterminated string")
		}
		val, rest = s[1:1+end], s[2+end:]
	case '"':
		end := -1
		for i := 1; i < len(s); i++ {
			if s[i] == '\\' {
				i++
				continue
			}
			if s[i] == '"' {
				end = i
				break
			}
		}
		if end < 0 {
			return "", fmt.Errorf("unterminated string")
		}
		// TOML's basic-string escapes (\" \\ \n \t \uXXXX …) are a subset
		// of Go's, so strconv does the work.
		v, err := strconv.Unquote(s[:end+1])
		if err != nil {
			return "", fmt.Errorf("bad escape in %s", s[:end+1])
		}
		val, rest = v, s[end+1:]
	default:
		return "", fmt.Errorf("value must be a quoted string")
	}
	rest = strings.TrimSpace(rest)
	if rest != "" && rest[0] != '#' {
		return "", fmt.Errorf("unexpected %q after the string", rest)
	}
	return val, nil
}
