package server

import (
	"bytes"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"healthsite/content"
	"healthsite/internal/article"
	"healthsite/internal/site"
)

// newTestServer serves the shipped articles.
func newTestServer(t testing.TB) (*Server, *httptest.Server) {
	t.Helper()
	return serveContent(t, content.FS, "content")
}

// serveContent serves the whole site of the articles of fsys,
// published at https://health.example.org.
func serveContent(t testing.TB, fsys fs.FS, root string) (*Server, *httptest.Server) {
	t.Helper()
	// Whole before the first request, so that what a test sees does
	// not depend on how far the compression has gone.
	done := buildContent(t, fsys, root).Complete(t.Context())
	if err := done.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	srv := New(done, slog.New(slog.DiscardHandler), Options{})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return srv, ts
}

// buildContent builds the site of the articles of fsys, published at
// https://health.example.org.
func buildContent(t testing.TB, fsys fs.FS, root string) *site.Site {
	t.Helper()
	lib, err := article.Load(fsys, article.Options{Root: root})
	if err != nil {
		t.Fatalf("loading the content: %v", err)
	}
	st, err := site.Build(lib, site.Options{BaseURL: "https://health.example.org"})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// newHTTPTestServer serves srv on loopback and returns its URL.
func newHTTPTestServer(t *testing.T, srv *Server) string {
	t.Helper()
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts.URL
}

// noRedirects is a client that reports redirects instead of following them.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func get(t *testing.T, url string, header ...string) (*http.Response, string) {
	t.Helper()
	return do(t, http.MethodGet, url, header...)
}

func do(t *testing.T, method, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

func parse(t *testing.T, body string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("page does not parse as HTML: %v", err)
	}
	return doc
}

// find returns every element below n for which match is true.
func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for c := range n.Descendants() {
		if c.Type == html.ElementNode && match(c) {
			out = append(out, c)
		}
	}
	return out
}

func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

func class(name string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		return strings.Contains(" "+attr(n, "class")+" ", " "+name+" ")
	}
}

// texts is the text of the nodes, joined: "" when there are none, so
// that a missing element fails a comparison instead of panicking.
func texts(ns []*html.Node) string {
	var out []string
	for _, n := range ns {
		out = append(out, text(n))
	}
	return strings.Join(out, " | ")
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// text is the text content of n, with runs of white space collapsed.
func text(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func TestIndex_ListsTeasersNewestFirst(t *testing.T) {
	_, ts := newTestServer(t)
	resp, body := get(t, ts.URL+"/")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET / = %d", resp.StatusCode)
	}
	teasers := find(parse(t, body), class("teaser"))
	type want struct{ title, author, date string }
	// The seed's teaser, with the date of the clinical review added.
	wants := []want{
		{"Myofascial Release Therapy: What It Is and Why It Works", "Healthsite Editorial Team", "14 November 2023 | 20 February 2024"},
		{"Mastering the Art of Myofascial Release Therapy", "Cecilia Hastings", "8 October 2023 | 4 March 2024"},
		{"Demystifying Myofascial Release Therapy: A Closer Look", "Marcus Flint", "6 August 2023 | 14 May 2024"},
	}
	if len(teasers) != len(wants) {
		t.Fatalf("index has %d teasers, want %d", len(teasers), len(wants))
	}
	for i, w := range wants {
		tz := teasers[i]
		if got := texts(find(tz, tag("h2"))); got != w.title {
			t.Errorf("teaser %d title = %q, want %q", i, got, w.title)
		}
		if got := texts(find(tz, class("author"))); got != w.author {
			t.Errorf("teaser %d author = %q, want %q", i, got, w.author)
		}
		if got := texts(find(tz, tag("time"))); got != w.date {
			t.Errorf("teaser %d date = %q, want %q", i, got, w.date)
		}
		if p := find(tz, tag("p")); len(p) < 2 || len(text(p[1])) < 50 {
			t.Errorf("teaser %d has no summary", i)
		}
		more := find(tz, class("more"))
		if len(more) != 1 || !strings.HasPrefix(text(more[0]), "View more") || attr(more[0], "href") == "" {
			t.Errorf("teaser %d has no View more link", i)
		}
	}
	if !strings.Contains(text(teasers[1]), "Hey there, ladies and gents!") {
		t.Errorf("Cecilia Hastings' teaser lacks the seed's summary: %q", text(teasers[1]))
	}
}

func TestIndex_EveryViewMoreAnswers200(t *testing.T) {
	_, ts := newTestServer(t)
	_, body := get(t, ts.URL+"/")
	links := find(parse(t, body), class("more"))
	if len(links) == 0 {
		t.Fatal("no View more links")
	}
	for _, a := range links {
		href := attr(a, "href")
		resp, page := get(t, ts.URL+href)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d", href, resp.StatusCode)
			continue
		}
		title := strings.TrimPrefix(texts(find(a, class("visually-hidden"))), ": ")
		if h1 := find(parse(t, page), tag("h1")); len(h1) != 1 || title == "" || text(h1[0]) != title {
			t.Errorf("GET %s: h1 is not %q", href, title)
		}
	}
}

