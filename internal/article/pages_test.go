package article

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

const okArticle = "---\ntitle: T\nauthor: A\ndate: 2023-01-01\nsummary: S.\n---\n\nText.\n"

func TestLoad_StandalonePages(t *testing.T) {
	fsys := fstest.MapFS{
		"x.md":                      {Data: []byte(okArticle)},
		"pages/about.md":            {Data: []byte("---\ntitle: About us\nsummary: Who we are.\n---\n\nWe are a clinic.\n\n## Our team\n\nPeople.\n")},
		"pages/privacy.md":          {Data: []byte("---\ntitle: Privacy\n---\n\nNo cookies.\n")},
		"pages/contact.md":          {Data: []byte("---\ntitle: Contact\nfooter_order: 2\n---\n\nWrite to us.\n")},
		"pages/editorial-policy.md": {Data: []byte("---\ntitle: Editorial policy\nfooter_order: 1\ndescription: How we write.\n---\n\nEvery page is reviewed.\n")},
	}
	lib, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(lib.Articles()); n != 1 {
		t.Errorf("%d articles, want 1: files in pages/ are not articles", n)
	}
	var got []string
	for _, p := range lib.Pages() {
		got = append(got, p.Slug+" "+p.Title+" | "+p.Summary+" | "+p.Description)
	}
	// footer_order first, then the rest by title.
	want := []string{
		"editorial-policy Editorial policy |  | How we write.",
		"contact Contact |  | ",
		"about About us | Who we are. | Who we are.",
		"privacy Privacy |  | ",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pages (-want +got):\n%s", diff)
	}
	about := lib.Pages()[2]
	if !strings.Contains(about.HTML, `<h2 id="our-team">Our team</h2>`) || len(about.Headings) != 1 {
		t.Errorf("about's body = %q", about.HTML)
	}
}

func TestLoad_StandalonePageProblems(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"reserved names", map[string]string{"pages/tags.md": "---\ntitle: Tags\n---\n\nText.\n", "pages/search.md": "---\ntitle: Search\n---\n\nText.\n"},
			[]string{
				"pages/search.md:1:1: error: a page named search.md would be served at /search/, which the site uses for its own pages (rename the file, e.g. about-search.md)",
				"pages/tags.md:1:1: error: a page named tags.md would be served at /tags/, which the site uses for its own pages (rename the file, e.g. about-tags.md)",
			}},
		{"title missing", map[string]string{"pages/about.md": "---\nsummary: S\n---\n\nText.\n"},
			[]string{`pages/about.md:1:1: error: title is missing (add a line such as title: "About us" to the front matter)`}},
		{"misspelt title is one message", map[string]string{"pages/about.md": "---\ntitel: About\n---\n\nText.\n"},
			[]string{`pages/about.md:2:1: error: unknown field "titel" (did you mean "title"?)`}},
		{"article fields are not page fields", map[string]string{"pages/about.md": "---\ntitle: About\nsumary: S\n---\n\nText.\n"},
			[]string{`pages/about.md:3:1: error: unknown field "sumary" (did you mean "summary"?)`}},
		{"footer order not a number", map[string]string{"pages/about.md": "---\ntitle: About\nfooter_order: first\n---\n\nText.\n"},
			[]string{`pages/about.md:3:15: error: footer_order must be a whole number from 1, not "first" (write footer_order: 1 for the first link of the footer, 2 for the next)`}},
		{"no text", map[string]string{"pages/about.md": "---\ntitle: About\n---\n"},
			[]string{"pages/about.md:4:1: error: the page has no text (write it below the front matter)"}},
		{"no front matter", map[string]string{"pages/about.md": "# About\n"},
			[]string{"pages/about.md:1:1: error: the file has no front matter (start it with a line of ---, then a title: line, then another line of ---)"}},
		{"two files, one address", map[string]string{"pages/about.md": "---\ntitle: About\n---\n\nText.\n", "pages/About.md": "---\ntitle: About\n---\n\nText.\n"},
			[]string{"pages/about.md:1:1: error: the web address /about/ is also used by pages/About.md (give one of the two files another name)"}},
		{"nested folder", map[string]string{"pages/old/about.md": "---\ntitle: About\n---\n\nText.\n"},
			[]string{"pages/old/about.md: error: is in a folder inside pages/, where pages are not read (move it to pages/ itself: a page's address is its file name, like /about/)"}},
		{"missing image", map[string]string{"pages/about.md": "---\ntitle: About\n---\n\n![Our clinic](clinic.jpg)\n"},
			[]string{"pages/about.md:5:1: error: the image clinic.jpg is not in the content folder (put the file at pages/clinic.jpg, or correct the name; names are case-sensitive)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"x.md": {Data: []byte(okArticle)}}
			for name, src := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(src)}
			}
			var got []string
			for _, e := range Check(fsys, Options{}).Problems {
				got = append(got, e.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}
