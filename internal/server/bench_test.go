package server

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"healthsite/content"
	"healthsite/internal/article"
	"healthsite/internal/site"
)

// BenchmarkServeArticle measures one GET of an article page through the
// whole handler stack (routing, logging, recovery), without the network.
func BenchmarkServeArticle(b *testing.B) {
	lib, err := article.Load(content.FS, article.Options{})
	if err != nil {
		b.Fatal(err)
	}
	st, err := site.Build(lib, site.Options{})
	if err != nil {
		b.Fatal(err)
	}
	srv := New(st, slog.New(slog.DiscardHandler), Options{})
	req := httptest.NewRequest(http.MethodGet, "/articles/myofascial-release-therapy/", nil)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatal(w.Code)
		}
	}
}
