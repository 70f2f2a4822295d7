package search

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
)

// synonyms are the synonym groups as search uses them.
type synonyms struct {
	// groups maps a phrase's stems, joined by spaces, to the stems of
	// every other phrase in a group with it.
	groups map[string][][]string
	// text maps a phrase's stems, joined by spaces, to the phrase as the
	// synonyms list writes it, for "Including results for" on the page.
	text map[string]string
}

// newSynonyms analyses every group as the fields are, so that "BP"
// meets "bp" and "blood pressure" meets "blood pressur".
func newSynonyms(a analysis.Analyzer, groups map[string][]string) synonyms {
	out := synonyms{groups: map[string][][]string{}, text: map[string]string{}}
	for _, key := range slices.Sorted(maps.Keys(groups)) {
		var phrases [][]string
		for _, p := range append([]string{key}, groups[key]...) {
			var stems []string
			for _, tok := range a.Analyze([]byte(p)) {
				stems = append(stems, string(tok.Term))
			}
			if len(stems) > 0 && len(stems) <= maxPhrase && !slices.ContainsFunc(phrases, func(q []string) bool { return slices.Equal(q, stems) }) {
				phrases = append(phrases, stems)
				if k := strings.Join(stems, " "); out.text[k] == "" {
					out.text[k] = strings.Join(strings.Fields(p), " ")
				}
			}
		}
		for _, p := range phrases {
			k := strings.Join(p, " ")
			for _, q := range phrases {
				if !slices.Equal(p, q) && !slices.ContainsFunc(out.groups[k], func(r []string) bool { return slices.Equal(r, q) }) {
					out.groups[k] = append(out.groups[k], q)
				}
			}
		}
	}
	return out
}

// written returns phrase as the synonyms list writes it.
func (s synonyms) written(phrase []string) string {
	k := strings.Join(phrase, " ")
	return cmp.Or(s.text[k], k)
}
