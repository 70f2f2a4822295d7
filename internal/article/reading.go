package article

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"healthsite/internal/markdown"
	"healthsite/internal/readability"
)

// The plain-language targets when site.yaml does not set them. Health
// services write for a reading age of 9 to 11 (US grade 4 to 6); grade
// 8 is where most readers still follow.
const (
	DefaultReadingGrade   = 8
	DefaultSentenceWords  = 25
	DefaultParagraphWords = 100
)

// hardWords is the fewest words of a sentence that may be named among
// the hardest: the grade of a sentence of a few words says little
// ("Homework." alone reads at grade 20).
const hardWords = 10

// Reading is how hard an article is to read, measured when Options.Plain
// asks for it.
type Reading struct {
	readability.Result
	// Hardest are the article's hardest sentences of ten words or
	// more, hardest first: three at most.
	Hardest []HardSentence
}

// HardSentence is a sentence of an article with its place and grade.
type HardSentence struct {
	Line, Col int
	Text      string
	Grade     float64
}

// checkReading measures the prose of doc in the article's language and
// warns of a grade above the site's target, of long sentences and of
// long paragraphs, each at its line and column.
func (l *loader) checkReading(a *Article, doc *markdown.Document, pos *positions, bodyLine int, p *problems) {
	lang := cmp.Or(a.Lang, l.settings.Language)
	target := cmp.Or(l.settings.ReadingGrade, DefaultReadingGrade)
	sentenceWords := cmp.Or(l.settings.SentenceWords, DefaultSentenceWords)
	paragraphWords := cmp.Or(l.settings.ParagraphWords, DefaultParagraphWords)
	formula, graded := readability.FormulaFor(lang)
	var all []readability.Sentence
	var hard []HardSentence
	for _, block := range doc.Prose {
		sentences := readability.Split(lang, block.Text)
		words := 0
		for _, s := range sentences {
			words += s.Words
			line, col := pos.at(block.Offset(s.Start))
			if s.Words > sentenceWords {
				p.warnf(line, col, "this sentence has %d words, and readers lose track after about %d: %s (split it, or make a list of its parts)", s.Words, sentenceWords, quoteStart(s.Text(block.Text)))
			}
			if graded && s.Words >= hardWords {
				hard = append(hard, HardSentence{Line: line, Col: col, Text: s.Text(block.Text), Grade: formula.Grade(s)})
			}
		}
		if words > paragraphWords && !block.Item {
			line, col := pos.at(block.Offset(0))
			p.warnf(line, col, "this paragraph has %d words, more than %d: a long block of text is hard to follow on a phone (break it into paragraphs of one idea each)", words, paragraphWords)
		}
		all = append(all, sentences...)
	}
	a.Reading = Reading{Result: readability.Measure(lang, all)}
	slices.SortStableFunc(hard, func(x, y HardSentence) int { return cmp.Compare(y.Grade, x.Grade) })
	a.Reading.Hardest = hard[:min(3, len(hard))]
	if r := a.Reading; r.Graded && r.Grade > float64(target) {
		var list []string
		for _, h := range r.Hardest {
			if h.Grade <= float64(target) {
				break // an easy sentence among three is no help
			}
			list = append(list, fmt.Sprintf("line %d:%d %s (grade %.0f)", h.Line, h.Col, quoteStart(h.Text), h.Grade))
		}
		p.warnf(bodyLine, 1, "the article reads at grade %.1f (reading age %.0f, %s), above the site's target of grade %d; its hardest sentences: %s (use shorter sentences and everyday words; reading_grade in site.yaml sets the target)",
			r.Grade, r.ReadingAge, r.Formula, target, strings.Join(list, "; "))
	}
}

// quoteStart quotes the first words of a sentence, enough to find it.
func quoteStart(s string) string {
	words := strings.Fields(s)
	if len(words) > 8 {
		return "“" + strings.Join(words[:8], " ") + " …”"
	}
	return "“" + strings.Join(words, " ") + "”"
}
