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
	// Notes are the places of the text that have a warning, in the
	// order of the text: long sentences and paragraphs, jargon, the
	// passive, abbreviations, and the hardest sentences of an article
	// above its target.
	Notes []Note
}

// Note is a place of an article's text that a plain-language check
// warns of, for the preview's list of them.
type Note struct {
	Line, Col int
	Message   string
	// ID is the id of the place's mark in the article's HTML, or ""
	// when it is not marked (outside the preview, or where marks cannot
	// go, as in a heading).
	ID string
}

// HardSentence is a sentence of an article with its place and grade.
type HardSentence struct {
	Line, Col int
	Text      string
	Grade     float64
}

// plainResult is what readPlain found of an article's prose.
type plainResult struct {
	reading  Reading
	problems []*Error
	marks    []markdown.Mark // where each problem is in the source, with its message
}

// readPlain measures the prose of an article in the language lang,
// whose body starts on line bodyLine of the file at path, and warns of
// a grade above the site's target, of long sentences and paragraphs, of
// medical jargon, of the passive voice and of abbreviations never
// spelled out, each at its line and column. It only reads l, so that it
// may run while the body renders (markdown.Options.Mark).
func (l *loader) readPlain(lang string, prose []markdown.Prose, body []byte, bodyLine int, path string) plainResult {
	p := &problems{path: path}
	pos := newPositions(body, bodyLine)
	var marks []markdown.Mark
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
	var hard []hardAt
	jargon := map[string]bool{}  // terms flagged or explained already, by their plain words
	defined := map[string]bool{} // abbreviations spelled out or flagged already
	for _, block := range prose {
		// warn warns of the run [start, end) of the block's text.
		warn := func(start, end int, format string, args ...any) {
			line, col := pos.at(block.Offset(start))
			p.warnf(line, col, format, args...)
			marks = append(marks, markdown.Mark{Start: block.Offset(start), End: block.End(end), Note: p.list[len(p.list)-1].Message})
		}
		for _, ab := range checker.Abbreviations(block.Text) {
			if defined[ab.Word] {
				continue
			}
			defined[ab.Word] = true
			if !ab.Defines {
				warn(ab.Start, ab.End, "the abbreviation %q is not spelled out where it is first used (write the words in full the first time, with the abbreviation in brackets after them, like “the words in full (%s)”; if every reader knows it, list it under abbreviations: in %s)", ab.Word, ab.Word, PlainWordsFile)
			}
		}
		sentences := readability.Split(lang, block.Text)
		words := 0
		for _, sen := range sentences {
			words += sen.Words
			text := sen.Text(block.Text)
			if sen.Words > sentenceWords {
				warn(sen.Start, sen.End, "this sentence has %d words, and readers lose track after about %d: %s (split it, or make a list of its parts)", sen.Words, sentenceWords, quoteStart(text))
			}
			if graded && sen.Words >= hardWords {
				line, col := pos.at(block.Offset(sen.Start))
				hard = append(hard, hardAt{HardSentence{Line: line, Col: col, Text: text, Grade: formula.Grade(sen)}, block.Offset(sen.Start), block.End(sen.End)})
			}
			for _, j := range checker.Jargon(text) {
				if jargon[j.Plain] {
					continue
				}
				jargon[j.Plain] = true
				if !j.Explained {
					warn(sen.Start+j.Start, sen.Start+j.End, "%q is medical jargon (write %q, or explain it in the same sentence)", text[j.Start:j.End], j.Plain)
				}
			}
			for _, ph := range checker.Passives(text) {
				warn(sen.Start+ph.Start, sen.Start+ph.End, "%q is in the passive voice, which hides who must act (say who does it: “take the medicine”, “your doctor will …”)", text[ph.Start:ph.End])
			}
		}
		if words > paragraphWords && !block.Item {
			warn(0, len(block.Text), "this paragraph has %d words, more than %d: a long block of text is hard to follow on a phone (break it into paragraphs of one idea each)", words, paragraphWords)
		}
		all = append(all, sentences...)
	}
	r, marks := grade(lang, all, hard, target, p, marks, body, bodyLine)
	// In the order of the text, each with the id its mark will have.
	slices.SortStableFunc(marks, func(a, b markdown.Mark) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(b.End, a.End))
	})
	for i := range marks {
		marks[i].ID = fmt.Sprintf("%s%d", MarkIDPrefix, i+1)
		line, col := pos.at(marks[i].Start)
		r.Notes = append(r.Notes, Note{Line: line, Col: col, Message: marks[i].Note, ID: marks[i].ID})
	}
	return plainResult{reading: r, problems: p.list, marks: marks}
}

// MarkIDPrefix begins the id of each plain-language mark in the
// preview's HTML: preview_mark_1, preview_mark_2, … No heading's id has
// an underscore (goldmark makes them of letters, digits and hyphens),
// so no mark's id is a heading's too.
const MarkIDPrefix = "preview_mark_"

// keepMarked clears the ID of each note whose mark the HTML, with the
// ids ids, does not have.
func (r *Reading) keepMarked(ids []string) {
	for i := range r.Notes {
		if !slices.Contains(ids, r.Notes[i].ID) {
			r.Notes[i].ID = ""
		}
	}
}

// hardAt is a hard sentence and where it is in the source.
type hardAt struct {
	HardSentence
	start, end int
}

// grade is the Reading of the sentences all of an article in lang,
// whose body starts on line bodyLine, with the hardest of hard. Above
// target it warns in p, naming those sentences, and adds marks for
// them to marks, which it returns.
func grade(lang string, all []readability.Sentence, hard []hardAt, target int, p *problems, marks []markdown.Mark, body []byte, bodyLine int) (Reading, []markdown.Mark) {
	r := Reading{Result: readability.Measure(lang, all), Target: target}
	slices.SortStableFunc(hard, func(x, y hardAt) int { return cmp.Compare(y.Grade, x.Grade) })
	hard = hard[:min(3, len(hard))]
	for _, h := range hard {
		r.Hardest = append(r.Hardest, h.HardSentence)
	}
	if r.Graded && r.Grade > float64(target) {
		var list []string
		for _, h := range hard {
			if h.Grade <= float64(target) {
				break // an easy sentence among three is no help
			}
			list = append(list, fmt.Sprintf("line %d:%d %s (grade %.0f)", h.Line, h.Col, quoteStart(h.Text), h.Grade))
			marks = append(marks, markdown.Mark{Start: h.start, End: h.end, Note: fmt.Sprintf("one of the article's hardest sentences: grade %.0f, above the target of %d (use shorter sentences and everyday words)", h.Grade, target)})
		}
		hardest := ""
		if len(list) > 0 {
			hardest = "; its hardest sentences: " + strings.Join(list, "; ")
		}
		p.warnf(textLine(body, bodyLine), 1, "the article reads at grade %.1f (reading age %.0f, %s), above the site's target of grade %d%s (use shorter sentences and everyday words; reading_grade in site.yaml sets the target)",
			r.Grade, r.ReadingAge, r.Formula, target, hardest)
	}
	return r, marks
}

// quoteStart quotes the first words of a sentence, enough to find it.
func quoteStart(s string) string {
	words := strings.Fields(s)
	if len(words) > 8 {
		return "“" + strings.Join(words[:8], " ") + " …”"
	}
	return "“" + strings.Join(words, " ") + "”"
}
