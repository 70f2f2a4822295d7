package readability

import (
	"strings"
	"unicode"
)

// Syllables counts the syllables of one word in the language lang, as
// the readability formulas of that language count them: spoken
// syllables for English, written vowel nuclei for the Romance languages
// and German. A number counts as the one word it is read as, of one
// syllable per digit group, which keeps "2023" from weighing a text down
// like a long word.
func Syllables(lang, word string) int {
	w := strings.ToLower(word)
	if strings.IndexFunc(w, unicode.IsLetter) < 0 {
		if w == "" {
			return 0
		}
		return 1
	}
	switch base(lang) {
	case "en":
		return englishSyllables(w)
	case "es":
		return spanishSyllables(w)
	case "pt":
		// The nasal diphthongs of "não", "mãe", "põe" are one syllable.
		w = strings.NewReplacer("ão", "ã", "ãe", "ã", "õe", "õ", "que", "qe", "qui", "qi", "gue", "ge", "gui", "gi").Replace(w)
		return nuclei(w, "aeiouáéíóúâêôãõàü", "iuü")
	case "fr":
		return frenchSyllables(w)
	case "de":
		return germanSyllables(w)
	}
	return countRuns(w, latinVowels)
}

// latinVowels are the vowels of the Latin alphabet and its accented
// forms, for languages without a counter of their own.
const latinVowels = "aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœąęó"

// englishExceptions are words the rules below miscount, with their
// spoken syllables.
var englishExceptions = map[string]int{
	"area": 3, "idea": 3, "create": 2, "created": 3, "being": 2, "doing": 2, "going": 2, "seeing": 2,
	"people": 2, "every": 2, "everyone": 3, "everything": 3, "business": 2, "evening": 2, "different": 3,
	"science": 2, "quiet": 2, "diet": 2, "client": 2, "patient": 2, "patients": 2, "ancient": 2,
	"poem": 2, "lion": 2, "science's": 2, "real": 1, "really": 2, "cereal": 3, "period": 3,
	"toward": 1, "towards": 1, "squirrel": 2, "fire": 1, "hour": 1, "hours": 1, "our": 1, "flour": 1,
	"naive": 2, "recipe": 3, "simile": 3, "acne": 2, "syncope": 3, "epitome": 4, "apostrophe": 4,
	"anemone": 4, "coyote": 3, "karate": 3, "adobe": 3, "sesame": 3, "abalone": 4, "forever": 3,
	"therapy": 3, "therapies": 3, "myofascial": 4, "fascia": 3, "release": 2, "tissue": 2, "tissues": 2,
	"muscle": 2, "muscles": 2, "issue": 2, "issues": 2, "shoe": 1, "canoe": 2, "queue": 1, "eye": 1,
	"eyes": 1, "whole": 1, "sure": 1, "because": 2, "use": 1, "uses": 2, "used": 1, "cause": 1, "causes": 2,
	"caused": 1, "pressure": 2, "measure": 2, "treasure": 2, "nature": 2, "future": 2, "injury": 3,
	"medicine": 3, "medicines": 3, "vaccine": 2, "vaccines": 2, "heart": 1, "asthma": 2, "mri": 3,
	"physiotherapy": 6, "physiotherapist": 6, "physiotherapists": 6, "physio": 3, "everyday": 3, "someone": 2,
	"sometimes": 2, "somewhere": 2, "something": 2, "ache": 1, "aches": 1, "headache": 2, "headaches": 2,
	"realistic": 4, "reality": 4, "continuity": 5, "area's": 3, "any": 2, "many": 2, "ago": 2, "anyone": 3, "lifestyle": 2, "homeopathy": 5, "diabetes": 4, "obese": 2,
}

