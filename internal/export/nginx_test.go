package export

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"healthsite/internal/article"
	"healthsite/internal/sample"
	"healthsite/internal/server"
	"healthsite/internal/site"
)

// nginxPath finds Debian's nginx. Under CI=true a missing nginx fails
// the test; elsewhere the test is skipped, saying how to get it.
func nginxPath(t testing.TB) string {
	t.Helper()
	for _, p := range []string{"nginx", "/usr/sbin/nginx"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("nginx is not installed (apt-get install nginx-light)")
	}
	t.Skip("skipping: nginx is not installed (apt-get install nginx-light)")
	return ""
}

// startNginx serves root with testdata/nginx.conf on a free loopback
// port, as a foreground process that the test stops, and returns its
// URL.
func startNginx(t *testing.T, root string) string {
	t.Helper()
	conf, err := os.ReadFile("testdata/nginx.conf")
	if err != nil {
		t.Fatal(err)
	}
	return startNginxWith(t, root, string(conf))
}

// startNginxWith is startNginx with conf for testdata/nginx.conf. When
// nginx refuses conf, it fails the test at once with nginx's message.
func startNginxWith(t testing.TB, root, conf string) string {
	t.Helper()
	bin := nginxPath(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	moved := "include /srv/healthsite/.healthsite-moved*.map;"
	site := strings.NewReplacer("listen 8080;", "listen "+addr+";", "root /srv/healthsite;", "root "+root+";",
		moved, "include "+root+"/.healthsite-moved*.map;").Replace(conf)
	if !strings.Contains(site, addr) || !strings.Contains(site, "root "+root) || !strings.Contains(site, "include "+root) {
		t.Fatalf("testdata/nginx.conf no longer has the lines `listen 8080;`, `root /srv/healthsite;` and `%s` this test replaces", moved)
	}
	dir := t.TempDir()
	// One process, in the foreground, as this user: the test owns it.
	main := fmt.Sprintf(`daemon off;
master_process off;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log warn;
events {}
http {
    access_log off;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    include %[1]s/site.conf;
}
`, dir)
	if err := os.WriteFile(filepath.Join(dir, "site.conf"), []byte(site), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd := exec.Command(bin, "-p", dir, "-c", filepath.Join(dir, "nginx.conf"))
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Closed, not sent on, once nginx exits: both the wait below and
	// the cleanup must see it (with a channel the wait drained, the
	// cleanup of an nginx that refused its config would block until the
	// package's timeout).
	exited := make(chan struct{})
	var exitErr error
	go func() {
		exitErr = cmd.Wait()
		close(exited)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return "http://" + addr
		}
		select {
		case <-exited:
			log, _ := os.ReadFile(filepath.Join(dir, "error.log"))
			t.Fatalf("nginx exited: %v\n%s%s", exitErr, out.String(), log)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx does not answer on %s", addr)
		}
	}
}

// response is what the comparison looks at.
type response struct {
	status                 int
	contentType, encoding  string
	location, cacheControl string
	security               string // the security headers, one line
	body                   []byte
}

// securityHeaders are the headers every response of both must carry.
var securityHeaders = []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
	"Permissions-Policy", "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy"}

var client = &http.Client{
	Timeout:       10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	// The body exactly as sent: no transparent gzip.
	Transport: &http.Transport{DisableCompression: true},
}

func fetch(t *testing.T, url, acceptEncoding string) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var sec []string
	for _, k := range securityHeaders {
		sec = append(sec, k+": "+resp.Header.Get(k))
	}
	return response{resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Encoding"),
		resp.Header.Get("Location"), resp.Header.Get("Cache-Control"), strings.Join(sec, "\n"), body}
}

