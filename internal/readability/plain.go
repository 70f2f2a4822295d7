package readability

import (
	"embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"
)

// plainWordFiles are the built-in lists of medical jargon, one file a
// language named by its tag: term: the plain words to write instead.
//
//go:embed plainwords/*.yaml
var plainWordFiles embed.FS

// PlainWords returns the built-in list of medical jargon of the
// language tag lang (es-MX uses Spanish's), lowercase term → the
// everyday words to write instead; nil for a language without a list.
// The map is the caller's.
func PlainWords(lang string) map[string]string {
	src, err := plainWordFiles.ReadFile("plainwords/" + base(lang) + ".yaml")
	if err != nil {
		return nil
	}
	var out map[string]string
	if err := yaml.Unmarshal(src, &out); err != nil {
		// The files are fixed at build time, and a test reads each.
		panic(fmt.Sprintf("plainwords/%s.yaml: %v", base(lang), err))
	}
	return out
}

// PlainWordLanguages are the languages with a built-in list of jargon.
func PlainWordLanguages() []string {
	entries, _ := plainWordFiles.ReadDir("plainwords")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	return out
}

// Checker finds what makes a text of one language hard for readers:
// medical jargon, the passive voice (in English) and abbreviations that
// are never spelled out. It is read only once made, so one serves
// every article at once.
type Checker struct {
	lang     string
	byFirst  map[string][]*term // jargon by the first word of the term, in each form it may take
	defining []string           // what, right after a term, starts its definition
	known    map[string]bool    // abbreviations every reader knows
	passive  *passive           // nil for a language other than English
}

// term is one entry of a glossary, its words lowercase.
type term struct {
	words []string
	last  map[string]bool // the forms of the last word: plurals, and feminine in Spanish
	plain string
}

// NewChecker makes the checker of the language lang, with the jargon in
// words, term → plain words (a term with no plain words is left out: a
// site switched it off), and the abbreviations in known, which need no
// spelling out.
func NewChecker(lang string, words map[string]string, known []string) *Checker {
	c := &Checker{lang: base(lang), byFirst: map[string][]*term{}, known: map[string]bool{}}
	c.defining = definingWords(c.lang)
	for _, k := range known {
		c.known[strings.TrimSuffix(k, "s")] = true
		c.known[k] = true
	}
	if c.lang == "en" {
		c.passive = newPassive()
	}
	for k, plain := range words {
		if strings.TrimSpace(plain) == "" {
			continue
		}
		var ws []string
		for _, s := range WordSpans(strings.ToLower(k)) {
			ws = append(ws, strings.ToLower(k)[s.Start:s.End])
		}
		if len(ws) == 0 {
			continue
		}
		t := &term{words: ws, last: map[string]bool{}, plain: plain}
		for _, f := range forms(c.lang, ws[len(ws)-1]) {
			t.last[f] = true
		}
		firsts := []string{ws[0]}
		if len(ws) == 1 {
			firsts = forms(c.lang, ws[0])
		}
		for _, f := range firsts {
			c.byFirst[f] = append(c.byFirst[f], t)
		}
	}
	for _, ts := range c.byFirst {
		// The longest term first: "deep vein thrombosis" before "thrombosis".
		slices.SortFunc(ts, func(a, b *term) int { return len(b.words) - len(a.words) })
	}
	return c
}

// forms are the spellings a word takes that a glossary matches: the
// word and its plurals, and in Spanish its feminine (crónico, crónica).
// They are cheap rules, not a dictionary: irregular plurals (vertebrae)
// are listed as terms of their own.
func forms(lang, w string) []string {
	out := []string{w}
	switch lang {
	case "en":
		out = append(out, w+"s", w+"es")
		if strings.HasSuffix(w, "y") {
			out = append(out, strings.TrimSuffix(w, "y")+"ies")
		}
	case "es", "pt":
		out = append(out, w+"s", w+"es")
		if stem, ok := strings.CutSuffix(w, "o"); ok {
			out = append(out, stem+"a", stem+"as")
		}
		if stem, ok := strings.CutSuffix(w, "ón"); ok {
			out = append(out, stem+"ones")
		}
	}
	return out
}

