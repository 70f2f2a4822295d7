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
	// Target is the grade the article should read at, at most: the
	// site's reading_grade for its language.
	Target int
}

// HardSentence is a sentence of an article with its place and grade.
type HardSentence struct {
	Line, Col int
	Text      string
	Grade     float64
}

// checkReading measures the prose of doc in the article's language and
// warns of a grade above the site's target, of long sentences and
// paragraphs, of medical jargon, of the passive voice and of
// abbreviations never spelled out, each at its line and column.
func (l *loader) checkReading(a *Article, doc *markdown.Document, pos *positions, bodyLine int, p *problems) {
	lang := cmp.Or(a.Lang, l.settings.Language)
	s := l.settings.In(lang)
	target := cmp.Or(s.ReadingGrade, DefaultReadingGrade)
	sentenceWords := cmp.Or(s.SentenceWords, DefaultSentenceWords)
	paragraphWords := cmp.Or(s.ParagraphWords, DefaultParagraphWords)
	formula, graded := readability.FormulaFor(lang)
	checker := l.checkers[lang]
	if checker == nil {
		checker = readability.NewChecker(lang, readability.PlainWords(lang), readability.KnownAbbreviations(lang))
	}
	var all []readability.Sentence
	var hard []HardSentence
	jargon := map[string]bool{}  // terms flagged or explained already, by their plain words
	defined := map[string]bool{} // abbreviations spelled out or flagged already
	for _, block := range doc.Prose {
		at := func(i int) (int, int) { return pos.at(block.Offset(i)) }
		for _, ab := range checker.Abbreviations(block.Text) {
			if defined[ab.Word] {
				continue
			}
			defined[ab.Word] = true
			if !ab.Defines {
				line, col := at(ab.Start)
				p.warnf(line, col, "the abbreviation %q is not spelled out where it is first used (write the words in full the first time, with the abbreviation in brackets after them, like “the words in full (%s)”; if every reader knows it, list it under abbreviations: in %s)", ab.Word, ab.Word, PlainWordsFile)
			}
		}
		sentences := readability.Split(lang, block.Text)
		words := 0
		for _, sen := range sentences {
			words += sen.Words
			text := sen.Text(block.Text)
			line, col := at(sen.Start)
			if sen.Words > sentenceWords {
				p.warnf(line, col, "this sentence has %d words, and readers lose track after about %d: %s (split it, or make a list of its parts)", sen.Words, sentenceWords, quoteStart(text))
			}
			if graded && sen.Words >= hardWords {
				hard = append(hard, HardSentence{Line: line, Col: col, Text: text, Grade: formula.Grade(sen)})
			}
			for _, j := range checker.Jargon(text) {
				if jargon[j.Plain] {
					continue
				}
				jargon[j.Plain] = true
				if !j.Explained {
					line, col := at(sen.Start + j.Start)
					p.warnf(line, col, "%q is medical jargon (write %q, or explain it in the same sentence)", text[j.Start:j.End], j.Plain)
				}
			}
			for _, ph := range checker.Passives(text) {
				line, col := at(sen.Start + ph.Start)
				p.warnf(line, col, "%q is in the passive voice, which hides who must act (say who does it: “take the medicine”, “your doctor will …”)", text[ph.Start:ph.End])
			}
		}
		if words > paragraphWords && !block.Item {
			line, col := at(0)
			p.warnf(line, col, "this paragraph has %d words, more than %d: a long block of text is hard to follow on a phone (break it into paragraphs of one idea each)", words, paragraphWords)
		}
		all = append(all, sentences...)
	}
	a.Reading = Reading{Result: readability.Measure(lang, all), Target: target}
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
		hardest := ""
		if len(list) > 0 {
			hardest = "; its hardest sentences: " + strings.Join(list, "; ")
		}
		p.warnf(bodyLine, 1, "the article reads at grade %.1f (reading age %.0f, %s), above the site's target of grade %d%s (use shorter sentences and everyday words; reading_grade in site.yaml sets the target)",
			r.Grade, r.ReadingAge, r.Formula, target, hardest)
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
