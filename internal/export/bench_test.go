package export

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"healthsite/internal/site"
)

// benchArticles is the size of the generated site the export
// benchmarks write: go test -bench Write -articles 10000.
var benchArticles = flag.Int("articles", 1000, "how many generated articles the export benchmarks write")

// BenchmarkWrite_Cold exports a generated site into a new folder, as
// build -out does the first time: every page compressed and written.
func BenchmarkWrite_Cold(b *testing.B) {
	s := generated(b, *benchArticles, -1)
	parent := b.TempDir()
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	var st Stats
	for b.Loop() {
		var err error
		i++
		if st, err = Write(b.Context(), s, filepath.Join(parent, fmt.Sprint(i)), Options{}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := os.RemoveAll(filepath.Join(parent, fmt.Sprint(i))); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(st.Files), "files")
	b.ReportMetric(float64(st.Bytes)/(1<<20), "MiB")
}

// BenchmarkWrite_Redeploy exports a generated site into the previous
// export after one article changed, as a redeploy for a fixed typo:
// each round exports the other of two sites that differ in one article.
func BenchmarkWrite_Redeploy(b *testing.B) {
	sites := [2]*site.Site{generated(b, *benchArticles, -1), generated(b, *benchArticles, 7)}
	dir := filepath.Join(b.TempDir(), "public")
	if _, err := Write(b.Context(), sites[0], dir, Options{}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	var st Stats
	for b.Loop() {
		i++
		var err error
		if st, err = Write(b.Context(), sites[i%2], dir, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(st.Files), "files")
	b.ReportMetric(float64(st.Reused), "reused")
}
