package site

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// TestBuild_TeaserSaysWhenReviewed pins the teaser of the seed (author
// and date, title, summary, "View more") with "Reviewed <date>" added
// to its first line for a reviewed article, and only for one.
func TestBuild_TeaserSaysWhenReviewed(t *testing.T) {
	s := buildFS(t, fstest.MapFS{
		"reviewed.md": {Data: []byte("---\ntitle: Reviewed\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: Checked.\nreviewed_by: Dr Elena Marsh, DPT\nreviewed: 2024-02-20\n---\n\nText.\n")},
		"plain.md":    {Data: []byte("---\ntitle: Plain\nauthor: Bo Chan\ndate: 2024-01-01\nsummary: Not checked.\n---\n\nText.\n")},
	})
	doc := parseHTML(t, s.Page("/").Body())
	var got []string
	for _, li := range elements(doc, "li", "class", "teaser") {
		var parts []string
		for c := li.FirstChild; c != nil; c = c.NextSibling {
			if t := textOf(c); t != "" {
				parts = append(parts, t)
			}
		}
		got = append(got, strings.Join(parts, " | "))
	}
	want := []string{
		"Ann Lee · 10 January 2024 · Reviewed 20 February 2024 | Reviewed | Checked. | View more: Reviewed",
		"Bo Chan · 1 January 2024 | Plain | Not checked. | View more: Plain",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("teasers:\n%q\nwant\n%q", got, want)
	}
	if n := len(elements(doc, "time", "datetime", "2024-02-20")); n != 1 {
		t.Errorf("%d <time datetime=2024-02-20> on the index, want 1", n)
	}
}

// TestBuild_SampleNoticeOnEveryPage pins that a site with sample: true
// says on every page, errors included, that its people are made up,
// and that a real site says nothing of the kind.
func TestBuild_SampleNoticeOnEveryPage(t *testing.T) {
	for _, sample := range []bool{true, false} {
		fsys := fstest.MapFS{
			"site.yaml": {Data: []byte("name: Demo\nsample: " + map[bool]string{true: "true", false: "false"}[sample] + "\n")},
			"a.md":      {Data: []byte("---\ntitle: A\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: S.\ntags: [sleep]\n---\n\nText.\n")},
		}
		s := buildFS(t, fsys)
		pages := map[string]*Page{"404": s.NotFound(), "500": s.ServerError()}
		for _, path := range s.Paths() {
			if p := s.Page(path); strings.HasPrefix(p.ContentType, "text/html") {
				pages[path] = p
			}
		}
		if len(pages) < 8 {
			t.Fatalf("only %d HTML pages", len(pages))
		}
		for path, p := range pages {
			notes := elements(parseHTML(t, p.Body()), "aside", "class", "sample-notice")
			switch {
			case sample && len(notes) != 1:
				t.Errorf("sample site: %s has %d sample notices, want 1", path, len(notes))
			case sample && !strings.Contains(textOf(notes[0]), "made up") || sample && attrOf(notes[0], "aria-label") == "":
				t.Errorf("sample site: %s notice %q (label %q) does not say the people are made up", path, textOf(notes[0]), attrOf(notes[0], "aria-label"))
			case !sample && len(notes) != 0:
				t.Errorf("real site: %s has a sample notice", path)
			}
		}
	}
}

// TestBuild_StandalonePagesServedAndLinkedFromFooter pins /about/ and
// its like: rendered at the file's name, in the sitemap, and linked
// from every page's footer in footer order.
func TestBuild_StandalonePagesServedAndLinkedFromFooter(t *testing.T) {
	s := buildFS(t, fstest.MapFS{
		"a.md":                      {Data: []byte("---\ntitle: A\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: S.\n---\n\nText.\n")},
		"pages/about.md":            {Data: []byte("---\ntitle: About us\nsummary: Who we are.\n---\n\nWe are a **clinic**.\n")},
		"pages/privacy.md":          {Data: []byte("---\ntitle: Privacy\n---\n\nNo cookies.\n")},
		"pages/editorial-policy.md": {Data: []byte("---\ntitle: Editorial policy\nfooter_order: 1\n---\n\nReviewed.\n")},
	})
	p := s.Page("/about/")
	if p == nil {
		t.Fatal("no page /about/")
	}
	doc := parseHTML(t, p.Body())
	if h1 := elements(doc, "h1", "", ""); len(h1) != 1 || textOf(h1[0]) != "About us" {
		t.Errorf("/about/ h1 = %v", h1)
	}
	if !strings.Contains(string(p.Body()), "<p>We are a <strong>clinic</strong>.</p>") || !strings.Contains(string(p.Body()), `<p class="intro">Who we are.</p>`) {
		t.Errorf("/about/ lacks its summary or body:\n%s", p.Body())
	}
	if c := elements(doc, "link", "rel", "canonical"); len(c) != 1 || attrOf(c[0], "href") != "https://health.example.org/about/" {
		t.Error("/about/ has no canonical link")
	}
	if s.Page("/articles/about/") != nil {
		t.Error("a page in pages/ is also an article")
	}
	for _, path := range []string{"/", "/articles/a/", "/about/", "/tags/", "/authors/ann-lee/"} {
		var links []string
		for _, nav := range elements(parseHTML(t, s.Page(path).Body()), "nav", "class", "footer-nav") {
			for _, a := range elements(nav, "a", "", "") {
				links = append(links, attrOf(a, "href")+" "+textOf(a))
			}
		}
		want := "[/editorial-policy/ Editorial policy /about/ About us /privacy/ Privacy]"
		if got := fmt.Sprint(links); got != want {
			t.Errorf("%s footer links %s, want %s", path, got, want)
		}
	}
	if links := elements(parseHTML(t, s.NotFound().Body()), "nav", "class", "footer-nav"); len(links) != 1 {
		t.Error("the 404 page has no footer links")
	}
	sm := string(s.Page("/sitemap.xml").Body())
	for _, path := range []string{"/about/", "/privacy/", "/editorial-policy/"} {
		if !strings.Contains(sm, "<loc>https://health.example.org"+path+"</loc>") {
			t.Errorf("the sitemap lacks %s", path)
		}
	}
}

// TestBuild_NoPagesNoFooterNav pins that a site without standalone
// pages has no empty navigation landmark.
func TestBuild_NoPagesNoFooterNav(t *testing.T) {
	s := buildFS(t, fstest.MapFS{"a.md": {Data: []byte("---\ntitle: A\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: S.\n---\n\nText.\n")}})
	if n := len(elements(parseHTML(t, s.Page("/").Body()), "nav", "class", "footer-nav")); n != 0 {
		t.Errorf("%d footer navs without pages", n)
	}
}
