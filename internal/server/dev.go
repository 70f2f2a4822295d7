package server

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// broadcast tells any number of waiters that something changed. The
// zero value is ready to use.
type broadcast struct {
	mu      sync.Mutex
	version uint64
	ch      chan struct{} // closed and replaced on each change
}

// wait returns the current version and a channel closed at the next change.
func (b *broadcast) wait() (uint64, <-chan struct{}) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.ch == nil {
		b.ch = make(chan struct{})
	}
	return b.version, b.ch
}

func (b *broadcast) notify() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.version++
	if b.ch != nil {
		close(b.ch)
	}
	b.ch = make(chan struct{})
}

// stop ends every event stream; it runs when shutdown begins, so that
// open preview tabs do not hold the shutdown up.
func (s *Server) stop() { s.stopOnce.Do(func() { close(s.stopping) }) }

// handleDevEvents serves GET /_dev/events in development: a stream of
// server-sent events with a "reload" event after each new version of the
// content, or each failed one, so that open pages show it at once.
func (s *Server) handleDevEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	// The stream outlives the server's write timeout.
	_ = rc.SetWriteDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	seen, changed := s.changes.wait()
	fmt.Fprint(w, "retry: 500\n\n")
	if rc.Flush() != nil {
		return
	}
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.stopping:
			return
		case <-changed:
		}
		var now uint64
		now, changed = s.changes.wait()
		if now == seen {
			continue
		}
		seen = now
		fmt.Fprintf(w, "event: reload\ndata: %d\n\n", now)
		if rc.Flush() != nil {
			return
		}
	}
}

// showProblems serves, in development, a problems page instead of the
// page at the request's path, and reports whether it did: the report of
// the latest change when it could not be built at all (every page shows
// it), or the problems the current version shows at this path (those of
// the file whose address it is, or of the whole content when nothing
// could be previewed). Assets are still served, so that the page has
// its style. The status is 500, so that no tool (a link checker, curl
// -f) takes the report for the page; the log says it is the editor's
// problems, not the server's.
func (s *Server) showProblems(w http.ResponseWriter, r *http.Request) bool {
	if !s.opts.Dev || strings.HasPrefix(r.URL.Path, "/static/") {
		return false
	}
	req := s.requestOf(r)
	v, cur := req.version, req.site
	if v.problems != nil {
		body, err := cur.ProblemsPage(v.problems)
		if err != nil {
			s.log.Error("rendering the problems page", "error", err)
			return false
		}
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		s.noteProblems(r)
		writeBody(w, r, http.StatusInternalServerError, body)
		return true
	}
	if p := cur.ProblemPage(r.URL.Path); p != nil {
		s.noteProblems(r)
		writePage(w, r, p, http.StatusInternalServerError)
		return true
	}
	return false
}
