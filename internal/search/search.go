// Package search is the site's full-text search over articles: an
// in-memory bleve index of one content version, built at every content
// reload and dropped with it, so the search page never shows an article
// that is gone or misses one that was just published.
//
// Words are analysed in the documents' language (Options.Language; for
// English: lower case, stop words dropped, Porter stems), so
// "stretches" finds "stretching" and "médicos" finds "médico". User input never reaches
// bleve's query-string syntax: a query is cut into words, and every word
// must appear in at least one of title, tags, summary, body or authors
// (AND across words, OR across fields), so "neck pain at work" finds
// the articles about neck pain that mention work, not every article
// that says "work". When no article has every word, the search falls
// back to all words but one, then to any word, ranked by how many words
// match, so a typo or an unused word in a query still finds something.
//
// Search forgives: a word no article has as typed is widened to the
// words within one or two edits of it (bleve's fuzzy query) and the
// words it begins (bleve's prefix query), so "strech" finds "stretch"
// and "fasc" finds "fascia", and the results say which word was
// probably meant. A word that some article has is never widened: its
// exact matches are the only ones, and rank first. Synonyms and
// abbreviations (Options.Synonyms) work both ways: "DVT" finds "deep
// vein thrombosis", and "deep vein thrombosis" finds "DVT".
package search

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// Doc is one article to index. It carries only what search needs, so
// that this package does not depend on how articles are loaded.
type Doc struct {
	ID      string // the article's slug, unique
	Title   string
	Summary string
	Body    string // plain text of the article body
	Tags    []string
	Authors []string
	Date    time.Time
}

// MaxQueryLength bounds the work one request can cause and the text
// echoed back to the reader: longer queries are cut to this many runes.
const MaxQueryLength = 200 // runes

const (
	defaultPerPage = 10       // perPage below 1 means this
	maxPerPage     = 100      // perPage above this is cut to it
	maxTerms       = 32       // distinct query words searched; the rest are ignored
	snippetWords   = 30       // words in a snippet
	snippetLead    = 6        // words shown before the first match, when there are enough
	maxSnippetText = 64 << 10 // bytes of a body searched for a snippet, bounding the work per result
	maxPhrase      = 4        // words in the longest synonym phrase recognised in a query
	minFuzzyRunes  = 4        // a shorter word is too short to guess what it was meant to be
	minPrefixRunes = 3        // a shorter start of a word matches too many words
	longWordRunes  = 8        // words this long get two edits, shorter ones one
	fuzzyBoost     = 0.5      // a word close to the one typed counts for less than the word itself
	prefixBoost    = 0.5      // a word the typed one begins counts for less too
	maxCandidates  = 50       // close words kept for marking snippets and suggesting
	minMarkRunes   = 2        // a shorter word ("a", "e" of "e.g.") is never marked in a snippet
)

// Index fields and their boosts: a word in the title says more about
// what an article is about than the same word in passing in the body.
const (
	fieldTitle   = "title"
	fieldTags    = "tags"
	fieldSummary = "summary"
	fieldBody    = "body"
	fieldAuthors = "authors"
	fieldOrder   = "order" // tie-break rank: newer first, then by ID
)

var boosts = []struct {
	field string
	boost float64
}{
	{fieldTitle, 4},
	{fieldTags, 2},
	{fieldSummary, 1.5},
	{fieldBody, 1},
	{fieldAuthors, 1},
}

// Index is an immutable search index of one content version. It is
// safe for concurrent Search calls, and needs no closing: its memory
// and bleve's background goroutine are released once it is no longer
// referenced, so a reload can simply replace it.
type Index struct {
	bleve    bleve.Index
	analyzer analysis.Analyzer // the fields' analyzer, for queries and snippets
	docs     map[string]text   // the text snippets are cut from
	n        int
	synonyms synonyms
}

// text is what a snippet is cut from, and where a suggested word is
// found as written; bleve stores no field values.
type text struct{ title, summary, body, names string }

// Options tune Build.
type Options struct {
	// Synonyms maps a word, abbreviation or phrase to others that mean
	// the same, such as "DVT" to "deep vein thrombosis". Each entry is a
	// group that works every way: a query with any of them finds
	// articles with any other.
	Synonyms map[string][]string
	// Language is the BCP 47 tag of the documents' language, which
	// chooses how words are analysed (analyzerFor); "" is English.
	Language string
	// Analyses, for NewStatic, keeps each document's analysis for the
	// next build and gives this one those of the last; nil is none.
	Analyses *AnalysisCache
}

// indexed is the document bleve maps; the json tags are the field names.
type indexed struct {
	Title   string   `json:"title"`
	Tags    []string `json:"tags"`
	Summary string   `json:"summary"`
	Body    string   `json:"body"`
	Authors []string `json:"authors"`
	Order   string   `json:"order"`
}

