package search

import (
	"maps"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
)

// synonyms maps a phrase's stems, joined by spaces, to the stems of
// every other phrase in a group with it.
type synonyms map[string][][]string

// newSynonyms analyses every group as the fields are, so that "BP"
// meets "bp" and "blood pressure" meets "blood pressur".
func newSynonyms(a analysis.Analyzer, groups map[string][]string) synonyms {
	out := synonyms{}
	for _, key := range slices.Sorted(maps.Keys(groups)) {
		var phrases [][]string
		for _, p := range append([]string{key}, groups[key]...) {
			var stems []string
			for _, tok := range a.Analyze([]byte(p)) {
				stems = append(stems, string(tok.Term))
			}
			if len(stems) > 0 && len(stems) <= maxPhrase && !slices.ContainsFunc(phrases, func(q []string) bool { return slices.Equal(q, stems) }) {
				phrases = append(phrases, stems)
			}
		}
		for _, p := range phrases {
			k := strings.Join(p, " ")
			for _, q := range phrases {
				if !slices.Equal(p, q) && !slices.ContainsFunc(out[k], func(r []string) bool { return slices.Equal(r, q) }) {
					out[k] = append(out[k], q)
				}
			}
		}
	}
	return out
}