// Jargon is a term of a glossary found in a sentence.
type Jargon struct {
	Start, End int    // where it is in the sentence, in bytes
	Plain      string // the plain words the glossary gives for it
	// Explained reports that the sentence explains it: its plain words
	// are in the sentence, or an explanation in brackets follows it
	// ("hypertension (raised blood pressure)"), or it is itself in
	// brackets after its explanation, or the words after it define it
	// ("hypertension means …").
	Explained bool
}

// definingWords are what, right after a term, starts its definition.
func definingWords(lang string) []string {
	switch lang {
	case "en":
		return []string{"means ", "is when ", "is where ", "is a ", "is an ", "is the ", "refers to ", ", or ", ", also called ", ", which means ", "— ", "– ", ": "}
	case "es":
		return []string{"significa ", "es cuando ", "es un ", "es una ", "es el ", "es la ", "quiere decir ", ", o sea ", ", es decir ", ", también llamad", "— ", "– ", ": "}
	}
	return []string{"— ", "– ", ": "}
}

// Jargon returns the terms of the checker's jargon in sentence, in
// order. Matching is by whole words, whatever their case.
func (c *Checker) Jargon(sentence string) []Jargon {
	if c == nil || len(c.byFirst) == 0 {
		return nil
	}
	lower := strings.ToLower(sentence)
	if len(lower) != len(sentence) {
		// A letter whose lower case is longer or shorter (rare: the
		// Kelvin sign) would shift every offset: match it as written.
		lower = sentence
	}
	spans := WordSpans(lower)
	var out []Jargon
	for i := 0; i < len(spans); i++ {
		for _, t := range c.byFirst[lower[spans[i].Start:spans[i].End]] {
			n := len(t.words)
			if i+n > len(spans) || !matches(lower, spans[i:i+n], t) {
				continue
			}
			j := Jargon{Start: spans[i].Start, End: spans[i+n-1].End, Plain: t.plain}
			j.Explained = c.explained(lower, j)
			out = append(out, j)
			i += n - 1
			break
		}
	}
	return out
}

// matches reports whether the words at spans of text are t's.
func matches(text string, spans []Span, t *term) bool {
	for k, s := range spans {
		w := text[s.Start:s.End]
		if k == len(spans)-1 {
			return t.last[w]
		}
		if w != t.words[k] {
			return false
		}
	}
	return false
}

// explained reports whether the lowercase sentence explains j.
func (c *Checker) explained(lower string, j Jargon) bool {
	// The plain words elsewhere in the sentence: not within the term
	// itself ("diabetes mellitus" does not explain itself as "diabetes").
	rest := lower[:j.Start] + strings.Repeat(" ", j.End-j.Start) + lower[j.End:]
	if containsWords(rest, strings.ToLower(j.Plain)) {
		return true
	}
	after := strings.TrimLeftFunc(lower[j.End:], unicode.IsSpace)
	if strings.HasPrefix(after, "(") {
		return true
	}
	before := strings.TrimRightFunc(lower[:j.Start], unicode.IsSpace)
	if strings.HasSuffix(before, "(") && strings.TrimSpace(strings.TrimSuffix(before, "(")) != "" {
		return true
	}
	after = lower[j.End:]
	for _, w := range c.defining {
		if strings.HasPrefix(after, w) || strings.HasPrefix(after, " "+w) {
			return true
		}
	}
	return false
}

