package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/it"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/analysis/lang/pl"
	"github.com/blevesearch/bleve/v2/analysis/lang/pt"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
)

// analyzerFor returns the name of bleve's analyser for the language
// tag: its stop words and stemmer, so that "médicos" finds "médico" in
// Spanish and "stretches" finds "stretching" in English. Chinese,
// Japanese and Korean share the CJK analyser (bigrams: their words are
// not separated by spaces). Polish has bleve's Stempel stemmer, trained
// on Polish text: "lekarzami" finds "lekarz", "snu" finds "sen". A
// language without an analyser here is cut into words and folded to
// lower case, unstemmed. "" is English.
func analyzerFor(tag string) string {
	base, _, _ := strings.Cut(strings.ToLower(tag), "-")
	switch base {
	case "", "en":
		return en.AnalyzerName
	case "zh", "ja", "ko":
		return cjk.AnalyzerName
	}
	for _, name := range []string{es.AnalyzerName, fr.AnalyzerName, pt.AnalyzerName, de.AnalyzerName, ar.AnalyzerName, it.AnalyzerName, nl.AnalyzerName, pl.AnalyzerName, ru.AnalyzerName} {
		if base == name {
			return name
		}
	}
	return standard.Name
}