// TestNginxServesTheExportLikeServe exports a site, serves the export
// with real nginx and testdata/nginx.conf, and requests every page, and
// the paths around them, from nginx and from the server: status,
// Content-Type, Content-Encoding, Cache-Control and body bytes must be
// the same, with gzip and without. (nginx-light has no brotli module.)
func TestNginxServesTheExportLikeServe(t *testing.T) {
	nginxPath(t)
	for _, tt := range []struct {
		name string
		site func(t *testing.T) *site.Site
	}{
		{"shipped", shipped},
		{"three languages", func(t *testing.T) *site.Site {
			lib, err := article.Load(sample.Languages(), article.Options{})
			if err != nil {
				t.Fatal(err)
			}
			s, err := site.Build(lib, site.Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), StaticSearch: true})
			if err != nil {
				t.Fatal(err)
			}
			s = whole(t, s)
			return s
		}},
		{"generated", func(t *testing.T) *site.Site {
			// Enough articles for later pages of the index, topics and authors.
			lib, err := article.Load(sample.Articles(45, 1), article.Options{})
			if err != nil {
				t.Fatal(err)
			}
			s, err := site.Build(lib, site.Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), StaticSearch: true})
			if err != nil {
				t.Fatal(err)
			}
			s = whole(t, s)
			return s
		}},
		{"moved", movedSite},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.site(t)
			dir := filepath.Join(t.TempDir(), "public")
			if _, err := Write(t.Context(), s, dir, Options{}); err != nil {
				t.Fatal(err)
			}
			nginx := startNginx(t, dir)
			srv := server.New(s.Complete(t.Context()), slog.New(slog.DiscardHandler), server.Options{})
			ts := httptest.NewServer(srv)
			defer ts.Close()

			paths := s.Paths()
			extra := []string{"/no-such-page", "/articles/no-such-article/", "/.healthsite-export", "/page/1/", "/page/1", "/search", "/search?q=neck+pain", "/search?q=x.gz",
				"/search.html", "/search.html.gz", "/search/", "/static/search/",
				"/index.html", "/index.html.gz", "/feed.xml.gz", "/feed.xml.br", "/tags/page/1/", "/tags/no-such-tag/page/1/",
				"/articles/myofascial-release-therapy/index.html", "/articles/myofascial-release-therapy/page/1/", "/static/", "/.git/config",
				"/articles/", "/articles"}
			// Each further language's missing pages get its own 404 page,
			// and its 404 file is no page of its own.
			for _, prefix := range s.LanguagePrefixes()[1:] {
				extra = append(extra, prefix+"/no-such-page", prefix+"/articles/no-such-article/", prefix+"/404.html", prefix+"/404.html.gz",
					prefix+"/search", prefix+"/search?q=rodilla", prefix+"/search.html")
			}
			extra = append(extra, "/404.html", "/xx/no-such-page", "/xx/search")
			for _, p := range paths {
				if strings.HasSuffix(p, "/") && p != "/" {
					extra = append(extra, p+"index.html", p+"index.html.gz")
				}
				if strings.HasPrefix(p, "/tags/") && strings.Count(p, "/") == 3 || strings.HasPrefix(p, "/authors/") && strings.Count(p, "/") == 3 {
					extra = append(extra, p+"page/1/")
				}
			}
			for _, p := range paths {
				if strings.HasSuffix(p, "/") && p != "/" {
					extra = append(extra, strings.TrimSuffix(p, "/")) // redirects to the page
				}
			}
			for _, m := range s.Moved() {
				// An old address, with a query, and the page the export
				// leaves there for hosts without redirects.
				extra = append(extra, m.From, m.From+"?utm_source=x", path.Join(m.From, "index.html"))
			}
			compared, gzipped := 0, 0
			for _, p := range append(paths, extra...) {
				for _, ae := range []string{"", "gzip"} {
					want, got := fetch(t, ts.URL+p, ae), fetch(t, nginx+p, ae)
					if rest := strings.TrimPrefix(p, s.LanguagePrefix(p)); strings.HasPrefix(rest, "/search?") || rest == "/search" {
						// serve renders results; nginx sends the page
						// whose script searches the static index, the one
						// page that may run a script.
						checkStaticSearch(t, s, p, ae, got, want)
						continue
					}
					compared++
					where := fmt.Sprintf("GET %s (Accept-Encoding %q)", p, ae)
					if want.security != got.security {
						t.Errorf("%s: security headers differ:\n  serve %s\n  nginx %s", where, want.security, got.security)
					}
					if want.status != got.status {
						t.Errorf("%s: serve %d, nginx %d", where, want.status, got.status)
						continue
					}
					asBuilt := p // the path whose page serve sends as nginx should
					if want.status == http.StatusNotFound && !bytes.Equal(want.body, got.body) {
						// serve lists the articles a mistyped address nearly
						// names, made per request; the export has the page as
						// built, which is what serve sends for an address that
						// names nothing.
						if !bytes.Contains(want.body, []byte(`class="suggestions"`)) {
							t.Errorf("%s: serve's 404 page, without suggestions, differs from nginx's", where)
						}
						asBuilt = s.LanguagePrefix(p) + "/no-such-page"
						want = fetch(t, ts.URL+asBuilt, ae)
					}
					if lang := strings.TrimPrefix(s.LanguagePrefix(p), "/"); want.status == http.StatusNotFound && ae == "" && lang != "" &&
						!bytes.Contains(want.body, []byte(`<html lang="`+lang+`"`)) {
						t.Errorf("%s: the 404 page is not in the path's language, %s", where, lang)
					}
					if want.status == http.StatusMovedPermanently {
						if want.location != got.location {
							t.Errorf("%s: serve redirects to %q, nginx to %q", where, want.location, got.location)
						}
						continue
					}
					if want.contentType != got.contentType || want.encoding != got.encoding || want.cacheControl != got.cacheControl {
						t.Errorf("%s:\n  serve Content-Type %q, Content-Encoding %q, Cache-Control %q\n  nginx Content-Type %q, Content-Encoding %q, Cache-Control %q",
							where, want.contentType, want.encoding, want.cacheControl, got.contentType, got.encoding, got.cacheControl)
					}
					if !bytes.Equal(want.body, got.body) {
						t.Errorf("%s: the bodies differ (serve %d bytes, nginx %d)", where, len(want.body), len(got.body))
					}
					if got.encoding == "gzip" {
						gzipped++
						zr, err := gzip.NewReader(bytes.NewReader(got.body))
						if err != nil {
							t.Fatalf("%s: %v", where, err)
						}
						if plain, err := io.ReadAll(zr); err != nil || !bytes.Equal(plain, fetch(t, ts.URL+asBuilt, "").body) {
							t.Errorf("%s: nginx's gzip body does not decode to the page (%v)", where, err)
						}
					}
				}
			}
			t.Logf("%d requests compared, %d of them gzip, over %d pages", compared, gzipped, len(paths))
			if gzipped < len(paths)/2 {
				t.Errorf("only %d responses were gzip: nginx's gzip_static is not at work", gzipped)
			}
		})
	}
}