// englishSyllables counts spoken syllables: groups of vowels, less a
// silent e (final, or before -ly, -ment, -ful, -less, -ness), -es and
// -ed, plus the vowel pairs that are two syllables (the i-a of "media",
// the u-a of "usual") and a vowel before -ing ("stay-ing"). Each part
// of a hyphenated word counts on its own.
func englishSyllables(w string) int {
	if strings.ContainsAny(w, "-‐‑") {
		n := 0
		for _, part := range strings.FieldsFunc(w, func(r rune) bool { return strings.ContainsRune("-‐‑", r) }) {
			n += englishSyllables(part)
		}
		return max(1, n)
	}
	w = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r == '\'':
			return r
		case r == '’':
			return '\''
		}
		return -1
	}, w)
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'")
	if n, ok := englishExceptions[w]; ok {
		return n
	}
	if one, ok := strings.CutSuffix(w, "s"); ok && !strings.HasSuffix(one, "s") {
		if n, ok := englishExceptions[one]; ok {
			if endsInAny(one, "se", "ce", "ge", "ze", "x", "ch", "sh") {
				n++ // releases, places
			}
			return n
		}
	}
	if stem, ok := strings.CutSuffix(w, "n't"); ok && len(stem) > 1 {
		// didn't, isn't, haven't: the n is a syllable after a consonant
		// or a silent e; not in don't, can't, won't.
		n := englishSyllables(stem)
		if !strings.ContainsRune("aiouy", rune(stem[len(stem)-1])) {
			n++
		}
		return n
	}
	for _, c := range []string{"'re", "'ve", "'ll", "'d", "'m"} {
		if stem, ok := strings.CutSuffix(w, c); ok && stem != "" {
			return englishSyllables(stem) // you're, they've, we'll
		}
	}
	for _, suffix := range []string{"ly", "ment", "ful", "less", "ness"} {
		if stem, ok := strings.CutSuffix(w, suffix); ok && len(stem) >= 3 {
			return englishSyllables(stem) + 1
		}
	}
	return max(1, englishGroups(englishStem(w)))
}

// englishStem is w less its silent endings: the -es of "makes", the -ed
// of "walked" and a final silent e, but for a syllabic -le or -re after
// a consonant ("table", "fibre", "settled").
func englishStem(w string) string {
	if len(w) <= 3 {
		if len(w) == 3 && w[2] == 'e' && !isVowel(rune(w[1])) {
			return w[:2] // are, use, the
		}
		return w
	}
	stem := w
	switch {
	case strings.HasSuffix(w, "es") && !endsInAny(w[:len(w)-2], "s", "x", "z", "ch", "sh", "g", "c"):
		stem = w[:len(w)-2] + "e" // makes, tables; but boxes, stages, places
	case strings.HasSuffix(w, "ed") && !endsInAny(w[:len(w)-2], "t", "d"):
		stem = w[:len(w)-2] + "e" // walked, settled; but wanted, needed
	}
	n := len(stem)
	if stem[n-1] == 'e' && !strings.HasSuffix(stem, "ee") && !strings.HasSuffix(stem, "ie") {
		syllabic := n > 3 && (stem[n-2] == 'l' || stem[n-2] == 'r') && !isVowelOrY(stem[n-3]) && stem[n-3] != stem[n-2] && !(stem[n-2] == 'r' && stem[n-3] == 'r')
		if !syllabic || stem[n-2] == 'l' && stem[n-3] == 'l' {
			stem = stem[:n-1]
		}
	}
	return stem
}

// englishGroups counts the groups of vowels of stem, y among them but
// where it is a consonant (at the start, or between vowels: "yes",
// "layer"), plus the pairs of vowels spoken as two syllables.
func englishGroups(stem string) int {
	n := 0
	prev := false
	for i := 0; i < len(stem); i++ {
		c := stem[i]
		v := isVowel(rune(c))
		if c == 'y' {
			v = i > 0 && !(isVowel(rune(stem[i-1])) && i+1 < len(stem) && isVowel(rune(stem[i+1])))
			if v && prev {
				v, prev = false, false // the y of "stay" ends its group
				continue
			}
		}
		if v && !prev {
			n++
		}
		prev = v
	}
	for _, pair := range []string{"ia", "io", "iu", "ua", "uo", "eo", "ea", "ie", "yo"} {
		for i := strings.Index(stem, pair); i >= 0; i = indexFrom(stem, pair, i+1) {
			if twoSyllablePair(stem, i, pair) {
				n++
			}
		}
	}
	if i := len(stem) - 3; i > 0 && strings.HasSuffix(stem, "ing") {
		c := stem[i-1]
		if strings.ContainsRune("aeou", rune(c)) || c == 'y' && i > 1 && !isVowel(rune(stem[i-2])) {
			n++ // agree-ing, ly-ing; but stay-ing has its y
		}
	}
	return n
}

func isVowelOrY(c byte) bool { return c == 'y' || isVowel(rune(c)) }