// containsWords reports whether phrase stands in text as whole words.
func containsWords(text, phrase string) bool {
	for i := 0; i <= len(text)-len(phrase) && phrase != ""; {
		k := strings.Index(text[i:], phrase)
		if k < 0 {
			return false
		}
		start, end := i+k, i+k+len(phrase)
		r, _ := utf8.DecodeLastRuneInString(text[:start])
		q, _ := utf8.DecodeRuneInString(text[end:])
		if (start == 0 || !isWordRune(r)) && (end == len(text) || !isWordRune(q)) {
			return true
		}
		i = start + 1
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// passive are the word lists the passive voice is found with.
type passive struct {
	// be are the forms of "be" that make the passive voice.
	be map[string]bool
	// lead are the words that may stand before the form of "be" and
	// belong to the phrase a reader should see: "should be taken",
	// "has been shown".
	lead map[string]bool
	// between are the adverbs that may stand between "be" and the
	// participle: "is usually given".
	between map[string]bool
	// irregular are past participles that do not end in -ed.
	irregular map[string]bool
	// adjectival are participles that after "be" say what something or
	// someone is, not what someone did to it: "is tired", "is swollen".
	// A reader misses no one in them.
	adjectival map[string]bool
	// notParticiples are words that end in -ed without being one.
	notParticiples map[string]bool
}

func newPassive() *passive {
	set := func(words string) map[string]bool {
		m := map[string]bool{}
		for _, w := range strings.Fields(words) {
			m[w] = true
		}
		return m
	}
	return &passive{
		be:      set("am is are was were be been being"),
		lead:    set("can could may might must shall should will would has have had not to needs need ought"),
		between: set("not also often always never usually sometimes then only still rarely just now first best again all mostly"),
		irregular: set(`taken given made seen shown written eaten drunk driven forgotten gotten hidden held kept lost meant met paid put read
			said sent sold spent told thought understood worn bought brought built caught chosen cut dealt drawn fed felt found frozen grown heard
			hit laid led lent lit overcome proven ridden rung shaken shot shrunk spoken spread stolen struck swept thrown torn undergone
			withdrawn bitten beaten blown dug fought forbidden forgiven hung sought taught begun done known`),
		adjectival: set(`tired married located based interested concerned worried pleased scared frightened excited bored confused
			surprised involved related called named known termed supposed allowed done gone finished dressed qualified trained registered licensed
			certified experienced skilled advanced detailed complicated sophisticated prepared used exhausted stressed depressed relaxed satisfied
			disappointed embarrassed ashamed annoyed amazed delighted determined devoted engaged divorced separated widowed retired unemployed
			employed aged inflamed swollen broken infected injured blocked damaged affected hurt upset born bound mistaken left set lost
			limited tied stuck situated composed associated`),
		notParticiples: set(`bed red shed sled need feed seed speed breed greed hundred sacred naked wicked ragged rugged jagged crooked
			beloved learned indeed weed steed creed embed`),
	}
}

// isParticiple reports whether the lowercase word w is a past
// participle that makes a passive after "be".
func (p *passive) isParticiple(w string) bool {
	if p.adjectival[w] {
		return false
	}
	if p.irregular[w] {
		return true
	}
	return strings.HasSuffix(w, "ed") && utf8.RuneCountInString(w) >= 4 && !p.notParticiples[w]
}

// Passives returns the phrases of sentence in the passive voice that
// do not say who acts ("the tablets should be taken with food", not
// "… are made by the liver"), for English; nil for other languages,
// which it does not know. Each phrase runs from a modal or auxiliary
// before "be" ("should", "has") to the participle.
func (c *Checker) Passives(sentence string) []Span {
	p := c.passive
	if p == nil {
		return nil
	}
	lower := strings.ToLower(sentence)
	if len(lower) != len(sentence) {
		lower = sentence
	}
	spans := WordSpans(lower)
	word := func(i int) string { return lower[spans[i].Start:spans[i].End] }
	var out []Span
	for i := 0; i < len(spans); i++ {
		if !p.be[word(i)] {
			continue
		}
		j := i + 1
		for k := 0; k < 2 && j < len(spans) && (p.between[word(j)] || strings.HasSuffix(word(j), "ly") && len(word(j)) > 4); k++ {
			j++
		}
		if j >= len(spans) || !p.isParticiple(word(j)) || sayingWho(lower, spans, j) {
			continue
		}
		start := i
		for start > 0 && p.lead[word(start-1)] && start > i-3 {
			start--
		}
		out = append(out, Span{spans[start].Start, spans[j].End})
		i = j
	}
	return out
}

// sayingWho reports whether the words after the participle at spans[j]
// name who acts ("by your doctor"), within the same clause, or make it
// a description rather than an action ("is made of", "is used to").
func sayingWho(lower string, spans []Span, j int) bool {
	for k := j + 1; k < len(spans) && k <= j+4; k++ {
		if strings.ContainsAny(lower[spans[k-1].End:spans[k].Start], ",;:.!?()—") {
			return false
		}
		w := lower[spans[k].Start:spans[k].End]
		if w == "by" {
			return true
		}
		if k == j+1 && (w == "of" || w == "up" || w == "from" || w == "as") {
			return true
		}
	}
	return false
}

// Abbreviation is an abbreviation in a text: a word of two to six
// capital letters (NHS, NSAIDs).
type Abbreviation struct {
	Start, End int    // where it is in the text, in bytes
	Word       string // as written, without a plural s: NSAID
	// Defines reports that it is spelled out here: in brackets after
	// the words it stands for, "full words (FW)", or followed by them in
	// brackets, "FW (full words)".
	Defines bool
}

// romanNumeral is a Roman numeral, which looks like an abbreviation:
// type II diabetes.
var romanNumeral = regexp.MustCompile(`^[IVXLC]+$`)

// KnownAbbreviations are the abbreviations every reader of the
// language lang knows, which need no spelling out.
func KnownAbbreviations(lang string) []string {
	out := []string{"OK", "TV", "AM", "PM", "UK", "US", "USA", "EU", "UN", "ID", "PC", "PDF", "FAQ", "DIY", "SMS", "GPS", "DVD", "CD", "DNA", "WHO", "COVID"}
	switch base(lang) {
	case "es":
		out = append(out, "UE", "EEUU", "ONU", "OMS", "DNI")
	case "fr":
		out = append(out, "UE", "ONU", "OMS")
	case "pt":
		out = append(out, "UE", "ONU", "OMS")
	}
	return out
}

// Abbreviations returns the abbreviations in text, in order, but those
// the checker knows and Roman numerals; a run of three or more words in capitals
// is shouting ("DO NOT STOP"), not abbreviations.
func (c *Checker) Abbreviations(text string) []Abbreviation {
	spans := WordSpans(text)
	caps := make([]string, len(spans)) // the abbreviation each word is, or ""
	for i, s := range spans {
		caps[i] = abbreviation(text[s.Start:s.End])
	}
	var out []Abbreviation
	for i, s := range spans {
		w := caps[i]
		if w == "" || c.known[w] || romanNumeral.MatchString(w) {
			continue
		}
		if before := text[:s.Start]; strings.HasSuffix(before, "[") || strings.HasSuffix(before, "[!") {
			continue // a callout's marker, [!TIP], written nearly right
		}
		run := 1
		for k := i - 1; k >= 0 && caps[k] != ""; k-- {
			run++
		}
		for k := i + 1; k < len(spans) && caps[k] != ""; k++ {
			run++
		}
		if run >= 3 {
			continue
		}
		a := Abbreviation{Start: s.Start, End: s.End, Word: w}
		before := strings.TrimRightFunc(text[:s.Start], unicode.IsSpace)
		after := text[s.End:]
		inBrackets := strings.HasSuffix(before, "(") && strings.HasPrefix(strings.TrimLeftFunc(after, unicode.IsSpace), ")")
		if inBrackets && i > 0 && spans[i-1].End <= len(before)-1 {
			a.Defines = true // full words (FW)
		}
		if rest := strings.TrimLeftFunc(after, unicode.IsSpace); strings.HasPrefix(rest, "(") {
			if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(rest[1:], " ")); unicode.IsLetter(r) {
				a.Defines = true // FW (full words)
			}
		}
		out = append(out, a)
	}
	return out
}

// abbreviation returns the word w as an abbreviation, without a plural
// s, or "" when it is not one: two to six letters, all capitals.
func abbreviation(w string) string {
	w = strings.TrimSuffix(w, "s")
	n := utf8.RuneCountInString(w)
	if n < 2 || n > 6 {
		return ""
	}
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return ""
		}
	}
	return w
}
