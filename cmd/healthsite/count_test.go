package main

import (
	"testing"
	"testing/fstest"
	"time"

	"healthsite/internal/article"
	"healthsite/internal/sample"
	"healthsite/internal/site"
)

// TestArticleCount: serve and build count the articles of every
// language, and say how many each has on a site of several.
func TestArticleCount(t *testing.T) {
	one := "---\ntitle: Knee pain\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: What helps.\n---\n\nRest.\n"
	for _, tt := range []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"one article", fstest.MapFS{"knee.md": {Data: []byte(one)}}, "1 article"},
		{"one language", sample.Articles(4, 1), "4 articles"},
		{"three languages", sample.Languages(), "8 articles in 3 languages (en 3, es 3, ar 2)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			lib, err := article.Load(tt.fsys, article.Options{})
			if err != nil {
				t.Fatal(err)
			}
			st, err := site.Build(lib, site.Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), NoSearch: true})
			if err != nil {
				t.Fatal(err)
			}
			if got := articleCount(st); got != tt.want {
				t.Errorf("articleCount = %q, want %q", got, tt.want)
			}
		})
	}
}
