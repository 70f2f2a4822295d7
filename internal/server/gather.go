package server

import (
	"context"
	"net"
	"net/http"
	"sync"
)

// net/http writes a response through a 4 KiB buffer: the headers and
// the start of a longer body go out in one write, the rest in another,
// and on loopback or a LAN each write costs about as much CPU as the
// whole handler. A response's bytes are gathered instead, and sent
// with one write: see writeBody.

// maxGathered is the largest body that is gathered with its headers
// into one write; a longer one is sent as net/http sends it, in writes
// of which one more costs little beside the bytes.
const maxGathered = 64 << 10

// gatherListener is a listener whose connections can gather a
// response's writes into one.
type gatherListener struct{ net.Listener }

// Accept returns the next connection, as a *gatherConn.
func (l gatherListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &gatherConn{Conn: c}, nil
}

// gatherConn is a connection that, between gather and send, keeps what
// is written to it and then writes it all at once. Only the goroutine
// serving the connection's request writes to it, so it needs no lock.
type gatherConn struct {
	net.Conn
	held *[]byte // what was written since gather; nil when not gathering
}

// gathered are the buffers of responses being gathered, reused.
var gathered = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

// Write writes p, or keeps a copy of it while gathering.
func (c *gatherConn) Write(p []byte) (int, error) {
	if c.held != nil {
		*c.held = append(*c.held, p...)
		return len(p), nil
	}
	return c.Conn.Write(p)
}

// gather starts keeping what is written.
func (c *gatherConn) gather() {
	c.held = gathered.Get().(*[]byte)
	*c.held = (*c.held)[:0]
}

// send writes what was kept since gather in one write, and stops
// keeping. A failed write closes the connection, as net/http does
// after a write error: the client has part of a response at most.
func (c *gatherConn) send() {
	b := c.held
	c.held = nil
	if _, err := c.Conn.Write(*b); err != nil {
		c.Conn.Close()
	}
	if cap(*b) <= maxGathered+16<<10 {
		gathered.Put(b)
	}
}

// CloseWrite shuts down the writing side of a TCP connection, which
// net/http does before it closes a connection on some errors.
func (c *gatherConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// connKey is the context key of a request's *gatherConn.
type connKey struct{}

// withConn is the http.Server's ConnContext: each request's context
// holds its connection, for writeBody.
func withConn(ctx context.Context, c net.Conn) context.Context {
	if gc, ok := c.(*gatherConn); ok {
		return context.WithValue(ctx, connKey{}, gc)
	}
	return ctx
}

// writeGathered writes body through w with the headers already set, in
// one write to r's connection when it is a *gatherConn, and reports
// whether it did; when not, nothing was written.
func writeGathered(w http.ResponseWriter, r *http.Request, status int, body []byte) bool {
	if len(body) > maxGathered {
		return false
	}
	c, ok := r.Context().Value(connKey{}).(*gatherConn)
	if !ok {
		return false
	}
	f, ok := w.(http.Flusher)
	if !ok {
		return false
	}
	c.gather()
	defer c.send()
	w.WriteHeader(status)
	_, _ = w.Write(body)
	f.Flush()
	return true
}
