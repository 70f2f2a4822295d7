package site

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"healthsite/internal/article"
	"healthsite/internal/paths"
	"healthsite/internal/sample"
)

// TestBuild_EveryPageHasItsKindsPattern builds a site with every kind
// of page (lists long enough for a second page, a standalone page, a
// profile, an image, the export's search index): each page's path has
// a pattern of the kinds list, so the patterns the kinds declare are
// the site's URL scheme; the sitemap lists only pages the site has; and
// each of paths.Fixed, which the link checker accepts, is a page of the
// site or one of the two the server answers itself, and every kind's
// page at a fixed path is in paths.Fixed.
func TestBuild_EveryPageHasItsKindsPattern(t *testing.T) {
	png, err := os.ReadFile("../article/testdata/check/images/knee.png")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"pages/about.md":  {Data: []byte("---\ntitle: About\n---\n\nUs.\n")},
		"authors.yaml":    {Data: []byte("Ann Lee:\n  credentials: RN\n  bio: A nurse.\n")},
		"images/knee.png": {Data: png},
	}
	for i := range PerPage + 1 {
		fsys[string(rune('a'+i))+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: T\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: S.\ntags: [knees]\nimage: images/knee.png\nimage_alt: A knee.\n---\n\nText.\n")}
	}
	lib, err := article.Load(fsys, article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Build(lib, Options{Now: later, BaseURL: "https://health.example.org", StaticSearch: true})
	if err != nil {
		t.Fatal(err)
	}
	var patterns []string
	for _, k := range kinds() {
		patterns = append(patterns, k.patterns...)
	}
	for _, want := range []string{"/page/2/", "/tags/knees/page/2/", "/authors/ann-lee/", "/about/", StaticSearchPrefix} {
		if s.Page(want) == nil && !slices.ContainsFunc(s.Paths(), func(p string) bool { return strings.HasPrefix(p, want) }) {
			t.Errorf("the test's site has no page at %s", want)
		}
	}
	for _, p := range s.Paths() {
		if !slices.ContainsFunc(patterns, func(pat string) bool { return matches(pat, p) }) {
			t.Errorf("the page at %s has no kind's pattern", p)
		}
	}
	for _, m := range regexp.MustCompile(`<loc>https://health\.example\.org(/[^<]*)</loc>`).FindAllStringSubmatch(string(s.Page("/sitemap.xml").Body()), -1) {
		if u := m[1]; s.Page(u) == nil {
			t.Errorf("the sitemap lists %s, which the site does not have", u)
		}
	}
	for _, p := range paths.Fixed() {
		if s.Page(p) == nil && p != paths.Search && p != paths.Health {
			t.Errorf("paths.Fixed has %s, which the site does not have", p)
		}
	}
	// A kind at a fixed path is one the link checker must know of.
	for _, p := range patterns {
		if !strings.ContainsAny(p, "{*") && !slices.Contains(paths.Fixed(), p) {
			t.Errorf("a kind's page is at %s, which paths.Fixed lacks: links to it would be reported as broken", p)
		}
	}
}

// matches says whether path has the pattern: {name} stands for one
// segment, a final * for anything.
func matches(pattern, path string) bool {
	if rest, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(path, rest)
	}
	ps, xs := strings.Split(pattern, "/"), strings.Split(path, "/")
	if len(ps) != len(xs) {
		return false
	}
	for i := range ps {
		if ps[i] != xs[i] && !(strings.HasPrefix(ps[i], "{") && xs[i] != "") {
			return false
		}
	}
	return true
}

// TestBuild_EveryKindInEveryLanguage: in a site of three languages,
// every page has a kind's pattern, a further language's under its
// prefix and only for kinds made per language; and each kind made per
// language that has pages in the main language has them in every
// language, so that a kind added to kinds() exists in every language
// without more code.
func TestBuild_EveryKindInEveryLanguage(t *testing.T) {
	lib, err := article.Load(sample.Languages(), article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Build(lib, Options{Now: later})
	if err != nil {
		t.Fatal(err)
	}
	prefixes := []string{"/es", "/ar"}
	for _, p := range s.Paths() {
		ok := false
		for _, k := range kinds() {
			for _, pat := range k.patterns {
				ok = ok || matches(pat, p)
				for _, pre := range prefixes {
					ok = ok || !k.shared && matches(pre+pat, p)
				}
			}
		}
		if !ok {
			t.Errorf("the page at %s has no kind's pattern", p)
		}
	}
	for _, k := range kinds() {
		if k.shared {
			continue
		}
		for _, pat := range k.patterns {
			if !slices.ContainsFunc(s.Paths(), func(p string) bool { return matches(pat, p) }) {
				continue // the main language has no such page either
			}
			for _, pre := range prefixes {
				if !slices.ContainsFunc(s.Paths(), func(p string) bool { return matches(pre+pat, p) }) {
					t.Errorf("kind %s has pages at %s, but none at %s%s", k.name, pat, pre, pat)
				}
			}
		}
	}
}
