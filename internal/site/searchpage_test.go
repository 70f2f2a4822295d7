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
