package server

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"healthsite/internal/sample"
)

// TestCrawl_ThreeLanguages crawls a site in English, Spanish and
// Arabic from each language's home page: every link answers, every page
// has one h1 and no duplicate id (crawl), and every page is reached.
func TestCrawl_ThreeLanguages(t *testing.T) {
	srv, ts := serveContent(t, sample.Languages(), "")
	crawl(t, srv, ts, "/", "/es/", "/ar/", "/robots.txt", "/sitemap.xml", "/search?q=knee", "/es/search?q=rodilla", "/ar/search?q=الركبة")
}

// TestLanguages_HreflangPointsBack: every page's hreflang alternates
// name pages that exist, in the language they say, and each of them
// names the page back; x-default is the main language's version.
func TestLanguages_HreflangPointsBack(t *testing.T) {
	srv, ts := serveContent(t, sample.Languages(), "")
	base := srv.Site().BaseURL()
	alternates := map[string]map[string]string{} // page → hreflang → path
	langOf := map[string]string{}
	for _, p := range srv.Site().Paths() {
		page := srv.Site().Page(p)
		if !strings.HasPrefix(page.ContentType, "text/html") {
			continue
		}
		_, body := get(t, ts.URL+p)
		doc := parse(t, body)
		langOf[p] = attr(find(doc, tag("html"))[0], "lang")
		alternates[p] = map[string]string{}
		for _, l := range find(doc, func(n *html.Node) bool { return n.Data == "link" && attr(n, "hreflang") != "" }) {
			alternates[p][attr(l, "hreflang")] = strings.TrimPrefix(attr(l, "href"), base)
		}
	}
	if len(alternates["/articles/knee-pain/"]) != 4 {
		t.Errorf("/articles/knee-pain/ has alternates %v, want en, es, ar and x-default", alternates["/articles/knee-pain/"])
	}
	if len(alternates["/es/articles/espalda/"]) != 0 {
		t.Errorf("/es/articles/espalda/, in Spanish only, has alternates %v", alternates["/es/articles/espalda/"])
	}
	for p, alts := range alternates {
		for lang, target := range alts {
			if lang == "x-default" {
				if target != alts["en"] {
					t.Errorf("%s: x-default is %s, want the English version %s", p, target, alts["en"])
				}
				continue
			}
			if _, ok := alternates[target]; !ok {
				t.Errorf("%s: hreflang %s leads to %s, which is no page", p, lang, target)
				continue
			}
			if langOf[target] != lang {
				t.Errorf("%s: hreflang %s leads to %s, which is in %q", p, lang, target, langOf[target])
			}
			if back := alternates[target][langOf[p]]; back != p {
				t.Errorf("%s: hreflang %s leads to %s, whose %s alternate is %q, not back", p, lang, target, langOf[p], back)
			}
		}
	}
}

// TestLanguages_SwitcherLeadsToTheTranslation: the switcher names each
// language in itself, with hreflang and lang, leads to this page's
// translation, or to the language's home saying so; a link's text is
// the name alone, or the name, one space and that note.
func TestLanguages_SwitcherLeadsToTheTranslation(t *testing.T) {
	_, ts := serveContent(t, sample.Languages(), "")
	for _, tc := range []struct {
		path string
		want []string // name → href, and whether it says the page is missing
	}{
		{"/articles/knee-pain/", []string{"English=/articles/knee-pain/", "Español=/es/articles/dolor-de-rodilla/", "العربية=/ar/articles/rukba/"}},
		{"/articles/sleep/", []string{"English=/articles/sleep/", "Español=/es/articles/sueno/", "العربية=/ar/ (missing)"}},
		{"/es/articles/espalda/", []string{"English=/ (missing)", "Español=/es/articles/espalda/", "العربية=/ar/ (missing)"}},
		{"/es/", []string{"English=/", "Español=/es/", "العربية=/ar/"}},
		{"/ar/about/", []string{"English=/about/", "Español=/es/about/", "العربية=/ar/about/"}},
		{"/es/search?q=rodilla", []string{"English=/search", "Español=/es/search", "العربية=/ar/search"}},
	} {
		_, body := get(t, ts.URL+tc.path)
		nav := find(parse(t, body), class("languages"))
		if len(nav) != 1 {
			t.Errorf("%s has %d language switchers", tc.path, len(nav))
			continue
		}
		var got []string
		for _, a := range find(nav[0], tag("a")) {
			if attr(a, "hreflang") != attr(a, "lang") || attr(a, "lang") == "" {
				t.Errorf("%s: switcher link %s has hreflang %q and lang %q", tc.path, attr(a, "href"), attr(a, "hreflang"), attr(a, "lang"))
			}
			var raw strings.Builder // the text as written, spaces and all
			for c := range a.Descendants() {
				if c.Type == html.TextNode {
					raw.WriteString(c.Data)
				}
			}
			full := raw.String()
			name := strings.TrimSpace(strings.SplitN(full, "(", 2)[0])
			s := name + "=" + attr(a, "href")
			if len(find(a, class("languages-note"))) > 0 {
				s += " (missing)"
				if !strings.HasPrefix(full, name+" ") || strings.HasPrefix(full, name+"  ") {
					t.Errorf("%s: switcher link text %q, want %q, one space, then the note", tc.path, full, name)
				}
			} else if full != name {
				t.Errorf("%s: switcher link text %q, want %q and no more", tc.path, full, name)
			}
			got = append(got, s)
		}
		if strings.Join(got, ", ") != strings.Join(tc.want, ", ") {
			t.Errorf("%s: switcher %v, want %v", tc.path, got, tc.want)
		}
	}
	_, ts1 := serveContent(t, sample.Articles(3, 1), "")
	if _, body := get(t, ts1.URL+"/"); len(find(parse(t, body), class("languages"))) != 0 {
		t.Error("a site of one language has a language switcher")
	}
}

