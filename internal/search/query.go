package search

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

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
