package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"

	"healthsite/content"

	"healthsite/internal/site"
)

func TestNegotiate(t *testing.T) {
	all := func(site.Encoding) bool { return true }
	gzipOnly := func(e site.Encoding) bool { return e != site.Brotli }
	plainOnly := func(e site.Encoding) bool { return e == site.Identity }
	tests := []struct {
		accept string
		has    func(site.Encoding) bool
		want   site.Encoding
	}{
		{"", all, site.Identity},
		{"gzip", all, site.Gzip},
		{"gzip, deflate, br, zstd", all, site.Brotli}, // Chromium
		{"gzip, deflate, br, zstd", gzipOnly, site.Gzip},
		{"gzip, deflate, br", plainOnly, site.Identity},
		{"deflate", all, site.Identity},
		{"GZIP", all, site.Gzip},
		{"x-gzip", all, site.Gzip},
		{"br;q=0.5, gzip;q=0.8", all, site.Gzip},
		{"br;q=1.0, gzip;q=0.999", all, site.Brotli},
		{"gzip;q=0", all, site.Identity},
		{"br;q=0, gzip;q=0", all, site.Identity},
		{"*", all, site.Brotli},
		{"*;q=0.5, gzip;q=0.6", all, site.Gzip},
		{"*;q=0", all, site.Identity}, // nothing acceptable: the plain bytes all the same
		{"identity;q=0, gzip", plainOnly, site.Identity},
		{"identity", all, site.Identity},
		{"identity;q=0.5, gzip;q=0.4", all, site.Identity},
		{"gzip;q=2", all, site.Identity},      // out of range: ignored
		{"gzip;q=abc", all, site.Identity},    // malformed: ignored
		{"gzip;q=0.0001", all, site.Identity}, // more than three decimals
		{"gzip ; q = 0.7 , br ; q=0.6", all, site.Gzip},
		{"gzip;level=1", all, site.Gzip}, // other parameters do not matter
		{",,, ;;, gzip", all, site.Gzip},
		{"br;q=0, *", all, site.Gzip},
		{"gzip;q=0, gzip;q=1", all, site.Gzip}, // named twice: the best weight
	}
	for _, tt := range tests {
		if got := negotiate(tt.accept, tt.has); got != tt.want {
			t.Errorf("negotiate(%q) = %s, want %s", tt.accept, got.Token(), tt.want.Token())
		}
	}
}

// FuzzNegotiate: any header gives an encoding the page has, and one the
// client did not refuse by name unless it is the plain bytes.
func FuzzNegotiate(f *testing.F) {
	for _, s := range []string{"", "gzip", "gzip, deflate, br, zstd", "br;q=0.5, gzip;q=0.8", "*;q=0", "identity;q=0", "x-gzip;q=1.000", "gzip;q=0."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, accept string) {
		for _, has := range []func(site.Encoding) bool{
			func(site.Encoding) bool { return true },
			func(e site.Encoding) bool { return e != site.Brotli },
			func(e site.Encoding) bool { return e == site.Identity },
		} {
			e := negotiate(accept, has)
			if !has(e) {
				t.Fatalf("negotiate(%q) = %s, which the page does not have", accept, e.Token())
			}
		}
	})
}

