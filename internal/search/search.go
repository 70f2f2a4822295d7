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
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

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
	// Suggestion is the query with each word that no article has
	// replaced by the closest word that articles do have, for a "did
	// you mean"; "" when every word was found, or nothing is close.
	Suggestion string
	// Widened says that some word was found in no article as typed,
	// so the results are for words close to it: with results, the page
	// says "Showing results for" Suggestion rather than "did you mean".
	Widened bool
	// Including names the synonyms that widened the query and that
	// articles have, each group followed by the words typed for it:
	// "deep vein thrombosis (DVT)"; "" when no synonym was used.
	Including string
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
	mk, err := ix.widen(terms, res)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
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
	res.Results = make([]Result, 0, len(sr.Hits))
	for _, h := range sr.Hits {
		res.Results = append(res.Results, Result{
			ID:      h.ID,
			Score:   h.Score,
			Snippet: ix.snippet(ix.docs[h.ID], mk),
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

// term is one distinct part of a query: a word, or a phrase that is a
// synonym, with what it may match.
type term struct {
	word    string     // as typed, for suggestions
	start   int        // its byte offsets in the query
	end     int        //
	phrases [][]string // the stems as typed, then each synonym's
	fuzzy   int        // edits allowed (0: none) when no article has the word
	prefix  bool       // match the words it begins, when no article has it
}

// key identifies a term by its first phrase.
func (t *term) key() string { return strings.Join(t.phrases[0], " ") }

func (ix *Index) terms(q string) []term {
	toks := ix.analyzer.Analyze([]byte(q))
	var ts []term
	for i := 0; i < len(toks) && len(ts) < maxTerms; {
		// The longest synonym phrase starting here, else the word.
		n := 1
		for l := min(maxPhrase, len(toks)-i); l > 1; l-- {
			if _, ok := ix.synonyms.groups[phraseKey(toks[i:i+l])]; ok {
				n = l
				break
			}
		}
		span := toks[i : i+n]
		i += n
		phrase := make([]string, n)
		for j, tok := range span {
			phrase[j] = string(tok.Term)
		}
		t := term{word: q[span[0].Start:span[n-1].End], start: span[0].Start, end: span[n-1].End, phrases: [][]string{phrase}}
		if slices.ContainsFunc(ts, func(o term) bool { return o.key() == t.key() }) {
			continue
		}
		t.phrases = append(t.phrases, ix.synonyms.groups[t.key()]...)
		ts = append(ts, t)
	}
	return ts
}

func phraseKey(toks analysis.TokenStream) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.Write(t.Term)
	}
	return b.String()
}

// widen finds the terms that no article has, in any of their phrases,
// and lets them match close words: res gets the suggested query and the
// synonyms used. It returns what to mark in snippets.
func (ix *Index) widen(terms []term, res *Results) (*marks, error) {
	mk := &marks{words: map[string]bool{}}
	for _, t := range terms {
		for _, p := range t.phrases {
			mk.add(p)
		}
	}
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var suggestion strings.Builder
	var including []string
	last := 0
	for i := range terms {
		t := &terms[i]
		found := false
		var synonyms []string
		for j, p := range t.phrases {
			has, err := ix.has(r, p)
			if err != nil {
				return nil, err
			}
			found = found || has
			if has && j > 0 {
				synonyms = append(synonyms, ix.synonyms.written(p))
			}
		}
		if len(synonyms) > 0 {
			including = append(including, strings.Join(synonyms, ", ")+" ("+t.word+")")
		}
		if found || len(t.phrases[0]) > 1 {
			continue
		}
		stem := t.phrases[0][0]
		if n := utf8.RuneCountInString(t.word); n >= longWordRunes {
			t.fuzzy = 2
		} else if n >= minFuzzyRunes {
			t.fuzzy = 1
		}
		t.prefix = utf8.RuneCountInString(stem) >= minPrefixRunes
		res.Widened = res.Widened || t.fuzzy > 0 || t.prefix
		cands, err := ix.candidates(r, stem, t.fuzzy, t.prefix)
		if err != nil {
			return nil, err
		}
		// Only the words as good as the best, so that "fasc" marks the
		// words it begins and not "fast", one letter away.
		for _, c := range cands {
			if c.prefix == cands[0].prefix && (c.prefix || c.distance == cands[0].distance) {
				mk.words[c.term] = true
			}
		}
		if len(cands) == 0 {
			continue
		}
		word, err := ix.surface(cands[0].term)
		if err != nil {
			return nil, err
		}
		if word == "" {
			continue
		}
		suggestion.WriteString(res.Query[last:t.start])
		suggestion.WriteString(word)
		last = t.end
	}
	if last > 0 {
		suggestion.WriteString(res.Query[last:])
		res.Suggestion = suggestion.String()
	}
	res.Including = strings.Join(including, "; ")
	return mk, nil
}

// marks are what a snippet highlights: words, by their stems, and
// phrases, whose stems are marked only where they follow each other
// ("physical therapy" for "physio", not every "therapy").
type marks struct {
	words   map[string]bool
	phrases [][]string
}

func (m *marks) add(phrase []string) {
	if len(phrase) == 1 {
		m.words[phrase[0]] = true
	} else if !slices.ContainsFunc(m.phrases, func(p []string) bool { return slices.Equal(p, phrase) }) {
		m.phrases = append(m.phrases, phrase)
	}
}

// at returns how many tokens from toks[i] are marked: a phrase's
// length, 1 for a word, 0 for none. A word of fewer than minMarkRunes
// in s is not marked alone: a letter says nothing of why an article
// matched.
func (m *marks) at(toks analysis.TokenStream, i int, s string) int {
	for _, p := range m.phrases {
		if i+len(p) <= len(toks) && slices.EqualFunc(p, toks[i:i+len(p)], func(stem string, tok *analysis.Token) bool { return stem == string(tok.Term) }) {
			return len(p)
		}
	}
	if m.words[string(toks[i].Term)] && utf8.RuneCountInString(s[toks[i].Start:toks[i].End]) >= minMarkRunes {
		return 1
	}
	return 0
}

// has says whether some field of some article has every stem of phrase.
func (ix *Index) has(r index.IndexReader, phrase []string) (bool, error) {
	for _, s := range phrase {
		found := false
		for _, b := range boosts {
			tfr, err := r.TermFieldReader(context.Background(), []byte(s), b.field, false, false, false)
			if err != nil {
				return false, err
			}
			n := tfr.Count()
			_ = tfr.Close()
			if n > 0 {
				found = true
				break
			}
		}
		if !found {
			return false, nil
		}
	}
	return true, nil
}

// candidate is an indexed word close to a query word.
type candidate struct {
	term     string
	prefix   bool // the query word begins it
	distance int  // edits from the query word
	docs     int  // in how many documents' fields it is
}

// candidates returns the indexed words within fuzzy edits of stem, and
// those stem begins, best first: the reader more likely stopped typing
// than mistyped, so words the stem begins first, then the closest, then
// the most used.
func (ix *Index) candidates(r index.IndexReader, stem string, fuzzy int, prefix bool) ([]candidate, error) {
	by := map[string]*candidate{}
	var auto index.FuzzyAutomaton
	add := func(d index.FieldDict, pre bool, err error) error {
		if err != nil {
			return err
		}
		defer d.Close()
		for {
			e, err := d.Next()
			if err != nil || e == nil {
				return err
			}
			dist := len(e.Term) - len(stem) // a word the stem begins: the letters to add
			if !pre {
				_, d := auto.MatchAndDistance(e.Term)
				dist = int(d)
			}
			c := by[e.Term]
			if c == nil {
				c = &candidate{term: e.Term, distance: dist}
				by[e.Term] = c
			}
			c.prefix = c.prefix || pre
			c.docs += int(e.Count)
			c.distance = min(c.distance, dist)
		}
	}
	fr, ok := r.(index.IndexReaderFuzzy)
	if !ok {
		return nil, errors.New("the index cannot look up close words")
	}
	for _, b := range boosts {
		if fuzzy > 0 {
			var d index.FieldDict
			var err error
			d, auto, err = fr.FieldDictFuzzyAutomaton(b.field, stem, fuzzy, "")
			if err := add(d, false, err); err != nil {
				return nil, err
			}
		}
		if prefix {
			d, err := r.FieldDictPrefix(b.field, []byte(stem))
			if err := add(d, true, err); err != nil {
				return nil, err
			}
		}
	}
	var out []candidate
	for _, c := range by {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b candidate) int {
		if a.prefix != b.prefix {
			if a.prefix {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.distance, b.distance), cmp.Compare(b.docs, a.docs), strings.Compare(a.term, b.term))
	})
	return out[:min(len(out), maxCandidates)], nil
}

