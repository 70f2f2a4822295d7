package article

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// slugLine finds the value of a slug field in front matter that cannot
// be read as a whole: YAML, TOML or JSON, quoted or not.
var slugLine = regexp.MustCompile(`(?m)^\s*["']?slug["']?\s*[:=]\s*["']?([^"'\s,#]+)`)

// Slugify makes a URL name of s: lowercase ASCII letters and digits
// joined by single hyphens. Accented Latin letters lose their accents
// (ü is u, é is e) and a few letters are spelled out (ß is ss, æ is ae,
// ø is o). It may return "".
func Slugify(s string) string {
	var b strings.Builder
	hyphen := false
	letter := func(r rune) {
		if hyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		hyphen = false
		b.WriteRune(r)
	}
	// NFKD splits a letter from its accents, and a ligature such as ﬁ
	// into its letters.
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			letter(r)
		case unicode.Is(unicode.Mn, r):
			// An accent, split from its letter above.
		case spelledLetters[r] != "":
			for _, l := range spelledLetters[r] {
				letter(l)
			}
		case r == '\'' || r == '\u2019':
			// "Editor's" reads better as "editors" than "editor-s".
		default:
			hyphen = true
		}
	}
	return b.String()
}

// spelledLetters are the Latin letters that NFKD does not split into an
// ASCII letter and accents, as they are usually written in ASCII.
var spelledLetters = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ð': "d", 'þ': "th",
	'ł': "l", 'ı': "i", 'ħ': "h", 'ŧ': "t", 'ŀ': "l", 'ſ': "s", 'ŋ': "ng",
}

func pathExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i:]
	}
	return ""
}
