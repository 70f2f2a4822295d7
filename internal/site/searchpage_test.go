package site

import (
	"bytes"
	"context"
	"testing"
	"time"
)

func TestSearchPage_WaitsForTheIndex(t *testing.T) {
	s := buildShipped(t)
	// A site whose index is still being built: the request's context
	// decides how long a search waits.
	ready := s.searchReady
	s.searchReady = make(chan struct{})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := s.SearchPage(ctx, "stretching", 1); err != context.DeadlineExceeded {
		t.Fatalf("a search before the index was ready: %v, want the context's deadline", err)
	}
	<-ready
	s.searchReady = ready
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	// Once ready, a search answers even if its context is done.
	if body, err := s.SearchPage(ctx, "stretching", 1); err != nil || !bytes.Contains(body, []byte("Search results")) {
		t.Fatalf("a search once the index is ready: %v", err)
	}
}

func TestBuild_NoSearchBuildsNoIndex(t *testing.T) {
	s, err := Build(shippedLibrary(t), Options{NoSearch: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SearchErr(context.Background()); err == nil || s.index != nil {
		t.Errorf("a site built with NoSearch has an index (%v)", err)
	}
}

// TestSearchPage_ForgivesAndOffersTheWay checks the results page of
// queries the articles do not spell that way: a "did you mean" that
// leads to the word the articles use, and, when nothing is found, the
// way to every topic instead.
func TestSearchPage_ForgivesAndOffersTheWay(t *testing.T) {
	s := buildShipped(t)
	for _, tc := range []struct {
		q        string
		want     []string
		dontWant []string
	}{
		{"myofacial", []string{`Did you mean <a href="/search?q=myofascial">myofascial</a>?`, `<li class="teaser">`}, []string{"No articles match"}},
		{"strech", []string{`Did you mean <a href="/search?q=stretch">stretch</a>?`, "<mark>stretch"}, nil},
		{"DVT", []string{"<mark>deep</mark> <mark>vein</mark> <mark>thrombosis</mark>"}, []string{"Did you mean"}},
		{"xyzzyplugh", []string{`0 articles found for “xyzzyplugh”.`, `No articles match. Check the spelling, try fewer or other words, or browse <a href="/tags/">every topic from A to Z</a>.`}, []string{"Did you mean", `<li class="teaser">`}},
		{`<b onmouseover=x>fasia`, []string{`Did you mean <a href="/search?q=%3Cb+onmouseover%3Dx%3Efascia">&lt;b onmouseover=x&gt;fascia</a>?`}, []string{"<b "}},
	} {
		t.Run(tc.q, func(t *testing.T) {
			body, err := s.SearchPage(context.Background(), tc.q, 1)
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
