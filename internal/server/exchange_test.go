package server

import (
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"healthsite/internal/site"
)

// TestPageHead_SameHeadersAsBuiltPerRequest checks the head made once
// for every page and encoding of a site against the headers handlePage
// set on each request before heads were kept.
func TestPageHead_SameHeadersAsBuiltPerRequest(t *testing.T) {
	srv, _ := newTestServer(t)
	st := srv.Site()
	var heads headCache
	for _, path := range st.Paths() {
		p := st.Page(path)
		for _, e := range site.Encodings() {
			body, etag, ok := p.Variant(e)
			if !ok {
				continue
			}
			t.Run(path+" "+e.Token(), func(t *testing.T) {
				want := http.Header{}
				if p.Compressible() {
					want.Set("Vary", "Accept-Encoding")
				}
				if e != site.Identity {
					want.Set("Content-Encoding", e.Token())
				}
				want.Set("Content-Type", p.ContentType)
				want.Set("Cache-Control", map[bool]string{false: cachePage, true: cacheImmutable}[p.Immutable])
				want.Set("ETag", etag)
				if !p.Modified.IsZero() {
					want.Set("Last-Modified", p.Modified.UTC().Format(http.TimeFormat))
				}
				want.Set("Content-Length", strconv.Itoa(len(body)))

				ph := heads.head(p, e, body, etag)
				got := http.Header{}
				ph.set(got)
				if !equalHeaders(got, want) || ph.etag != etag || !ph.modified.Equal(p.Modified) {
					t.Errorf("head\n%v\nwant\n%v", got, want)
				}
				if again := heads.head(p, e, body, etag); again != ph {
					t.Error("the head was made again")
				}
			})
		}
	}
}

func equalHeaders(a, b http.Header) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if strings.Join(v, "\n") != strings.Join(b[k], "\n") {
			return false
		}
	}
	return true
}

// TestRequestLog_OneLinePerRequest pins the request log's line: its
// level, message and fields, for responses of every kind.
func TestRequestLog_OneLinePerRequest(t *testing.T) {
	srv, ts := newTestServer(t)
	var logged safeBuffer
	srv.log = slog.New(slog.NewTextHandler(&logged, nil))
	article := "/articles/myofascial-release-therapy/"
	_, etag, _ := srv.Site().Page(article).Variant(site.Gzip)
	tests := []struct {
		name, method, path string
		header             []string
		level              string
		status             int
		bytes              string // a number, or a pattern of one
	}{
		{"page", "GET", article, nil, "INFO", 200, `[1-9][0-9]+`},
		{"HEAD", "HEAD", article, nil, "INFO", 200, "0"},
		{"not modified", "GET", article, []string{"If-None-Match", etag}, "INFO", 304, "0"},
		{"not found", "GET", "/no-such-page", nil, "INFO", 404, `[1-9][0-9]+`},
		{"method", "DELETE", article, nil, "INFO", 405, `[1-9][0-9]+`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(logged.String())
			// Asked for by name, so that the client leaves gzip as sent.
			resp, body := do(t, tt.method, ts.URL+tt.path, append([]string{"Accept-Encoding", "gzip"}, tt.header...)...)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			line := logged.String()[before:]
			want := `^time=\S+ level=` + tt.level + ` msg=request method=` + tt.method + ` path=` + regexp.QuoteMeta(tt.path) +
				` status=` + strconv.Itoa(tt.status) + ` bytes=(` + tt.bytes + `) duration=[0-9.]+[nµm]?s\n$`
			m := regexp.MustCompile(want).FindStringSubmatch(line)
			if m == nil {
				t.Fatalf("logged\n%q\nwant the pattern\n%s", line, want)
			}
			if tt.method != http.MethodHead && m[1] != strconv.Itoa(len(body)) {
				t.Errorf("bytes=%s, the client read %d", m[1], len(body))
			}
		})
	}
}
