package site

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"healthsite/internal/article"
)

var later = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)

func buildFS(t *testing.T, fsys fstest.MapFS) *Site {
	t.Helper()
	lib, err := article.Load(fsys, article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Build(lib, Options{Now: later, BaseURL: "https://health.example.org"})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func parseHTML(t *testing.T, body []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// elements returns the elements named tag with attribute key=val ("" for any).
func elements(doc *html.Node, tag, key, val string) []*html.Node {
	var out []*html.Node
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || n.Data != tag {
			continue
		}
		if key == "" {
			out = append(out, n)
			continue
		}
		for _, a := range n.Attr {
			if a.Key == key && (val == "" || a.Val == val) {
				out = append(out, n)
			}
		}
	}
	return out
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func TestBuild_TagAndAuthorPages(t *testing.T) {
	lib := library(t, 25, func(i int) string {
		if i%2 == 0 {
			return "Back pain, sleep"
		}
		return "back pain"
	})
	s, err := Build(lib, Options{Now: later})
	if err != nil {
		t.Fatal(err)
	}
	// "Back pain" and "back pain" are one topic, with every article.
	tags := elements(parseHTML(t, s.Page("/tags/").Body()), "main", "", "")[0]
	var entries []string
	for _, li := range elements(tags, "li", "", "") {
		if a := elements(li, "a", "href", ""); len(a) == 1 && strings.HasPrefix(attrOf(a[0], "href"), "/tags/") {
			entries = append(entries, attrOf(a[0], "href")+" "+textOf(li))
		}
	}
	want := []string{"/tags/back-pain/ back pain (25 articles)", "/tags/sleep/ sleep (12 articles)"}
	if fmt.Sprint(entries) != fmt.Sprint(want) {
		t.Errorf("/tags/ entries %q, want %q", entries, want)
	}
	for path, teasers := range map[string]int{
		"/tags/back-pain/": 10, "/tags/back-pain/page/2/": 10, "/tags/back-pain/page/3/": 5,
		"/tags/sleep/": 10, "/tags/sleep/page/2/": 2,
		"/authors/writer-1/": 9, "/authors/writer-0/": 8,
	} {
		p := s.Page(path)
		if p == nil {
			t.Errorf("no page %s", path)
			continue
		}
		if got := len(elements(parseHTML(t, p.Body()), "li", "class", "teaser")); got != teasers {
			t.Errorf("%s has %d teasers, want %d", path, got, teasers)
		}
	}
	if s.Page("/tags/sleep/page/3/") != nil {
		t.Error("a page past the end of a tag exists")
	}
	if to, ok := s.Redirect("/tags/sleep/page/1/"); !ok || to != "/tags/sleep/" {
		t.Errorf("/tags/sleep/page/1/ redirects to %q", to)
	}
	// Teasers link their author and tags.
	doc := parseHTML(t, s.Page("/").Body())
	if len(elements(doc, "a", "href", "/authors/writer-1/")) == 0 || len(elements(doc, "a", "href", "/tags/back-pain/")) == 0 {
		t.Error("teasers do not link to author and tag pages")
	}
	if len(elements(doc, "link", "rel", "next")) != 1 || len(elements(doc, "a", "rel", "next")) != 1 {
		t.Error("the index lacks rel=next")
	}
}

func TestNameSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Back pain": "back-pain", "  BACK--pain ": "back-pain", "Dr. O'Neill": "dr-oneill",
		"Café au lait": "café-au-lait", "背痛": "背痛", "Self-care": "self-care",
		// + and # are words, so that these are not all "c".
		"C": "c", "C++": "c-plus-plus", "c ++": "c-plus-plus", "C#": "c-sharp", "F#": "f-sharp",
		"50+": "50-plus", "A+B": "a-plus-b", "+": "plus", "#sleep": "sleep", "Back pain #2": "back-pain-2",
		// A name of neither letters nor digits: a hash of it, not "-".
		"!!!": "e84c538e", "???": "a03b221c", " ?? ? ": "ee563d91", "#": "334359b9",
	} {
		if got := NameSlug(in); got != want {
			t.Errorf("NameSlug(%q) = %q, want %q", in, got, want)
		}
	}
	// Distinct names that used to share a slug no longer do.
	seen := map[string]string{}
	for _, name := range []string{"C", "C++", "C#", "!!!", "???", "-", "…"} {
		slug := NameSlug(name)
		if other, ok := seen[slug]; ok {
			t.Errorf("%q and %q have the same slug %q", name, other, slug)
		}
		seen[slug] = name
		if slug != NameSlug(name) {
			t.Errorf("NameSlug(%q) is not stable", name)
		}
		if slug == "" || strings.Trim(slug, "-") != slug {
			t.Errorf("NameSlug(%q) = %q: empty or with a hyphen at an end", name, slug)
		}
	}
}

func TestBuild_TableOfContentsFromThreeSections(t *testing.T) {
	s := buildFS(t, fstest.MapFS{
		"three.md": {Data: []byte("---\ntitle: Three\nauthor: A\ndate: 2024-01-01\nsummary: S.\n---\n\nIntro.\n\n## One\n\nx\n\n### Detail\n\ny\n\n## Two\n\nx\n\n## Three\n\nx\n")},
		"two.md":   {Data: []byte("---\ntitle: Two\nauthor: A\ndate: 2024-01-01\nsummary: S.\n---\n\nIntro.\n\n## One\n\nx\n\n## Two\n\nx\n")},
	})
	doc := parseHTML(t, s.Page("/articles/three/").Body())
	nav := elements(doc, "nav", "class", "contents")
	if len(nav) != 1 {
		t.Fatal("no table of contents with three sections")
	}
	var links []string
	for _, a := range elements(nav[0], "a", "", "") {
		links = append(links, attrOf(a, "href")+" "+textOf(a))
	}
	if want := "[#one One #two Two #three Three]"; fmt.Sprint(links) != want {
		t.Errorf("contents %v, want %s", links, want)
	}
	if len(elements(parseHTML(t, s.Page("/articles/two/").Body()), "nav", "class", "contents")) != 0 {
		t.Error("a table of contents with two sections")
	}
	if byline := elements(doc, "p", "class", "byline"); len(byline) != 1 || textOf(byline[0].LastChild) != "1 min read" {
		t.Errorf("the byline does not end with the reading time alone: %v", byline)
	}
}

// ldJSON returns the JSON-LD objects of a page, parsed.
func ldJSON(t *testing.T, body []byte) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, s := range elements(parseHTML(t, body), "script", "type", "application/ld+json") {
		var v map[string]any
		if err := json.Unmarshal([]byte(textOf(s)), &v); err != nil {
			t.Fatalf("JSON-LD does not parse: %v\n%s", err, textOf(s))
		}
		out = append(out, v)
	}
	return out
}

