package article

import (
	"crypto/sha256"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"healthsite/internal/markdown"
)

// maxSlowBodies bounds how many slow bodies the process remembers.
const maxSlowBodies = 256

// RenderGuard remembers the bodies whose rendering ran over its budget,
// runs at most one render of a body at a time, and answers at once for
// a body known to take longer than the budget. goldmark cannot be
// stopped, so such a render goes on in the background until it
// finishes; a program that loads the same content again and again (each
// save under -dev, each SIGHUP) keeps one RenderGuard for all its loads
// (Options.Renders), or every reload of a slow file would start one
// more render, until they took every core.
type RenderGuard struct {
	mu      sync.Mutex
	running map[[sha256.Size]byte]*renderRun    // renders under way, by body
	slow    map[[sha256.Size]byte]time.Duration // how long over-budget renders took
	order   [][sha256.Size]byte                 // slow's keys, oldest first
	started atomic.Int64                        // renders started, for tests
}

// NewRenderGuard returns a guard that knows no body yet.
func NewRenderGuard() *RenderGuard {
	return &RenderGuard{
		running: map[[sha256.Size]byte]*renderRun{},
		slow:    map[[sha256.Size]byte]time.Duration{},
	}
}

// renderRun is a render under way.
type renderRun struct {
	start time.Time
	done  chan struct{} // closed when it has finished
}

// remember records that the body with key took took to render. The
// caller holds g.mu.
func (g *RenderGuard) remember(key [sha256.Size]byte, took time.Duration) {
	if _, ok := g.slow[key]; !ok {
		g.order = append(g.order, key)
	}
	g.slow[key] = took
	for len(g.order) > maxSlowBodies {
		delete(g.slow, g.order[0])
		g.order = g.order[1:]
	}
}

// overBudget is the problem of a body that takes too long to render.
func overBudget(budget time.Duration) error {
	return fmt.Errorf("the article text takes over %s to render, so it is not published (this comes from thousands of nested brackets, quotes, emphasis or list markers: look for a long run of the same punctuation and remove it)", budget)
}

// renderWithin renders body, giving up after budget. A render that runs
// over goes on in the background until goldmark finishes; the article is
// reported, and never published, instead of hanging the load. A body
// known to take longer than budget is reported at once, without
// rendering it again, and while one render of a body is under way no
// other is started: a second caller waits for it within its own budget.
func (g *RenderGuard) renderWithin(md *markdown.Renderer, body []byte, opts markdown.Options, budget time.Duration) (*markdown.Document, error) {
	key := sha256.Sum256(body)
	deadline := time.Now().Add(budget)
	for {
		g.mu.Lock()
		if took, ok := g.slow[key]; ok && took > budget {
			g.mu.Unlock()
			return nil, overBudget(budget)
		}
		run := g.running[key]
		if run == nil {
			break // with g.mu held
		}
		g.mu.Unlock()
		// It has run for longer than this caller may wait: it is over
		// this budget too.
		left := min(time.Until(deadline), budget-time.Since(run.start))
		if left <= 0 {
			return nil, overBudget(budget)
		}
		timer := time.NewTimer(left)
		select {
		case <-run.done:
			timer.Stop()
			// Finished: it is now known whether it fits this budget.
		case <-timer.C:
			return nil, overBudget(budget)
		}
	}
	run := &renderRun{start: time.Now(), done: make(chan struct{})}
	g.running[key] = run
	g.mu.Unlock()
	g.started.Add(1)

	type result struct {
		doc *markdown.Document
		err error
	}
	out := make(chan result, 1)
	go func() {
		doc, err := md.RenderWith(body, opts)
		took := time.Since(run.start)
		g.mu.Lock()
		delete(g.running, key)
		if took > budget {
			g.remember(key, took)
		}
		g.mu.Unlock()
		close(run.done)
		out <- result{doc, err}
	}()
	timer := time.NewTimer(max(time.Until(deadline), 0))
	defer timer.Stop()
	select {
	case r := <-out:
		if r.err != nil {
			return nil, fmt.Errorf("the article text cannot be rendered: %v (look for unusual characters near the start of the text)", r.err)
		}
		return r.doc, nil
	case <-timer.C:
		return nil, overBudget(budget)
	}
}
