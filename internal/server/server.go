// Package server serves the current Site over HTTP: chi routes in one
// place, middleware for logging and recovery, conditional requests, and
// an atomic swap to a new content version without dropping a request.
package server

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-chi/chi/v5"

	"healthsite/internal/paths"
	"healthsite/internal/site"
)

// Cache policies. HTML pages change when content is redeployed, so
// caches keep them briefly and may serve a stale copy while they
// revalidate; fingerprinted assets never change under their URL.
const (
	cachePage      = "public, max-age=300, stale-while-revalidate=86400"
	cacheImmutable = "public, max-age=31536000, immutable"
	cacheError     = "public, max-age=60"
	cacheSearch    = "public, max-age=60"
)

// Options tune a Server.
type Options struct {
	// Dev is the editor's preview: the problems pages of the Site are
	// served at the addresses they stand in for (see site.ProblemPage),
	// a version that cannot be built at all shows its errors on every
	// page, and /_dev/events tells open pages to reload after each
	// change.
	Dev bool
	// Limits of the HTTP server; zero fields take DefaultLimits.
	Limits Limits
	// LocalOnly answers only requests whose Host names this computer
	// (localhost, 127.0.0.1, [::1]), for a preview that listens on a
	// loopback address: see localOnly.
	LocalOnly bool
}

// Server serves the current version of the site. Swap replaces it.
type Server struct {
	mu       sync.Mutex // serializes the changes of current
	current  atomic.Pointer[version]
	log      *slog.Logger
	opts     Options
	mux      *chi.Mux      // the routes
	handler  http.Handler  // what serve hands a request to: the routes (tests wrap them)
	changes  broadcast     // a new version, or new problems
	stopping chan struct{} // closed when shutdown begins, to end event streams
	stopOnce sync.Once
	now      func() time.Time // the clock of retiring assets; tests move it
}

// New returns a server of the Site done completes, which logs to log:
// it serves the Site as built until done makes it whole.
func New(done *site.Completion, log *slog.Logger, opts Options) *Server {
	srv := &Server{log: log, opts: opts, stopping: make(chan struct{}), now: time.Now}
	srv.current.Store(&version{done: done})
	srv.mux = srv.routes()
	srv.handler = srv.mux
	return srv
}

// Swap makes next the version served to every request that starts after
// it returns, and forgets the errors of an earlier failed reload;
// requests already running finish with the version they had.
//
// The fingerprinted assets of the version replaced that next lacks stay
// at their addresses for site.KeepRetired, for the pages of that version
// that browsers and CDNs still hold.
func (s *Server) Swap(next *site.Completion) {
	s.mu.Lock()
	old := s.current.Load()
	s.current.Store(&version{done: next, retired: retire(old, next, s.now())})
	s.mu.Unlock()
	s.changes.notify()
}

// setProblems records the errors of the last reload, which failed: the
// Site served stays.
func (s *Server) setProblems(err error) {
	s.mu.Lock()
	old := s.current.Load()
	s.current.Store(&version{done: old.done, problems: err, retired: old.retired})
	s.mu.Unlock()
	s.changes.notify()
}

// Site returns the Site being served.
func (s *Server) Site() *site.Site { return s.current.Load().done.Site() }

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.serve(w, r) }

// routes installs every route: search, health and the preview's
// events, then one for every prerendered page the current Site has.
// Each request comes to them through serve, which loads its version
// and logs it.
func (s *Server) routes() *chi.Mux {
	r := chi.NewRouter()
	r.Use(s.secureHeaders, s.recoverPanics)
	if s.opts.LocalOnly {
		r.Use(s.localOnly)
	}

	get := func(pattern string, h http.HandlerFunc) {
		// HEAD is GET without the body, which net/http drops.
		r.Get(pattern, h)
		r.Head(pattern, h)
	}
	// Only what is made per request has a route of its own; every other
	// path is whatever page the current Site has there (its page kinds,
	// internal/site's kinds.go, are the URL scheme), else a redirect or
	// the 404 page. Those paths have no route pattern: chi hands them
	// to handlePage as its NotFound handler, without the path value a
	// "/*" route would set on every request.
	get(paths.Search, s.handleSearch) // full-text search, rendered per request; each further language's at /<tag>/search (handlePage)
	get(paths.Health, s.handleHealth) // liveness for load balancers
	if s.opts.Dev {
		get("/_dev/events", s.handleDevEvents) // reload events for the preview's open pages
	}
	r.NotFound(s.handlePage) // every prerendered page: articles, lists, feeds, assets, the preview's problems
	r.MethodNotAllowed(s.handleMethodNotAllowed)
	return r
}