func TestBuild_LinkedDataAndCardsSurviveHostileText(t *testing.T) {
	hostile := `Neck </script><script>alert(1)</script> & "pain"`
	s := buildFS(t, fstest.MapFS{
		"neck.md": {Data: []byte("---\ntitle: '" + hostile + "'\nauthor: [Ann Lee, Bo Chan]\ndate: 2024-01-01\nupdated: 2024-02-01\nsummary: '" + hostile + "'\ntags: [neck]\n---\n\nText.\n")},
	})
	body := s.Page("/articles/neck/").Body()
	if strings.Contains(string(body), "<script>alert(1)") {
		t.Fatal("front matter text ended a script element")
	}
	ld := ldJSON(t, body)
	if len(ld) != 1 {
		t.Fatalf("%d JSON-LD objects, want 1", len(ld))
	}
	a := ld[0]
	if a["@type"] != "MedicalWebPage" || a["headline"] != hostile || a["datePublished"] != "2024-01-01T00:00:00Z" || a["dateModified"] != "2024-02-01T00:00:00Z" {
		t.Errorf("Article JSON-LD: %v", a)
	}
	authors, _ := a["author"].([]any)
	if len(authors) != 2 || authors[0].(map[string]any)["@type"] != "Person" || authors[1].(map[string]any)["name"] != "Bo Chan" {
		t.Errorf("authors: %v", a["author"])
	}
	if pub, _ := a["publisher"].(map[string]any); pub["name"] == nil {
		t.Errorf("no publisher: %v", a)
	}

	doc := parseHTML(t, body)
	meta := func(key, val string) string {
		for _, m := range elements(doc, "meta", key, val) {
			return attrOf(m, "content")
		}
		return ""
	}
	for _, c := range []struct{ key, val, want string }{
		{"property", "og:title", hostile},
		{"property", "og:type", "article"},
		{"property", "og:url", "https://health.example.org/articles/neck/"},
		{"property", "article:published_time", "2024-01-01T00:00:00Z"},
		{"property", "article:modified_time", "2024-02-01T00:00:00Z"},
		{"name", "twitter:card", "summary"},
		{"name", "description", hostile},
	} {
		if got := meta(c.key, c.val); got != c.want {
			t.Errorf("meta %s=%s content %q, want %q", c.key, c.val, got, c.want)
		}
	}

	home := ldJSON(t, s.Page("/").Body())
	if len(home) != 1 || home[0]["@type"] != "WebSite" {
		t.Fatalf("home JSON-LD: %v", home)
	}
	action, _ := home[0]["potentialAction"].(map[string]any)
	target, _ := action["target"].(map[string]any)
	if action["@type"] != "SearchAction" || target["urlTemplate"] != "https://health.example.org/search?q={search_term_string}" {
		t.Errorf("SearchAction: %v", action)
	}
	for _, f := range []string{"/feed.xml", "/atom.xml", "/feed.json"} {
		if len(elements(doc, "link", "href", "https://health.example.org"+f)) != 1 {
			t.Errorf("no autodiscovery link to %s", f)
		}
	}
}

