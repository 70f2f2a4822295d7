// Package search is the site's full-text search over articles: an
// in-memory bleve index of one content version, built at every content
// reload and dropped with it, so the search page never shows an article
// that is gone or misses one that was just published.
//
// Words are analysed as English (lower case, stop words dropped, Porter
// stems), so "stretches" finds "stretching". User input never reaches
// bleve's query-string syntax: a query is cut into words, and every word
// must appear in at least one of title, tags, summary, body or authors
// (AND across words, OR across fields), so "neck pain at work" finds
// the articles about neck pain that mention work, not every article
// that says "work". When no article has every word, the search falls
// back to all words but one, then to any word, ranked by how many words
// match, so a typo or an unused word in a query still finds something.
package search

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
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
}

// text is what a snippet is cut from; bleve stores no field values.
type text struct{ summary, body string }

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
	indexType   string // scorch.Name, or upsidedown.Name (with gtreap)
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
func Build(docs []Doc) (*Index, error) { return build(docs, defaultConfig) }

func build(docs []Doc, cfg config) (*Index, error) {
	texts := make(map[string]text, len(docs))
	for i := range docs {
		d := &docs[i]
		if d.ID == "" {
			return nil, fmt.Errorf("search: document %d has no ID", i)
		}
		if _, dup := texts[d.ID]; dup {
			return nil, fmt.Errorf("search: duplicate document ID %q", d.ID)
		}
		texts[d.ID] = text{summary: d.Summary, body: d.Body}
	}

	// Rank every document newest first, then by ID, once here, so that a
	// tie in score sorts on one short keyword instead of two fields.
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

	m := newMapping(cfg)
	kvstore := scorch.Name
	if cfg.indexType != scorch.Name {
		kvstore = bleve.Config.DefaultMemKVStore
	}
	// An empty path keeps scorch in memory: nothing is written to disk.
	bi, err := bleve.NewUsing("", m, cfg.indexType, kvstore, nil)
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
	analyzer := m.AnalyzerNamed(en.AnalyzerName)
	if analyzer == nil {
		_ = bi.Close()
		return nil, errors.New("search: no English analyzer")
	}
	ix := &Index{bleve: bi, analyzer: analyzer, docs: texts, n: len(docs)}
	runtime.AddCleanup(ix, func(bi bleve.Index) { _ = bi.Close() }, bi)
	return ix, nil
}

func newMapping(cfg config) *mapping.IndexMappingImpl {
	textField := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = en.AnalyzerName
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
	m.DefaultAnalyzer = en.AnalyzerName
	m.IndexDynamic = false
	m.StoreDynamic = false
	m.DocValuesDynamic = false
	if cfg.bm25 {
		m.ScoringModel = index.BM25Scoring
	}
	return m
}

// Segment is a piece of a snippet, so that the page can highlight the
// matched words with its own markup and escaping: Mark is true for a
// word that matched the query.
type Segment struct {
	Text string
	Mark bool
}

// Result is one matching article, with what the results page shows
// besides what it already knows from the article itself.
type Result struct {
	ID      string
	Score   float64
	Snippet []Segment // about 30 words of the body (or summary) around the best match; plain text, not HTML
}

// Results is one page of results, with the counts the page needs for
// its pager.
type Results struct {
	Query   string // the query as used: valid UTF-8, spaces collapsed, trimmed, at most MaxQueryLength runes
	Total   int    // matching articles in all
	Page    int    // 1-based, clamped to [1, Pages]; 1 when Total == 0
	Pages   int    // 0 when Total == 0
	Results []Result
}

