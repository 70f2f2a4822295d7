package site

import (
	"fmt"
	"testing"

	"healthsite/internal/article"
	"healthsite/internal/sample"
)

// BenchmarkLoadBuild measures a whole content version of generated
// sites of 1,000 and 10,000 articles: parse, validate and render every
// article (article.Load), then every page and feed (Build) and the
// search index (as Complete builds it). The ratio of the two shows
// whether the cost grows linearly.
func BenchmarkLoadBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		if n > 1000 && testing.Short() {
			continue // -short: the large site takes seconds to generate and load
		}
		fsys := sample.Articles(n, 1)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				lib, err := article.Load(fsys, article.Options{})
				if err != nil {
					b.Fatal(err)
				}
				s, err := Build(lib, Options{})
				if err != nil {
					b.Fatal(err)
				}
				// The index as Complete builds it, without the
				// compression, which BenchmarkCompressPage measures.
				c := &Completion{indexed: make(chan struct{})}
				if c.index(s); c.indexErr != nil {
					b.Fatal(c.indexErr)
				}
			}
		})
	}
}