// config holds the choices that make indexing fast; bench_test.go
// compares them, Build uses defaultConfig.
type config struct {
	indexType   string // scorch.Name: the close-word search needs its term dictionary
	batchSize   int    // documents per batch, but at most maxSegments batches; 0 means all in one
	termVectors bool   // store term positions (not needed: snippets re-analyse)
	bm25        bool   // BM25 scoring instead of bleve's default TF-IDF
}

var defaultConfig = config{indexType: scorch.Name, batchSize: 1000, bm25: true}

// maxSegments bounds the batches of one build: in memory, scorch never
// merges the segment each batch makes, and every search visits each.
const maxSegments = 10

// Build indexes docs, so that each content version gets its own index
// and a reload swaps indexes without locking searches. It keeps
// references to the Summary and Body strings (for snippets) but not to
// docs. Every ID must be non-empty and unique: a duplicate would
// silently hide one article from search, so it is an error.
func Build(docs []Doc, opts Options) (*Index, error) { return build(docs, opts, defaultConfig) }

func build(docs []Doc, opts Options, cfg config) (*Index, error) {
	texts := make(map[string]text, len(docs))
	for i := range docs {
		d := &docs[i]
		if d.ID == "" {
			return nil, fmt.Errorf("search: document %d has no ID", i)
		}
		if _, dup := texts[d.ID]; dup {
			return nil, fmt.Errorf("search: duplicate document ID %q", d.ID)
		}
		texts[d.ID] = text{title: d.Title, summary: d.Summary, body: d.Body,
			names: strings.Join(d.Tags, " ") + " " + strings.Join(d.Authors, " ")}
	}

	order := rankOrder(docs)

	name := analyzerFor(opts.Language)
	m := newMapping(cfg, name)
	// An empty path keeps scorch in memory: nothing is written to disk.
	bi, err := bleve.NewUsing("", m, cfg.indexType, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	batchSize := len(docs)
	if cfg.batchSize > 0 {
		batchSize = max(cfg.batchSize, (len(docs)+maxSegments-1)/maxSegments)
	}
	b := bi.NewBatch()
	for rank, i := range order {
		d := &docs[i]
		err := b.Index(d.ID, indexed{
			Title:   d.Title,
			Tags:    d.Tags,
			Summary: d.Summary,
			Body:    d.Body,
			Authors: d.Authors,
			Order:   fmt.Sprintf("%08x", rank),
		})
		if err == nil && b.Size() >= batchSize {
			err = bi.Batch(b)
			b.Reset()
		}
		if err != nil {
			_ = bi.Close()
			return nil, fmt.Errorf("search: indexing %q: %w", d.ID, err)
		}
	}
	if b.Size() > 0 {
		if err := bi.Batch(b); err != nil {
			_ = bi.Close()
			return nil, fmt.Errorf("search: %w", err)
		}
	}
	analyzer := m.AnalyzerNamed(name)
	if analyzer == nil {
		_ = bi.Close()
		return nil, fmt.Errorf("search: no analyzer %q", name)
	}
	ix := &Index{bleve: bi, analyzer: analyzer, docs: texts, n: len(docs), synonyms: newSynonyms(analyzer, opts.Synonyms)}
	runtime.AddCleanup(ix, func(bi bleve.Index) { _ = bi.Close() }, bi)
	return ix, nil
}

// rankOrder returns the indexes of docs newest first, then by ID: the
// order a tie in score is broken in, fixed once at build time so that a
// tie sorts on one short keyword instead of two fields.
func rankOrder(docs []Doc) []int {
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := docs[b].Date.Compare(docs[a].Date); c != 0 {
			return c
		}
		return strings.Compare(docs[a].ID, docs[b].ID)
	})
	return order
}

func newMapping(cfg config, analyzer string) *mapping.IndexMappingImpl {
	textField := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = cfg.termVectors
		f.DocValues = false
		return f
	}
	order := bleve.NewKeywordFieldMapping()
	order.Analyzer = keyword.Name
	order.Store = false
	order.IncludeInAll = false
	order.IncludeTermVectors = false
	order.DocValues = true // sorting reads it

	dm := bleve.NewDocumentStaticMapping()
	for _, b := range boosts {
		dm.AddFieldMappingsAt(b.field, textField())
	}
	dm.AddFieldMappingsAt(fieldOrder, order)
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())

	m := bleve.NewIndexMapping()
	m.DefaultMapping = dm
	m.DefaultAnalyzer = analyzer
	m.IndexDynamic = false
	m.StoreDynamic = false
	m.DocValuesDynamic = false
	if cfg.bm25 {
		m.ScoringModel = index.BM25Scoring
	}
	return m
}
