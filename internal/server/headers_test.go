package server

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"healthsite/content"
	"healthsite/internal/article"
	"healthsite/internal/site"
)

func TestSecurityHeaders_OnEveryResponse(t *testing.T) {
	srv, ts := newTestServer(t) // published at https://health.example.org
	page := srv.Site().Page("/articles/myofascial-release-therapy/")
	var css string
	for _, p := range srv.Site().Paths() {
		if strings.HasSuffix(p, ".css") {
			css = p
		}
	}
	tests := []struct {
		method, path string
		header       []string
		status       int
	}{
		{"GET", "/", nil, 200},
		{"GET", "/articles/myofascial-release-therapy/", nil, 200},
		{"GET", "/articles/myofascial-release-therapy/", []string{"Accept-Encoding", "identity", "If-None-Match", page.ETag}, 304},
		{"HEAD", "/articles/myofascial-release-therapy/", nil, 200},
		{"GET", "/articles/myofascial-release-therapy", nil, 301},
		{"GET", "/no-such-page", nil, 404},
		{"POST", "/", nil, 405},
		{"DELETE", "/articles/myofascial-release-therapy/", nil, 405},
		{"GET", css, nil, 200},
		{"GET", "/feed.xml", nil, 200},
		{"GET", "/sitemap.xml", nil, 200},
		{"GET", "/search?q=stretching", nil, 200},
		{"GET", "/healthz", nil, 200},
	}
	for _, tt := range tests {
		resp, _ := do(t, tt.method, ts.URL+tt.path, tt.header...)
		where := tt.method + " " + tt.path
		if resp.StatusCode != tt.status {
			t.Errorf("%s: %d, want %d", where, resp.StatusCode, tt.status)
		}
		h := resp.Header
		for k, want := range map[string]string{
			"Content-Security-Policy":      cspBase,
			"X-Content-Type-Options":       "nosniff",
			"Referrer-Policy":              "strict-origin-when-cross-origin",
			"Permissions-Policy":           permissionsPolicy,
			"Cross-Origin-Opener-Policy":   "same-origin",
			"Cross-Origin-Resource-Policy": "same-origin",
			"Strict-Transport-Security":    hsts,
		} {
			if got := h.Get(k); got != want {
				t.Errorf("%s: %s = %q, want %q", where, k, got, want)
			}
		}
		if h.Get("Server") != "" {
			t.Errorf("%s: Server: %q", where, h.Get("Server"))
		}
	}
	for _, dir := range []string{"default-src 'none'", "style-src 'self'", "img-src 'self'", "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'"} {
		if !strings.Contains(cspBase, dir) {
			t.Errorf("the policy lacks %s", dir)
		}
	}
	if strings.Contains(cspBase, "unsafe") || strings.Contains(cspBase, "script-src") || strings.Contains(cspBase, "*") {
		t.Errorf("the policy allows scripts: %s", cspBase)
	}
}

func TestSecurityHeaders_HSTSOnlyOverHTTPSAndScriptsOnlyInDev(t *testing.T) {
	lib, err := article.Load(content.FS, article.Options{Root: "content"})
	if err != nil {
		t.Fatal(err)
	}
	st, err := site.Build(lib, site.Options{BaseURL: "http://localhost:8080", Dev: true})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(New(st.Complete(t.Context()), slog.New(slog.DiscardHandler), Options{Dev: true}))
	defer ts.Close()
	resp, body := get(t, ts.URL+"/")
	if resp.Header.Get("Strict-Transport-Security") != "" {
		t.Error("HSTS on a site published over http")
	}
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "connect-src 'self'") || strings.Contains(csp, "unsafe") {
		t.Errorf("-dev policy: %q", csp)
	}
	// The preview's script is served from the site, as the policy allows.
	if !strings.Contains(body, `<script src="/static/dev.`) {
		t.Error("the -dev page loads no script from /static/")
	}
	if resp.StatusCode != http.StatusOK {
		t.Error(resp.Status)
	}
}
