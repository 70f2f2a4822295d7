package search

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"

	"healthsite/internal/article"
	"healthsite/internal/sample"
)

var sampleDocs = map[int][]Doc{}
var sampleMu sync.Mutex

// sampleCorpus loads n generated articles (about 5 KB each) as Docs,
// once per n.
func sampleCorpus(tb testing.TB, n int) []Doc {
	tb.Helper()
	sampleMu.Lock()
	defer sampleMu.Unlock()
	if docs, ok := sampleDocs[n]; ok {
		return docs
	}
	lib, err := article.Load(sample.Articles(n, 1), article.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	var docs []Doc
	for _, a := range lib.Articles() {
		docs = append(docs, Doc{
			ID: a.Slug, Title: a.Title, Summary: a.Summary, Body: a.Text,
			Tags: a.Tags, Authors: a.Authors, Date: a.Date,
		})
	}
	sampleDocs[n] = docs
	return docs
}

// sampleQueries returns n varied queries of the kind readers type: topic
// words, phrases, author names, stemmed forms, misses and typos.
func sampleQueries(n int) []string {
	r := rand.New(rand.NewPCG(7, 7))
	pool := strings.Fields(`neck pain back knee shoulder sleep posture stretching stretches running
		headaches headache hip mobility stress breathing desk work recovery walking walk muscles joints
		warm gentle movement signal verdict practice effort professional symptoms awake night chair
		screen tension shower massage marsh hastings priya flint okafor pilates yoga diabetes xyzzy`)
	fixed := []string{"neck pain at work", "what helps with back pain", "stretches", "dr elena marsh",
		"sleep", "how to breathe slowly", "knee pain running", "the", "?!", "desk chair screen",
		"warm shower tension", "nek pain", "hip mobility stretching walking", "a", "pain"}
	qs := slices.Clone(fixed)
	for len(qs) < n {
		k := 1 + r.IntN(4)
		ws := make([]string, k)
		for i := range ws {
			ws[i] = pool[r.IntN(len(pool))]
		}
		qs = append(qs, strings.Join(ws, " "))
	}
	return qs[:n]
}

// BenchmarkBuild measures indexing a whole content version, as at a
// reload.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		docs := sampleCorpus(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Build(docs, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBuildConfig compares bleve's indexing choices on 10,000
// articles, with the search latency each gives; Build uses
// defaultConfig. Run with -run '^$' -bench BuildConfig -benchtime 1x:
// each takes seconds. Only scorch is compared: the search widens an
// unknown word to its close words through scorch's term dictionary
// (index.IndexReaderFuzzy), which upsidedown with gtreap lacks, so an
// upsidedown index cannot answer the sample queries.
func BenchmarkBuildConfig(b *testing.B) {
	docs := sampleCorpus(b, 10000)
	for _, c := range []struct {
		name string
		cfg  config
	}{
		{"default", defaultConfig},
		{"scorch-batch1000-tfidf", config{indexType: scorch.Name, batchSize: 1000}},
		{"scorch-batch1000-termvectors", config{indexType: scorch.Name, batchSize: 1000, bm25: true, termVectors: true}},
		{"scorch-1batch", config{indexType: scorch.Name, bm25: true}},
	} {
		b.Run(c.name, func(b *testing.B) {
			var ix *Index
			for b.Loop() {
				var err error
				if ix, err = build(docs, Options{}, c.cfg); err != nil {
					b.Fatal(err)
				}
			}
			p50, p99 := latency(b, ix, sampleQueries(200))
			b.ReportMetric(float64(p50.Microseconds()), "p50-µs")
			b.ReportMetric(float64(p99.Microseconds()), "p99-µs")
		})
	}
}

// BenchmarkSearch measures one search with snippets over varied
// queries, and reports the latency percentiles of 200 of them.
func BenchmarkSearch(b *testing.B) {
	qs := sampleQueries(200)
	for _, n := range []int{1000, 10000} {
		ix, err := Build(sampleCorpus(b, n), Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := ix.Search(qs[i%len(qs)], 1, 10); err != nil {
					b.Fatal(err)
				}
				i++
			}
			p50, p99 := latency(b, ix, qs)
			b.ReportMetric(float64(p50.Microseconds()), "p50-µs")
			b.ReportMetric(float64(p99.Microseconds()), "p99-µs")
		})
	}
}

// latency runs every query once and returns the 50th and 99th
// percentile of their times.
func latency(tb testing.TB, ix *Index, qs []string) (p50, p99 time.Duration) {
	tb.Helper()
	ds := make([]time.Duration, len(qs))
	for i, q := range qs {
		t := time.Now()
		if _, err := ix.Search(q, 1, 10); err != nil {
			tb.Fatal(err)
		}
		ds[i] = time.Since(t)
	}
	slices.Sort(ds)
	return ds[len(ds)/2], ds[len(ds)*99/100]
}