// twoSyllablePair reports whether the vowel pair at stem[i:] is spoken
// as two syllables: "me-di-a", "ra-di-o", "u-su-al", "vi-de-o"; but
// not the -tion, -sion, -cian, -cious of "nation", "vision",
// "physician", "delicious", nor "ea" but in "-eal", "-ean" words.
func twoSyllablePair(stem string, i int, pair string) bool {
	before := byte(0)
	if i > 0 {
		before = stem[i-1]
	}
	switch pair {
	case "ia", "io", "iu":
		if pair == "ia" && (before == 'c' || before == 't') && strings.HasPrefix(stem[i:], "iat") {
			return true // appreciate, initiate
		}
		if before == 't' || before == 's' || before == 'c' || before == 'x' || before == 'g' && pair == "io" {
			return false // nation, vision, physician, anxious, religion
		}
		return before != 0 && !isVowel(rune(before)) && !(pair == "iu" && before == 'q')
	case "ua", "uo":
		return before != 'q' && before != 'g' && before != 0
	case "eo":
		return before != 'g' // video, neon; but pigeon
	case "ie":
		// easier, earliest: -ier, -iest after a consonant.
		rest := stem[i+2:]
		return (rest == "r" || rest == "st") && before != 0 && !isVowel(rune(before))
	case "yo":
		return before != 0 && !isVowelOrY(before) // my-o-pia, embry-o
	case "ea":
		return strings.HasPrefix(stem[i:], "eal") && i+3 == len(stem) && i > 1 && (stem[i-1] == 'r' || stem[i-1] == 'n') ||
			strings.HasPrefix(stem[i:], "ean") && i+3 == len(stem) && i > 2
	}
	return false
}

func indexFrom(s, sub string, from int) int {
	if from >= len(s) {
		return -1
	}
	i := strings.Index(s[from:], sub)
	if i < 0 {
		return -1
	}
	return from + i
}

func isVowel(r rune) bool { return strings.ContainsRune("aeiou", r) }

func endsInAny(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// spanishSyllables counts vowel nuclei: in a run of vowels, each
// strong vowel (a, e, o, or an accented í, ú) is a syllable of its own
// ("le-er", "rí-o"), and weak unaccented ones (i, u, ü, a final y) join
// their neighbours ("ciu-dad", "au-la", "muy"). The u of que, qui,
// gue, gui is silent.
func spanishSyllables(w string) int {
	w = strings.NewReplacer("que", "qe", "qui", "qi", "gue", "ge", "gui", "gi").Replace(w)
	runes := []rune(w)
	for i, r := range runes {
		if r == 'y' && (i == len(runes)-1 || !strings.ContainsRune("aeiouáéíóú", runes[i+1])) && i > 0 {
			runes[i] = 'i' // hoy, muy, reyes
		}
	}
	return nuclei(string(runes), "aeiouáéíóúü", "iuü")
}

// nuclei counts syllable nuclei: each run of vowels is one, or one for
// each strong vowel in it (a vowel not in weak), as hiatus makes it
// ("po-e-ta").
func nuclei(w, vowels, weak string) int {
	n := 0
	strong := 0
	inRun := false
	flush := func() {
		if inRun {
			n += max(1, strong)
		}
		inRun, strong = false, 0
	}
	for _, r := range w {
		if !strings.ContainsRune(vowels, r) {
			flush()
			continue
		}
		inRun = true
		if !strings.ContainsRune(weak, r) {
			strong++
		}
	}
	flush()
	return max(1, n)
}

// countRuns counts the runs of vowels in w.
func countRuns(w, vowels string) int {
	n, prev := 0, false
	for _, r := range w {
		v := strings.ContainsRune(vowels, r)
		if v && !prev {
			n++
		}
		prev = v
	}
	return max(1, n)
}

// frenchSyllables counts written syllables: runs of vowels, less a
// silent final e or es. The -ent of verbs' third person plural is left
// counted, since it cannot be told from "patient" without a dictionary.
func frenchSyllables(w string) int {
	const vowels = "aeiouyàâäéèêëîïôöùûüœæ"
	r := []rune(w)
	if n := len(r); n > 3 && r[n-1] == 's' {
		r = r[:n-1]
	}
	// A final e after one consonant that follows a vowel is silent
	// ("exercic(e)"); after two consonants it is written as a syllable,
	// as hyphenation counts it ("mus-cle").
	if n := len(r); n > 3 && r[n-1] == 'e' && !strings.ContainsRune(vowels, r[n-2]) && strings.ContainsRune(vowels, r[n-3]) {
		r = r[:n-1]
	}
	return countRuns(string(r), vowels)
}

// germanSyllables counts runs of vowels; the diphthongs and long vowels
// (ei, ie, au, eu, äu, aa, ee, oo) are one run already.
func germanSyllables(w string) int {
	return countRuns(w, "aeiouyäöü")
}