// TestServe_PrecompressedVariants: each client gets the encoding it
// accepts, byte for byte as stored, with its own entity tag; a
// conditional request for it is answered 304.
func TestServe_PrecompressedVariants(t *testing.T) {
	// A version whose completion stopped at once: the Site as built.
	built := buildContent(t, content.FS, "content")
	stopped, cancel := context.WithCancel(t.Context())
	cancel()
	idle := built.Complete(stopped)
	<-idle.Ready()
	srv := New(idle, slog.New(slog.DiscardHandler), Options{})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	path := "/articles/myofascial-release-therapy/"
	// Before its Completion is ready, every client gets the plain page.
	resp, _ := get(t, ts.URL+path, "Accept-Encoding", "gzip, br")
	if ce := resp.Header.Get("Content-Encoding"); ce != "" {
		t.Fatalf("before compression: Content-Encoding %q", ce)
	}
	done := built.Complete(t.Context())
	if err := done.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	srv.Swap(done)
	page := srv.Site().Page(path)
	for _, tt := range []struct {
		accept string
		want   site.Encoding
	}{
		// (No header at all is TestNegotiate's: Go's client would add gzip.)
		{"gzip", site.Gzip},
		{"gzip, deflate, br, zstd", site.Brotli},
		{"br;q=0, gzip", site.Gzip},
		{"identity", site.Identity},
	} {
		t.Run(tt.want.Token()+" for "+tt.accept, func(t *testing.T) {
			want, etag, ok := page.Variant(tt.want)
			if !ok {
				t.Fatalf("the page has no %s variant", tt.want.Token())
			}
			resp, body := get(t, ts.URL+path, "Accept-Encoding", tt.accept)
			wantCE := tt.want.Token()
			if tt.want == site.Identity {
				wantCE = ""
			}
			h := resp.Header
			if resp.StatusCode != 200 || h.Get("Content-Encoding") != wantCE || body != string(want) {
				t.Fatalf("GET with Accept-Encoding %q: %d, Content-Encoding %q, %d bytes; want 200, %q, %d bytes",
					tt.accept, resp.StatusCode, h.Get("Content-Encoding"), len(body), wantCE, len(want))
			}
			if h.Get("Vary") != "Accept-Encoding" || h.Get("ETag") != etag || h.Get("Content-Length") != fmt.Sprint(len(want)) {
				t.Errorf("headers: Vary %q, ETag %q (want %s), Content-Length %q", h.Get("Vary"), h.Get("ETag"), etag, h.Get("Content-Length"))
			}
			if got := decode(t, tt.want, []byte(body)); !bytes.Equal(got, page.Body()) {
				t.Error("the body does not decode to the page")
			}
			resp, body = get(t, ts.URL+path, "Accept-Encoding", tt.accept, "If-None-Match", etag)
			if resp.StatusCode != http.StatusNotModified || body != "" {
				t.Errorf("If-None-Match %s: %d with %d bytes, want 304", etag, resp.StatusCode, len(body))
			}
			resp, body = do(t, http.MethodHead, ts.URL+path, "Accept-Encoding", tt.accept)
			if resp.StatusCode != 200 || body != "" || resp.Header.Get("Content-Length") != fmt.Sprint(len(want)) {
				t.Errorf("HEAD: %d, %d bytes, Content-Length %q", resp.StatusCode, len(body), resp.Header.Get("Content-Length"))
			}
		})
	}
	// Another encoding's tag does not match: its bytes differ.
	_, gzTag, _ := page.Variant(site.Gzip)
	if resp, _ := get(t, ts.URL+path, "Accept-Encoding", "br", "If-None-Match", gzTag); resp.StatusCode != 200 {
		t.Errorf("the gzip tag matched the brotli variant: %d", resp.StatusCode)
	}
	// The 404 page is compressed too, and keeps its status.
	resp, body := get(t, ts.URL+"/no-such-page", "Accept-Encoding", "gzip")
	if resp.StatusCode != 404 || resp.Header.Get("Content-Encoding") != "gzip" ||
		!bytes.Contains(decode(t, site.Gzip, []byte(body)), []byte("Page not found")) {
		t.Errorf("404 with gzip: %d, Content-Encoding %q", resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
	// An image is never compressed again, and does not vary.
	for _, p := range srv.Site().Paths() {
		if pg := srv.Site().Page(p); strings.HasPrefix(pg.ContentType, "image/png") {
			resp, _ := get(t, ts.URL+p, "Accept-Encoding", "gzip")
			if resp.Header.Get("Content-Encoding") != "" || resp.Header.Get("Vary") != "" {
				t.Errorf("%s: Content-Encoding %q, Vary %q", p, resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
			}
		}
	}
}

// decode decompresses body sent in e.
func decode(t *testing.T, e site.Encoding, body []byte) []byte {
	t.Helper()
	var r io.Reader = bytes.NewReader(body)
	switch e {
	case site.Gzip:
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatalf("gzip: %v", err)
		}
		r = zr
	case site.Brotli:
		r = brotli.NewReader(r)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s: %v", e.Token(), err)
	}
	return out
}

func TestConditional(t *testing.T) {
	mod := time.Date(2024, 2, 20, 9, 30, 15, 0, time.UTC)
	const tag = `"abc-gzip"`
	before, at, after := mod.Add(-time.Hour).Format(http.TimeFormat), mod.Format(http.TimeFormat), mod.Add(time.Hour).Format(http.TimeFormat)
	tests := []struct {
		name   string
		header []string
		want   int
	}{
		{"no conditions", nil, 200},
		{"If-None-Match the tag", []string{"If-None-Match", tag}, 304},
		{"If-None-Match in a list", []string{"If-None-Match", `"x", "abc-gzip"`}, 304},
		{"If-None-Match weak", []string{"If-None-Match", `W/"abc-gzip"`}, 304},
		{"If-None-Match star", []string{"If-None-Match", `*`}, 304},
		{"If-None-Match another encoding", []string{"If-None-Match", `"abc"`}, 200},
		{"If-None-Match wins over If-Modified-Since", []string{"If-None-Match", `"old"`, "If-Modified-Since", after}, 200},
		{"If-Modified-Since at", []string{"If-Modified-Since", at}, 304},
		{"If-Modified-Since after", []string{"If-Modified-Since", after}, 304},
		{"If-Modified-Since before", []string{"If-Modified-Since", before}, 200},
		{"If-Modified-Since garbage", []string{"If-Modified-Since", "yesterday"}, 200},
		{"If-Match the tag", []string{"If-Match", tag}, 200},
		{"If-Match another", []string{"If-Match", `"old"`}, 412},
		{"If-Match weak never matches", []string{"If-Match", `W/"abc-gzip"`}, 412},
		{"If-Unmodified-Since before", []string{"If-Unmodified-Since", before}, 412},
		{"If-Unmodified-Since at", []string{"If-Unmodified-Since", at}, 200},
	}
	// A list header sent on two lines is one list.
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Add("If-None-Match", `"other"`)
	r.Header.Add("If-None-Match", tag)
	if got := conditional(r, tag, mod); got != http.StatusNotModified {
		t.Errorf("If-None-Match on two lines: %d, want 304", got)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			for i := 0; i+1 < len(tt.header); i += 2 {
				r.Header.Set(tt.header[i], tt.header[i+1])
			}
			w := httptest.NewRecorder()
			w.Header().Set("Content-Encoding", "gzip")
			modified := mod.Add(300 * time.Millisecond)
			serveBody(w, r, []byte("body"), &pageHead{etag: tag, modified: modified, fields: validators(tag, modified, 4)})
			if w.Code != tt.want {
				t.Fatalf("status %d, want %d", w.Code, tt.want)
			}
			h := w.Header()
			if tt.want == http.StatusPreconditionFailed {
				// An error, not the page: not cached, no validators.
				if h.Get("Cache-Control") != "no-store" || h.Get("ETag") != "" || h.Get("Last-Modified") != "" || h.Get("Content-Encoding") != "" {
					t.Errorf("412 headers: %v", h)
				}
				return
			}
			if h.Get("ETag") != tag || h.Get("Last-Modified") != at {
				t.Errorf("validators: ETag %q, Last-Modified %q", h.Get("ETag"), h.Get("Last-Modified"))
			}
			switch tt.want {
			case 200:
				if w.Body.String() != "body" || h.Get("Content-Length") != "4" || h.Get("Content-Encoding") != "gzip" {
					t.Errorf("200: body %q, Content-Length %q, Content-Encoding %q", w.Body, h.Get("Content-Length"), h.Get("Content-Encoding"))
				}
			case 304:
				if w.Body.Len() != 0 || h.Get("Content-Encoding") != "" || h.Get("Content-Length") != "" {
					t.Errorf("304: body %q, Content-Encoding %q, Content-Length %q", w.Body, h.Get("Content-Encoding"), h.Get("Content-Length"))
				}
			}
		})
	}
}

func TestEncode_AcceptEncodingOnSeveralLines(t *testing.T) {
	srv, _ := newTestServer(t)
	if err := srv.current.Load().done.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Add("Accept-Encoding", "identity;q=0.5")
	r.Header.Add("Accept-Encoding", "gzip")
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	if ce := w.Header().Get("Content-Encoding"); ce != "gzip" {
		t.Errorf("Accept-Encoding on two lines, gzip on the second: Content-Encoding %q", ce)
	}
}
