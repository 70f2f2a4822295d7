package main

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// crawledPage is one HTML page of the running site.
type crawledPage struct {
	Path   string // request URI on the server, such as /articles/x/
	Status int
	HTML   []byte
}

// maxCrawl bounds the crawl, so a site that makes up links cannot keep
// the test going.
const maxCrawl = 2000

// crawlSite fetches every HTML page of the site at base: it starts at /,
// the sitemaps that /robots.txt names (or /sitemap.xml) and extra, and
// follows every same-origin <a href>. Pages come back in the order they
// were found; a page answered with an error status (the 404 page) is
// kept, since readers see it too.
func crawlSite(t *testing.T, base string, extra ...string) []crawledPage {
	t.Helper()
	root, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	get := func(path string) (*http.Response, []byte) {
		t.Helper()
		resp, err := client.Get(base + path)
		if err != nil {
			t.Fatalf("crawl: %v", err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatalf("crawl: GET %s: %v", path, err)
		}
		return resp, body
	}

	seen := map[string]bool{}
	var queue []string
	add := func(u *url.URL) {
		if u.Scheme != root.Scheme || u.Host != root.Host {
			return
		}
		u.Fragment = ""
		p := u.RequestURI()
		if !seen[p] {
			seen[p] = true
			queue = append(queue, p)
		}
	}
	addPath := func(p string) {
		if u, err := root.Parse(p); err == nil {
			add(u)
		}
	}

	addPath("/")
	for _, p := range sitemapPaths(t, get) {
		addPath(p)
	}
	for _, p := range extra {
		addPath(p)
	}

	var pages []crawledPage
	done := map[string]bool{} // final request URIs, after redirects
	for len(queue) > 0 {
		if len(done) >= maxCrawl {
			t.Fatalf("crawl: more than %d pages; is the site making up links?", maxCrawl)
		}
		path := queue[0]
		queue = queue[1:]
		resp, body := get(path)
		final := resp.Request.URL
		if done[final.RequestURI()] {
			continue
		}
		done[final.RequestURI()] = true
		seen[final.RequestURI()] = true
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			continue
		}
		pages = append(pages, crawledPage{Path: final.RequestURI(), Status: resp.StatusCode, HTML: body})
		doc, err := html.Parse(bytes.NewReader(body))
		if err != nil {
			t.Errorf("crawl: %s does not parse: %v", path, err)
			continue
		}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode || (n.Data != "a" && n.Data != "area") {
				continue
			}
			for _, a := range n.Attr {
				if a.Namespace == "" && a.Key == "href" {
					if u, err := final.Parse(strings.TrimSpace(a.Val)); err == nil {
						add(u)
					}
				}
			}
		}
	}
	return pages
}

// sitemapPaths reads the sitemaps that /robots.txt names (/sitemap.xml
// when it names none) and returns the path and query of every <loc>:
// the sitemap gives the published base URL, which is not the test's.
func sitemapPaths(t *testing.T, get func(string) (*http.Response, []byte)) []string {
	t.Helper()
	var maps []string
	if resp, body := get("/robots.txt"); resp.StatusCode == http.StatusOK {
		sc := bufio.NewScanner(bytes.NewReader(body))
		for sc.Scan() {
			k, v, ok := strings.Cut(sc.Text(), ":")
			if ok && strings.EqualFold(strings.TrimSpace(k), "sitemap") {
				if u, err := url.Parse(strings.TrimSpace(v)); err == nil {
					maps = append(maps, u.RequestURI())
				}
			}
		}
	}
	if len(maps) == 0 {
		maps = []string{"/sitemap.xml"}
	}
	var paths []string
	for _, m := range maps {
		resp, body := get(m)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("crawl: GET %s = %d", m, resp.StatusCode)
			continue
		}
		var set struct {
			URLs []struct {
				Loc string `xml:"loc"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal(body, &set); err != nil {
			t.Errorf("crawl: %s: %v", m, err)
			continue
		}
		for _, u := range set.URLs {
			if loc, err := url.Parse(strings.TrimSpace(u.Loc)); err == nil {
				paths = append(paths, loc.RequestURI())
			}
		}
	}
	return paths
}
