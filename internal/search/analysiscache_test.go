package search

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/google/go-cmp/cmp"
)

// staticJSON is the static index of docs in language, as exported.
func staticJSON(t *testing.T, docs []Doc, language string, c *AnalysisCache) []byte {
	t.Helper()
	st, err := NewStatic(docs, Options{Synonyms: map[string][]string{"knee": {"patella"}}, Language: language, Analyses: c})
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestNewStatic_SameIndexWithTheAnalysisCache: an index made from the
// cache's analyses is the same bytes as one made by analysing every
// document, and analyses only the documents that changed.
func TestNewStatic_SameIndexWithTheAnalysisCache(t *testing.T) {
	docs := slices.Clone(sampleCorpus(t, 200))
	file := filepath.Join(t.TempDir(), "analysis")
	for _, lang := range []string{"en", "es", "pl"} { // Porter, Spanish, and the words' own stems
		t.Run(lang, func(t *testing.T) {
			os.Remove(file)
			steps := []struct {
				name   string
				change func()
				fresh  int64
			}{
				{"Empty", func() {}, int64(len(docs))},
				{"Unchanged", func() {}, 0},
				{"OneBodyChanged", func() { docs[7].Body += " Walking every day helps the knees." }, 1},
				{"OneTagAdded", func() { docs[9].Tags = append(slices.Clone(docs[9].Tags), "sleep") }, 1},
				{"OneDocumentGone", func() { docs = slices.Delete(slices.Clone(docs), 3, 4) }, 0},
			}
			for _, s := range steps {
				s.change()
				want := staticJSON(t, docs, lang, nil)
				c, err := OpenAnalysisCache(file)
				if err != nil {
					t.Fatal(err)
				}
				if got := staticJSON(t, docs, lang, c); !bytes.Equal(got, want) {
					t.Fatalf("%s: the index made with the cache differs from the one made without (%d and %d bytes)", s.name, len(got), len(want))
				}
				if n := c.fresh.Load(); n != s.fresh {
					t.Errorf("%s: %d documents analysed anew, want %d", s.name, n, s.fresh)
				}
				if err := c.Save(); err != nil {
					t.Fatal(err)
				}
				if n := c.Len(); n != len(docs) {
					t.Errorf("%s: the cache keeps %d analyses for %d documents", s.name, n, len(docs))
				}
			}
		})
	}
}

// TestAnalysisCache_AnalyserIsPartOfTheKey: the same text analysed in
// English and in Spanish has two entries.
func TestAnalysisCache_AnalyserIsPartOfTheKey(t *testing.T) {
	d := Doc{Title: "Dolor", Body: "walking"}
	if analysisKey("en", &d) == analysisKey("es", &d) {
		t.Error("one key for two analysers")
	}
	e := Doc{Title: "Dolor walking"}
	if analysisKey("en", &d) == analysisKey("en", &e) {
		t.Error("one key for the same words in other fields")
	}
	f := Doc{Tags: []string{"a b"}}
	g := Doc{Tags: []string{"a", "b"}}
	if analysisKey("en", &f) == analysisKey("en", &g) {
		t.Error("one key for one tag and two")
	}
}

// FuzzDecodeAnalysis: no bytes make the reader panic, and what it reads
// it writes again as it reads it.
func FuzzDecodeAnalysis(f *testing.F) {
	for _, d := range sampleCorpus(f, 3) {
		f.Add(encodeAnalysis(nil, analyse(englishAnalyzer(f), &d)))
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		a, ok := decodeAnalysis(string(b))
		if !ok {
			return
		}
		again, ok := decodeAnalysis(string(encodeAnalysis(nil, a)))
		if !ok {
			t.Fatal("what was read cannot be read back")
		}
		if d := cmp.Diff(a, again, cmp.AllowUnexported(analysed{}, wordCount{})); d != "" {
			t.Errorf("read back differs:\n%s", d)
		}
	})
}

// englishAnalyzer is the analyser NewStatic uses for English.
func englishAnalyzer(tb testing.TB) analysis.Analyzer {
	tb.Helper()
	a, err := registry.NewCache().AnalyzerNamed(analyzerFor("en"))
	if err != nil {
		tb.Fatal(err)
	}
	return a
}
