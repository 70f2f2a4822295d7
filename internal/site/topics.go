package site

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"healthsite/templates"
)

// The groups of the topics A–Z that are not letters.
const (
	digitsLetter = "0–9" // topics that start with a digit, listed first
	otherLetter  = "#"   // topics that start with neither letter nor digit, last
)

// topicsAZ groups the topics under the letter they start with, for the
// topics A–Z: every letter of A to Z in the jump list (those with no
// topic unlinked) for a language written in Latin letters, and any
// other first letter the topics have, such as Ñ, ا or 背. Letters and topics are in the order of the site's language,
// so that "Écorché" files under E and "ñ" after "n" in Spanish.
func topicsAZ(entries []templates.Entry, lang string) []templates.Letter {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	coll := collate.New(tag, collate.IgnoreCase)
	by := map[string][]templates.Entry{}
	for _, e := range entries {
		l := initial(e.Name)
		by[l] = append(by[l], e)
	}
	keys := make([]string, 0, len(by)+26)
	// A to Z is the alphabet of a language written in Latin letters; a
	// page in Arabic or Chinese lists only the letters its topics have.
	if script, _ := tag.Script(); script == language.MustParseScript("Latn") {
		for r := 'A'; r <= 'Z'; r++ {
			keys = append(keys, string(r))
		}
	}
	for l := range by {
		if !slices.Contains(keys, l) {
			keys = append(keys, l)
		}
	}
	rank := func(l string) int {
		switch l {
		case digitsLetter:
			return 0
		case otherLetter:
			return 2
		}
		return 1
	}
	slices.SortFunc(keys, func(a, b string) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		return coll.CompareString(a, b)
	})
	out := make([]templates.Letter, 0, len(keys))
	for _, l := range keys {
		group := by[l]
		slices.SortStableFunc(group, func(a, b templates.Entry) int { return coll.CompareString(a.Name, b.Name) })
		out = append(out, templates.Letter{Name: l, ID: letterID(l), Entries: group})
	}
	return out
}

// initial is the letter a topic is listed under: its first letter,
// capitalised and without accents; or the group of digits or of others.
func initial(name string) string {
	for _, r := range norm.NFD.String(strings.TrimSpace(name)) {
		switch {
		case unicode.IsLetter(r):
			return string(unicode.ToUpper(r))
		case unicode.IsDigit(r):
			return digitsLetter
		case unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.Is(unicode.Mn, r):
			continue // "'Tennis elbow'" is under T
		}
		return otherLetter
	}
	return otherLetter
}

// letterID is the id of a letter's heading, the jump list's target.
func letterID(l string) string {
	switch l {
	case digitsLetter:
		return "letter-0-9"
	case otherLetter:
		return "letter-other"
	}
	return "letter-" + strings.ToLower(l)
}