// TestLanguages_ListsAndFeedsKeepToTheirLanguage: each language's
// index and feeds list its own articles only, and the feeds say their
// language.
func TestLanguages_ListsAndFeedsKeepToTheirLanguage(t *testing.T) {
	_, ts := serveContent(t, sample.Languages(), "")
	for _, tc := range []struct {
		prefix, lang string
		titles       []string
	}{
		{"", "en", []string{"Walking", "Sleep", "Knee pain"}},
		{"/es", "es", []string{"Dolor de espalda", "Sueño", "Dolor de rodilla"}},
		{"/ar", "ar", []string{"النوم الجيد", "ألم الركبة"}},
	} {
		_, body := get(t, ts.URL+tc.prefix+"/")
		if got := teaserTitles(parse(t, body)); got != strings.Join(tc.titles, " ") {
			t.Errorf("%s/ lists %q, want %q", tc.prefix, got, strings.Join(tc.titles, " "))
		}
		for _, feed := range []string{"/feed.xml", "/atom.xml", "/feed.json"} {
			resp, body := get(t, ts.URL+tc.prefix+feed)
			if resp.StatusCode != http.StatusOK {
				t.Errorf("GET %s%s = %d", tc.prefix, feed, resp.StatusCode)
				continue
			}
			f, err := gofeed.NewParser().ParseString(body)
			if err != nil {
				t.Errorf("%s%s: %v", tc.prefix, feed, err)
				continue
			}
			var titles []string
			for _, it := range f.Items {
				titles = append(titles, it.Title)
			}
			if strings.Join(titles, "|") != strings.Join(tc.titles, "|") || f.Language != tc.lang {
				t.Errorf("%s%s: language %q, items %v; want %s, %v", tc.prefix, feed, f.Language, titles, tc.lang, tc.titles)
			}
		}
	}
}

// TestLanguages_SearchStemsEachLanguage: each language's search uses
// its own analyser, and finds only its own articles.
func TestLanguages_SearchStemsEachLanguage(t *testing.T) {
	_, ts := serveContent(t, sample.Languages(), "")
	for _, tc := range []struct{ path, want string }{
		{"/es/search?q=médico", "Dolor de rodilla"}, // the article says "médicos"
		{"/es/search?q=rodillas", "Dolor de rodilla"},
		{"/search?q=doctors", "Knee pain"},
		{"/search?q=rodilla", ""}, // English search never returns Spanish pages
		{"/es/search?q=knee", ""},
		{"/ar/search?q=الركبة", "ألم الركبة"},
	} {
		_, body := get(t, ts.URL+tc.path)
		if got := teaserTitles(parse(t, body)); got != tc.want {
			t.Errorf("%s finds %q, want %q", tc.path, got, tc.want)
		}
	}
}

// teaserTitles are the titles of the teasers of doc, space-separated.
func teaserTitles(doc *html.Node) string {
	var out []string
	for _, li := range find(doc, class("teaser")) {
		if h := find(li, func(n *html.Node) bool { return n.Data == "h2" || n.Data == "h3" }); len(h) > 0 {
			out = append(out, strings.TrimSpace(text(h[0])))
		}
	}
	return strings.Join(out, " ")
}

// TestLanguages_EmptySearchPromptsInTheLanguage: /es/search without a
// query asks for words in Spanish, not English.
func TestLanguages_EmptySearchPromptsInTheLanguage(t *testing.T) {
	_, ts := serveContent(t, sample.Languages(), "")
	for path, want := range map[string]string{
		"/search":    "Type a word or two in the search box above",
		"/es/search": "Escriba una o dos palabras en el buscador de arriba",
	} {
		if _, body := get(t, ts.URL+path); !strings.Contains(body, want) {
			t.Errorf("%s lacks %q", path, want)
		}
	}
}

