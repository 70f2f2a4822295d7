package site

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"healthsite/internal/search"
)

// errNoSearch is the search error of a site built with Options.NoSearch.
var errNoSearch = errors.New("this site was built without its search index")

// Completion is the work a Site has left when Build returns, and what
// that work makes: every page's compressed variants and each language's
// search index. It runs in the background, so that a large site starts
// serving at once; serve, build and each reload all finish a Site
// through one, and Ready says when it is whole.
//
// The Site built is never changed: the Completion makes another, whole
// (Site returns it once Ready is closed), whose pages carry their
// variants and no plain bytes where gzip holds them, and the built one,
// with every page's plain bytes, is then left to the garbage collector.
type Completion struct {
	site    atomic.Pointer[Site] // the Site built, until the whole one replaces it
	ready   chan struct{}
	indexed chan struct{} // closed once indexes and indexErr are set
	err     error

	indexes     map[string]*search.Index // each language's index, by the prefix of its paths
	indexErr    error
	done        atomic.Int64 // pages with their compressed variants so far
	all         int
	compressing time.Duration
}

// Complete starts finishing s and returns at once. ctx ends the work
// early, as at shutdown. Completing a Site again costs nothing for the
// pages already compressed, nor for an index already built: the whole
// Site a Completion makes completes at once.
func (s *Site) Complete(ctx context.Context) *Completion {
	c := &Completion{ready: make(chan struct{}), indexed: make(chan struct{})}
	c.site.Store(s)
	pages := s.all()
	c.all = len(pages)
	for _, p := range pages {
		if p.compressed() {
			c.done.Add(1)
		}
	}
	if s.whole {
		c.indexes, c.indexErr = s.indexes, s.indexErr
		close(c.indexed)
		close(c.ready)
		return c
	}
	go c.index(s)
	go c.compress(ctx, s)
	return c
}

// index builds the search index of every language of s. It runs beside
// the compression: indexing is mostly one core's work, and searches
// wait for it alone.
func (c *Completion) index(s *Site) {
	defer close(c.indexed)
	if s.noSearch {
		c.indexErr = errNoSearch
		return
	}
	indexes := make(map[string]*search.Index, len(s.searches))
	for prefix, ls := range s.searches {
		docs := make([]search.Doc, len(ls.docs))
		for i, d := range ls.docs {
			docs[i] = search.Doc(d)
		}
		ix, err := search.Build(docs, search.Options{Synonyms: ls.synonyms, Language: ls.lang})
		if err != nil {
			c.indexErr = fmt.Errorf("building the search index: %w", err)
			return
		}
		indexes[prefix] = ix
	}
	c.indexes = indexes
}

// compress makes the compressed variants of every page of s, waits for
// the index, and then publishes the whole Site.
func (c *Completion) compress(ctx context.Context, s *Site) {
	defer close(c.ready)
	start := time.Now()
	made, err := s.compress(ctx, &c.done)
	if err != nil {
		c.err = err
		return
	}
	c.compressing = time.Since(start)
	select {
	case <-c.indexed:
	case <-ctx.Done():
		c.err = ctx.Err()
		return
	}
	if c.indexErr != nil && !errors.Is(c.indexErr, errNoSearch) {
		c.err = c.indexErr
	}
	c.site.Store(s.made(made, c.indexes, c.indexErr))
}

// made returns the whole Site of s: its pages replaced by the ones
// made, by the page each replaces, and its search indexes.
func (s *Site) made(made map[*Page]*Page, indexes map[string]*search.Index, indexErr error) *Site {
	w := *s
	or := func(p *Page) *Page {
		if q := made[p]; q != nil {
			return q
		}
		return p
	}
	w.pages = make(map[string]*Page, len(s.pages))
	for path, p := range s.pages {
		w.pages[path] = or(p)
	}
	w.errorPages = make(map[string]*errorPages, len(s.errorPages))
	for prefix, ep := range s.errorPages {
		whole := *ep
		whole.notFound, whole.serverError = or(ep.notFound), or(ep.serverError)
		w.errorPages[prefix] = &whole
	}
	w.staticSearch = make(map[string]*Page, len(s.staticSearch))
	for prefix, p := range s.staticSearch {
		w.staticSearch[prefix] = or(p)
	}
	w.whole, w.indexes, w.indexErr = true, indexes, indexErr
	return &w
}

// Site is the Site to serve: the one built until Ready is closed, and
// from then on, unless Err says otherwise, the whole one, with every
// page's compressed variants. Both show the same pages.
func (c *Completion) Site() *Site { return c.site.Load() }

// Ready is closed once every page is compressed and the search index is
// built, or either failed.
func (c *Completion) Ready() <-chan struct{} { return c.ready }

// Err is why the Site could not be completed (ctx's error, or the
// search index's), or nil. It is meaningful once Ready is closed.
func (c *Completion) Err() error { return c.err }

// Compressing is how long the compression of every page took; it is
// meaningful once Ready is closed and Err is nil.
func (c *Completion) Compressing() time.Duration { return c.compressing }

// Compressed reports how many of the site's pages have their compressed
// variants made, of how many. /healthz asks on every call: it is a
// counter, not a look at every page.
func (c *Completion) Compressed() (done, all int) { return int(c.done.Load()), c.all }

// Wait waits until Ready is closed, or ctx is done, and returns Err, or
// ctx's error.
func (c *Completion) Wait(ctx context.Context) error {
	select {
	case <-c.ready:
		return c.err
	case <-ctx.Done():
		return ctx.Err()
	}
}
