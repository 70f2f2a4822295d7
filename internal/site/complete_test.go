package site

import (
	"context"
	"errors"
	"testing"
)

// TestComplete_ReadyMeansCompressedAndSearchable: once Ready is closed,
// every page has its compressed variants and the search index is built,
// so that a search does not wait; a site built without an index is
// complete without one; a cancelled context ends the work with its
// error.
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
		if done, all := s.Compressed(); done != all {
			t.Errorf("%d of %d pages compressed once ready", done, all)
		}
		select {
		case <-s.SearchReady():
		default:
			t.Error("ready, but the search index is not")
		}
		if _, err := s.SearchPage(t.Context(), "back pain", 1); err != nil {
			t.Error(err)
		}
		if err := s.Complete(t.Context()).Wait(t.Context()); err != nil {
			t.Errorf("completing a complete site again: %v", err)
		}
	})
	t.Run("NoSearch", func(t *testing.T) {
		s, err := Build(lib, Options{BaseURL: "https://health.example.org", NoSearch: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Complete(t.Context()).Wait(t.Context()); err != nil {
			t.Errorf("a site built without search: %v", err)
		}
		if done, all := s.Compressed(); done != all {
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
	})
}
