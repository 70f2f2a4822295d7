package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzRoutes sends any path, query and method to the whole handler
// stack: the answer is 200, 301, 304, 404 or 405 (a method other than
// GET and HEAD), never a 500 or a panic.
func FuzzRoutes(f *testing.F) {
	for _, s := range []string{"/", "/page/2/", "/page/0/", "/page/99999999999999999999/", "/articles/myofascial-release-therapy",
		"/articles/../../etc/passwd", "/tags/%ZZ/", "/authors//x", "/search?q=%3Cscript%3E&page=-1", "/search?q=\xff\xfe",
		"/static/", "/static/../content/site.yaml", "/static/.hidden", "//", "/feed.xml/", "/healthz?x", "/_dev/events", "/a/b/c/d/e/f"} {
		f.Add("GET", s, "")
	}
	f.Add("HEAD", "/", `"x"`)
	f.Add("POST", "/search?q=a", "")
	srv, ts := newTestServer(f)
	ts.Close() // requests go straight to the handler
	f.Fuzz(func(t *testing.T, method, target, inm string) {
		if method == "" || strings.ContainsAny(method, " \t\r\n()<>@,;:\\\"/[]?={}") {
			method = "GET"
		}
		if !strings.HasPrefix(target, "/") {
			target = "/" + target
		}
		req, err := http.NewRequest(method, "http://health.example.org"+target, nil)
		if err != nil {
			return // not a request a client could send
		}
		req.RequestURI = target
		if inm != "" {
			req.Header.Set("If-None-Match", inm)
		}
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		switch w.Code {
		case 200, 301, 304, 404:
		case 405:
			if method == "GET" || method == "HEAD" {
				t.Fatalf("%s %q: 405", method, target)
			}
		default:
			t.Fatalf("%s %q: %d\n%s", method, target, w.Code, w.Body)
		}
	})
}
