package server

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"healthsite/internal/article"
	"healthsite/internal/site"
)

// fakeClock is a Clock whose time moves only when the test says so.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []waiter
}

type waiter struct {
	at time.Time
	c  chan time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	w := waiter{at: c.now.Add(d), c: make(chan time.Time, 1)}
	c.waiters = append(c.waiters, w)
	return w.c
}

// Advance moves the clock on by d and fires every timer now due.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if !w.at.After(c.now) {
			w.c <- c.now
		} else {
			kept = append(kept, w)
		}
	}
	c.waiters = kept
}

// pending is the number of timers waiting.
func (c *fakeClock) pending() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.waiters)
}

// safeBuffer collects log output from several goroutines.
type safeBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *safeBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *safeBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func dirBuild(dir string) BuildFunc {
	return func(now time.Time, prev *site.Site) (*site.Site, error) {
		lib, err := article.Load(os.DirFS(dir), article.Options{Root: "content"})
		if err != nil {
			return nil, err
		}
		return site.Build(lib, site.Options{Now: now, Previous: prev})
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	// Write then rename, as editors do, so that no reader sees half a file.
	tmp := path + ".tmp~"
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

const goodArticle = "---\ntitle: Sleep and back pain\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: How sleep helps.\n---\n\nSleep well.\n"

// TestPublisher_BrokenReloadKeepsServingLastGoodVersion replaces a file
// by a broken one while clients keep requesting pages: the reload fails
// and is logged, the old version stays, and no request fails; once the
// file is fixed, the next reload publishes it.
func TestPublisher_BrokenReloadKeepsServingLastGoodVersion(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sleep.md")
	writeFile(t, path, goodArticle)
	clock := &fakeClock{now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	var logs safeBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	build := dirBuild(dir)
	first, err := build(clock.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := New(first.Complete(t.Context()), log, Options{})
	pub := NewPublisher(srv, build, clock, log)
	ts := newHTTPTestServer(t, srv)

	// Clients read pages all along; every answer must be a 200.
	ctx, stop := context.WithCancel(context.Background())
	var requests, failures atomic.Int64
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for ctx.Err() == nil {
				for _, p := range []string{"/", "/articles/sleep/"} {
					resp, err := http.Get(ts + p)
					requests.Add(1)
					if err != nil || resp.StatusCode != http.StatusOK {
						failures.Add(1)
					}
					if resp != nil {
						resp.Body.Close()
					}
				}
			}
		})
	}

	writeFile(t, path, strings.Replace(goodArticle, "date: 2024-01-10", "date: 10/01/2024", 1))
	if err := pub.Reload(context.Background(), "test"); err == nil {
		t.Fatal("reload of a broken file succeeded")
	}
	if body := getBody(t, ts+"/articles/sleep/"); !strings.Contains(body, "Sleep and back pain") {
		t.Error("the last good version is not served after a failed reload")
	}
	if want := `content/sleep.md:4:7: error: date \"10/01/2024\" is not written year-month-day, and could be 10 January or 1 October`; !strings.Contains(logs.String(), want) {
		t.Errorf("log lacks %q:\n%s", want, logs.String())
	}

	writeFile(t, path, strings.Replace(goodArticle, "Sleep and back pain", "Sleep, posture and back pain", 1))
	if err := pub.Reload(context.Background(), "test"); err != nil {
		t.Fatalf("reload of the fixed file: %v", err)
	}
	if body := getBody(t, ts+"/articles/sleep/"); !strings.Contains(body, "Sleep, posture and back pain") {
		t.Error("the fixed version is not served")
	}
	time.Sleep(50 * time.Millisecond) // let the clients see the new version too
	stop()
	wg.Wait()
	if failures.Load() != 0 || requests.Load() == 0 {
		t.Errorf("%d of %d requests failed during reloads", failures.Load(), requests.Load())
	}
}

// TestPublisher_PublishesScheduledArticleOnTime runs the publisher with
// a fake clock: a future-dated article appears when its time comes,
// without a request or a reload signal.
func TestPublisher_PublishesScheduledArticleOnTime(t *testing.T) {
	due := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	fsys := fstest.MapFS{
		"now.md":   {Data: []byte("---\ntitle: Now\nauthor: A\ndate: 2025-01-01\nsummary: S.\n---\n\nText.\n")},
		"later.md": {Data: []byte("---\ntitle: Later\nauthor: A\ndate: 2025-03-01T09:00:00Z\nsummary: S.\n---\n\nText.\n")},
		"draft.md": {Data: []byte("---\ntitle: Draft\nauthor: A\ndate: 2025-02-01\nsummary: S.\ndraft: true\n---\n\nText.\n")},
	}
	build := func(now time.Time, prev *site.Site) (*site.Site, error) {
		lib, err := article.Load(fsys, article.Options{})
		if err != nil {
			return nil, err
		}
		return site.Build(lib, site.Options{Now: now, Previous: prev})
	}
	clock := &fakeClock{now: due.Add(-2 * time.Hour)}
	first, err := build(clock.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := New(first.Complete(t.Context()), slog.New(slog.DiscardHandler), Options{})
	pub := NewPublisher(srv, build, clock, slog.New(slog.DiscardHandler))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go pub.Run(ctx)

	waitFor(t, func() bool { return clock.pending() == 1 })
	clock.Advance(time.Hour)
	if srv.Site().Page("/articles/later/") != nil {
		t.Fatal("published an hour early")
	}
	clock.Advance(time.Hour + time.Millisecond)
	waitFor(t, func() bool { return srv.Site().Page("/articles/later/") != nil })
	if srv.Site().Page("/articles/draft/") != nil {
		t.Error("a draft was published")
	}
	if !srv.Site().NextChange().IsZero() {
		t.Error("nothing else is scheduled, yet NextChange is set")
	}
}

// waitFor polls cond for up to five seconds.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5s")
		}
		time.Sleep(time.Millisecond)
	}
}

func getBody(t *testing.T, url string) string {
	t.Helper()
	_, body := get(t, url)
	return body
}