// handlePage serves GET and HEAD of a prerendered page, and any other
// method of any path without a route of its own with 405.
func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		s.handleMethodNotAllowed(w, r)
		return
	}
	req := s.requestOf(r)
	if _, ok := req.site.SearchPath(r.URL.Path); ok {
		s.handleSearch(w, r)
		return
	}
	p := req.site.Page(r.URL.Path)
	if s.showProblems(w, r) {
		return
	}
	if p == nil {
		p = req.version.retired[r.URL.Path].page // nil when it is not one
	}
	if p == nil {
		s.handleNotFound(w, r)
		return
	}
	e := negotiate(headerList(r, "Accept-Encoding"), p.Has)
	body, etag, _ := p.Variant(e)
	serveBody(w, r, body, req.version.heads.head(p, e, body, etag))
}

// encode chooses the body of p that the request accepts, sets the
// headers that say so, and returns the body.
func encode(h http.Header, r *http.Request, p *site.Page) []byte {
	e := negotiate(headerList(r, "Accept-Encoding"), p.Has)
	body, _, _ := p.Variant(e)
	if p.Compressible() {
		// Caches must keep one copy per encoding.
		h["Vary"] = valueVary
	}
	if e != site.Identity {
		h["Content-Encoding"] = valueEncoding[e]
	}
	return body
}

// handleSearch serves GET /search?q=...&page=N, and each further
// language's /<tag>/search: the one page rendered per request. Any
// query gets a page, never an error.
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	if s.showProblems(w, r) {
		return
	}
	q := r.URL.Query()
	page, err := strconv.Atoi(q.Get("page"))
	if err != nil || page < 1 {
		page = 1
	}
	req := s.requestOf(r)
	prefix, _ := req.site.SearchPath(r.URL.Path)
	body, err := req.version.done.SearchPage(r.Context(), prefix, q.Get("q"), page)
	if err != nil && r.Context().Err() != nil {
		return // the reader left while the search index was being built
	}
	if err != nil {
		s.log.ErrorContext(r.Context(), "search failed", "query", q.Get("q"), "error", err)
		writePage(w, r, s.siteOf(r).ServerErrorAt(r.URL.Path), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", cacheSearch)
	writeBody(w, r, http.StatusOK, body)
}

// handleNotFound redirects a path the site knows another address for
// (missing its trailing slash, moved, or in other letters: see
// site.Site.Canonical) to that address, and otherwise serves the 404
// page of the path's language (/es/… the Spanish one), with the
// articles of that language the path nearly names.
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		s.handleMethodNotAllowed(w, r)
		return
	}
	cur := s.siteOf(r)
	if s.showProblems(w, r) {
		return
	}
	if to, ok := cur.Canonical(r.URL.Path); ok {
		// Escaped, as a topic's or an author's address may hold any
		// letter; the query goes along.
		to = (&url.URL{Path: to, RawQuery: r.URL.RawQuery}).String()
		http.Redirect(w, r, to, http.StatusMovedPermanently)
		return
	}
	// The page as built, unless the address nearly names an article:
	// then the same page with those articles, made for this request.
	body, err := cur.NotFoundPage(r.URL.Path)
	if err != nil || body == nil {
		if err != nil {
			s.log.ErrorContext(r.Context(), "rendering the 404 page", "path", r.URL.Path, "error", err)
		}
		writePage(w, r, cur.NotFoundAt(r.URL.Path), http.StatusNotFound)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", cacheError)
	writeBody(w, r, http.StatusNotFound, body)
}

