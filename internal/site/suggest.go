package site

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/vellum"
	"github.com/blevesearch/vellum/levenshtein"

	"healthsite/templates"
)

// SuggestCount is the most articles the 404 page suggests.
const SuggestCount = 5

// Weights of a word of the address matching a word of an article's
// address or title: the same word, one a typo away, one it begins; and
// of the address being the article's with its words run together.
const (
	weightExact  = 4
	weightFuzzy  = 3
	weightPrefix = 2
	weightSlug   = 6
)

// Limits of the work one request for a missing page may cause, however
// long or odd its path: it is answered in microseconds, as a page is.
const (
	maxTokens       = 8   // words of the path looked at
	maxTokenRunes   = 40  // longer words are not words
	maxMatches      = 50  // words of the site one word of the path may match
	maxPostingsSeen = 1e5 // article entries scored, in all
)

// routeWord reports whether w is a word of the site's own addresses (or
// of the web's), which says nothing about the page a reader wanted.
func routeWord(w string) bool {
	switch w {
	case "articles", "article", "tags", "authors", "page", "index", "html", "htm", "www":
		return true
	}
	return false
}

// suggester finds the articles whose address or title a missing page's
// address nearly names: "/articles/myofascial-relase/" suggests
// "Myofascial release therapy". It is built with the site and only
// read afterwards. Words are held in finite state transducers (vellum,
// as the search index does), so a typo is matched by a Levenshtein
// automaton over the site's vocabulary, not by comparing with every
// word.
type suggester struct {
	links    []templates.Link // the articles, newest first
	words    *vellum.FST      // every word of the articles' addresses and titles → its index in postings
	postings [][]int32        // word → the articles that have it, ascending
	slugs    map[string]int32 // every article's slug, its words run together → its rank
	stop     analysis.TokenMap
	// The automaton builders take milliseconds to make: made for the
	// first missing page, not for every build.
	lev func() ([2]*levenshtein.LevenshteinAutomatonBuilder, error) // for one edit and for two
}

// newSuggester indexes the articles given, newest first, by their
// slugs and the words of their slugs and titles.
func newSuggester(links []templates.Link, slugs []string, lang string) (*suggester, error) {
	x := &suggester{links: links, stop: analysis.NewTokenMap()}
	if strings.HasPrefix(strings.ToLower(lang), "en") {
		if err := x.stop.LoadBytes(en.EnglishStopWords); err != nil {
			return nil, err
		}
	}
	byWord := map[string][]int32{}
	for i, l := range links {
		for _, w := range append(words(slugs[i]), words(l.Name)...) {
			if p := byWord[w]; len(p) == 0 || p[len(p)-1] != int32(i) {
				byWord[w] = append(p, int32(i))
			}
		}
	}
	keys := make([]string, 0, len(byWord))
	for w := range byWord {
		keys = append(keys, w)
	}
	slices.Sort(keys)
	x.postings = make([][]int32, len(keys))
	var err error
	x.words, err = buildFST(keys, func(i int) uint64 { x.postings[i] = byWord[keys[i]]; return uint64(i) })
	if err != nil {
		return nil, err
	}
	x.slugs = make(map[string]int32, len(slugs))
	for i, slug := range slugs {
		x.slugs[strings.ReplaceAll(slug, "-", "")] = int32(i)
	}
	x.lev = sync.OnceValues(func() (b [2]*levenshtein.LevenshteinAutomatonBuilder, err error) {
		// One builder a distance: the automaton of a builder for two
		// edits is several times larger, even when asked for one.
		for d := range b {
			if b[d], err = levenshtein.NewLevenshteinAutomatonBuilder(uint8(d+1), true); err != nil {
				return b, err
			}
		}
		return b, nil
	})
	return x, nil
}

// buildFST builds the transducer of keys, sorted, with the values val
// gives each.
func buildFST(keys []string, val func(i int) uint64) (*vellum.FST, error) {
	var buf bytes.Buffer
	b, err := vellum.New(&buf, nil)
	if err != nil {
		return nil, err
	}
	for i, k := range keys {
		if err := b.Insert([]byte(k), val(i)); err != nil {
			return nil, err
		}
	}
	if err := b.Close(); err != nil {
		return nil, err
	}
	return vellum.Load(buf.Bytes())
}

// words are the lowercase words of s: runs of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// suggest returns up to n articles that path nearly names, the
// nearest first, then the newest; none when nothing is near.
func (x *suggester) suggest(path string, n int) []templates.Link {
	if x == nil || len(x.links) == 0 || !utf8.ValidString(path) {
		return nil
	}
	t := &tally{x: x}
	if slug := x.slugRank(path); slug >= 0 {
		t.alloc()
		t.score[slug] = weightSlug
		t.touched = append(t.touched, slug)
	}
	lev, levErr := x.lev()
	for ti, w := range x.tokens(path) {
		x.match(t, ti, w, lev, levErr)
	}
	top := t.top(n)
	out := make([]templates.Link, 0, len(top))
	for _, r := range top {
		out = append(out, x.links[r])
	}
	return out
}

