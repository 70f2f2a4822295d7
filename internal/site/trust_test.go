package site

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
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
		"Ann Lee 10 January 2024 Reviewed 20 February 2024 | Reviewed | Checked. | View more: Reviewed",
		"Bo Chan 1 January 2024 | Plain | Not checked. | View more: Plain",
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

// TestBuild_ProfilesOnAuthorPages pins what a profile adds: the
// author's page shows who they are, the reviewer line links to the
// reviewer's page (which a reviewer with a profile has even without
// articles of their own), and the linked data carries credentials and
// roles. A reviewer without a profile stays unlinked text.
func TestBuild_ProfilesOnAuthorPages(t *testing.T) {
	png, err := os.ReadFile("../article/testdata/check/images/knee.png")
	if err != nil {
		t.Fatal(err)
	}
	s := buildFS(t, fstest.MapFS{
		"a.md":             {Data: []byte("---\ntitle: Knees\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: S.\nreviewed_by: \"Dr Elena Marsh, DPT\"\nreviewed: 2024-02-20\n---\n\nText.\n")},
		"b.md":             {Data: []byte("---\ntitle: Backs\nauthor: Bo Chan\ndate: 2024-01-01\nsummary: S.\nreviewed_by: \"Dr Ann Other, MD\"\nreviewed: 2024-02-20\n---\n\nText.\n")},
		"authors.yaml":     {Data: []byte("- name: Ann Lee\n  credentials: RN\n  role: Health writer\n  photo: images/ann.png\n  photo_alt: Ann Lee at her desk\n  bio: Ann writes about *sleep* and knees.\n")},
		"authors/elena.md": {Data: []byte("---\nname: Dr Elena Marsh\ncredentials: DPT\nrole: Physiotherapist\n---\n\nElena reviews our articles on movement.\n")},
		"images/ann.png":   {Data: png},
	})

	ann := parseHTML(t, s.Page("/authors/ann-lee/").Body())
	profile := elements(ann, "div", "class", "profile")
	if len(profile) != 1 {
		t.Fatalf("%d profiles on Ann's page", len(profile))
	}
	var parts []string
	for _, n := range append(elements(profile[0], "h1", "", ""), elements(profile[0], "p", "", "")...) {
		parts = append(parts, attrOf(n, "class")+"="+textOf(n))
	}
	if got := strings.Join(parts, " "); got != "=Ann Lee credentials=RN role=Health writer" {
		t.Errorf("Ann's profile = %s", got)
	}
	img := elements(profile[0], "img", "class", "profile-photo")
	if len(img) != 1 || attrOf(img[0], "alt") != "Ann Lee at her desk" || attrOf(img[0], "width") == "" {
		t.Fatalf("Ann's photo = %v", img)
	}
	if bio := elements(ann, "div", "class", "prose bio"); len(bio) != 1 || textOf(bio[0]) != "Ann writes about sleep and knees." || len(elements(bio[0], "em", "", "")) != 1 {
		t.Errorf("Ann's bio = %v", bio)
	}
	if h2 := elements(ann, "h2", "id", "written-heading"); len(h2) != 1 || textOf(h2[0]) != "Articles by Ann Lee" {
		t.Errorf("Ann's list heading = %v", h2)
	}
	if n := len(elements(ann, "li", "class", "teaser")); n != 1 {
		t.Errorf("Ann's page lists %d articles, want 1", n)
	}
	ld := linkedData(t, ann)
	if ld["@type"] != "ProfilePage" || fmt.Sprint(ld["mainEntity"]) != "map[@type:Person description:Ann writes about sleep and knees. honorificSuffix:RN image:https://health.example.org"+attrOf(img[0], "src")+" jobTitle:Health writer name:Ann Lee url:https://health.example.org/authors/ann-lee/]" {
		t.Errorf("Ann's page linked data = %v", ld)
	}

	// Bo has no profile: the list of articles, as before.
	if bo := parseHTML(t, s.Page("/authors/bo-chan/").Body()); len(elements(bo, "div", "class", "profile")) != 0 {
		t.Error("Bo, without a profile, has one")
	}

	// The reviewer line links to Elena's page, which lists what she reviewed.
	knees := parseHTML(t, s.Page("/articles/a/").Body())
	if a := elements(knees, "a", "class", "reviewer"); len(a) != 1 || attrOf(a[0], "href") != "/authors/dr-elena-marsh/" || textOf(a[0]) != "Dr Elena Marsh, DPT" {
		t.Errorf("the reviewer link = %v", a)
	}
	if p := elements(knees, "p", "class", "reviewed"); len(p) != 1 || !strings.HasPrefix(textOf(p[0]), "Medically reviewed by Dr Elena Marsh, DPT on 20 February 2024") {
		t.Errorf("the reviewer line = %q", textOf(p[0]))
	}
	ld = linkedData(t, knees)
	if got := fmt.Sprint(ld["reviewedBy"]); got != "map[@type:Person honorificSuffix:DPT jobTitle:Physiotherapist name:Dr Elena Marsh url:https://health.example.org/authors/dr-elena-marsh/]" {
		t.Errorf("reviewedBy = %s", got)
	}
	if got := fmt.Sprint(ld["author"]); got != "[map[@type:Person honorificSuffix:RN jobTitle:Health writer name:Ann Lee url:https://health.example.org/authors/ann-lee/]]" {
		t.Errorf("author = %s", got)
	}
	elena := parseHTML(t, s.Page("/authors/dr-elena-marsh/").Body())
	if h1 := elements(elena, "h1", "", ""); len(h1) != 1 || textOf(h1[0]) != "Dr Elena Marsh" {
		t.Errorf("Elena's page h1 = %v", h1)
	}
	var reviewed []string
	for _, ul := range elements(elena, "ul", "class", "reviewed-list") {
		for _, a := range elements(ul, "a", "", "") {
			reviewed = append(reviewed, attrOf(a, "href")+" "+textOf(a))
		}
	}
	if fmt.Sprint(reviewed) != "[/articles/a/ Knees]" {
		t.Errorf("Elena reviewed %v", reviewed)
	}
	var authors []string
	for _, li := range elements(elements(parseHTML(t, s.Page("/authors/").Body()), "main", "", "")[0], "li", "", "") {
		if a := elements(li, "a", "", ""); len(a) == 1 && strings.HasPrefix(attrOf(a[0], "href"), "/authors/") {
			authors = append(authors, attrOf(a[0], "href")+" "+textOf(li))
		}
	}
	if got := strings.Join(authors, "; "); got != "/authors/ann-lee/ Ann Lee (1 article); /authors/bo-chan/ Bo Chan (1 article); /authors/dr-elena-marsh/ Dr Elena Marsh (reviewed 1 article)" {
		t.Errorf("/authors/ lists %s", got)
	}
	if !strings.Contains(string(s.Page("/sitemap.xml").Body()), "<loc>https://health.example.org/authors/dr-elena-marsh/</loc>") {
		t.Error("the sitemap lacks the reviewer's page")
	}

	// A reviewer without a profile: plain text, and no page.
	backs := parseHTML(t, s.Page("/articles/b/").Body())
	if a := elements(backs, "a", "class", "reviewer"); len(a) != 0 {
		t.Errorf("a reviewer without a profile is linked: %v", a)
	}
	if s.Page("/authors/dr-ann-other/") != nil {
		t.Error("a reviewer without a profile has a page")
	}
}

// linkedData returns the page's JSON-LD.
func linkedData(t *testing.T, doc *html.Node) map[string]any {
	t.Helper()
	scripts := elements(doc, "script", "type", "application/ld+json")
	if len(scripts) != 1 {
		t.Fatalf("%d JSON-LD scripts", len(scripts))
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(textOf(scripts[0])), &v); err != nil {
		t.Fatal(err)
	}
	return v
}
