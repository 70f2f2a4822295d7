package site

import (
	"bytes"
	"context"
	"errors"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"

	"go.uber.org/goleak"
)

// TestComplete_ReadyMeansCompressedAndSearchable: once Ready is closed,
// the Site to serve has every page's compressed variants and the search
// index is built, so that a search does not wait; a site built without
// an index is complete without one; a cancelled context ends the work
// with its error.
func TestComplete_ReadyMeansCompressedAndSearchable(t *testing.T) {
	lib := shippedLibrary(t)
	t.Run("Serve", func(t *testing.T) {
		s, err := Build(lib, Options{BaseURL: "https://health.example.org"})
		if err != nil {
			t.Fatal(err)
		}
		c := s.Complete(t.Context())
		<-c.Ready()
		if err := c.Err(); err != nil {
			t.Fatal(err)
		}
		if done, all := c.Compressed(); done != all {
			t.Errorf("%d of %d pages compressed once ready", done, all)
		}
		whole := c.Site()
		if whole == s || !whole.Compressed() || s.Compressed() {
			t.Fatal("once ready, the Site to serve is not the whole one")
		}
		for _, p := range whole.all() {
			if !p.compressed() {
				t.Errorf("%s has no compressed variants once ready", cmpOr(p.Path))
			}
		}
		select {
		case <-c.indexed:
		default:
			t.Error("ready, but the search index is not")
		}
		if _, err := c.SearchPage(t.Context(), "", "back pain", 1); err != nil {
			t.Error(err)
		}
		again := whole.Complete(t.Context())
		select {
		case <-again.Ready():
		default:
			t.Error("completing the whole site again has work to do")
		}
		if again.Site() != whole || again.Err() != nil {
			t.Errorf("completing the whole site again: %v", again.Err())
		}
	})
	t.Run("NoSearch", func(t *testing.T) {
		s, err := Build(lib, Options{BaseURL: "https://health.example.org", NoSearch: true})
		if err != nil {
			t.Fatal(err)
		}
		c := s.Complete(t.Context())
		if err := c.Wait(t.Context()); err != nil {
			t.Errorf("a site built without search: %v", err)
		}
		if done, all := c.Compressed(); done != all || !c.Site().Compressed() {
			t.Errorf("%d of %d pages compressed", done, all)
		}
	})
	t.Run("Cancelled", func(t *testing.T) {
		s, err := Build(lib, Options{BaseURL: "https://health.example.org"})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		c := s.Complete(ctx)
		<-c.Ready()
		if !errors.Is(c.Err(), context.Canceled) {
			t.Errorf("Err = %v, want context.Canceled", c.Err())
		}
		if c.Site() != s {
			t.Error("a cancelled completion publishes a Site")
		}
	})
}

// cmpOr names a page for a message: the error pages have no path.
func cmpOr(path string) string {
	if path == "" {
		return "an error page"
	}
	return path
}

// createdBySite matches the line of a goroutine's trace that says this
// package started it.
var createdBySite = regexp.MustCompile(`(?m)^created by healthsite/internal/site\.`)

// TestBuild_StartsNoGoroutine: Build returns a Site with nothing left
// running, so that nothing can change it once published; the work left
// (compression, the search index) starts only with Complete.
func TestBuild_StartsNoGoroutine(t *testing.T) {
	lib := shippedLibrary(t)
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	before := goroutineIDs()
	if _, err := Build(lib, Options{BaseURL: "https://health.example.org"}); err != nil {
		t.Fatal(err)
	}
	// At once, not after goleak's retries: a goroutine that would finish
	// the site later is still running now.
	for id, trace := range goroutines() {
		if !before[id] && createdBySite.MatchString(trace) {
			t.Errorf("Build left a goroutine running:\n%s", trace)
		}
	}
}

// goroutines returns the trace of every goroutine, by its id.
func goroutines() map[string]string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	out := map[string]string{}
	for _, g := range strings.Split(string(buf), "\n\n") {
		id, _, _ := strings.Cut(strings.TrimPrefix(g, "goroutine "), " ")
		out[id] = g
	}
	return out
}

func goroutineIDs() map[string]bool {
	ids := map[string]bool{}
	for id := range goroutines() {
		ids[id] = true
	}
	return ids
}

// TestComplete_ReadersSeeOneSiteWhileItRuns reads every page, in every
// encoding, and searches, while a Completion compresses and indexes:
// run with -race, it proves that nothing a reader holds is written. The
// built Site is the same afterwards, page for page.
func TestComplete_ReadersSeeOneSiteWhileItRuns(t *testing.T) {
	s := buildShipped(t)
	type seen struct {
		plain []byte
		enc   *variants
		etag  string
	}
	before := map[*Page]seen{}
	plain := map[string][]byte{} // by entity tag: the error pages have no path
	for _, p := range s.all() {
		before[p] = seen{p.plain, p.enc, p.ETag}
		plain[p.ETag] = bytes.Clone(p.Body())
	}
	c := s.Complete(t.Context())
	var readers sync.WaitGroup
	for range 2 {
		readers.Go(func() {
			for {
				cur := c.Site()
				for _, p := range cur.all() {
					for _, e := range Encodings() {
						if body, _, ok := p.Variant(e); ok && !bytes.Equal(decode(t, e, body), plain[p.ETag]) {
							t.Errorf("%s in %s is not its body", cmpOr(p.Path), e.Token())
							return
						}
					}
				}
				if _, err := c.SearchPage(t.Context(), "", "stretching", 1); err != nil {
					t.Error(err)
					return
				}
				if cur.Compressed() {
					return
				}
			}
		})
	}
	readers.Wait()
	if err := c.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	for p, was := range before {
		if (len(p.plain) > 0 && &p.plain[0] != &was.plain[0]) || len(p.plain) != len(was.plain) || p.enc != was.enc || p.ETag != was.etag {
			t.Errorf("%s of the built Site changed while it was completed", cmpOr(p.Path))
		}
	}
}
