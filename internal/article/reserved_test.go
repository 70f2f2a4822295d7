package article

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"healthsite/internal/paths"
)

// TestReservedPageNames_EveryPathOfPathsIsReserved reads internal/paths's
// source: every path constant it declares (a root added there included)
// is in paths.Roots, and its first segment is a reserved page name, so a
// standalone page can never take an address the site uses itself.
func TestReservedPageNames_EveryPathOfPathsIsReserved(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "../paths/paths.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var consts []string
	ast.Inspect(f, func(n ast.Node) bool {
		if v, ok := n.(*ast.ValueSpec); ok && len(v.Values) == len(v.Names) {
			for i, lit := range v.Values {
				if b, ok := lit.(*ast.BasicLit); ok && b.Kind == token.STRING && v.Names[i].IsExported() {
					s, _ := strconv.Unquote(b.Value)
					consts = append(consts, s)
				}
			}
		}
		return true
	})
	if len(consts) < 10 {
		t.Fatalf("found only %q in paths.go", consts)
	}
	reserved := ReservedPageNames()
	for _, c := range consts {
		p := c
		if !strings.HasPrefix(p, "/") {
			p = paths.Home + p // a segment, such as paths.Paged
		}
		if p == paths.Home {
			continue // the index has no segment to take
		}
		if !slices.Contains(paths.Roots(), p) {
			t.Errorf("paths declares %q, which paths.Roots lacks", c)
		}
		seg, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
		if !slices.Contains(reserved, Slugify(seg)) {
			t.Errorf("%s is the site's, but a page may be named %s", p, Slugify(seg))
		}
	}
}

// TestReservedPageNames_AsBefore: the names derived from paths are the
// list that was written by hand, feeds and files under the names their
// files would give a page.
func TestReservedPageNames_AsBefore(t *testing.T) {
	want := []string{"404", "articles", "atom", "atom-xml", "authors", "feed", "feed-json", "feed-xml", "healthz", "index",
		"page", "robots", "robots-txt", "search", "sitemap", "sitemap-xml", "static", "tags"}
	if diff := cmp.Diff(want, ReservedPageNames()); diff != "" {
		t.Errorf("ReservedPageNames (-want +got):\n%s", diff)
	}
}