// Search runs the query q and returns page `page` of results, perPage a page
// (below 1 means 10, above 100 means 100). Any text is a valid query:
// what cannot match, such as punctuation or stop words alone, finds
// nothing rather than failing, so the page can show "no results" for
// every input. Results are ordered by score, then newer first, then by
// ID, so the same query always gives the same pages.
func (ix *Index) Search(q string, page, perPage int) (*Results, error) {
	q = normalize(q)
	if perPage < 1 {
		perPage = defaultPerPage
	}
	perPage = min(perPage, maxPerPage)
	res := &Results{Query: q, Page: 1}
	terms := ix.terms(q)
	if len(terms) == 0 || ix.n == 0 {
		return res, nil
	}
	// Clamp before multiplying, so that a huge page cannot overflow.
	page = min(max(page, 1), pagesOf(ix.n, perPage))

	// Every word; failing that, all words but one (a typo, or a word no
	// article uses); failing that, any word.
	needs := []int{len(terms)}
	if len(terms) > 2 {
		needs = append(needs, len(terms)-1)
	}
	if len(terms) > 1 {
		needs = append(needs, 1)
	}
	var sr *bleve.SearchResult
	var bq query.Query
	var err error
	for _, need := range needs {
		bq = ix.query(terms, need)
		if sr, err = ix.run(bq, page, perPage); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if sr.Total > 0 {
			break
		}
	}
	res.Total = int(sr.Total)
	res.Pages = pagesOf(res.Total, perPage)
	if res.Total == 0 {
		return res, nil
	}
	if page > res.Pages {
		page = res.Pages
		if sr, err = ix.run(bq, page, perPage); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
	}
	res.Page = page
	stems := make(map[string]bool, len(terms))
	for _, t := range terms {
		stems[t.stem] = true
	}
	res.Results = make([]Result, 0, len(sr.Hits))
	for _, h := range sr.Hits {
		res.Results = append(res.Results, Result{
			ID:      h.ID,
			Score:   h.Score,
			Snippet: ix.snippet(ix.docs[h.ID], stems),
		})
	}
	return res, nil
}

func pagesOf(total, perPage int) int { return (total + perPage - 1) / perPage }

func (ix *Index) run(q query.Query, page, perPage int) (*bleve.SearchResult, error) {
	req := bleve.NewSearchRequestOptions(q, perPage, (page-1)*perPage, false)
	req.SortByCustom(bsearch.SortOrder{
		&bsearch.SortScore{Desc: true},
		&bsearch.SortField{Field: fieldOrder, Type: bsearch.SortFieldAsString},
	})
	return ix.bleve.Search(req)
}

