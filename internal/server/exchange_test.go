package server

import (
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"testing"

	"healthsite/internal/site"
)

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