// slugRank is the rank of the article whose slug the last part of the
// address is, as a slug or with its words run together
// (/articles/myofascialreleasetherapy/), or -1.
func (x *suggester) slugRank(path string) int32 {
	if parts := strings.FieldsFunc(path, func(r rune) bool { return r == '/' }); len(parts) > 0 {
		last := NameSlug(parts[len(parts)-1])
		if r, ok := x.slugs[strings.ReplaceAll(last, "-", "")]; ok {
			return r
		}
	}
	return -1
}

// tokens are the words of path worth looking up: not the words of the
// routes, not stop words, not too short or too long, each once, at most
// maxTokens.
func (x *suggester) tokens(path string) []string {
	var tokens []string
	for _, w := range words(path) {
		if len(tokens) == maxTokens {
			break
		}
		if routeWord(w) || x.stop[w] || utf8.RuneCountInString(w) < 2 || utf8.RuneCountInString(w) > maxTokenRunes || slices.Contains(tokens, w) {
			continue
		}
		tokens = append(tokens, w)
	}
	return tokens
}

// match credits the articles that have the path's word t (its ti-th):
// exactly, as the beginning of one of their words ("fasc" for
// "fascia"), or a typo away: one edit in a short word, two in a long
// one.
func (x *suggester) match(tl *tally, ti int, t string, lev [2]*levenshtein.LevenshteinAutomatonBuilder, levErr error) {
	if w, ok, err := x.words.Get([]byte(t)); err == nil && ok {
		tl.credit(ti, w, weightExact)
	}
	runes := utf8.RuneCountInString(t)
	if runes >= 3 {
		itr, err := x.words.Iterator([]byte(t), append([]byte(t), 0xff))
		for m := 0; err == nil && m < maxMatches; m++ {
			_, w := itr.Current()
			tl.credit(ti, w, weightPrefix)
			err = itr.Next()
		}
	}
	if runes >= 4 && levErr == nil {
		d := uint8(1)
		if runes >= 8 {
			d = 2
		}
		if dfa, err := lev[d-1].BuildDfa(t, d); err == nil {
			itr, err := x.words.Search(dfa, nil, nil)
			for m := 0; err == nil && m < maxMatches; m++ {
				_, w := itr.Current()
				tl.credit(ti, w, weightFuzzy)
				err = itr.Next()
			}
		}
	}
}

// tally adds up the articles' scores for one missing path: each word of
// the path gives an article the weight of its best match among the
// article's words; the weights add up.
type tally struct {
	x       *suggester
	score   []int32 // by rank
	stamp   []int32 // the word of the path (1-based) that last scored the article
	weight  []int8  // that word's weight for it
	touched []int32 // the articles with a score
	seen    int     // postings visited, at most maxPostingsSeen
}

// alloc makes the tally's slices, once something scores.
func (t *tally) alloc() {
	n := len(t.x.links)
	t.score, t.stamp, t.weight = make([]int32, n), make([]int32, n), make([]int8, n)
}

// credit gives the articles that have word the weight w for the ti-th
// word of the path, unless one of its matches gave them more.
func (t *tally) credit(ti int, word uint64, w int8) {
	p := t.x.postings[word]
	if len(t.x.links) > 10 && len(p) > len(t.x.links)/2 {
		return // a word in most titles tells them apart from none
	}
	if t.score == nil {
		t.alloc()
	}
	for _, r := range p {
		if t.seen++; t.seen > maxPostingsSeen {
			return
		}
		switch {
		case t.stamp[r] != int32(ti+1):
			if t.score[r] == 0 {
				t.touched = append(t.touched, r)
			}
			t.stamp[r], t.weight[r] = int32(ti+1), w
			t.score[r] += int32(w)
		case w > t.weight[r]:
			t.score[r] += int32(w - t.weight[r])
			t.weight[r] = w
		}
	}
}

// top returns the ranks of the n best, highest score first, then newest
// (lowest rank).
func (t *tally) top(n int) []int32 {
	better := func(a, b int32) bool { return t.score[a] > t.score[b] || t.score[a] == t.score[b] && a < b }
	top := make([]int32, 0, n+1)
	for _, r := range t.touched {
		i := len(top)
		for i > 0 && better(r, top[i-1]) {
			i--
		}
		if i < n {
			top = slices.Insert(top, i, r)
			top = top[:min(len(top), n)]
		}
	}
	return top
}

// NotFoundPage renders the 404 page for path, in path's language (see
// NotFoundAt), with the articles of that language its address nearly
// names. When it names none, it returns nil: the prerendered page
// (NotFoundAt), which the export serves for every missing path of the
// language, is the same page.
func (s *Site) NotFoundPage(path string) ([]byte, error) {
	ep := s.errorsAt(path)
	links := ep.suggest.suggest(strings.TrimPrefix(path, s.LanguagePrefix(path)), SuggestCount)
	if len(links) == 0 {
		return nil, nil
	}
	p := ep.notFoundView
	p.Suggestions = links
	var buf bytes.Buffer
	if err := templates.Error(p).Render(context.Background(), &buf); err != nil {
		return nil, fmt.Errorf("rendering the 404 page: %w", err)
	}
	return buf.Bytes(), nil
}
