package article

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLoad_LinksOfAndToFilesWithErrors checks that a file with an error
// of its own still has its links checked, and that a link to a file with
// errors is not reported as leading nowhere: that file's errors are.
func TestLoad_LinksOfAndToFilesWithErrors(t *testing.T) {
	const (
		good      = "title: Good\nauthor: A\ndate: 2024-01-10\nsummary: S.\n"
		badDate   = "title: Bad\nauthor: A\ndate: 10th January\nsummary: S.\n"
		badYAML   = "title: Bad\nauthor: A\ndate: 2024-01-10\nsummary: \"S.\n"
		badDateAt = `error: date "10th January" has no year (write the year first, then the month and the day: YYYY-01-10)`
		badYAMLAt = "error: YAML syntax error: a quote opened here is never closed (end the value with the same quote mark it starts with)"
		nowhere   = "error: the link to /articles/nowhere/ leads to no article (check the address: an article's is /articles/ and its file name without .md)"
	)
	file := func(front, body string) string { return "---\n" + front + "---\n\n" + body + "\n" }
	tests := []struct {
		name string
		fsys []string
		opts Options
		want []string
	}{
		{"BrokenLinkInFileWithBadDate", []string{
			"a.md", file(badDate, "See [this](/articles/nowhere/)."),
		}, Options{}, []string{
			"a.md:4:7: " + badDateAt,
			"a.md:8:5: " + nowhere,
		}},
		{"BrokenSectionLinkInFileWithBadDate", []string{
			"a.md", file(badDate, "See [below](#how).\n\n## Why"),
		}, Options{}, []string{
			"a.md:4:7: " + badDateAt,
			"a.md:8:5: error: the link to #how leads to no section of that page (the sections are #why)",
		}},
		{"BrokenLinkInFileWithSyntaxError", []string{
			"a.md", file(badYAML, "See [this](/articles/nowhere/)."),
		}, Options{}, []string{
			"a.md:5:10: " + badYAMLAt,
			"a.md:8:5: " + nowhere,
		}},
		{"LinkToFileWithBadDate", []string{
			"a.md", file(good, "See [b](/articles/b/)."),
			"b.md", file(badDate, "Text."),
		}, Options{}, []string{
			"b.md:4:7: " + badDateAt,
		}},
		{"LinkToSectionOfFileWithBadDate", []string{
			"a.md", file(good, "See [how](/articles/b/#how) and [what](/articles/b/#what)."),
			"b.md", file(badDate, "Text.\n\n## How"),
		}, Options{}, []string{
			"a.md:8:33: error: the link to /articles/b/#what leads to no section of that page (the sections are #how)",
			"b.md:4:7: " + badDateAt,
		}},
		{"LinkToFileWithSyntaxError", []string{
			"a.md", file(good, "See [b](/articles/b/#how)."),
			"b.md", file(badYAML, "Text.\n\n## How"),
		}, Options{}, []string{
			"b.md:5:10: " + badYAMLAt,
		}},
		{"LinkToSlugOfFileWithSyntaxError", []string{
			"a.md", file(good, "See [b](/articles/back-pain/)."),
			"b.md", file("slug: back-pain\n"+badYAML, "Text."),
		}, Options{}, []string{
			"b.md:6:10: " + badYAMLAt,
		}},
		{"LinkToSlugOfFileWithBadDate", []string{
			"a.md", file(good, "See [b](/articles/back-pain/)."),
			"b.md", file("slug: back-pain\n"+badDate, "Text."),
		}, Options{}, []string{
			"b.md:5:7: " + badDateAt,
		}},
		{"LinkToFileWithoutFrontMatter", []string{
			"a.md", file(good, "See [b](/articles/b/)."),
			"b.md", "Just text.\n",
		}, Options{}, []string{
			"b.md:1:1: error: the file has no front matter (start it with a line of ---, then title:, author: and date: lines, then another line of ---)",
		}},
		{"LinkToFileTooBig", []string{
			"a.md", file(good, "See [b](/articles/b/)."),
			"b.md", file(good, strings.Repeat("Text that is far too long. ", 100)),
		}, Options{MaxFileSize: 1 << 10}, []string{
			"b.md: error: the file is 2 KiB, over the limit of 1 KiB (" + tooBigFix + ")",
		}},
		{"MisspeltLinkToFileWithErrors", []string{
			"a.md", file(good, "See [b](/articles/neck-pian/)."),
			"neck-pain.md", file(badDate, "Text."),
		}, Options{}, []string{
			"a.md:8:5: error: the link to /articles/neck-pian/ leads to no article (did you mean /articles/neck-pain/?)",
			"neck-pain.md:4:7: " + badDateAt,
		}},
		{"SameAddressAsFileWithErrors", []string{
			"a.md", file("slug: b\n"+good, "Text."),
			"b.md", file(badDate, "Text."),
		}, Options{}, []string{
			"b.md:1:1: error: the web address /articles/b/ is also used by a.md (give one of the two files another name, or a different slug:)",
			"b.md:4:7: " + badDateAt,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantErrors(t, mapFS(tc.fsys...), tc.opts, tc.want...)
		})
	}
}