// surface returns stem as an article writes it, lower case, to suggest
// a word rather than a stem ("myofascial", not "myofasci"); "" if no
// article has it.
func (ix *Index) surface(stem string) (string, error) {
	fields := make([]query.Query, len(boosts))
	for i, b := range boosts {
		tq := bleve.NewTermQuery(stem)
		tq.SetField(b.field)
		fields[i] = tq
	}
	sr, err := ix.run(bleve.NewDisjunctionQuery(fields...), 1, 1)
	if err != nil || len(sr.Hits) == 0 {
		return "", err
	}
	t := ix.docs[sr.Hits[0].ID]
	for _, s := range []string{t.title, t.summary, t.body, t.names} {
		for _, tok := range ix.analyzer.Analyze([]byte(s)) {
			if string(tok.Term) == stem {
				w := strings.ToLower(s[tok.Start:tok.End])
				// The possessive filter takes 's off the stem, not the text.
				for _, p := range []string{"'s", "’s"} {
					w = strings.TrimSuffix(w, p)
				}
				return w, nil
			}
		}
	}
	return "", nil
}

// query matches documents that have at least need of the terms, each
// in any field. Each word is a bleve term query per field of the stem
// the fields' analyzer makes of it, never query-string syntax, so no
// input can be read as an operator or a field name. Documents with
// more of the terms score higher.
func (ix *Index) query(terms []term, need int) query.Query {
	qs := make([]query.Query, len(terms))
	for i, t := range terms {
		var alts []query.Query
		for _, p := range t.phrases {
			words := make([]query.Query, len(p))
			for j, s := range p {
				words[j] = fieldsQuery(func(field string, boost float64) []query.Query {
					tq := bleve.NewTermQuery(s)
					tq.SetField(field)
					tq.SetBoost(boost)
					return []query.Query{tq}
				})
			}
			if len(words) == 1 {
				alts = append(alts, words[0])
			} else {
				alts = append(alts, bleve.NewConjunctionQuery(words...))
			}
		}
		if t.fuzzy > 0 || t.prefix {
			stem := t.phrases[0][0]
			alts = append(alts, fieldsQuery(func(field string, boost float64) []query.Query {
				var out []query.Query
				if t.fuzzy > 0 {
					fq := bleve.NewFuzzyQuery(stem)
					fq.SetFuzziness(t.fuzzy)
					fq.SetField(field)
					fq.SetBoost(boost * fuzzyBoost)
					out = append(out, fq)
				}
				if t.prefix {
					pq := bleve.NewPrefixQuery(stem)
					pq.SetField(field)
					pq.SetBoost(boost * prefixBoost)
					out = append(out, pq)
				}
				return out
			}))
		}
		if len(alts) == 1 {
			qs[i] = alts[0]
		} else {
			qs[i] = bleve.NewDisjunctionQuery(alts...)
		}
	}
	if need >= len(qs) {
		return bleve.NewConjunctionQuery(qs...) // faster than a disjunction needing all
	}
	q := bleve.NewDisjunctionQuery(qs...)
	q.SetMin(float64(need))
	return q
}

