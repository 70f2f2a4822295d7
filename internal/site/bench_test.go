package site

import (
	"strings"
	"testing"

	"healthsite/content"
	"healthsite/internal/article"
)

// BenchmarkLoadBuild_Shipped measures one content version of the shipped
// site: parse, validate and render every article, then every page.
func BenchmarkLoadBuild_Shipped(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		lib, err := article.Load(content.FS, article.Options{Root: "content"})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Build(lib, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild_1000 renders the pages of 1,000 small articles.
func BenchmarkBuild_1000(b *testing.B) {
	lib := library(b, 1000, func(i int) string { return []string{"neck", "back", "knee", "sleep"}[i%4] })
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Build(lib, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNotFoundPage measures a 404 made per request at 10,000
// articles: the articles a mistyped address nearly names, and the page.
func BenchmarkNotFoundPage(b *testing.B) {
	lib := library(b, 10000, func(i int) string { return []string{"neck", "back", "knee", "sleep"}[i%4] })
	s, err := Build(lib, Options{NoSearch: true})
	if err != nil {
		b.Fatal(err)
	}
	for _, path := range []string{"/articles/artcle-5000/", "/articles/no-such-page/", "/articles/" + strings.Repeat("articel-", 20) + "/"} {
		b.Run(NameSlug(path)[:min(20, len(NameSlug(path)))], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.NotFoundPage(path); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