// movedSite is a site whose articles have old addresses (aliases:) of
// every shape an import writes: a folder, a file, one without its
// slash, one in a folder of the site's own pages.
func movedSite(t *testing.T) *site.Site {
	t.Helper()
	file := func(title, aliases string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\nauthor: Ann Lee\ndate: 2024-01-02\nsummary: What helps.\naliases: " + aliases +
			"\n---\n\nRest, and see a doctor when it gets worse.\n")}
	}
	lib, err := article.Load(fstest.MapFS{
		"neck-pain.md": file("Neck pain", "[/posts/neck-pain/, /2019/01/04/neck.html]"),
		"back-pain.md": file("Back pain", "[/old/back-pain, /articles/lower-back-pain/]"),
	}, article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := site.Build(lib, site.Options{BaseURL: "https://health.example.org", Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), StaticSearch: true})
	if err != nil {
		t.Fatal(err)
	}
	s = whole(t, s)
	if len(s.Moved()) < 4 {
		t.Fatalf("the site has %d old addresses, want at least the 4 its articles name", len(s.Moved()))
	}
	return s
}

// checkStaticSearch checks nginx's answer to a search: the export's
// search page, with serve's headers but for a CSP that allows the
// site's own scripts.
func checkStaticSearch(t *testing.T, s *site.Site, p, ae string, got, serve response) {
	t.Helper()
	where := fmt.Sprintf("nginx GET %s (Accept-Encoding %q)", p, ae)
	if got.status != http.StatusOK || got.contentType != "text/html; charset=utf-8" || got.cacheControl != serve.cacheControl && got.cacheControl != "public, max-age=300, stale-while-revalidate=86400" {
		t.Errorf("%s: %d, Content-Type %q, Cache-Control %q", where, got.status, got.contentType, got.cacheControl)
	}
	body := got.body
	if got.encoding == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		if body, err = io.ReadAll(zr); err != nil {
			t.Fatalf("%s: %v", where, err)
		}
	}
	if !bytes.Equal(body, s.StaticSearchPageAt(s.LanguagePrefix(p)).Body()) {
		t.Errorf("%s: not the export's search page of the path's language", where)
	}
	wantSec := strings.Replace(serve.security, "frame-ancestors 'none'", "frame-ancestors 'none'; script-src 'self'", 1)
	if got.security != wantSec || strings.Contains(serve.security, "script-src") {
		t.Errorf("%s: security headers\n  got  %s\n  want %s", where, got.security, wantSec)
	}
}

// fatalRecorder is a testing.TB whose Fatal ends only the goroutine of
// the helper under test, recording the message, and whose cleanups the
// test runs itself.
type fatalRecorder struct {
	testing.TB
	msg      string
	cleanups []func()
}

func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (r *fatalRecorder) Fatal(args ...any) {
	r.msg = fmt.Sprint(args...)
	runtime.Goexit()
}

func (r *fatalRecorder) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }

// TestStartNginx_RefusedConfigFailsAtOnce: when nginx refuses the
// configuration, the test fails with nginx's own message, and its
// cleanup returns, rather than everything waiting for the package's
// timeout.
func TestStartNginx_RefusedConfigFailsAtOnce(t *testing.T) {
	nginxPath(t)
	r := &fatalRecorder{TB: t}
	helper := make(chan string, 1)
	go func() {
		defer func() { helper <- r.msg }()
		startNginxWith(r, t.TempDir(), "server {\n    listen 8080;\n    root /srv/healthsite;\n    include /srv/healthsite/.healthsite-moved*.map;\n    no_such_directive on;\n}\n")
	}()
	msg := <-helper
	if !strings.Contains(msg, `unknown directive "no_such_directive"`) {
		t.Errorf("the failure does not give nginx's message:\n%s", msg)
	}
	cleaned := make(chan struct{})
	go func() {
		for i := len(r.cleanups) - 1; i >= 0; i-- {
			r.cleanups[i]()
		}
		close(cleaned)
	}()
	select {
	case <-cleaned:
	case <-time.After(30 * time.Second): // a deadlock, not a slow machine
		t.Fatal("the cleanup of an nginx that refused its configuration never returns")
	}
}
