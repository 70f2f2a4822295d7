package readability

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Sentence is one sentence of a text: where it is, in bytes, and how
// long it is in words and syllables.
type Sentence struct {
	Start, End int // byte offsets of the sentence in the text, End exclusive, without trailing space
	Words      int
	Syllables  int
	Long       int // words of three syllables or more
}

// Text returns the sentence's text in text.
func (s Sentence) Text(text string) string { return text[s.Start:s.End] }

// Split cuts text into sentences with the Unicode sentence boundaries
// (UAX #29), then joins again what those cut after an abbreviation of
// the language ("Dr. Marsh", "e.g. ice"), after an initial ("J. Smith")
// or after a list number ("1. Rest"), which UAX #29 cannot know. A
// sentence without a word (a lone "—") is dropped.
func Split(lang, text string) []Sentence {
	abbrevs := abbreviations(lang)
	var out []Sentence
	start, state := 0, -1
	rest := text
	pending := -1 // the start of a sentence cut after an abbreviation, to be joined to the next
	for len(rest) > 0 {
		_, rest, state = uniseg.FirstSentenceInString(rest, state)
		end := len(text) - len(rest)
		if pending < 0 {
			pending = start
		}
		start = end
		if len(rest) > 0 && endsInAbbreviation(text[pending:end], abbrevs) {
			continue
		}
		if sen, ok := measureSentence(lang, text, pending, end); ok {
			out = append(out, sen)
		}
		pending = -1
	}
	return out
}

// measureSentence counts the words and syllables of text[start:end],
// trimmed of space; ok is false when it holds no word.
func measureSentence(lang, text string, start, end int) (Sentence, bool) {
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:])
		if !unicode.IsSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	s := Sentence{Start: start, End: end}
	for _, w := range Words(text[start:end]) {
		n := Syllables(lang, w)
		s.Words++
		s.Syllables += n
		if n >= 3 {
			s.Long++
		}
	}
	return s, s.Words > 0
}

// Words returns the words of text, by the Unicode word boundaries:
// runs holding a letter or a digit. A hyphenated word is one word, as
// readability formulas count it ("hands-on"); "don't" and "3.5" are one
// too.
func Words(text string) []string {
	spans := WordSpans(text)
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = text[s.Start:s.End]
	}
	return out
}

// Span is a run of a text, in bytes: text[Start:End].
type Span struct{ Start, End int }

// WordSpans returns where the words of text are, as Words finds them.
func WordSpans(text string) []Span {
	var out []Span
	state := -1
	pos := 0
	prev := ""      // the last segment
	joined := false // prev is a hyphen right after a word, joined to it
	for rest := text; len(rest) > 0; {
		var w string
		w, rest, state = uniseg.FirstWordInString(rest, state)
		start := pos
		pos += len(w)
		switch {
		case isWord(w) && joined:
			out[len(out)-1].End = pos
		case isWord(w):
			out = append(out, Span{start, pos})
		case isHyphen(w) && isWord(prev):
			out[len(out)-1].End = pos
		default:
			if joined { // "well- and": the hyphen ended the word
				out[len(out)-1].End -= len(prev)
			}
		}
		joined = isHyphen(w) && isWord(prev)
		prev = w
	}
	if joined {
		out[len(out)-1].End -= len(prev)
	}
	return out
}

func isHyphen(w string) bool { return w == "-" || w == "\u2010" || w == "\u2011" }

func isWord(w string) bool {
	return strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// endsInAbbreviation reports whether a sentence UAX #29 ended at s's
// end really goes on: s ends in a period after a known abbreviation, a
// single letter (an initial) or a list number at its very start.
func endsInAbbreviation(s string, abbrevs map[string]bool) bool {
	t := strings.TrimRightFunc(s, unicode.IsSpace)
	if !strings.HasSuffix(t, ".") {
		return false
	}
	t = strings.TrimSuffix(t, ".")
	i := strings.LastIndexFunc(t, func(r rune) bool { return unicode.IsSpace(r) || r == '(' || r == '"' || r == '“' })
	last := t[i+1:]
	if last == "" {
		return false
	}
	if abbrevs[strings.ToLower(last)] {
		return true
	}
	if r, n := utf8.DecodeRuneInString(last); n == len(last) && unicode.IsUpper(r) {
		return true // an initial: "J. Smith"
	}
	// "1." or "2." opening a paragraph is a list number, not a sentence.
	if i < 0 && strings.IndexFunc(last, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 && len(last) <= 2 {
		return true
	}
	return false
}

// abbreviations are the abbreviations that end in a period within a
// sentence, by language, lowercase and without their last period.
func abbreviations(lang string) map[string]bool {
	var list []string
	switch base(lang) {
	case "en":
		list = []string{"dr", "mr", "mrs", "ms", "prof", "st", "e.g", "i.e", "etc", "vs", "approx", "fig", "cf", "incl", "ca", "mt", "jr", "sr", "dept", "min", "max", "mg", "ml", "u.s", "u.k", "a.m", "p.m"}
	case "es":
		list = []string{"dr", "dra", "sr", "sra", "srta", "ud", "uds", "ej", "etc", "aprox", "núm", "pág", "fig", "dto", "a.m", "p.m"}
	case "fr":
		list = []string{"dr", "m", "mme", "mlle", "pr", "ex", "etc", "env", "cf", "fig", "n°", "p"}
	case "de":
		list = []string{"dr", "prof", "hr", "fr", "z.b", "d.h", "u.a", "usw", "bzw", "ca", "evtl", "ggf", "inkl", "nr", "s", "vgl", "abb"}
	case "pt":
		list = []string{"dr", "dra", "sr", "sra", "ex", "etc", "aprox", "fig", "pág", "n"}
	case "pl":
		list = []string{"dr", "prof", "np", "tj", "itd", "itp", "ok", "tzw", "nr", "ul", "godz", "mgr", "inż"}
	}
	m := make(map[string]bool, len(list))
	for _, a := range list {
		m[a] = true
	}
	return m
}

// base is the language of a tag: es for es-MX.
func base(lang string) string {
	b, _, _ := strings.Cut(strings.ToLower(lang), "-")
	b, _, _ = strings.Cut(b, "_")
	return b
}