func TestSearchPage_FindsAndEscapes(t *testing.T) {
	s := buildFS(t, fstest.MapFS{
		"stretch.md": {Data: []byte("---\ntitle: Gentle stretching\nauthor: A\ndate: 2024-01-01\nsummary: S.\n---\n\nStretching every morning helps.\n")},
		"sleep.md":   {Data: []byte("---\ntitle: Sleep\nauthor: A\ndate: 2024-01-02\nsummary: S.\n---\n\nRest well.\n")},
	})
	c := s.Complete(t.Context())
	body, err := c.SearchPage(context.Background(), "", "stretches", 1)
	if err != nil {
		t.Fatal(err)
	}
	doc := parseHTML(t, body)
	if ts := elements(doc, "li", "class", "teaser"); len(ts) != 1 || !strings.Contains(textOf(ts[0]), "Gentle stretching") {
		t.Errorf("search for stretches: %d teasers", len(ts))
	}
	if len(elements(doc, "mark", "", "")) == 0 {
		t.Error("no highlighted words")
	}
	for _, q := range []string{"<script>alert(1)</script>", "", "?!", strings.Repeat("x", 10000), "背痛 🙂"} {
		body, err := c.SearchPage(context.Background(), "", q, 1)
		if err != nil {
			t.Fatalf("query %q: %v", q[:min(len(q), 20)], err)
		}
		if strings.Contains(string(body), "<script>alert") {
			t.Errorf("query %q shown unescaped", q)
		}
		if h1 := elements(parseHTML(t, body), "h1", "", ""); len(h1) != 1 {
			t.Errorf("query %q: %d h1", q[:min(len(q), 20)], len(h1))
		}
	}
}

