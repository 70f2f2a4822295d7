package article

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
)

// NameSlug makes the URL name of a tag or an author: lowercase letters
// and digits of any script, joined by single hyphens, so that "Back
// pain", "back  pain" and "BACK-PAIN" are one topic. So that distinct
// names stay distinct, "+" is spelt out as a word ("C++" is c-plus-plus)
// and so is "#" right after a letter or digit ("C#" is c-sharp, while
// "#sleep" is sleep); a name with neither letters nor digits, such as
// "???", gets a short hash of itself.
//
// It lives here, not with the pages, because link checks must find
// exactly the addresses the pages will have.
func NameSlug(name string) string {
	var b strings.Builder
	hyphen := false
	word := func(w string) {
		if hyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		hyphen = false
		b.WriteString(w)
	}
	prev := ' '
	for _, r := range strings.ToLower(name) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word(string(r))
		case r == '\'' || r == '\u2019' || r == '.':
			// "Dr. O'Neill" reads better as dr-oneill.
		case r == '+':
			hyphen = true
			word("plus")
			hyphen = true
		case r == '#' && (unicode.IsLetter(prev) || unicode.IsDigit(prev)):
			hyphen = true
			word("sharp")
			hyphen = true
		default:
			hyphen = true
		}
		prev = r
	}
	if b.Len() == 0 {
		return nameHash(name)
	}
	return b.String()
}

// nameHash is the slug of a name without letters or digits: eight hex
// digits of the SHA-256 of its words, lowercased, so that it is the same
// on every build and "???" and "!!!" are two topics.
func nameHash(name string) string {
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(strings.ToLower(name)), " ")))
	return hex.EncodeToString(sum[:4])
}
