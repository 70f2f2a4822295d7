package server

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"

	"healthsite/content"
	"healthsite/internal/article"
	"healthsite/internal/site"
)

// shippedSite is the shipped articles' site, compressed and indexed.
func shippedSite(b *testing.B) *site.Completion {
	b.Helper()
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
	return done
}

// BenchmarkServeArticle measures one GET of an article page through the
// whole handler stack (routing, logging, recovery, negotiation), without
// the network, for a client of each encoding. identity decompresses the
// stored gzip body: the plain bytes are not kept.
func BenchmarkServeArticle(b *testing.B) {
	done := shippedSite(b)
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

// BenchmarkServeLoopback measures one keep-alive GET of an article, gzip
// encoded, through Serve's own http.Server on a loopback listener, with
// the request log on in the production text format: what a reader's
// request costs the server, syscalls included. The client writes raw
// requests and discards the response bytes, so that little of the CPU
// profile (-cpuprofile) is the client's.
func BenchmarkServeLoopback(b *testing.B) {
	done := shippedSite(b)
	srv := New(done, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(b.Context())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	defer func() {
		cancel()
		if err := <-served; err != nil {
			b.Error(err)
		}
	}()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	req := []byte("GET /articles/myofascial-release-therapy/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip\r\nUser-Agent: bench\r\n\r\n")
	br := bufio.NewReaderSize(conn, 64<<10)
	b.ReportAllocs()
	cpu := processCPU(b)
	for b.Loop() {
		if _, err := conn.Write(req); err != nil {
			b.Fatal(err)
		}
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, resp.Body); err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatal(resp.Status)
		}
	}
	// The CPU the process used, server and client, user and system,
	// per request: on a machine shared with other work it varies far
	// less than the time a request takes.
	b.ReportMetric(float64(processCPU(b)-cpu)/float64(b.N), "cpu-ns/op")
}

// processCPU is the CPU time this process has used so far, user and
// system, in nanoseconds.
func processCPU(b *testing.B) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
