package export

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"healthsite/internal/site"
)

// MovedMap is the file of an export that lists the articles' old
// addresses and where each leads, as lines of an nginx map:
// testdata/nginx.conf includes it, and answers each with a 301 as
// serve does. nginx reads it when it starts or reloads, so reload nginx
// after a build that changes an article's aliases:.
const MovedMap = ".healthsite-moved.map"

// writeMoved writes what makes an article's old addresses lead to it on
// a host without the server: MovedMap for nginx, and at each old
// address a page that sends the browser on, for a CDN or an object
// store that cannot redirect. written are the files of the pages,
// which a moved page never takes the place of. It returns how many old
// addresses there are.
func writeMoved(s *site.Site, dir string, written map[string]bool, writeFile func(string, []byte, os.FileMode) error) (int, error) {
	moved := s.Moved()
	if len(moved) == 0 {
		return 0, nil
	}
	var conf strings.Builder
	conf.WriteString("# The articles' old addresses (aliases:) and where each leads, written by\n# healthsite build for nginx.conf's map $uri $healthsite_moved.\n")
	for _, m := range moved {
		fmt.Fprintf(&conf, "%s %s;\n", nginxString(m.From), nginxString(m.To))
		name := File(m.From)
		if !strings.HasSuffix(m.From, "/") && path.Ext(m.From) == "" {
			// Its form with a slash has the page; a file without an
			// extension would be sent without the type of a page.
			continue
		}
		if clashes(name, written) {
			continue
		}
		written[name] = true
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return 0, fmt.Errorf("export: %w", err)
		}
		if err := writeFile(file, m.Body, 0o644); err != nil {
			return 0, fmt.Errorf("export: %w", err)
		}
	}
	if err := writeFile(filepath.Join(dir, MovedMap), []byte(conf.String()), 0o644); err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	return len(moved), nil
}

// clashes reports whether the file name is one of written, or would be
// in a folder that is one of them.
func clashes(name string, written map[string]bool) bool {
	for p := name; p != "." && p != "/" && p != ""; p = path.Dir(p) {
		if written[p] {
			return true
		}
	}
	return false
}

// nginxString quotes s for nginx's configuration, where a double quote
// and a backslash need a backslash.
func nginxString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
