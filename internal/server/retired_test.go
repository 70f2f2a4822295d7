package server

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"healthsite/internal/article"
	"healthsite/internal/site"
)

// pictureSite builds a site of one article with one picture, of the
// colour c, and returns it with the picture's fingerprinted path.
func pictureSite(t *testing.T, slug string, c color.Color) (*site.Site, string) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	for x := range 2 {
		for y := range 2 {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		slug + ".md":      {Data: []byte("---\ntitle: Knee\nauthor: A\ndate: 2024-01-02\nsummary: S.\n---\n\n![A knee](images/knee.png)\n\nText.\n")},
		"images/knee.png": {Data: b.Bytes()},
	}
	lib, err := article.Load(fsys, article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := site.Build(lib, site.Options{BaseURL: "https://health.example.org", NoSearch: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range s.Paths() {
		if strings.Contains(p, "knee") && strings.HasSuffix(p, ".png") {
			return s, p
		}
	}
	t.Fatalf("no picture among %v", s.Paths())
	return nil, ""
}

// TestSwap_KeepsTheLastVersionsAssetsForAWeek: a page of the version
// replaced may still be in a browser's or a CDN's cache for a day,
// naming its fingerprinted picture; the server keeps answering for that
// picture for site.KeepRetired from the swap that dropped it, then 404.
// Pages are not kept: a gone article is gone at once.
func TestSwap_KeepsTheLastVersionsAssetsForAWeek(t *testing.T) {
	first, oldPicture := pictureSite(t, "old-knee", color.White)
	next, newPicture := pictureSite(t, "knee", color.Black)
	if oldPicture == newPicture {
		t.Fatalf("both pictures at %s", oldPicture)
	}
	srv := New(first.Complete(t.Context()), slog.New(slog.DiscardHandler), Options{})
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	srv.now = func() time.Time { return now }
	status := func(path string) int {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		return rec.Code
	}
	for _, step := range []struct {
		after time.Duration // since the swap that dropped the old picture
		old   int
	}{
		{0, http.StatusOK},
		{6 * 24 * time.Hour, http.StatusOK},
		{8 * 24 * time.Hour, http.StatusNotFound},
	} {
		now = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC).Add(step.after)
		again, _ := pictureSite(t, "knee", color.Black) // a reload of the same content
		if step.after == 0 {
			again = next
		}
		srv.Swap(again.Complete(t.Context()))
		if got := status(oldPicture); got != step.old {
			t.Errorf("%v after: the old picture answers %d, want %d", step.after, got, step.old)
		}
		if got := status(newPicture); got != http.StatusOK {
			t.Errorf("%v after: the new picture answers %d", step.after, got)
		}
		if got := status("/articles/old-knee/"); got != http.StatusNotFound {
			t.Errorf("%v after: the old article answers %d, want 404", step.after, got)
		}
	}
}