// handleMethodNotAllowed answers every method but GET and HEAD.
func (s *Server) handleMethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Allow", "GET, HEAD")
	http.Error(w, "405 method not allowed: this site only answers GET and HEAD", http.StatusMethodNotAllowed)
}

// handleHealth serves GET /healthz: 200 while a site is loaded, with
// how many of its pages are compressed yet.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	req := s.requestOf(r)
	done, all := req.version.done.Compressed()
	body := fmt.Sprintf("ok %d articles, %d of %d pages compressed\n", req.site.Articles(), done, all)
	writeBody(w, r, http.StatusOK, []byte(body))
}

// writePage writes a prerendered page with a status other than 200.
// A 404 may be cached briefly; a 500 never is.
func writePage(w http.ResponseWriter, r *http.Request, p *site.Page, status int) {
	h := w.Header()
	body := encode(h, r, p)
	h.Set("Content-Type", p.ContentType)
	if status >= 500 {
		h.Set("Cache-Control", "no-store")
	} else {
		h.Set("Cache-Control", cacheError)
	}
	writeBody(w, r, status, body)
}

// recoverPanics turns a panic in a handler into the 500 page and a log
// entry with the stack, instead of a dropped connection.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v) // the client went away; let net/http handle it
			}
			s.log.ErrorContext(r.Context(), "panic serving request",
				"method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
			// Headers the failed handler set belong to its page, not to
			// the error page; and an error must not be cached.
			for _, k := range []string{"ETag", "Last-Modified", "Accept-Ranges", "Content-Encoding", "Vary"} {
				w.Header().Del(k)
			}
			writePage(w, r, s.siteOf(r).ServerErrorAt(r.URL.Path), http.StatusInternalServerError)
		}()
		next.ServeHTTP(w, r)
	})
}

// Limits are the HTTP server's defences against slow or oversized
// requests. The zero value of a field means its default.
type Limits struct {
	ReadHeaderTimeout time.Duration // to read a request's headers: slowloris clients are cut off
	ReadTimeout       time.Duration // to read a whole request
	WriteTimeout      time.Duration // to write a response
	IdleTimeout       time.Duration // a kept-alive connection waits this long for the next request
	MaxHeaderBytes    int           // larger request headers get 431
	ShutdownTimeout   time.Duration // requests in flight get this long to finish on shutdown
}

// DefaultLimits returns the limits of a Server whose Options set none.
// It is a function, not a variable, so that nothing can change them for
// every Server of the process.
func DefaultLimits() Limits {
	return Limits{
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ShutdownTimeout:   15 * time.Second,
	}
}

// orDefault fills the zero fields of l from DefaultLimits.
func (l Limits) orDefault() Limits {
	d := DefaultLimits()
	return Limits{
		ReadHeaderTimeout: cmp.Or(l.ReadHeaderTimeout, d.ReadHeaderTimeout),
		ReadTimeout:       cmp.Or(l.ReadTimeout, d.ReadTimeout),
		WriteTimeout:      cmp.Or(l.WriteTimeout, d.WriteTimeout),
		IdleTimeout:       cmp.Or(l.IdleTimeout, d.IdleTimeout),
		MaxHeaderBytes:    cmp.Or(l.MaxHeaderBytes, d.MaxHeaderBytes),
		ShutdownTimeout:   cmp.Or(l.ShutdownTimeout, d.ShutdownTimeout),
	}
}

// Serve serves on ln until ctx is done, then shuts down gracefully:
// it stops accepting connections and waits up to the ShutdownTimeout
// for requests in flight to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	lim := s.opts.Limits.orDefault()
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: lim.ReadHeaderTimeout,
		ReadTimeout:       lim.ReadTimeout,
		WriteTimeout:      lim.WriteTimeout,
		IdleTimeout:       lim.IdleTimeout,
		// net/http allows 4 KiB over this before it answers 431.
		MaxHeaderBytes: max(lim.MaxHeaderBytes-4096, 1024),
		ErrorLog:       slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:    func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
		ConnContext:    withConn,
	}
	hs.RegisterOnShutdown(s.stop)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(gatherListener{ln}) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "timeout", lim.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), lim.ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