func TestArticle_SeedSectionsAndRelated(t *testing.T) {
	_, ts := newTestServer(t)
	resp, body := get(t, ts.URL+"/articles/myofascial-release-therapy/")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	doc := parse(t, body)
	var h2 []string
	for _, h := range find(doc, tag("h2")) {
		h2 = append(h2, text(h))
	}
	for _, want := range []string{"How a session actually feels", "What it helps — and what the research says", "Related articles"} {
		if !strings.Contains(strings.Join(h2, "\n"), want) {
			t.Errorf("no h2 %q among %q", want, h2)
		}
	}
	page := text(doc)
	for _, want := range []string{
		"Fascia is the web of connective tissue under your skin.",
		"Be cautious if you have recent fractures (broken bones) or deep vein thrombosis",
		"By Healthsite Editorial Team",
		"min read",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("article lacks %q", want)
		}
	}
	// The seed's page: the two other articles as View more teasers.
	sections := find(doc, class("related"))
	if len(sections) != 1 {
		t.Fatalf("%d related sections, want 1", len(sections))
	}
	related := find(sections[0], class("teaser"))
	if len(related) != 2 {
		t.Fatalf("%d related teasers, want 2", len(related))
	}
	for i, want := range []string{"Cecilia Hastings 8 October 2023 Reviewed 4 March 2024", "Marcus Flint 6 August 2023 Reviewed 14 May 2024"} {
		if got := texts(find(related[i], class("meta"))); got != want {
			t.Errorf("related %d meta = %q, want %q", i, got, want)
		}
	}
}

func TestUnknownPaths_Answer404Page(t *testing.T) {
	_, ts := newTestServer(t)
	for _, path := range []string{
		"/nope", "/articles/nope/", "/page/2/", "/page/x/",
		"/static/style.css", "/static/missing.00000000.css",
		"/articles/myofascial-release-therapy/extra", "/%2e%2e/etc/passwd",
		"/static/", "/static/.env", "/static/static.go", "/static/../content/site.yaml", "/content/site.yaml", "/.git/config",
	} {
		t.Run(path, func(t *testing.T) {
			resp, body := get(t, ts.URL+path)
			if resp.StatusCode != http.StatusNotFound {
				t.Fatalf("GET %s = %d, want 404", path, resp.StatusCode)
			}
			if h1 := find(parse(t, body), tag("h1")); len(h1) != 1 || text(h1[0]) != "Page not found" {
				t.Errorf("GET %s: not the 404 page", path)
			}
		})
	}
}

func TestRedirects_ToCanonicalPath(t *testing.T) {
	_, ts := newTestServer(t)
	tests := []struct{ path, want string }{
		{"/articles/myofascial-release-therapy", "/articles/myofascial-release-therapy/"},
		{"/articles/myofascial-release-therapy?ref=x", "/articles/myofascial-release-therapy/?ref=x"},
		{"/page/1/", "/"},
		{"/page/1", "/"},
		{"/tags", "/tags/"},
	}
	for _, tt := range tests {
		resp, _ := get(t, ts.URL+tt.path)
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != tt.want {
			t.Errorf("GET %s = %d to %q, want 301 to %q", tt.path, resp.StatusCode, resp.Header.Get("Location"), tt.want)
		}
	}
}

