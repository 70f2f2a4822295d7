package server

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"
)

// exchange is one request and its response, as the middleware and the
// handlers share them: the version the request is served from, loaded
// once as it arrives; the status and size of the response, for the
// request log; and chi's routing context. It is the request's context,
// so that one allocation carries all of them: it answers requestKey and
// chi.RouteCtxKey itself, and every other question from the context
// net/http made.
type exchange struct {
	context.Context
	request
	route  *chi.Context
	writer statusWriter
}

// Value returns the exchange's request for requestKey, its routing
// context for chi.RouteCtxKey, and the parent context's value of any
// other key.
func (x *exchange) Value(key any) any {
	switch key {
	case requestKey{}:
		return &x.request
	case chi.RouteCtxKey:
		return x.route
	}
	return x.Context.Value(key)
}

// routeContexts are chi's routing contexts, reused as chi itself reuses
// them: a request's is put back when its handler returns.
var routeContexts = sync.Pool{New: func() any { return chi.NewRouteContext() }}

// serve serves r through the routes, from the version current when it
// arrives (its headers, body and entity tag all come from that one
// version, even when a Swap lands while it is served), and logs it.
//
// chi finds the routing context in the request's context, as it does
// when it is a router mounted in another, and does not make one of its
// own.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	x := &exchange{Context: r.Context(), writer: statusWriter{ResponseWriter: w}}
	x.request = request{version: s.current.Load()}
	x.site = x.version.done.Site()
	x.route = routeContexts.Get().(*chi.Context)
	x.route.Reset()
	x.route.Routes = s.mux
	s.handler.ServeHTTP(&x.writer, r.WithContext(x))
	// Not deferred, as chi does not: a handler that panics past
	// recoverPanics aborts the request, and its context stays garbage.
	routeContexts.Put(x.route)
	s.logRequest(x, r, start)
}

// logRequest logs one line for the request x served, with its outcome.
// The record is handed to the log's handler directly, without the
// caller's program counter, which a request line does not need and
// which costs more to find than the rest of the line.
func (s *Server) logRequest(x *exchange, r *http.Request, start time.Time) {
	status := x.writer.status
	if status == 0 {
		status = http.StatusOK
	}
	level, msg := slog.LevelInfo, "request"
	switch {
	case x.problems:
		// The preview's own report of the editor's mistakes: the
		// server works as it should.
		level, msg = slog.LevelWarn, "showing problems"
	case status >= 500:
		level = slog.LevelError
	}
	h := s.log.Handler()
	if !h.Enabled(x, level) {
		return
	}
	now := time.Now()
	rec := slog.NewRecord(now, level, msg, 0)
	rec.AddAttrs(
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.Int("status", status),
		slog.Int("bytes", x.writer.bytes),
		slog.Duration("duration", now.Sub(start)),
	)
	_ = h.Handle(x, rec)
}

// statusWriter is a ResponseWriter that notes the status and the number
// of body bytes of the response, for the request log. Like chi's
// middleware.WrapResponseWriter it sends the first status only, and
// passes on informational ones (1xx but 101).
type statusWriter struct {
	http.ResponseWriter
	status int // 0 until the headers are sent
	bytes  int
}

// WriteHeader sends the status code, unless one was sent already.
func (w *statusWriter) WriteHeader(code int) {
	if code >= 100 && code <= 199 && code != http.StatusSwitchingProtocols {
		w.ResponseWriter.WriteHeader(code)
		return
	}
	if w.status == 0 {
		w.status = code
		w.ResponseWriter.WriteHeader(code)
	}
}

// Write writes body bytes, after a 200 status if none was sent.
func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += n
	return n, err
}

// Flush sends what is buffered to the client, after a 200 status if
// none was sent.
func (w *statusWriter) Flush() {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap returns the ResponseWriter of net/http, for
// http.ResponseController.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
