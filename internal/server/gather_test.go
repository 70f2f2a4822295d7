package server

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"healthsite/internal/site"
)

// writeLog is a listener whose connections record each write.
type writeLog struct {
	net.Listener
	mu     sync.Mutex
	writes [][]byte
}

func (l *writeLog) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &loggedConn{Conn: c, log: l}, nil
}

// loggedConn records its writes in log.
type loggedConn struct {
	net.Conn
	log *writeLog
}

func (c *loggedConn) Write(p []byte) (int, error) {
	c.log.mu.Lock()
	c.log.writes = append(c.log.writes, bytes.Clone(p))
	c.log.mu.Unlock()
	return c.Conn.Write(p)
}

// TestServe_OneWritePerResponse sends requests of every kind over one
// kept-alive connection to Serve, and checks that each response went
// to the connection in one write, headers and body together, whole:
// the status line starts every write, and the bytes of the writes are
// the bytes the client read.
func TestServe_OneWritePerResponse(t *testing.T) {
	srv, _ := newTestServer(t)
	article := "/articles/myofascial-release-therapy/"
	ts := httptest.NewServer(srv)
	defer ts.Close()
	_, gz := get(t, ts.URL+article, "Accept-Encoding", "gzip")
	_, gzETag, _ := srv.Site().Page(article).Variant(site.Gzip)
	requests := []struct {
		name, method, path string
		header             []string
		status             int
	}{
		{"gzip", "GET", article, []string{"Accept-Encoding", "gzip"}, 200},
		{"brotli", "GET", article, []string{"Accept-Encoding", "gzip, br"}, 200},
		{"identity", "GET", article, nil, 200},
		{"HEAD", "HEAD", article, []string{"Accept-Encoding", "gzip"}, 200},
		{"not modified", "GET", article, []string{"Accept-Encoding", "gzip", "If-None-Match", `"x", ` + gzETag}, 304},
		{"not found", "GET", "/no-such-page", nil, 404},
		{"redirect", "GET", "/articles/myofascial-release-therapy", nil, 301},
		{"search", "GET", "/search?q=muscle", nil, 200},
		{"health", "GET", "/healthz", nil, 200},
		{"method", "POST", article, nil, 405},
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	wl := &writeLog{Listener: ln}
	ctx, cancel := context.WithCancel(t.Context())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, wl) }()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	var read bytes.Buffer
	br := bufio.NewReader(io.TeeReader(conn, &read))
	for _, rq := range requests {
		req, _ := http.NewRequest(rq.method, "http://"+ln.Addr().String()+rq.path, nil)
		for i := 0; i+1 < len(rq.header); i += 2 {
			req.Header.Set(rq.header[i], rq.header[i+1])
		}
		if err := req.Write(conn); err != nil {
			t.Fatal(err)
		}
		resp, err := http.ReadResponse(br, req)
		if err != nil {
			t.Fatalf("%s: %v", rq.name, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != rq.status {
			t.Errorf("%s: status %d, want %d", rq.name, resp.StatusCode, rq.status)
		}
		if rq.name == "gzip" && string(body) != gz {
			t.Errorf("gzip: the body differs from the one of the test server")
		}
	}
	conn.Close()
	cancel()
	if err := <-served; err != nil {
		t.Fatal(err)
	}
	if len(wl.writes) != len(requests) {
		t.Errorf("%d writes for %d responses", len(wl.writes), len(requests))
	}
	for i, w := range wl.writes {
		if !bytes.HasPrefix(w, []byte("HTTP/1.1 ")) {
			t.Errorf("write %d does not start a response: %.40q", i, w)
		}
	}
	if got := bytes.Join(wl.writes, nil); !bytes.Equal(got, read.Bytes()) {
		t.Errorf("the writes hold %d bytes, the client read %d", len(got), read.Len())
	}
}
