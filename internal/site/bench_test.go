package site

import (
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
