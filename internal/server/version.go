package server

import (
	"net/http"
	"time"

	"healthsite/internal/site"
)

// version is what one request is served from: the Completion of a Site
// (which publishes the Site to serve, and answers searches), and in the
// preview the errors of the last reload, which failed (nil when it
// worked). Both are swapped in together, in one store, so that no
// request sees one's new value with the other's old one.
type version struct {
	done     *site.Completion
	problems error
	// retired are the fingerprinted assets of earlier versions that
	// this one lacks, kept for site.KeepRetired from the swap that
	// dropped them, for pages of those versions still in caches.
	retired map[string]retiredPage
	heads   headCache // the heads of the pages sent from this version
}

// retiredPage is an asset of an earlier version, and when a Swap first
// served a version without it.
type retiredPage struct {
	page  *site.Page
	since time.Time
}

// retire returns the retired assets of the version after old, which
// serves next from now on: old's own immutable pages that next lacks,
// and old's retired ones that next still lacks and that are not yet
// site.KeepRetired old.
func retire(old *version, done *site.Completion, now time.Time) map[string]retiredPage {
	out := map[string]retiredPage{}
	next := done.Site()
	for path, r := range old.retired {
		if next.Page(path) == nil && now.Sub(r.since) <= site.KeepRetired {
			out[path] = r
		}
	}
	if old.done != nil && old.done != done {
		prev := old.done.Site()
		for _, path := range prev.Paths() {
			if p := prev.Page(path); p.Immutable && next.Page(path) == nil {
				out[path] = retiredPage{page: p, since: now}
			}
		}
	}
	return out
}

// request is what the middleware and the handlers of one request
// share: the version it is served from and its Site, loaded once as it
// arrives, and what the handler tells the request log beyond the
// status. Its exchange holds it (see Server.serve).
type request struct {
	version  *version
	site     *site.Site // the version's Site when the request arrived
	problems bool       // the answer is the preview's problems page
}

// newRequest returns the request served from v.
func newRequest(v *version) *request { return &request{version: v, site: v.done.Site()} }

// requestKey is the context key of a request's *request.
type requestKey struct{}

// requestOf returns r's *request, which Server.serve made. A handler
// or middleware used on its own, without serve, is served from the
// current version.
func (s *Server) requestOf(r *http.Request) *request {
	if req, ok := r.Context().Value(requestKey{}).(*request); ok {
		return req
	}
	return newRequest(s.current.Load())
}

// siteOf returns the Site r is served from.
func (s *Server) siteOf(r *http.Request) *site.Site { return s.requestOf(r).site }

// noteProblems records that r is answered with the preview's problems
// page, logged as such rather than as a server error.
func (s *Server) noteProblems(r *http.Request) { s.requestOf(r).problems = true }
