package site

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"
)

// TestSearchPage_WaitsForTheIndex: a search that arrives while the
// index is being built waits for it, as long as its context lets it;
// once the index is built, it answers even if its context is done.
func TestSearchPage_WaitsForTheIndex(t *testing.T) {
	s := buildShipped(t)
	c := s.Complete(t.Context())
	// The same Completion, its index not yet published.
	waiting := &Completion{ready: make(chan struct{}), indexed: make(chan struct{})}
	waiting.site.Store(s)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := waiting.SearchPage(ctx, "", "stretching", 1); err != context.DeadlineExceeded {
		t.Fatalf("a search before the index was ready: %v, want the context's deadline", err)
	}
	<-c.indexed
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	if body, err := c.SearchPage(ctx, "", "stretching", 1); err != nil || !bytes.Contains(body, []byte("Search results")) {
		t.Fatalf("a search once the index is ready: %v", err)
	}
}

func TestBuild_NoSearchBuildsNoIndex(t *testing.T) {
	s, err := Build(shippedLibrary(t), Options{NoSearch: true})
	if err != nil {
		t.Fatal(err)
	}
	c := s.Complete(t.Context())
	if err := c.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SearchPage(t.Context(), "", "stretching", 1); !errors.Is(err, errNoSearch) || c.indexes != nil {
		t.Errorf("a site built with NoSearch has an index (%v)", err)
	}
}

// TestSearchPage_ForgivesAndOffersTheWay checks the results page of
// queries the articles do not spell that way: "Showing results for" the
// word the articles use, linked; "Including results for" the synonyms
// searched too; and, when nothing is found, the way to every topic.
func TestSearchPage_ForgivesAndOffersTheWay(t *testing.T) {
	c := buildShipped(t).Complete(t.Context())
	for _, tc := range []struct {
		q        string
		want     []string
		dontWant []string
	}{
		// Results found for a close word say so, rather than asking.
		{"myofacial", []string{`Showing results for <a href="/search?q=myofascial">myofascial</a>.`, `<li class="teaser">`}, []string{"No articles match", "Did you mean", "Including results"}},
		{"strech", []string{`Showing results for <a href="/search?q=stretch">stretch</a>.`, "<mark>stretch"}, []string{"Did you mean"}},
		// Results found through a synonym say which.
		{"DVT", []string{"<mark>deep</mark> <mark>vein</mark> <mark>thrombosis</mark>", `Including results for deep vein thrombosis (DVT).`}, []string{"Did you mean", "Showing results for"}},
		{"physio", []string{`Including results for physiotherapist, physical therapy, physical therapist (physio).`}, []string{"Showing results for"}},
		{"fascia", nil, []string{"Did you mean", "Showing results for", "Including results"}},
		{"xyzzyplugh", []string{`0 articles found for “xyzzyplugh”.`, `No articles match. Check the spelling, try fewer or other words, or browse <a href="/tags/">every topic from A to Z</a>.`}, []string{"Did you mean", `<li class="teaser">`}},
		{`<b onmouseover=x>fasia`, []string{`Showing results for <a href="/search?q=%3Cb+onmouseover%3Dx%3Efascia">&lt;b onmouseover=x&gt;fascia</a>.`}, []string{"<b "}},
	} {
		t.Run(tc.q, func(t *testing.T) {
			body, err := c.SearchPage(context.Background(), "", tc.q, 1)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !bytes.Contains(body, []byte(w)) {
					t.Errorf("the page lacks %s", w)
				}
			}
			for _, w := range tc.dontWant {
				if bytes.Contains(body, []byte(w)) {
					t.Errorf("the page has %s", w)
				}
			}
		})
	}
}
