package search

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"maps"
	"slices"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/analysis"

	"healthsite/internal/cachefile"
)

// An AnalysisCache keeps the analysis of every document of a static
// index between builds, in one file (see cachefile): after the
// rendering, analysing every article is the most of an export's build,
// and a redeploy analyses again the same texts. An entry is found by a
// digest of the analyser's name and of every field analysed; an
// entry's terms are the same as analysing the document again would
// give, so the index is the same bytes with the cache or without.
//
// It is safe for concurrent use; nil is none. Make one with
// OpenAnalysisCache, and Save it once the build is done.
type AnalysisCache struct {
	store *cachefile.Store[string] // each analysis, encoded
	// fresh counts the documents analysed anew, for tests.
	fresh atomic.Int64
}

const analysisCacheMagic = "healthsite analysis cache 1\n"

// OpenAnalysisCache returns the cache kept in file: empty when there is
// none yet or it cannot be trusted, and an error only when no file can
// be (the executable cannot be read).
func OpenAnalysisCache(file string) (*AnalysisCache, error) {
	if _, ok := cachefile.Program(); !ok {
		return nil, errors.New("cannot read the program's own file, which the analysis cache needs to tell its builds apart")
	}
	return &AnalysisCache{store: cachefile.Open(file, analysisCacheMagic, cachefile.Codec[string]{
		Append: cachefile.AppendString,
		Read:   (*cachefile.Decoder).Text,
	})}, nil
}

// Len returns how many analyses the cache holds.
func (c *AnalysisCache) Len() int { return c.store.Len() }

// analysisKey is what finds d's analysis by the analyser named.
func analysisKey(analyser string, d *Doc) [32]byte {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	field := func(s string) {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
		h.Write([]byte(s))
	}
	field(analyser)
	for _, texts := range docFields(d) {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(texts)))])
		for _, s := range texts {
			field(s)
		}
	}
	return [32]byte(h.Sum(nil))
}

// analyse is analyse(a, d) through the cache, when there is one.
func (c *AnalysisCache) analyse(a analysis.Analyzer, name string, d *Doc) analysed {
	if c == nil {
		return analyse(a, d)
	}
	key := analysisKey(name, d)
	var r analysed
	if _, ok := c.store.Get(key, func(enc string) bool {
		var ok bool
		r, ok = decodeAnalysis(enc)
		return ok
	}); ok {
		return r
	}
	r = analyse(a, d)
	c.fresh.Add(1)
	c.store.Put(key, string(encodeAnalysis(nil, r)))
	return r
}

// Save ends a build: the cache keeps only what that build used, and
// writes it when the build analysed anything anew or left an entry
// unused (see cachefile.Store.Save). On a nil cache it does nothing.
func (c *AnalysisCache) Save() error {
	if c == nil {
		return nil
	}
	return c.store.Save()
}

// encodeAnalysis appends r to b: the field lengths; each stem, sorted,
// with its count in each field; and how often each word was written
// for each stem, sorted.
func encodeAnalysis(b []byte, r analysed) []byte {
	b = binary.AppendUvarint(b, uint64(len(r.lens)))
	for _, l := range r.lens {
		b = binary.AppendUvarint(b, uint64(l))
	}
	b = binary.AppendUvarint(b, uint64(len(r.freq)))
	for _, stem := range slices.Sorted(maps.Keys(r.freq)) {
		b = cachefile.AppendString(b, stem)
		for _, c := range r.freq[stem] {
			b = binary.AppendUvarint(b, uint64(c))
		}
	}
	counts := r.counted
	if counts == nil {
		counts = countWords(r.words)
	}
	b = binary.AppendUvarint(b, uint64(len(counts)))
	for _, w := range counts {
		b = cachefile.AppendString(cachefile.AppendString(b, w.stem), w.word)
		b = binary.AppendUvarint(b, uint64(w.n))
	}
	return b
}

// countWords counts each stem and word written, in order of stem then
// word.
func countWords(words [][2]string) []wordCount {
	n := map[[2]string]int{}
	for _, w := range words {
		n[w]++
	}
	out := make([]wordCount, 0, len(n))
	for w, c := range n {
		out = append(out, wordCount{w[0], w[1], c})
	}
	slices.SortFunc(out, func(a, b wordCount) int {
		if a.stem != b.stem {
			return cmp.Compare(a.stem, b.stem)
		}
		return cmp.Compare(a.word, b.word)
	})
	return out
}

// decodeAnalysis reads what encodeAnalysis wrote.
func decodeAnalysis(s string) (analysed, bool) {
	r := cachefile.NewDecoder(s)
	var a analysed
	nf := r.Count()
	if nf != len(boosts) {
		return analysed{}, false
	}
	a.lens = make([]int, nf)
	for i := range a.lens {
		a.lens[i] = int(r.Uint())
	}
	ns := r.Count()
	a.freq = make(map[string][]int, ns)
	counts := make([]int, ns*nf) // one allocation for every stem's counts
	for i := 0; i < ns && !r.Bad(); i++ {
		stem := r.Text()
		c := counts[i*nf : (i+1)*nf : (i+1)*nf]
		for f := range c {
			c[f] = int(r.Uint())
		}
		a.freq[stem] = c
	}
	nw := r.Count()
	a.counted = make([]wordCount, 0, nw)
	for i := 0; i < nw && !r.Bad(); i++ {
		a.counted = append(a.counted, wordCount{stem: r.Text(), word: r.Text(), n: int(r.Uint())})
	}
	return a, r.Done()
}
