package server

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"healthsite/internal/sample"
)

// locs finds the URLs of a sitemap.
var locs = regexp.MustCompile(`<loc>([^<]+)</loc>`)

// crawl starts at start and follows every internal link and asset, and
// every URL of the sitemap: each answers 200, or redirects to a page
// that does; every HTML page parses, has exactly one h1, no duplicate
// id, and every #fragment it links to exists on its target page. Every
// page of the site but its static files must be reached. It returns
// the paths it requested, in order.
func crawl(t *testing.T, srv *Server, ts *httptest.Server, start ...string) []string {
	t.Helper()
	base := srv.Site().BaseURL()

	type fragmentLink struct{ from, target, id string }
	var fragments []fragmentLink
	ids := map[string]map[string]bool{} // page path → ids on it
	queue := slices.Clone(start)
	seen := map[string]bool{}
	for _, p := range queue {
		seen[p] = true
	}
	var visited []string
	for len(queue) > 0 {
		path := queue[0]
		queue = queue[1:]
		visited = append(visited, path)
		resp, body := get(t, ts.URL+path)
		for hops := 0; resp.StatusCode == http.StatusMovedPermanently && hops < 3; hops++ {
			loc := resp.Header.Get("Location")
			resp, body = get(t, ts.URL+loc)
		}
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d", path, resp.StatusCode)
			continue
		}
		if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/xml") {
			// The sitemap: every <loc> must answer too.
			for _, loc := range locs.FindAllStringSubmatch(body, -1) {
				if target := strings.TrimPrefix(loc[1], base); !seen[target] {
					seen[target] = true
					queue = append(queue, target)
				}
			}
			continue
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			continue
		}
		doc := parse(t, body)
		if h1 := find(doc, tag("h1")); len(h1) != 1 {
			t.Errorf("%s has %d h1 elements, want 1", path, len(h1))
		}
		pageIDs := map[string]bool{}
		for _, n := range find(doc, func(n *html.Node) bool { return attr(n, "id") != "" }) {
			id := attr(n, "id")
			if pageIDs[id] {
				t.Errorf("%s: duplicate id %q", path, id)
			}
			pageIDs[id] = true
		}
		ids[path] = pageIDs
		for _, n := range find(doc, func(n *html.Node) bool { return n.Data == "a" || n.Data == "link" }) {
			href := attr(n, "href")
			if href == "" {
				t.Errorf("%s: <%s> without href", path, n.Data)
				continue
			}
			if strings.HasPrefix(href, base+"/") {
				href = strings.TrimPrefix(href, base) // canonical URLs must resolve too
			}
			u, err := url.Parse(href)
			if err != nil {
				t.Errorf("%s: bad link %q: %v", path, href, err)
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				continue // external
			}
			target := strings.SplitN(path, "?", 2)[0]
			if u.Path != "" {
				target = u.Path
			}
			if u.Fragment != "" {
				fragments = append(fragments, fragmentLink{path, target, u.Fragment})
			}
			if !seen[target] {
				seen[target] = true
				queue = append(queue, target)
			}
		}
	}
	for _, f := range fragments {
		if page, ok := ids[f.target]; ok && !page[f.id] {
			t.Errorf("%s links to %s#%s, which has no such id", f.from, f.target, f.id)
		}
	}
	// Every page the site has was reached from the start.
	for _, p := range srv.Site().Paths() {
		if !seen[p] && !strings.HasPrefix(p, "/static/") {
			t.Errorf("page %s is not linked from anywhere", p)
		}
	}
	return visited
}

// TestCrawl_EveryInternalLinkAnswers crawls the shipped site as
// crawlers start, at the home page, robots.txt and the sitemap, and as
// a reader searches.
func TestCrawl_EveryInternalLinkAnswers(t *testing.T) {
	srv, ts := newTestServer(t)
	visited := crawl(t, srv, ts, "/", "/robots.txt", "/sitemap.xml", "/search?q=myofascial+release", "/search?q=fascia&page=2")
	if len(visited) < 6 {
		t.Errorf("crawl reached only %d paths", len(visited))
	}
}

// sampleArticles is how many generated articles make a site whose
// lists all run to a second page: the home page, a topic's and an
// author's (ten a page, eight authors).
const sampleArticles = 80

// TestCrawl_GeneratedSiteReachesEveryKindOfPage crawls a generated
// site large enough that its lists are paginated, and checks that the
// crawl reached every kind of page, the later pages of lists included.
func TestCrawl_GeneratedSiteReachesEveryKindOfPage(t *testing.T) {
	srv, ts := serveContent(t, sample.Articles(sampleArticles, 1), "")

	visited := crawl(t, srv, ts, "/", "/robots.txt", "/sitemap.xml", "/search?q=pain", "/search?q=pain&page=2")
	kinds := []struct {
		name string
		re   *regexp.Regexp
	}{
		{"a later page of the index", regexp.MustCompile(`^/page/[2-9][0-9]*/$`)},
		{"a later page of a topic", regexp.MustCompile(`^/tags/[^/]+/page/[2-9][0-9]*/$`)},
		{"a later page of an author", regexp.MustCompile(`^/authors/[^/]+/page/[2-9][0-9]*/$`)},
		{"the list of topics", regexp.MustCompile(`^/tags/$`)},
		{"the list of authors", regexp.MustCompile(`^/authors/$`)},
		{"a topic", regexp.MustCompile(`^/tags/[^/]+/$`)},
		{"an author", regexp.MustCompile(`^/authors/[^/]+/$`)},
		{"an article", regexp.MustCompile(`^/articles/[^/]+/$`)},
		{"the RSS feed", regexp.MustCompile(`^/feed\.xml$`)},
		{"the Atom feed", regexp.MustCompile(`^/atom\.xml$`)},
		{"the JSON feed", regexp.MustCompile(`^/feed\.json$`)},
		{"the sitemap", regexp.MustCompile(`^/sitemap\.xml$`)},
	}
	for _, k := range kinds {
		n := 0
		for _, p := range visited {
			if k.re.MatchString(p) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("the crawl of %d paths reached no %s (%s)", len(visited), k.name, k.re)
		} else {
			t.Logf("%s: %d", k.name, n)
		}
	}
}
