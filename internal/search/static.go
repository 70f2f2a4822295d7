package search

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/registry"

	"healthsite/internal/pool"
)

// Static is the search index of an exported site, for the script of its
// search page (static/search.js): everything the script needs to find
// and rank articles as Search does, made here with the very analyser
// the server uses, so that the script only stems the query (with a port
// of the same Porter stemmer), looks words up and scores.
// It is meant to be marshalled as JSON; the names are short because it
// is downloaded.
//
// Docs are numbered in the order Search breaks ties in (newest first,
// then by ID). A posting list is flat: for each document that has the
// stem, its number and then the stem's frequency in each field, in
// Fields order. The script stems a query's words with a port of the
// analyser's stemmer where it has one (Analyzer en: Porter; es:
// bleve's Spanish light stemmer, accents folded); for any other
// language, Words gives the stem of every word the articles write,
// and a word they do not write is looked up as written, then found by
// the prefix and typo matching as any unknown word is.
type Static struct {
	Version  int                   `json:"v"`
	Analyzer string                `json:"a"`           // the analyser the script follows: en, es, or "" for Words
	Words    map[string]string     `json:"w,omitempty"` // lowercase word as written → stem, where the script has no stemmer
	Fields   []StaticField         `json:"f"`
	Docs     int                   `json:"n"`
	Order    []string              `json:"-"`    // the documents' IDs, by number
	Lengths  [][]int               `json:"l"`    // per document, the tokens in each field
	Terms    map[string][]int      `json:"t"`    // stem → postings
	Surface  map[string]string     `json:"s"`    // stem → the word most often written for it, where they differ
	Synonyms map[string][][]string `json:"syn"`  // stems of a phrase → stems of each synonym
	Phrases  map[string]string     `json:"sp"`   // stems of a synonym phrase → the phrase as the list writes it
	Stop     []string              `json:"stop"` // words the analyser drops
	Params   StaticParams          `json:"p"`
}

// StaticField is a field and its boost.
type StaticField struct {
	Name  string  `json:"n"`
	Boost float64 `json:"b"`
	Avg   float64 `json:"a"` // average field length as bleve's BM25 takes it
}

// StaticParams are the choices Search makes, so that the script makes
// the same.
type StaticParams struct {
	K1, B          float64
	MaxTerms       int     `json:"maxTerms"`
	MaxPhrase      int     `json:"maxPhrase"`
	MinFuzzyRunes  int     `json:"minFuzzy"`
	MinPrefixRunes int     `json:"minPrefix"`
	LongWordRunes  int     `json:"longWord"`
	FuzzyBoost     float64 `json:"fuzzyBoost"`
	PrefixBoost    float64 `json:"prefixBoost"`
	SnippetWords   int     `json:"snippetWords"`
	SnippetLead    int     `json:"snippetLead"`
	MinMarkRunes   int     `json:"minMark"`
	MaxQuery       int     `json:"maxQuery"`
	PerPage        int     `json:"perPage"`
}

// NewStatic analyses docs as Build does and returns their static index.
// It analyses them with their language's analyser (Options.Language),
// and the script needs the same: for a language whose stemmer it has
// no port of, the index carries the stem of each word written.
func NewStatic(docs []Doc, opts Options) (*Static, error) {
	name := analyzerFor(opts.Language)
	cache := registry.NewCache()
	a, err := cache.AnalyzerNamed(name)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	order := rankOrder(docs)
	st := newStatic(len(docs), newSynonyms(a, opts.Synonyms))
	st.Stop = stopWords(cache, name)
	written := st.addDocs(func(d *Doc) analysed { return opts.Analyses.analyse(a, name, d) }, docs, order)
	st.addWritten(written)
	switch name {
	case en.AnalyzerName, es.AnalyzerName:
		st.Analyzer = name
	default:
		st.Words = map[string]string{}
		for stem, words := range written {
			for w := range words {
				st.Words[w] = stem
			}
		}
	}
	return st, nil
}

// newStatic is the static index of n documents before any is added.
func newStatic(n int, syn synonyms) *Static {
	st := &Static{
		Version:  4,
		Docs:     n,
		Terms:    map[string][]int{},
		Surface:  map[string]string{},
		Synonyms: syn.groups,
		Phrases:  syn.text,
		Params: StaticParams{K1: 1.2, B: 0.75, MaxTerms: maxTerms, MaxPhrase: maxPhrase,
			MinFuzzyRunes: minFuzzyRunes, MinPrefixRunes: minPrefixRunes, LongWordRunes: longWordRunes,
			FuzzyBoost: fuzzyBoost, PrefixBoost: prefixBoost, SnippetWords: snippetWords, SnippetLead: snippetLead, MinMarkRunes: minMarkRunes,
			MaxQuery: MaxQueryLength, PerPage: defaultPerPage},
	}
	for _, b := range boosts {
		st.Fields = append(st.Fields, StaticField{Name: b.field, Boost: b.boost})
	}
	return st
}

