package site

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"healthsite/content"
	"healthsite/internal/article"
	"healthsite/internal/paths"
	"healthsite/static"
)

// everyKind is content with a page of every kind: lists long enough
// for a second page (of the index, of a topic and of an author), a
// standalone page, an author's profile, a reviewer who wrote nothing,
// an image, and a draft, whose topic has no page.
func everyKind(t *testing.T) fstest.MapFS {
	t.Helper()
	png, err := os.ReadFile("../article/testdata/check/images/knee.png")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"pages/about.md":  {Data: []byte("---\ntitle: About\n---\n\nUs.\n")},
		"authors.yaml":    {Data: []byte("Ann Lee:\n  credentials: RN\n  bio: A nurse.\nDr Elena Marsh:\n  credentials: DPT\n  bio: A physio.\n")},
		"images/knee.png": {Data: png},
		"draft.md":        {Data: []byte("---\ntitle: D\nauthor: Bo Ray\ndate: 2024-01-01\nsummary: S.\ntags: [hips]\ndraft: true\n---\n\nText.\n")},
		"reviewed.md":     {Data: []byte("---\ntitle: R\nauthor: Cy Doe\ndate: 2024-01-01\nsummary: S.\ntags: [backs]\nreviewed_by: Dr Elena Marsh, DPT\nreviewed: 2024-01-02\n---\n\nText.\n")},
	}
	for i := range PerPage + 1 {
		fsys[fmt.Sprintf("k%02d.md", i)] = &fstest.MapFile{Data: []byte("---\ntitle: T\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: S.\ntags: [knees]\nimage: images/knee.png\nimage_alt: A knee.\n---\n\nText.\n")}
	}
	return fsys
}

// TestPages_AreWhatBuildMakes: the addresses Pages lists, without
// rendering, are exactly the pages Build makes, the redirects it
// answers and the server's own addresses, for content with every kind
// of page and for the shipped content, so that links are checked
// against the site as it is built.
func TestPages_AreWhatBuildMakes(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{"EveryKind": everyKind(t), "Shipped": nil} {
		t.Run(name, func(t *testing.T) {
			var lib *article.Library
			var err error
			if fsys == nil {
				lib, err = article.Load(content.FS, article.Options{})
			} else {
				lib, err = article.Load(fsys, article.Options{})
			}
			if err != nil {
				t.Fatal(err)
			}
			s, err := Build(lib, Options{Now: later})
			if err != nil {
				t.Fatal(err)
			}
			want := append(append(s.Paths(), slices.Collect(maps.Keys(s.redirects))...), paths.Served()...)
			slices.Sort(want)
			if diff := cmp.Diff(want, Pages(lib).Paths()); diff != "" {
				t.Errorf("Pages (-built +listed):\n%s", diff)
			}
		})
	}
}

// TestPages_LinksAreCheckedAgainstThePagesBuilt: with the site's pages,
// a link within the site is good exactly when Build makes the page it
// leads to (or a redirect to one, or an address the server answers),
// and otherwise an error at the link, with the address meant where one
// is near.
func TestPages_LinksAreCheckedAgainstThePagesBuilt(t *testing.T) {
	style := static.Embedded().URL("style.css")
	tests := []struct{ link, want string }{
		{"/page/2/", ""},
		{"/page/1/", ""}, // leads to /
		{"/page/3/", "the link to /page/3/ leads to no page: the list at / has 2 pages (link to /page/2/, its last, or to /, which has the newest)"},
		{"/tags/knees/page/2/", ""},
		{"/tags/knees/page/3/", "the link to /tags/knees/page/3/ leads to no page: the list at /tags/knees/ has 2 pages (link to /tags/knees/page/2/, its last, or to /tags/knees/, which has the newest)"},
		{"/tags/backs/page/2/", "the link to /tags/backs/page/2/ leads to no page: the list at /tags/backs/ fits on one page (link to /tags/backs/)"},
		{"/authors/ann-lee/page/2/", ""},
		{"/tags/knes/", `the link to /tags/knes/ leads to no topic: no article has the tag "knes" (did you mean /tags/knees/?)`},
		{"/tags/hips/", `the link to /tags/hips/ leads to no topic: no article has the tag "hips" (link to one of the topics listed at /tags/, or add the tag to an article's tags:)`},
		{"/authors/dr-elena-marsh/", ""}, // a reviewer's page
		{"/authors/bo-ray/", `the link to /authors/bo-ray/ leads to no author: no article is by "bo-ray" (link to one of the authors listed at /authors/)`},
		{style, ""},
		{"/static/style.css", "the link to /static/style.css leads to no file of the site: the file's address carries a fingerprint of its content (write " + style + ", and check the link again when the file changes)"},
		{"/static/nope.png", "the link to /static/nope.png leads to no file of the site (to show a picture, put it in images/ and write ![what it shows](images/name.jpg))"},
		{"/articles/", ""}, // leads to the index, the list of every article
		{"/healthz", ""},
		{"/search?q=knee", ""},
		{"/feed.xml", ""}, {"/atom.xml", ""}, {"/feed.json", ""}, {"/sitemap.xml", ""}, {"/robots.txt", ""},
		{"/feed.jsn", "the link to /feed.jsn leads to no page of the site (did you mean /feed.json?)"},
		{"/about/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.link, func(t *testing.T) {
			fsys := everyKind(t)
			fsys["links.md"] = &fstest.MapFile{Data: []byte("---\ntitle: L\nauthor: Cy Doe\ndate: 2024-01-01\nsummary: S.\n---\n\n[x](" + tt.link + ")\n")}
			var got []string
			for _, e := range article.Check(fsys, article.Options{Pages: Pages}).Problems {
				got = append(got, e.Error())
			}
			var want []string
			if tt.want != "" {
				want = []string{"links.md:8:1: error: " + tt.want}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPages_LoadAndPreviewHoldBackTheSameLink: a link past the last page
// of a list stops Load with the message check gives, and the preview
// (LoadPartial) holds back the file with it, showing the rest.
func TestPages_LoadAndPreviewHoldBackTheSameLink(t *testing.T) {
	fsys := everyKind(t)
	fsys["links.md"] = &fstest.MapFile{Data: []byte("---\ntitle: L\nauthor: Cy Doe\ndate: 2024-01-01\nsummary: S.\n---\n\nSee [more](/page/9/).\n")}
	want := "links.md:8:5: error: the link to /page/9/ leads to no page: the list at / has 2 pages (link to /page/2/, its last, or to /, which has the newest)"
	opts := article.Options{Pages: Pages}
	var checked []string
	for _, e := range article.Check(fsys, opts).Problems {
		checked = append(checked, e.Error())
	}
	if diff := cmp.Diff([]string{want}, checked); diff != "" {
		t.Errorf("Check (-want +got):\n%s", diff)
	}
	if _, err := article.Load(fsys, opts); err == nil || err.Error() != want {
		t.Errorf("Load: %v, want %s", err, want)
	}
	lib, problems := article.LoadPartial(fsys, opts, nil)
	if problems == nil || len(problems.Files) != 1 || problems.Files[0].Path != "links.md" || len(problems.Files[0].Problems) != 1 || problems.Files[0].Problems[0].Error() != want {
		t.Fatalf("LoadPartial's problems: %+v, want links.md's link", problems)
	}
	if lib.Article("links") != nil || lib.Article("k00") == nil {
		t.Errorf("LoadPartial published links.md, or held back the others")
	}
}
