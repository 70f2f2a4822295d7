package site

import (
	"context"
	"errors"
	"time"
)

// errNoSearch is the search error of a site built with Options.NoSearch.
var errNoSearch = errors.New("this site was built without its search index")

// Completion is the work a Site has left when Build returns: making
// every page's compressed variants and building its search index. Both
// run in the background, so that a large site starts serving at once;
// serve, build and each reload all finish a Site through one, and Ready
// says when it is whole.
type Completion struct {
	ready      chan struct{}
	err        error
	compressed time.Duration
}

// Complete starts finishing s and returns at once. ctx ends the work
// early, as at shutdown. Completing a Site again costs nothing for the
// pages already compressed.
func (s *Site) Complete(ctx context.Context) *Completion {
	c := &Completion{ready: make(chan struct{})}
	go func() {
		defer close(c.ready)
		start := time.Now()
		if c.err = s.Compress(ctx); c.err != nil {
			return
		}
		c.compressed = time.Since(start)
		if c.err = s.SearchErr(ctx); errors.Is(c.err, errNoSearch) {
			c.err = nil // nothing to wait for: the site has no index
		}
	}()
	return c
}

// Ready is closed once every page is compressed and the search index is
// built, or either failed.
func (c *Completion) Ready() <-chan struct{} { return c.ready }

// Err is why the Site could not be completed (ctx's error, or the
// search index's), or nil. It is meaningful once Ready is closed.
func (c *Completion) Err() error { return c.err }

// Compressing is how long the compression of every page took; it is
// meaningful once Ready is closed and Err is nil.
func (c *Completion) Compressing() time.Duration { return c.compressed }

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