// fieldsQuery is the disjunction over every field of the queries
// perField makes for it with the field's boost.
func fieldsQuery(perField func(field string, boost float64) []query.Query) query.Query {
	var qs []query.Query
	for _, b := range boosts {
		qs = append(qs, perField(b.field, b.boost)...)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// snippet cuts about snippetWords whole words from the body around its
// best match (the window with the most distinct query words, then the
// most matches), or from the summary when the body has none, or the
// start of the summary (or body) when only the title, tags or authors
// matched.
func (ix *Index) snippet(t text, mk *marks) []Segment {
	if s := ix.cut(t.body, mk, false); s != nil {
		return s
	}
	if s := ix.cut(t.summary, mk, false); s != nil {
		return s
	}
	if strings.TrimFunc(t.summary, isSpace) != "" {
		return ix.cut(t.summary, mk, true)
	}
	return ix.cut(t.body, mk, true)
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
func (ix *Index) cut(s string, mk *marks, lead bool) []Segment {
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
	toks := ix.analyzer.Analyze([]byte(s))
	for i := 0; i < len(toks); i++ {
		n := mk.at(toks, i, s)
		if n == 0 {
			continue
		}
		term := phraseKey(toks[i : i+n])
		for _, tok := range toks[i : i+n] {
			for w < len(words)-1 && words[w].end <= tok.Start {
				w++
			}
			ms = append(ms, match{span{tok.Start, tok.End}, w, term})
		}
		i += n - 1
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
		plain(collapse(s, pos, m.start))
		out = append(out, Segment{Text: strings.ToValidUTF8(s[m.start:m.end], "\uFFFD"), Mark: true})
		pos = m.end
	}
	plain(collapse(s, pos, end))
	if to < len(words) {
		plain(" …")
	}
	return out
}

// collapse returns s[from:to] with every run of spaces and control
// characters as one space and invalid UTF-8 as U+FFFD, so a snippet is
// one clean line. A break between blocks (a blank line) after a word
// with no punctuation, as a heading ends, becomes " — ", so that a
// heading does not run into the paragraph under it.
func collapse(s string, from, to int) string {
	var b strings.Builder
	b.Grow(to - from)
	run := -1 // where the current run of spaces began
	sep := func(at int) {
		if strings.Count(s[run:at], "\n") >= 2 && endsBare(s[:run]) {
			b.WriteString(" — ")
		} else {
			b.WriteByte(' ')
		}
		run = -1
	}
	for i, r := range s[from:to] {
		if isSpace(r) {
			if run < 0 {
				run = from + i
			}
			continue
		}
		if run >= 0 {
			sep(from + i)
		}
		b.WriteRune(r) // invalid bytes come as utf8.RuneError, that is U+FFFD
	}
	if run >= 0 {
		sep(to)
	}
	return b.String()
}

// endsBare says whether s ends in a letter or a digit, perhaps then
// closing quotes or brackets: not in punctuation of its own, as a
// heading or a table cell ends and a sentence does not.
func endsBare(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, `”’"')]`))
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
