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
// whole handler stack (routing, logging, recovery, negotiation), without
// the network, for a client of each encoding. identity decompresses the
// stored gzip body: the plain bytes are not kept.
func BenchmarkServeArticle(b *testing.B) {
	lib, err := article.Load(content.FS, article.Options{})
	if err != nil {
		b.Fatal(err)
	}
	st, err := site.Build(lib, site.Options{})
	if err != nil {
		b.Fatal(err)
	}
	done := st.Complete(b.Context())
	if err := done.Wait(b.Context()); err != nil {
		b.Fatal(err)
	}
	srv := New(done, slog.New(slog.DiscardHandler), Options{})
	for _, accept := range []string{"gzip, deflate, br, zstd", "gzip", ""} {
		name := map[string]string{"gzip, deflate, br, zstd": "br", "gzip": "gzip", "": "identity"}[accept]
		b.Run(name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, "/articles/myofascial-release-therapy/", nil)
			if accept != "" {
				req.Header.Set("Accept-Encoding", accept)
			}
			b.ReportAllocs()
			for b.Loop() {
				w := httptest.NewRecorder()
				srv.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatal(w.Code)
				}
			}
		})
	}
}