// TestCheck_EveryInternalLinkInEveryFile: a site-relative link, or one to
// the site's own base URL, that leads to no address the site will have
// is an error with the nearest address, in articles, pages and bios.
func TestCheck_EveryInternalLinkInEveryFile(t *testing.T) {
	knee := article("title: Knee pain", "author: Jane Doe", "date: 2024-01-01", "summary: S", "tags: [fascia]")
	about := "---\ntitle: About\n---\n\nWe are a clinic.\n\n## Team\n\nPeople.\n"
	bio := "---\nname: Jane Doe\n---\n\nJane writes.\n"
	site := "base_url: https://clinic.example\n"
	tests := []struct{ link, want string }{
		{"/abut/", "the link to /abut/ leads to no page of the site (did you mean /about/?)"},
		{"/tag/fascia/", "the link to /tag/fascia/ leads to no page of the site (did you mean /tags/fascia/?)"},
		{"/author/jane-doe/", "the link to /author/jane-doe/ leads to no page of the site (did you mean /authors/jane-doe/?)"},
		{"/article/knee-pain/", "the link to /article/knee-pain/ leads to no page of the site (did you mean /articles/knee-pain/?)"},
		{"/about/#nope", "the link to /about/#nope leads to no section of that page (the sections are #team)"},
		{"https://clinic.example/articles/nope/", "the link to /articles/nope/ leads to no article (check the address: an article's is /articles/ and its file name without .md)"},
		{"https://clinic.example/abut/", "the link to /abut/ leads to no page of the site (did you mean /about/?)"},
		{"/articles/nop/", "the link to /articles/nop/ leads to no article (check the address: an article's is /articles/ and its file name without .md)"},
		{"../knee-pain.md", "the link to ../knee-pain.md leads to the Markdown file, which is not published (link to the article's address: /articles/knee-pain/)"},
		{"/tags/fasci/", `the link to /tags/fasci/ leads to no topic: no article has the tag "fasci" (did you mean /tags/fascia/?)`},
		{"#nosuch", "the link to #nosuch leads to no section of that page (the page has no section headings to link to)"},
		{"/zzzzzzzz/", "the link to /zzzzzzzz/ leads to no page of the site (link to an article, a topic, an author or a page the site has, or to another site with https://)"},
		// Two articles fit on the first page; the site's files are
		// under fingerprinted names (site.Pages knows them: see
		// site.TestPages_LinksAreCheckedAgainstThePagesBuilt).
		{"/page/2/", "the link to /page/2/ leads to no page: the list at / fits on one page (link to /)"},
		{"/static/style.css", "the link to /static/style.css leads to no file of the site (to show a picture, put it in images/ and write ![what it shows](images/name.jpg))"},
		// What the site has is fine, whatever kind of page.
		{"/about/#team", ""}, {"/", ""}, {"/tags/", ""}, {"/authors/", ""}, {"/search?q=knee", ""}, {"/feed.xml", ""},
		{"/atom.xml", ""}, {"/feed.json", ""}, {"/sitemap.xml", ""}, {"/articles/knee-pain/", ""}, {"/authors/jane-doe/", ""},
		{"/tags/fascia/", ""}, {"https://example.org/nope/", ""},
	}
	for _, tt := range tests {
		for _, kind := range []struct{ file, src string }{
			{"links.md", article("title: Links", "author: A", "date: 2024-01-01", "summary: S") + "[x](%s)\n"},
			{"pages/contact.md", "---\ntitle: Contact\n---\n\nWrite to us.\n\n[x](%s)\n"},
			{"authors/jane.md", bio + "\n[x](%s)\n"},
		} {
			t.Run(kind.file+" "+tt.link, func(t *testing.T) {
				link := tt.link
				got := checkLines(t, "site.yaml", site, "knee-pain.md", knee, "pages/about.md", about, "authors/jane.md", bio,
					kind.file, strings.Replace(kind.src, "%s", link, 1))
				var want []string
				if tt.want != "" {
					line := map[string]int{"links.md": 9, "pages/contact.md": 7, "authors/jane.md": 7}[kind.file]
					want = []string{fmt.Sprintf("%s:%d:1: error: %s", kind.file, line, tt.want)}
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("problems (-want +got):\n%s", diff)
				}
			})
		}
	}
}

// TestCheck_RelativeLinkSuggestsTheLeadingSlash: a link written without
// its leading / is read from the page's own address, and leads nowhere.
func TestCheck_RelativeLinkSuggestsTheLeadingSlash(t *testing.T) {
	got := checkLines(t, "knee-pain.md", article("title: Knee pain", "author: A", "date: 2024-01-01", "summary: S"),
		"links.md", article("title: Links", "author: A", "date: 2024-01-01", "summary: S")+"[i](articles/knee-pain/) [a](about/)\n",
		"pages/about.md", "---\ntitle: About\n---\n\nUs.\n")
	want := []string{
		"links.md:9:1: error: the link to articles/knee-pain/ leads to /articles/links/articles/knee-pain/, which is no page of the site: a link without a leading / is read from this page's address (write /articles/knee-pain/)",
		"links.md:9:26: error: the link to about/ leads to /articles/links/about/, which is no page of the site: a link without a leading / is read from this page's address (write /about/)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