// normalize makes any string a query: invalid UTF-8 becomes U+FFFD,
// control characters and runs of spaces become one space, and the
// result is trimmed and cut to MaxQueryLength runes. It reads no more of
// q than it keeps, so a huge query costs no more than a short one.
func normalize(q string) string {
	q = strings.TrimFunc(q, isSpace)
	var b strings.Builder
	n, space := 0, false
	for _, r := range q { // invalid bytes come as utf8.RuneError, that is U+FFFD
		if isSpace(r) {
			space = true
			continue
		}
		if space {
			if n+1 >= MaxQueryLength {
				break
			}
			b.WriteByte(' ')
			n++
			space = false
		}
		if n >= MaxQueryLength {
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }

// term is one distinct query word: as typed, for bleve's match query
// to analyse per field, and as analysed, for marking snippets.
type term struct{ word, stem string }

func (ix *Index) terms(q string) []term {
	var ts []term
	for _, tok := range ix.analyzer.Analyze([]byte(q)) {
		stem := string(tok.Term)
		if slices.ContainsFunc(ts, func(t term) bool { return t.stem == stem }) {
			continue
		}
		ts = append(ts, term{word: q[tok.Start:tok.End], stem: stem})
		if len(ts) == maxTerms {
			break
		}
	}
	return ts
}

// query matches documents that have at least need of the terms, each
// in any field. Each term is a bleve match query per field, never
// query-string syntax, so no input can be read as an operator or a
// field name. Documents with more of the terms score higher.
func (ix *Index) query(terms []term, need int) query.Query {
	qs := make([]query.Query, len(terms))
	for i, t := range terms {
		fields := make([]query.Query, len(boosts))
		for j, b := range boosts {
			mq := bleve.NewMatchQuery(t.word)
			mq.SetField(b.field)
			mq.SetBoost(b.boost)
			fields[j] = mq
		}
		qs[i] = bleve.NewDisjunctionQuery(fields...)
	}
	if need >= len(qs) {
		return bleve.NewConjunctionQuery(qs...) // faster than a disjunction needing all
	}
	q := bleve.NewDisjunctionQuery(qs...)
	q.SetMin(float64(need))
	return q
}

// snippet cuts about snippetWords whole words from the body around its
// best match (the window with the most distinct query words, then the
// most matches), or from the summary when the body has none, or the
// start of the summary (or body) when only the title, tags or authors
// matched.
func (ix *Index) snippet(t text, stems map[string]bool) []Segment {
	if s := ix.cut(t.body, stems, false); s != nil {
		return s
	}
	if s := ix.cut(t.summary, stems, false); s != nil {
		return s
	}
	if strings.TrimFunc(t.summary, isSpace) != "" {
		return ix.cut(t.summary, stems, true)
	}
	return ix.cut(t.body, stems, true)
}

type span struct{ start, end int }

// match is a matched token: its bytes, the word it is in and which
// query term it is.
type match struct {
	span
	word int
	term string
}

// cut returns the best window of s with its matches marked, nil when
// nothing in s matches, unless lead, which takes the start of s unmarked.
func (ix *Index) cut(s string, stems map[string]bool, lead bool) []Segment {
	if len(s) > maxSnippetText {
		s = s[:maxSnippetText]
		if i := strings.LastIndexFunc(s, isSpace); i > 0 {
			s = s[:i]
		}
	}
	var words []span
	start := -1
	for i, r := range s {
		if isSpace(r) {
			if start >= 0 {
				words = append(words, span{start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		words = append(words, span{start, len(s)})
	}
	if len(words) == 0 {
		return nil
	}
	if lead {
		return segments(s, words, 0, min(len(words), snippetWords), nil)
	}

	var ms []match
	w := 0
	for _, tok := range ix.analyzer.Analyze([]byte(s)) {
		if !stems[string(tok.Term)] {
			continue
		}
		for w < len(words)-1 && words[w].end <= tok.Start {
			w++
		}
		ms = append(ms, match{span{tok.Start, tok.End}, w, string(tok.Term)})
	}
	if len(ms) == 0 {
		return nil
	}

	// Slide a window anchored a few words before each match; both ends
	// only move forward, so counting is linear in the matches.
	bestStart, bestDistinct, bestCount := 0, -1, -1
	count := map[string]int{}
	lo, hi, distinct := 0, 0, 0
	for i, m := range ms {
		if i > 0 && m.word == ms[i-1].word {
			continue
		}
		ws := max(0, m.word-snippetLead)
		ws = max(0, min(ws, len(words)-snippetWords))
		we := min(len(words), ws+snippetWords)
		for ; hi < len(ms) && ms[hi].word < we; hi++ {
			if count[ms[hi].term]++; count[ms[hi].term] == 1 {
				distinct++
			}
		}
		for ; lo < hi && ms[lo].word < ws; lo++ {
			if count[ms[lo].term]--; count[ms[lo].term] == 0 {
				distinct--
			}
		}
		if distinct > bestDistinct || distinct == bestDistinct && hi-lo > bestCount {
			bestStart, bestDistinct, bestCount = ws, distinct, hi-lo
		}
	}
	end := min(len(words), bestStart+snippetWords)
	var in []span
	for _, m := range ms {
		if m.word >= bestStart && m.word < end {
			in = append(in, m.span)
		}
	}
	return segments(s, words, bestStart, end, in)
}

// segments renders words[from:to] of s with the marked spans as their
// own segments, spaces collapsed and "…" where the text was cut.
func segments(s string, words []span, from, to int, marks []span) []Segment {
	var out []Segment
	plain := func(t string) {
		if t == "" {
			return
		}
		if n := len(out); n > 0 && !out[n-1].Mark {
			out[n-1].Text += t
			return
		}
		out = append(out, Segment{Text: t})
	}
	if from > 0 {
		plain("… ")
	}
	pos, end := words[from].start, words[to-1].end
	for _, m := range marks {
		plain(collapse(s[pos:m.start]))
		out = append(out, Segment{Text: strings.ToValidUTF8(s[m.start:m.end], "\uFFFD"), Mark: true})
		pos = m.end
	}
	plain(collapse(s[pos:end]))
	if to < len(words) {
		plain(" …")
	}
	return out
}

// collapse turns every run of spaces and control characters into one
// space and invalid UTF-8 into U+FFFD, so a snippet is one clean line.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r) // invalid bytes come as utf8.RuneError, that is U+FFFD
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}