func TestHead_MatchesGetWithoutBody(t *testing.T) {
	_, ts := newTestServer(t)
	for _, path := range []string{"/", "/articles/mastering-myofascial-release-therapy/", "/nope", "/healthz"} {
		// Asked for by name, so that the client leaves gzip as sent.
		getResp, getBody := get(t, ts.URL+path, "Accept-Encoding", "gzip")
		headResp, headBody := do(t, http.MethodHead, ts.URL+path, "Accept-Encoding", "gzip")
		if headResp.StatusCode != getResp.StatusCode {
			t.Errorf("HEAD %s = %d, GET = %d", path, headResp.StatusCode, getResp.StatusCode)
		}
		if headBody != "" {
			t.Errorf("HEAD %s has a body", path)
		}
		if cl := headResp.Header.Get("Content-Length"); cl != getResp.Header.Get("Content-Length") || cl == "" {
			t.Errorf("HEAD %s Content-Length %q, GET %q (body %d bytes)", path, cl, getResp.Header.Get("Content-Length"), len(getBody))
		}
		if ct := headResp.Header.Get("Content-Type"); ct != getResp.Header.Get("Content-Type") || ct == "" {
			t.Errorf("HEAD %s Content-Type %q, GET %q", path, ct, getResp.Header.Get("Content-Type"))
		}
	}
}

func TestETag_IfNoneMatchGets304(t *testing.T) {
	_, ts := newTestServer(t)
	path := ts.URL + "/articles/demystifying-myofascial-release-therapy/"
	resp, _ := get(t, path)
	tag := resp.Header.Get("ETag")
	if !strings.HasPrefix(tag, `"`) || len(tag) < 10 {
		t.Fatalf("ETag %q is not a strong entity tag", tag)
	}
	if resp.Header.Get("Last-Modified") == "" {
		t.Error("article has no Last-Modified")
	}
	for _, inm := range []string{tag, `"other", ` + tag, "*", "W/" + tag} {
		resp, body := get(t, path, "If-None-Match", inm)
		if resp.StatusCode != http.StatusNotModified || body != "" {
			t.Errorf("If-None-Match %s: %d with %d bytes, want 304 and no body", inm, resp.StatusCode, len(body))
		}
		if resp.Header.Get("ETag") != tag {
			t.Errorf("304 lacks the ETag")
		}
	}
	resp, _ = get(t, path, "If-None-Match", `"stale"`)
	if resp.StatusCode != http.StatusOK {
		t.Errorf("stale If-None-Match: %d, want 200", resp.StatusCode)
	}
	// Every page has its own tag.
	resp2, _ := get(t, ts.URL+"/")
	if resp2.Header.Get("ETag") == tag {
		t.Error("two pages share an ETag")
	}
}

func TestCacheControl(t *testing.T) {
	srv, ts := newTestServer(t)
	var css string
	for _, p := range srv.Site().Paths() {
		if strings.HasSuffix(p, ".css") {
			css = p
		}
	}
	tests := []struct{ path, want string }{
		{"/", cachePage},
		{css, cacheImmutable},
		{"/nope", cacheError},
		{"/healthz", "no-store"},
	}
	for _, tt := range tests {
		resp, _ := get(t, ts.URL+tt.path)
		if got := resp.Header.Get("Cache-Control"); got != tt.want {
			t.Errorf("GET %s Cache-Control = %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestMethods_OnlyGetAndHead(t *testing.T) {
	_, ts := newTestServer(t)
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodOptions, "BREW"} {
		for _, path := range []string{"/", "/articles/myofascial-release-therapy/", "/nope", "/search", "/healthz", "/es/search"} {
			resp, _ := do(t, m, ts.URL+path)
			if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s = %d Allow %q, want 405 with Allow: GET, HEAD", m, path, resp.StatusCode, resp.Header.Get("Allow"))
			}
		}
	}
}

func TestHealthz(t *testing.T) {
	_, ts := newTestServer(t)
	resp, body := get(t, ts.URL+"/healthz")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(body, "ok 6 articles, ") {
		t.Errorf("GET /healthz = %d %q", resp.StatusCode, body)
	}
}

func TestPanic_Serves500PageWithoutInternals(t *testing.T) {
	srv, _ := newTestServer(t)
	var logs bytes.Buffer
	srv.log = slog.New(slog.NewTextHandler(&logs, nil))
	h := srv.recoverPanics(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("ETag", `"the-page-that-failed"`)
		w.Header().Set("Cache-Control", cachePage)
		panic("secret internal detail")
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/articles/x/", nil))
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", rec.Code)
	}
	if rec.Header().Get("ETag") != "" || rec.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("500 headers: ETag %q, Cache-Control %q; want none and no-store", rec.Header().Get("ETag"), rec.Header().Get("Cache-Control"))
	}
	body := rec.Body.String()
	if strings.Contains(body, "secret") || strings.Contains(body, "goroutine") {
		t.Errorf("500 page shows internals:\n%s", body)
	}
	if h1 := find(parse(t, body), tag("h1")); len(h1) != 1 || text(h1[0]) != "Something went wrong" {
		t.Errorf("not the 500 page:\n%s", body)
	}
	if !strings.Contains(logs.String(), "secret internal detail") {
		t.Errorf("the panic was not logged: %s", logs.String())
	}
}

