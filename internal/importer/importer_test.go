package importer

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"healthsite/internal/article"
	"healthsite/internal/site"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// dump is a Result as text, for golden files: every file written,
// every picture copied, and the report.
func dump(r *Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "kind: %s\n", r.Kind)
	for _, name := range sortedKeys(r.Files) {
		fmt.Fprintf(&b, "\n=== %s\n%s", name, r.Files[name])
	}
	b.WriteString("\n")
	for _, name := range sortedKeys(r.Copies) {
		fmt.Fprintf(&b, "=== copy %s -> %s\n", r.Copies[name], name)
	}
	b.WriteString("\n=== report\n")
	r.Report.Write(&b)
	return b.String()
}

// The sites in testdata, with the options a test imports them with.
var sites = []struct {
	name string
	opts Options
}{
	{"hugo", Options{}},
	{"jekyll", Options{}},
	// Real content, copied with its licence (see each folder's README).
	// Documentation pages name no author and no date, so they are
	// imported as an editor would: with -author and -date.
	{"real/hugo-docs", Options{Author: "Hugo Authors", Date: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)}},
	{"real/jekyll-docs", Options{Author: "Jekyll Team", Date: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)}},
}

func TestConvert_Golden(t *testing.T) {
	for _, tc := range sites {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Convert(os.DirFS(filepath.Join("testdata", tc.name)), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			got := dump(res)
			golden := filepath.Join("testdata", tc.name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("import of %s (-want +got):\n%s", tc.name, diff)
			}
		})
	}
}

// TestImport_RoundTrip imports each site, checks the result as
// healthsite check does, builds the site and looks for template syntax
// in every article page, outside code.
func TestImport_RoundTrip(t *testing.T) {
	code := regexp.MustCompile(`(?s)<pre.*?</pre>|<code.*?</code>`)
	for _, tc := range sites {
		t.Run(tc.name, func(t *testing.T) {
			dst := filepath.Join(t.TempDir(), "content")
			res, err := Import(filepath.Join("testdata", tc.name), dst, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			rep := article.Check(os.DirFS(dst), article.Options{Root: "content"})
			for _, e := range rep.Problems {
				if e.Severity == article.SeverityError {
					t.Errorf("check: %v", e)
				}
			}
			// Every file with text is imported or has a reason, and
			// at least 95 in 100 of those with text are imported.
			for _, f := range res.Report.Files {
				if (f.Dest == "") == (f.Reason == "") {
					t.Errorf("%s: imported to %q with reason %q", f.Source, f.Dest, f.Reason)
				}
			}
			n, of := res.Report.Imported(), res.Report.WithText()
			if of == 0 || n*100 < of*95 {
				t.Errorf("%d of %d files with text imported, want at least 95%%", n, of)
			}
			t.Logf("%s: %d of %d files with text imported, %d files without text, %d notes",
				tc.name, n, of, len(res.Report.Files)-of, len(res.Report.Notes))
			lib, err := article.Load(os.DirFS(dst), article.Options{Root: "content"})
			if err != nil {
				t.Fatal(err)
			}
			st, err := site.Build(lib, site.Options{BaseURL: "https://health.example.org", Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), Dev: true})
			if err != nil {
				t.Fatal(err)
			}
			pages := 0
			for _, p := range st.Paths() {
				if strings.HasPrefix(p, "/static/") || path.Ext(p) != "" {
					continue // not a page: feeds, the sitemap, styles
				}
				body := st.Page(p).Body()
				pages++
				outside := code.ReplaceAll(body, nil)
				for _, syntax := range []string{"{{<", "{{%", "{%", "{{"} {
					if i := bytes.Index(outside, []byte(syntax)); i >= 0 {
						t.Errorf("%s shows %s: %q", p, syntax, outside[max(0, i-60):min(len(outside), i+60)])
					}
				}
			}
			if pages == 0 {
				t.Error("no article pages were built")
			}
			// The old addresses lead to the new ones.
			for from, to := range oldAddresses[tc.name] {
				if got, ok := st.Canonical(from); !ok || got != to {
					t.Errorf("the old address %s leads to %q, %v; want %s", from, got, ok, to)
				}
			}
		})
	}
}

// oldAddresses are addresses of the fixture sites' pages, and the
// addresses they must lead to once imported.
var oldAddresses = map[string]map[string]string{
	"hugo": {
		"/posts/neck-pain/": "/articles/neck-pain/",
		"/posts/neck-pain":  "/articles/neck-pain/",
		"/posts/back-pain/": "/articles/back-pain/",
		"/old/back-pain/":   "/articles/back-pain/",
		"/doc/health-notes": "/articles/health-notes/",
	},
	"jekyll": {
		"/flu/vaccines/2019/01/04/flu-season.html": "/articles/flu-season/",
		"/2024/04/09/allergy-season.html":          "/articles/allergy-season/",
	},
	"real/hugo-docs": {
		"/functions/strings/replace/": "/articles/replace/",
		"/functions/replace":          "/articles/replace/",
		"/static-files":               "/articles/static-files/",
		"/news/0.62.2-relnotes/":      "/articles/0-62-2-relnotes/",
	},
	"real/jekyll-docs": {
		"/news/2016/01/20/jekyll-3-0-2-released/": "/articles/jekyll-3-0-2-released/",
		"/docs/templates/":                        "/articles/liquid/",
		"/docs/deployment-methods/":               "/articles/deployment/",
	},
}

func TestImport_NeverOverwrites(t *testing.T) {
	dst := t.TempDir()
	old := filepath.Join(dst, "neck-pain.md")
	if err := os.WriteFile(old, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Import(filepath.Join("testdata", "hugo"), dst, Options{})
	if !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("import into a folder with a file: err = %v, want ErrNotEmpty", err)
	}
	if b, _ := os.ReadFile(old); string(b) != "mine" {
		t.Errorf("the file was changed to %q", b)
	}
	entries, _ := os.ReadDir(dst)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d entries, want the 1 it had", len(entries))
	}
}
