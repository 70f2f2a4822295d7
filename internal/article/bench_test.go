package article_test

import (
	"fmt"
	"testing"

	"healthsite/internal/article"
	"healthsite/internal/sample"
)

// BenchmarkCheck measures healthsite check on generated folders of
// about 5 KB articles, in memory: parse, validate, render, check links.
func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		if n > 1000 && testing.Short() {
			continue // -short: the large site takes seconds to generate and load
		}
		fsys := sample.Articles(n, 1)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if r := article.Check(fsys, article.Options{}); len(r.Problems) > 0 {
					b.Fatal(r.Problems[0])
				}
			}
		})
	}
}