// analysed is one document's terms: each stem's count in each field,
// each field's length in terms, and the words written for each stem,
// in the order they came.
type analysed struct {
	freq  map[string][]int
	lens  []int
	words [][2]string // stem, word
	// counted, for an analysis from the cache, is how often each word
	// was written for each stem, in place of words.
	counted []wordCount
}

// wordCount is how often a word was written for a stem.
type wordCount struct {
	stem, word string
	n          int
}

// docFields are the texts of d's fields, in boosts' order.
func docFields(d *Doc) [][]string {
	return [][]string{{d.Title}, d.Tags, {d.Summary}, {d.Body}, d.Authors}
}

// analyseBatch is how many documents addDocs analyses at once.
const analyseBatch = 256

// analyse analyses the fields of d with a.
func analyse(a analysis.Analyzer, d *Doc) analysed {
	r := analysed{freq: map[string][]int{}, lens: make([]int, len(boosts))}
	for f, texts := range docFields(d) {
		for _, s := range texts {
			for _, tok := range a.Analyze([]byte(s)) {
				stem := string(tok.Term)
				if r.freq[stem] == nil {
					r.freq[stem] = make([]int, len(boosts))
				}
				r.freq[stem][f]++
				r.lens[f]++
				r.words = append(r.words, [2]string{stem, strings.ToLower(s[tok.Start:tok.End])})
			}
		}
	}
	return r
}

// addDocs analyses docs, numbered in order, into the postings, the
// field lengths and the fields' average lengths, and returns how often
// each word was written for each stem. The documents are analysed on
// every core (bleve's analysers are safe for concurrent use, as its own
// indexing uses them) and added one by one in order, so that the index
// is the same bytes however the work was shared.
func (st *Static) addDocs(analyse func(*Doc) analysed, docs []Doc, order []int) map[string]map[string]int {
	distinct := make([]map[string]bool, len(boosts))
	for i := range boosts {
		distinct[i] = map[string]bool{}
	}
	written := map[string]map[string]int{} // stem → word → count
	// A batch at a time: every document's terms at once would be
	// several times the index's size.
	results := make([]analysed, min(len(order), analyseBatch))
	for n, i := range order {
		if k := n % analyseBatch; k == 0 {
			batch := order[n:min(n+analyseBatch, len(order))]
			_ = pool.Each(context.Background(), len(batch), func(j int) { results[j] = analyse(&docs[batch[j]]) })
		}
		r := results[n%analyseBatch]
		results[n%analyseBatch] = analysed{} // done with: let it go
		for stem, counts := range r.freq {
			for f, c := range counts {
				if c > 0 {
					distinct[f][stem] = true
				}
			}
		}
		for _, w := range r.words {
			if written[w[0]] == nil {
				written[w[0]] = map[string]int{}
			}
			written[w[0]][w[1]]++
		}
		for _, w := range r.counted {
			if written[w.stem] == nil {
				written[w.stem] = map[string]int{}
			}
			written[w.stem][w.word] += w.n
		}
		st.Lengths = append(st.Lengths, r.lens)
		st.Order = append(st.Order, docs[i].ID)
		for _, stem := range slices.Sorted(maps.Keys(r.freq)) {
			st.Terms[stem] = append(append(st.Terms[stem], n), r.freq[stem]...)
		}
	}
	for i := range st.Fields {
		if len(docs) > 0 {
			// As bleve's BM25: the field's distinct terms over the documents, rounded up.
			st.Fields[i].Avg = math.Ceil(float64(len(distinct[i])) / float64(len(docs)))
		}
	}
	return written
}

// addWritten maps each stem to the word most often written for it.
func (st *Static) addWritten(written map[string]map[string]int) {
	for stem, words := range written {
		best, bestN := "", 0
		for w, c := range words {
			if c > bestN || c == bestN && w < best {
				best, bestN = w, c
			}
		}
		for _, p := range []string{"'s", "’s"} {
			best = strings.TrimSuffix(best, p)
		}
		if best != stem {
			st.Surface[stem] = best
		}
	}
}

// stopWords are the words the analyser name drops, from its stop list
// in bleve's registry (stop_en, stop_es…); none for an analyser without
// one.
func stopWords(cache *registry.Cache, name string) []string {
	m, err := cache.TokenMapNamed("stop_" + name)
	if err != nil {
		return nil
	}
	return slices.Sorted(maps.Keys(m))
}
