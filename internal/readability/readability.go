// Package readability grades how hard a text is to read: it splits the
// text into sentences and words, counts syllables as each language's
// formula counts them, and applies a formula made for that language
// (Flesch–Kincaid for English, Szigriszt-Pazos for Spanish, Kandel–Moles
// for French, Amstad for German, Flesch as adapted for Portuguese). A
// language without one gets no grade rather than an English one.
//
// The grade is a US school grade: the years of school a reader needs
// (grade 6 is about eleven years old). Health services aim at grade 4
// to 6, a reading age of 9 to 11.
package readability

import (
	"fmt"
	"math"
)

// Formula is a readability formula for one language.
type Formula struct {
	Name string // as the literature names it, e.g. "Flesch–Kincaid"
	Lang string // the language it was made for, e.g. en
	// Grade gives the formula's own score and the US grade it means,
	// from the words per sentence and syllables per word.
	grade func(wordsPerSentence, syllablesPerWord float64) (score, grade float64)
}

// Formulas returns the formulas, one per language that has one.
func Formulas() []Formula {
	return []Formula{
		{"Flesch–Kincaid", "en", func(asl, asw float64) (float64, float64) {
			g := 0.39*asl + 11.8*asw - 15.59
			return g, g
		}},
		// Szigriszt-Pazos (1993), Flesch's ease re-weighted for Spanish,
		// the INFLESZ scale's formula.
		{"Szigriszt-Pazos", "es", ease(func(asl, asw float64) float64 { return 206.835 - 62.3*asw - asl })},
		{"Kandel–Moles", "fr", ease(func(asl, asw float64) float64 { return 207 - 1.015*asl - 73.6*asw })},
		{"Amstad", "de", ease(func(asl, asw float64) float64 { return 180 - asl - 58.5*asw })},
		// Martins et al. (1996), Flesch's ease adapted for Portuguese.
		{"Flesch (Portuguese)", "pt", ease(func(asl, asw float64) float64 { return 248.835 - 1.015*asl - 84.6*asw })},
	}
}

// FormulaFor returns the formula for the language tag lang (es-MX uses
// Spanish's), or false when there is none.
func FormulaFor(lang string) (Formula, bool) {
	for _, f := range Formulas() {
		if f.Lang == base(lang) {
			return f, true
		}
	}
	return Formula{}, false
}

// ease makes a formula of a Flesch-style reading ease (100 very easy,
// 0 very hard) whose grade is read off Flesch's own table.
func ease(score func(asl, asw float64) float64) func(float64, float64) (float64, float64) {
	return func(asl, asw float64) (float64, float64) {
		s := score(asl, asw)
		return s, easeGrade(s)
	}
}

// easeGrade is the US grade of a reading ease score, interpolated in
// Flesch's table of reading ease against school grade (Flesch 1949):
// 90–100 is fifth grade, 60–70 eighth to ninth, 30–50 college, below 30
// a graduate's.
func easeGrade(s float64) float64 {
	fleschTable := [...]struct{ ease, grade float64 }{
		{100, 4}, {90, 5}, {80, 6}, {70, 7}, {60, 8.5}, {50, 11}, {30, 14}, {0, 17},
	}
	if s >= fleschTable[0].ease {
		return fleschTable[0].grade
	}
	for i := 1; i < len(fleschTable); i++ {
		hi, lo := fleschTable[i-1], fleschTable[i]
		if s >= lo.ease {
			return lo.grade + (hi.grade-lo.grade)*(s-lo.ease)/(hi.ease-lo.ease)
		}
	}
	return fleschTable[len(fleschTable)-1].grade
}

// Result is the readability of a text.
type Result struct {
	Words, Sentences, Syllables int
	// Formula names the language's formula; Graded is false when the
	// language has none, and Formula, Score, Grade and ReadingAge are
	// then empty.
	Formula    string
	Graded     bool
	Score      float64 // the formula's own score: a grade, or a reading ease
	Grade      float64 // the US school grade
	ReadingAge float64 // the age of a reader at that grade: Grade + 5
}

// String is the result as a person reads it: "grade 7.2 (reading age
// 12, Flesch–Kincaid)".
func (r Result) String() string {
	if !r.Graded {
		return "no readability formula for this language"
	}
	return fmt.Sprintf("grade %.1f (reading age %.0f, %s)", r.Grade, math.Round(r.ReadingAge), r.Formula)
}

// Measure grades the sentences of a text in the language lang.
func Measure(lang string, sentences []Sentence) Result {
	var r Result
	for _, s := range sentences {
		r.Words += s.Words
		r.Syllables += s.Syllables
		r.Sentences++
	}
	f, ok := FormulaFor(lang)
	if !ok || r.Words == 0 {
		return r
	}
	r.Formula, r.Graded = f.Name, true
	r.Score, r.Grade = f.grade(float64(r.Words)/float64(r.Sentences), float64(r.Syllables)/float64(r.Words))
	r.Grade = max(0, r.Grade)
	r.ReadingAge = r.Grade + 5
	return r
}

// Grade is the US grade of one sentence alone, for finding the
// hardest sentences of a text.
func (f Formula) Grade(s Sentence) float64 {
	if s.Words == 0 {
		return 0
	}
	_, g := f.grade(float64(s.Words), float64(s.Syllables)/float64(s.Words))
	return max(0, g)
}
