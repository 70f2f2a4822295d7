package server

import (
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestRedirects_ForgiveCaseAndSpacing: an address in other letters, or
// with a topic's or an author's name as written, redirects (301) to the
// page it names; /articles/ is the index. Only to pages that exist.
func TestRedirects_ForgiveCaseAndSpacing(t *testing.T) {
	_, ts := newTestServer(t)
	for _, tt := range []struct{ path, want string }{
		{"/articles/Myofascial-Release-Therapy/", "/articles/myofascial-release-therapy/"},
		{"/articles/Myofascial-Release-Therapy", "/articles/myofascial-release-therapy/"},
		{"/ARTICLES/myofascial-release-therapy/", "/articles/myofascial-release-therapy/"},
		{"/articles/myofascial%20release%20therapy/?ref=x", "/articles/myofascial-release-therapy/?ref=x"},
		{"/tags/Fascia/", "/tags/fascia/"},
		{"/tags/Fascia", "/tags/fascia/"},
		{"/tags/manual%20therapy/", "/tags/manual-therapy/"},
		{"/tags/Manual%20Therapy", "/tags/manual-therapy/"},
		{"/tags/manual_therapy/", "/tags/manual-therapy/"},
		{"/Tags/", "/tags/"},
		{"/authors/Cecilia%20Hastings/", "/authors/cecilia-hastings/"},
		{"/authors/CECILIA-HASTINGS", "/authors/cecilia-hastings/"},
		{"/articles/", "/"},
		{"/articles", "/"},
	} {
		resp, _ := get(t, ts.URL+tt.path)
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != tt.want {
			t.Errorf("GET %s = %d to %q, want 301 to %q", tt.path, resp.StatusCode, resp.Header.Get("Location"), tt.want)
		}
	}
	for _, path := range []string{"/tags/no-such-topic/", "/Tags/Knee/", "//evil.example/", "/authors/nobody/", "/articles/myofascial/"} {
		if resp, _ := get(t, ts.URL+path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d to %q, want 404", path, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
}

// TestNotFound_SuggestsNearestArticles: the 404 page lists the articles
// a mistyped address nearly names, and always has a search box; a path
// that names nothing gets the page as built, byte for byte (the one the
// export serves).
func TestNotFound_SuggestsNearestArticles(t *testing.T) {
	srv, ts := newTestServer(t)
	suggested := func(body string) []string {
		var out []string
		for _, sec := range find(parse(t, body), class("suggestions")) {
			for _, a := range find(sec, tag("a")) {
				out = append(out, attr(a, "href"))
			}
		}
		return out
	}
	for _, tt := range []struct{ path, first string }{
		{"/articles/myofascial-relase-therapy/", "/articles/myofascial-release-therapy/"},
		{"/articles/myofascialreleasetherapy/", "/articles/myofascial-release-therapy/"},
		{"/articles/mastering-myofascial/", "/articles/mastering-myofascial-release-therapy/"},
		{"/demystifying", "/articles/demystifying-myofascial-release-therapy/"},
		{"/articles/demistifying/", "/articles/demystifying-myofascial-release-therapy/"},
		{"/myofascial-release.html", "/articles/myofascial-release-therapy/"},
	} {
		resp, body := get(t, ts.URL+tt.path)
		if resp.StatusCode != http.StatusNotFound {
			t.Fatalf("GET %s = %d, want 404", tt.path, resp.StatusCode)
		}
		got := suggested(body)
		if len(got) == 0 || got[0] != tt.first {
			t.Errorf("GET %s suggests %v, want %s first", tt.path, got, tt.first)
		}
		if len(find(parse(t, body), func(n *html.Node) bool { return n.Data == "form" && strings.Contains(attr(n, "class"), "page-search") })) != 1 {
			t.Errorf("GET %s: no search box in the page", tt.path)
		}
		if cc := resp.Header.Get("Cache-Control"); cc != cacheError {
			t.Errorf("GET %s: Cache-Control %q", tt.path, cc)
		}
		if head, b := do(t, http.MethodHead, ts.URL+tt.path); head.StatusCode != http.StatusNotFound || b != "" {
			t.Errorf("HEAD %s = %d with %d bytes", tt.path, head.StatusCode, len(b))
		}
	}
	built := string(srv.Site().NotFound().Body())
	for _, path := range []string{"/no-such-page", "/articles/the-and-of/", "/xyz", "/articles/" + strings.Repeat("a", 5000) + "/"} {
		_, body := get(t, ts.URL+path)
		if got := suggested(body); len(got) != 0 {
			t.Errorf("GET %s suggests %v, want none", path[:min(len(path), 40)], got)
		}
		if body != built {
			t.Errorf("GET %s: not the 404 page as built", path[:min(len(path), 40)])
		}
	}
}
