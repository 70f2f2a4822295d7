package server

import (
	"net/http"
	"testing"
	"testing/fstest"
)

// TestStandalonePage_ServedAtItsName pins the route of standalone
// pages: /about/ answers 200, /about redirects to it, and a name with
// no page is still a 404.
func TestStandalonePage_ServedAtItsName(t *testing.T) {
	_, ts := serveContent(t, fstest.MapFS{
		"a.md":           {Data: []byte("---\ntitle: A\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: S.\n---\n\nText.\n")},
		"pages/about.md": {Data: []byte("---\ntitle: About us\n---\n\nWe are a clinic.\n")},
	}, "content")
	if resp, _ := get(t, ts.URL+"/about/"); resp.StatusCode != http.StatusOK {
		t.Errorf("GET /about/ = %d, want 200", resp.StatusCode)
	}
	if resp, _ := do(t, http.MethodHead, ts.URL+"/about/"); resp.StatusCode != http.StatusOK {
		t.Errorf("HEAD /about/ = %d, want 200", resp.StatusCode)
	}
	if resp, _ := get(t, ts.URL+"/about"); resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/about/" {
		t.Errorf("GET /about = %d to %q, want 301 to /about/", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := get(t, ts.URL+"/contact/"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /contact/ = %d, want 404", resp.StatusCode)
	}
}
