package server

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"healthsite/internal/article"
	"healthsite/internal/site"
)

// Clock tells the time and waits; tests replace it with a fake one.
type Clock interface {
	Now() time.Time
	// After returns a channel that receives once d has passed.
	After(d time.Duration) <-chan time.Time
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }

// After returns time.After(d).
func (SystemClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// BuildFunc loads the content as it is now and builds the site as it
// should be seen at now, replacing previous. It is called for every new
// version. It decides what fails: to publish, any error in the content;
// in the preview, which shows a file's errors at its address, only what
// stops every page (see article.LoadPartial).
type BuildFunc func(now time.Time, previous *site.Site) (*site.Site, error)

// Publisher keeps a Server's site current. A version is loaded and built
// off to the side and swapped in whole; a version whose build fails is
// never swapped in: the previous one keeps being served and the errors
// are logged. It also rebuilds on its own when a scheduled article is due.
type Publisher struct {
	server *Server
	build  BuildFunc
	clock  Clock
	log    *slog.Logger

	mu     sync.Mutex // serializes builds: one version at a time
	reload chan string
}

// NewPublisher returns a publisher of srv's site.
func NewPublisher(srv *Server, build BuildFunc, clock Clock, log *slog.Logger) *Publisher {
	return &Publisher{server: srv, build: build, clock: clock, log: log, reload: make(chan string, 1)}
}

// Reload builds a new version now and swaps it in. On error the served
// version is unchanged and the error is returned and logged. ctx ends
// the wait for the new version's compression and search index, as at
// shutdown; the version is then not swapped in.
func (p *Publisher) Reload(ctx context.Context, reason string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	start := p.clock.Now()
	next, err := p.build(start, p.server.Site())
	var done *site.Completion
	if err == nil {
		// Completed before it is swapped in, so that readers get every
		// page of it compressed; pages that did not change kept their
		// variants from the previous version and cost nothing. And its
		// search index must be built, so that no search waits for it.
		done = next.Complete(ctx)
		err = done.Wait(ctx)
	}
	if err != nil && ctx.Err() != nil {
		return err // shutting down: the version is simply not needed
	}
	if err != nil {
		p.log.Error("reload failed; still serving the previous version", "reason", reason)
		for _, e := range article.Flatten(err) {
			p.log.Error("content problem", "problem", e.Error())
		}
		p.server.setProblems(err)
		return err
	}
	p.server.Swap(done)
	p.log.Info("reloaded", "reason", reason, "articles", next.Articles(), "duration", time.Since(start).Round(time.Microsecond))
	return nil
}

// Request asks Run for a reload without waiting for it; requests that
// arrive while one is pending are merged into it.
func (p *Publisher) Request(reason string) {
	select {
	case p.reload <- reason:
	default:
	}
}

// RetryScheduled is how long Run waits before trying again when the
// reload that should publish a scheduled article fails.
const RetryScheduled = time.Minute

// Run reloads on every Request and at the moment the next scheduled
// article is due, until ctx is done.
func (p *Publisher) Run(ctx context.Context) {
	failed := false // the last scheduled reload failed
	for {
		var due <-chan time.Time
		if next := p.server.Site().NextChange(); !next.IsZero() {
			// A moment after the due time, so that the build's clock
			// reads it as past.
			wait := max(next.Sub(p.clock.Now()), 0) + time.Millisecond
			if failed {
				wait = max(wait, RetryScheduled)
			}
			due = p.clock.After(wait)
		}
		select {
		case <-ctx.Done():
			return
		case reason := <-p.reload:
			failed = p.Reload(ctx, reason) != nil && failed
		case <-due:
			failed = p.Reload(ctx, "scheduled article due") != nil
		}
	}
}
