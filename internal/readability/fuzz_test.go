package readability

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzSplit: whatever the text, its sentences are in order, do not
// overlap, are trimmed of space, hold a word, and each word's syllables
// are at least one.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"Ask Dr. Marsh. Then rest!", "1. Rest.\n2. Ice.", "e.g. ice", "J. R. R. Tolkien wrote.", "¿Le duele? Sí.",
		"well- and badly-made", "…", "Dr.", "a.\u2028b", "3.5 ml. 4 ml.", "z.B. Eis. Dann.",
	} {
		f.Add("en", s)
		f.Add("es", s)
		f.Add("de", s)
	}
	f.Fuzz(func(t *testing.T, lang, text string) {
		if !utf8.ValidString(text) {
			return
		}
		end := 0
		for _, s := range Split(lang, text) {
			if s.Start < end || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("sentence [%d:%d) after %d in %q", s.Start, s.End, end, text)
			}
			got := s.Text(text)
			if strings.TrimSpace(got) != got && strings.TrimFunc(got, unicode.IsSpace) != got {
				t.Fatalf("sentence %q is not trimmed", got)
			}
			if s.Words == 0 || s.Syllables < s.Words {
				t.Fatalf("sentence %q: %d words, %d syllables", got, s.Words, s.Syllables)
			}
			end = s.End
		}
		for _, w := range Words(text) {
			if Syllables(lang, w) < 1 {
				t.Fatalf("Syllables(%s, %q) < 1", lang, w)
			}
		}
	})
}