func TestSwap_NextRequestSeesNewVersion(t *testing.T) {
	srv, ts := newTestServer(t)
	fsys := fstest.MapFS{
		"only.md": {Data: []byte("---\ntitle: The only article\nauthor: A. Writer\ndate: 2024-01-02\nsummary: Short.\n---\n\nBody text.\n")},
	}
	lib, err := article.Load(fsys, article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	next, err := site.Build(lib, site.Options{Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	srv.Swap(next.Complete(t.Context()))
	if resp, _ := get(t, ts.URL+"/articles/myofascial-release-therapy/"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("old article still served after swap: %d", resp.StatusCode)
	}
	if resp, _ := get(t, ts.URL+"/articles/only/"); resp.StatusCode != http.StatusOK {
		t.Errorf("new article not served after swap: %d", resp.StatusCode)
	}
}

// swapOnHeader is a ResponseWriter that swaps srv to next the first time
// a handler asks for the headers, before anything is written: a Swap
// that lands, deterministically, while the request is being served.
type swapOnHeader struct {
	*httptest.ResponseRecorder
	srv     *Server
	next    *site.Completion
	swapped bool
}

func (w *swapOnHeader) Header() http.Header {
	if !w.swapped {
		w.swapped = true
		w.srv.Swap(w.next)
	}
	return w.ResponseRecorder.Header()
}

// TestSwap_ARequestStraddlingASwapSeesOneVersion: a request already
// being served when a new version is swapped in gets its headers, its
// entity tag and its body all from the version it arrived at, as if no
// Swap had happened. The versions differ in all three: the first is
// published over http (no Strict-Transport-Security), the second over
// https, with another text.
func TestSwap_ARequestStraddlingASwapSeesOneVersion(t *testing.T) {
	// Each version whole, so that both servers of the first send the
	// same encoding.
	build := func(baseURL, text string) *site.Completion {
		t.Helper()
		fsys := fstest.MapFS{"only.md": {Data: []byte("---\ntitle: The only article\nauthor: A. Writer\ndate: 2024-01-02\nsummary: Short.\n---\n\n" + text + "\n")}}
		lib, err := article.Load(fsys, article.Options{})
		if err != nil {
			t.Fatal(err)
		}
		st, err := site.Build(lib, site.Options{BaseURL: baseURL, Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		done := st.Complete(t.Context())
		if err := done.Wait(t.Context()); err != nil {
			t.Fatal(err)
		}
		return done
	}
	first := build("http://health.example.org", "The first text.")
	second := build("https://health.example.org", "The second text.")
	for _, path := range []string{"/articles/only/", "/no-such-page/", "/healthz"} {
		t.Run(path, func(t *testing.T) {
			req := func() *http.Request {
				r := httptest.NewRequest(http.MethodGet, path, nil)
				r.Header.Set("Accept-Encoding", "gzip")
				return r
			}
			want := httptest.NewRecorder()
			New(first, slog.New(slog.DiscardHandler), Options{}).ServeHTTP(want, req())

			srv := New(first, slog.New(slog.DiscardHandler), Options{})
			got := &swapOnHeader{ResponseRecorder: httptest.NewRecorder(), srv: srv, next: second}
			srv.ServeHTTP(got, req())
			if !got.swapped || srv.Site() != second.Site() {
				t.Fatal("the Swap did not happen during the request")
			}
			if got.Code != want.Code {
				t.Errorf("status %d, want %d", got.Code, want.Code)
			}
			for _, k := range []string{"Strict-Transport-Security", "ETag", "Content-Encoding", "Content-Length"} {
				if g, w := got.Header().Get(k), want.Header().Get(k); g != w {
					t.Errorf("%s: %q, want the first version's %q", k, g, w)
				}
			}
			if !bytes.Equal(got.Body.Bytes(), want.Body.Bytes()) {
				t.Error("the body is not the first version's")
			}
		})
	}
}
