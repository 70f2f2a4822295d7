package server

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
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

// TestBuiltInSite_ContactPageForTheEditors: the built-in editorial
// policy says "tell the editors", so the built-in site has a Contact
// page, last in the footer and linked from the policy, whose addresses
// are example.org ones and which gives no telephone number that could
// be someone's real one.
func TestBuiltInSite_ContactPageForTheEditors(t *testing.T) {
	_, ts := newTestServer(t)
	resp, body := get(t, ts.URL+"/contact/")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /contact/ = %d, want 200", resp.StatusCode)
	}
	doc := parse(t, body)
	var footer []string
	for _, nav := range find(doc, class("footer-nav")) {
		for _, a := range find(nav, tag("a")) {
			footer = append(footer, attr(a, "href"))
		}
	}
	if want := "[/about/ /editorial-policy/ /contact/]"; fmt.Sprint(footer) != want {
		t.Errorf("footer links %v, want %s", footer, want)
	}
	main := texts(find(doc, tag("main")))
	for _, email := range regexp.MustCompile(`[\w.+-]+@[\w-]+(\.[\w-]+)*`).FindAllString(main, -1) {
		if !strings.HasSuffix(email, "@example.org") {
			t.Errorf("the sample contact page gives the address %s, which could be real", email)
		}
	}
	if phone := regexp.MustCompile(`\d[\d ()-]{5,}\d`).FindString(main); phone != "" {
		t.Errorf("the sample contact page gives the telephone number %q", phone)
	}
	if !strings.Contains(main, "sample") {
		t.Error("the contact page does not say it is a sample")
	}
	_, policy := get(t, ts.URL+"/editorial-policy/")
	var toContact bool
	for _, a := range find(parse(t, policy), tag("a")) {
		toContact = toContact || (attr(a, "href") == "/contact/" && texts([]*html.Node{a}) == "tell the editors")
	}
	if !toContact {
		t.Error(`the editorial policy's "tell the editors" does not link to /contact/`)
	}
}