func TestBuild_ReviewSourcesAndOverdueNotice(t *testing.T) {
	page := func(reviewed string) string {
		return "---\ntitle: Knee pain\nauthor: Ann Lee\ndate: 2020-01-01\nsummary: S.\nreviewed_by: \"Dr Elena Marsh, DPT\"\nreviewed: " + reviewed + "\n" +
			"sources:\n  - title: Knee injuries and disorders\n    url: https://medlineplus.gov/kneeinjuriesanddisorders.html\n    publisher: MedlinePlus\n" +
			"  - title: A fictional trial\n    url: https://example.org/trial\n    year: 2021\n    doi: 10.1000/xyz123\n    pmid: \"12345678\"\n" +
			"---\n\nText.\n\n> [!CAUTION]\n> Stop if the pain is sharp.\n"
	}
	lib, err := article.Load(fstest.MapFS{"knee.md": {Data: []byte(page("2024-02-20"))}}, article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Build(lib, Options{Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	body := s.Page("/articles/knee/").Body()
	doc := parseHTML(t, body)
	text := textOf(doc)
	for _, want := range []string{
		"Medically reviewed by Dr Elena Marsh, DPT on 20 February 2024",
		"Page last reviewed: 20 February 2024 Next review due: 20 February 2027",
		"It does not diagnose or treat any condition",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(text, "due for review") {
		t.Error("a page reviewed in time shows the overdue notice")
	}
	sources := elements(doc, "section", "class", "sources")
	if len(sources) != 1 {
		t.Fatal("no Sources section")
	}
	var links []string
	for _, a := range elements(sources[0], "a", "", "") {
		links = append(links, attrOf(a, "href"))
	}
	want := "[https://medlineplus.gov/kneeinjuriesanddisorders.html https://example.org/trial https://doi.org/10.1000/xyz123 https://pubmed.ncbi.nlm.nih.gov/12345678/]"
	if fmt.Sprint(links) != want {
		t.Errorf("source links %v, want %s", links, want)
	}
	items := elements(sources[0], "li", "", "")
	if len(items) != 2 {
		t.Fatal("sources are not a numbered list of two")
	}
	// No space before a full stop, as templ would put at a line's end.
	for i, want := range []string{
		"Knee injuries and disorders. MedlinePlus.",
		"A fictional trial (2021). doi:10.1000/xyz123 PubMed 12345678",
	} {
		if got := textOf(items[i]); got != want {
			t.Errorf("source %d reads %q, want %q", i+1, got, want)
		}
	}
	aside := elements(doc, "aside", "class", "callout callout-caution")
	if len(aside) != 1 || attrOf(aside[0], "aria-label") != "Caution" || !strings.Contains(textOf(aside[0]), "Caution Stop if the pain is sharp.") {
		t.Errorf("no caution callout: %v", aside)
	}

	ld := ldJSON(t, body)[0]
	if ld["@type"] != "MedicalWebPage" || ld["lastReviewed"] != "2024-02-20" {
		t.Errorf("JSON-LD: %v", ld)
	}
	if r, _ := ld["reviewedBy"].(map[string]any); r["@type"] != "Person" || r["name"] != "Dr Elena Marsh, DPT" {
		t.Errorf("reviewedBy: %v", ld["reviewedBy"])
	}
	if c, _ := ld["citation"].([]any); len(c) != 2 || c[1].(map[string]any)["datePublished"] != "2021" {
		t.Errorf("citation: %v", ld["citation"])
	}
	if m, _ := ld["medicalAudience"].(map[string]any); m["audienceType"] != "Patient" {
		t.Errorf("medicalAudience: %v", ld["medicalAudience"])
	}

	// Three years later the review is overdue: the reader is warned, and
	// the site knew to rebuild itself at that moment.
	if due := time.Date(2027, 2, 20, 0, 0, 0, 0, time.UTC); !s.NextChange().Equal(due) {
		t.Errorf("NextChange = %v, want the review due date %v", s.NextChange(), due)
	}
	s, err = Build(lib, Options{Now: time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	notice := elements(parseHTML(t, s.Page("/articles/knee/").Body()), "div", "class", "review-notice")
	if len(notice) != 1 || !strings.Contains(textOf(notice[0]), "This page is due for review.") || !strings.Contains(textOf(notice[0]), "20 February 2027") {
		t.Errorf("overdue notice: %v", notice)
	}
}

// TestBuild_RelatedArticlesShareATopic: the related section lists only
// articles that share a topic with the article, and an article that
// shares none with any other has no related section at all, rather
// than the newest articles on other subjects.
func TestBuild_RelatedArticlesShareATopic(t *testing.T) {
	page := func(title, date, tags string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\nauthor: A\ndate: " + date + "\nsummary: S.\ntags: [" + tags + "]\n---\n\nText.\n")}
	}
	s := buildFS(t, fstest.MapFS{
		"knee.md":    page("Knee pain", "2024-01-01", "knee, running"),
		"running.md": page("Running", "2024-01-02", "Running"),
		"sleep.md":   page("Sleep", "2024-01-03", "sleep"),
		"stress.md":  page("Stress", "2024-01-04", ""),
	})
	related := func(slug string) []string {
		var out []string
		for _, sec := range elements(parseHTML(t, s.Page("/articles/"+slug+"/").Body()), "section", "class", "related") {
			for _, h := range elements(sec, "h3", "", "") {
				out = append(out, textOf(h))
			}
		}
		return out
	}
	for slug, want := range map[string][]string{
		"knee":    {"Running"},
		"running": {"Knee pain"},
		"sleep":   nil,
		"stress":  nil,
	} {
		if got := related(slug); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: related %q, want %q", slug, got, want)
		}
	}
	if body := s.Page("/articles/sleep/").Body(); strings.Contains(string(body), "Related articles") {
		t.Error("an article sharing no topic has a related section")
	}
}

// TestBuild_ArticleLeadsWithItsSummary: the summary is the article's
// standfirst, right under the title and before the byline and the
// contents; a summary taken from the first paragraph is not repeated.
func TestBuild_ArticleLeadsWithItsSummary(t *testing.T) {
	sections := "\n\n## One\n\nx\n\n## Two\n\nx\n\n## Three\n\nx\n"
	s := buildFS(t, fstest.MapFS{
		"given.md":   {Data: []byte("---\ntitle: Given\nauthor: A\ndate: 2024-01-01\nsummary: Rest, then move <gently>.\n---\n\nThe text." + sections)},
		"derived.md": {Data: []byte("---\ntitle: Derived\nauthor: A\ndate: 2024-01-01\n---\n\nThe first paragraph." + sections)},
	})
	doc := parseHTML(t, s.Page("/articles/given/").Body())
	header := elements(doc, "header", "", "")
	var order []string
	for _, h := range header {
		if attrOf(h, "class") == "site-header" {
			continue
		}
		for c := h.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				order = append(order, c.Data+"."+attrOf(c, "class"))
			}
		}
	}
	if want := "[h1. p.standfirst p.byline]"; fmt.Sprint(order) != want {
		t.Errorf("the article's header holds %v, want %s", order, want)
	}
	if sf := elements(doc, "p", "class", "standfirst"); len(sf) != 1 || textOf(sf[0]) != "Rest, then move <gently>." {
		t.Errorf("standfirst %v", sf)
	}
	if len(elements(doc, "nav", "class", "contents")) != 1 {
		t.Error("no contents after the standfirst")
	}
	if sf := elements(parseHTML(t, s.Page("/articles/derived/").Body()), "p", "class", "standfirst"); len(sf) != 0 {
		t.Errorf("a summary taken from the first paragraph is repeated as the standfirst: %q", textOf(sf[0]))
	}
}

// TestBuild_TopicsAZ: /tags/ lists every topic under its first letter,
// accents aside, with counts, in the order of the site's language; the
// jump list has every letter from A to Z, linking those with topics to
// their heading, and the header of every page links to it.
func TestBuild_TopicsAZ(t *testing.T) {
	page := func(n int, tags string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: T%d\nauthor: A\ndate: 2024-01-%02d\nsummary: S.\ntags: [%s]\n---\n\nText.\n", n, n, tags))}
	}
	s := buildFS(t, fstest.MapFS{
		"a1.md": page(1, "back pain, Ankle, achilles, Écorché"),
		"a2.md": page(2, "Back pain, 50+ health, 背痛, knee"),
		"a3.md": page(3, "\"#sleep\", eczema"),
	})
	doc := parseHTML(t, s.Page("/tags/").Body())
	if h1 := elements(doc, "h1", "", ""); len(h1) != 1 || textOf(h1[0]) != "Topics A–Z" {
		t.Errorf("h1 %v", h1)
	}
	var got []string
	for _, sec := range elements(doc, "section", "class", "az-letter") {
		h2 := elements(sec, "h2", "", "")
		if len(h2) != 1 || attrOf(sec, "aria-labelledby") != attrOf(h2[0], "id") {
			t.Fatalf("a letter's section is not labelled by its heading")
		}
		var entries []string
		for _, li := range elements(sec, "li", "", "") {
			entries = append(entries, textOf(li))
		}
		got = append(got, textOf(h2[0])+": "+strings.Join(entries, "; "))
	}
	want := []string{
		"0–9: 50+ health (1 article)",
		"A: achilles (1 article); Ankle (1 article)",
		"B: Back pain (2 articles)",
		"E: Écorché (1 article); eczema (1 article)",
		"K: knee (1 article)",
		"S: #sleep (1 article)",
		"背: 背痛 (1 article)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("topics A–Z (-want +got):\n%s", diff)
	}
	nav := elements(doc, "nav", "aria-label", "Topics by letter")
	if len(nav) != 1 {
		t.Fatal("no jump list of letters")
	}
	var links, letters []string
	for _, li := range elements(nav[0], "li", "", "") {
		letters = append(letters, textOf(li))
		for _, a := range elements(li, "a", "", "") {
			target := strings.TrimPrefix(attrOf(a, "href"), "#")
			if len(elements(doc, "h2", "id", target)) != 1 {
				t.Errorf("letter %s links to #%s, which is no heading", textOf(a), target)
			}
			links = append(links, textOf(a))
		}
	}
	if want := "[0–9 A B E K S 背]"; fmt.Sprint(links) != want {
		t.Errorf("linked letters %v, want %s", links, want)
	}
	if len(letters) != 28 || letters[3] != "C (no topics)" {
		t.Errorf("jump list %v: want 0–9, every letter A to Z, then 背; C unlinked", letters)
	}
	for _, path := range []string{"/", "/articles/a1/", "/tags/knee/"} {
		if a := elements(parseHTML(t, s.Page(path).Body()), "a", "href", "/tags/"); len(a) == 0 || textOf(a[0]) != "Topics A–Z" {
			t.Errorf("%s: the header does not link to the topics A–Z", path)
		}
	}
}
