package search

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

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
// article has it. Of the forms the best article writes, the shortest
// wins: the plain word ("stretch"), not one that happens to come first
// ("stretched").
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
	best := ""
	for _, s := range []string{t.title, t.summary, t.body, t.names} {
		for _, tok := range ix.analyzer.Analyze([]byte(s)) {
			if string(tok.Term) == stem {
				w := strings.ToLower(s[tok.Start:tok.End])
				// The possessive filter takes 's off the stem, not the text.
				for _, p := range []string{"'s", "’s"} {
					w = strings.TrimSuffix(w, p)
				}
				if best == "" || len(w) < len(best) {
					best = w
				}
			}
		}
	}
	return best, nil
}
