package server

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestLocalOnly_RefusesHostsThatAreNotThisComputer: a preview on
// 127.0.0.1 shows drafts. A web page elsewhere can point a name of its
// own at 127.0.0.1 (DNS rebinding) and read the preview from the
// editor's browser; the Host header then carries that name. With
// LocalOnly, only this computer's names are answered, at any port, and
// every other Host gets 403 with a text that says why.
func TestLocalOnly_RefusesHostsThatAreNotThisComputer(t *testing.T) {
	st := previewSite(t, previewFS("knee.md", previewKnee))
	local := New(st.Complete(t.Context()), slog.New(slog.DiscardHandler), Options{Dev: true, LocalOnly: true})
	open := New(st.Complete(t.Context()), slog.New(slog.DiscardHandler), Options{Dev: true})
	for _, tc := range []struct {
		host string
		ok   bool
	}{
		{"localhost:8080", true},
		{"localhost", true},
		{"LocalHost:9000", true},
		{"127.0.0.1:8080", true},
		{"127.0.0.1", true},
		{"[::1]:8080", true},
		{"[::1]", true},
		{"rebind.example:8080", false},
		{"rebind.example", false},
		{"127.0.0.1.nip.io:8080", false},
		{"localhost.rebind.example", false},
		{"192.168.1.20:8080", false},
		{"", false},
	} {
		for _, path := range []string{"/articles/knee/", "/_dev/events", "/no-such-page"} {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.Host = tc.host
			w := httptest.NewRecorder()
			if tc.ok && path == "/_dev/events" {
				continue // a stream that stays open; the 403 is what matters
			}
			local.ServeHTTP(w, req)
			body := w.Body.String()
			switch {
			case tc.ok && w.Code == http.StatusForbidden:
				t.Errorf("Host %q %s: refused:\n%s", tc.host, path, body)
			case !tc.ok && (w.Code != http.StatusForbidden || !strings.Contains(body, "open it at http://localhost") ||
				!strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain")):
				t.Errorf("Host %q %s: %d %q, want 403 with the address to open:\n%s", tc.host, path, w.Code, w.Header().Get("Content-Type"), body)
			case !tc.ok && w.Header().Get("Content-Security-Policy") == "":
				t.Errorf("Host %q %s: the refusal has no security headers", tc.host, path)
			}
		}
	}
	// Without LocalOnly (a preview shared with -addr 0.0.0.0:8080, or
	// serve), any name is answered.
	req := httptest.NewRequest(http.MethodGet, "/articles/knee/", nil)
	req.Host = "preview.clinic.example"
	w := httptest.NewRecorder()
	open.ServeHTTP(w, req)
	if w.Code != http.StatusOK {
		t.Errorf("without LocalOnly: %d", w.Code)
	}
}