// TestLanguages_ErrorPagesInThePathsLanguage: a missing page under a
// further language's prefix, and a request that fails there, are
// answered in that language: lang, dir, heading, a search form leading
// to that language's search, its home page, and a switcher to each
// language's home page. Any other path gets the main language's.
func TestLanguages_ErrorPagesInThePathsLanguage(t *testing.T) {
	srv, ts := serveContent(t, sample.Languages(), "")
	tests := []struct {
		path, lang, dir, h1, search, home string
	}{
		{"/no-such-page", "en", "", "Page not found", "/search", "/"},
		{"/es/no-such-page", "es", "", "Página no encontrada", "/es/search", "/es/"},
		{"/es/articles/no-existe/", "es", "", "Página no encontrada", "/es/search", "/es/"},
		{"/ar/no-such-page", "ar", "rtl", "الصفحة غير موجودة", "/ar/search", "/ar/"},
		{"/xx/no-such-page", "en", "", "Page not found", "/search", "/"}, // no language of the site
		{"/espalda/", "en", "", "Page not found", "/search", "/"},        // /es without its slash is not /es/
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, body := get(t, ts.URL+tt.path)
			if resp.StatusCode != http.StatusNotFound {
				t.Fatalf("status %d, want 404", resp.StatusCode)
			}
			checkErrorPage(t, parse(t, body), tt.lang, tt.dir, tt.h1, tt.search, tt.home)
		})
	}
	// A mistyped Spanish address suggests the Spanish article it nearly
	// names, not the English one.
	_, body := get(t, ts.URL+"/es/articles/dolor-de-rodila/")
	var suggested []string
	for _, sec := range find(parse(t, body), class("suggestions")) {
		for _, a := range find(sec, tag("a")) {
			suggested = append(suggested, attr(a, "href"))
		}
	}
	if len(suggested) == 0 || suggested[0] != "/es/articles/dolor-de-rodilla/" {
		t.Errorf("/es/articles/dolor-de-rodila/ suggests %v, want /es/articles/dolor-de-rodilla/ first", suggested)
	}
	// A panic while serving a Spanish page: the Spanish 500 page.
	h := srv.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("failed") }))
	for _, tt := range []struct{ path, lang, dir, h1 string }{
		{"/articles/knee-pain/", "en", "", "Something went wrong"},
		{"/es/articles/dolor-de-rodilla/", "es", "", "Algo salió mal"},
		{"/ar/articles/rukba/", "ar", "rtl", "حدث خطأ ما"},
	} {
		srv.log = slog.New(slog.DiscardHandler)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tt.path, nil))
		if rec.Code != http.StatusInternalServerError {
			t.Fatalf("%s: status %d, want 500", tt.path, rec.Code)
		}
		doc := parse(t, rec.Body.String())
		html := find(doc, tag("html"))[0]
		if attr(html, "lang") != tt.lang || attr(html, "dir") != tt.dir || texts(find(doc, tag("h1"))) != tt.h1 {
			t.Errorf("%s: 500 page lang %q dir %q h1 %q, want %q %q %q", tt.path, attr(html, "lang"), attr(html, "dir"), texts(find(doc, tag("h1"))), tt.lang, tt.dir, tt.h1)
		}
	}
}

// checkErrorPage checks an error page's language, direction, heading,
// search forms, link to the home page and language switcher.
func checkErrorPage(t *testing.T, doc *html.Node, lang, dir, h1, search, home string) {
	t.Helper()
	root := find(doc, tag("html"))[0]
	if attr(root, "lang") != lang || attr(root, "dir") != dir {
		t.Errorf("lang %q dir %q, want %q %q", attr(root, "lang"), attr(root, "dir"), lang, dir)
	}
	if got := texts(find(doc, tag("h1"))); got != h1 {
		t.Errorf("h1 %q, want %q", got, h1)
	}
	forms := find(doc, tag("form"))
	if len(forms) < 2 {
		t.Errorf("%d search forms, want the header's and the page's", len(forms))
	}
	for _, f := range forms {
		if attr(f, "action") != search {
			t.Errorf("a search form leads to %q, want %q", attr(f, "action"), search)
		}
	}
	if links := find(doc, func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == home }); len(links) == 0 {
		t.Errorf("no link to the language's home page %s", home)
	}
	var switcher []string
	for _, nav := range find(doc, class("languages")) {
		for _, a := range find(nav, tag("a")) {
			switcher = append(switcher, attr(a, "hreflang")+" "+attr(a, "href"))
		}
	}
	if want := []string{"en /", "es /es/", "ar /ar/"}; strings.Join(switcher, ", ") != strings.Join(want, ", ") {
		t.Errorf("switcher %v, want %v", switcher, want)
	}
}
