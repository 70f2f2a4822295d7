package server

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestCrawl_EveryInternalLinkAnswers starts at / and follows every
// internal link and asset: each answers 200, or redirects to a page that
// does; every HTML page parses, has exactly one h1, no duplicate id, and
// every #fragment it links to exists on its target page.
// locs finds the URLs of a sitemap.
var locs = regexp.MustCompile(`<loc>([^<]+)</loc>`)

func TestCrawl_EveryInternalLinkAnswers(t *testing.T) {
	srv, ts := newTestServer(t)
	base := srv.Site().BaseURL()

	type fragmentLink struct{ from, target, id string }
	var fragments []fragmentLink
	ids := map[string]map[string]bool{} // page path → ids on it
	// Crawlers start at the home page, robots.txt and the sitemap; a
	// reader also searches.
	queue := []string{"/", "/robots.txt", "/sitemap.xml", "/search?q=myofascial+release", "/search?q=fascia&page=2"}
	seen := map[string]bool{}
	for _, p := range queue {
		seen[p] = true
	}
	for len(queue) > 0 {
		path := queue[0]
		queue = queue[1:]
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
	// Every page the site has was reached from the home page.
	for _, p := range srv.Site().Paths() {
		if !seen[p] && !strings.HasPrefix(p, "/static/") {
			t.Errorf("page %s is not linked from anywhere", p)
		}
	}
	if len(seen) < 6 {
		t.Errorf("crawl reached only %d paths", len(seen))
	}
}
