package article

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"healthsite/internal/paths"
)

// Language is a further language of the site, one entry of site.yaml's
// languages: its articles are in content/<tag>/ and its pages under
// /<tag>/. What it leaves empty is the main language's.
type Language struct {
	Tag         string // BCP 47, canonical: es, pt-BR
	Name        string // the site's name in this language
	Tagline     string
	Description string
	Disclaimer  string
	// Strings override interface texts of this language, by message id.
	// They are kept as written; the catalogue that knows the ids checks
	// them.
	Strings map[string]string
	// ReadingGrade, SentenceWords and ParagraphWords are the language's
	// own plain-language targets (as in Settings), 0 for the site's:
	// a formula made for another language reads a text differently.
	ReadingGrade, SentenceWords, ParagraphWords int
}

// languageFields are the keys of one entry of languages:.
var languageFields = []string{"name", "tagline", "description", "disclaimer", "strings", "reading_grade", "sentence_words", "paragraph_words"}

// Tags returns the site's languages: the main one first, then those of
// languages: in the order site.yaml lists them.
func (s Settings) Tags() []string {
	out := []string{s.Language}
	for _, l := range s.Languages {
		out = append(out, l.Tag)
	}
	return out
}

// Multilingual reports whether the site has more than one language.
func (s Settings) Multilingual() bool { return len(s.Languages) > 0 }

// In returns the settings as the pages of the language tag see them:
// the main language's, with what its entry of languages: gives, and
// Language set to tag; Strings are its own strings: only. An unknown tag gives s unchanged.
func (s Settings) In(tag string) Settings {
	for _, l := range s.Languages {
		if l.Tag != tag {
			continue
		}
		out := s
		out.Language, out.Strings = l.Tag, l.Strings
		if l.Name != "" {
			out.Name = l.Name
		}
		if l.Tagline != "" {
			out.Tagline = l.Tagline
		}
		if l.Description != "" {
			out.Description = l.Description
		}
		if l.Disclaimer != "" {
			out.Disclaimer = l.Disclaimer
		}
		out.ReadingGrade = cmp.Or(l.ReadingGrade, s.ReadingGrade)
		out.SentenceWords = cmp.Or(l.SentenceWords, s.SentenceWords)
		out.ParagraphWords = cmp.Or(l.ParagraphWords, s.ParagraphWords)
		return out
	}
	return s
}

// Prefix is the start of the paths of the language tag's pages: "" for
// the main language, served at /, and /<tag> (lower case) for the
// others: /es, /pt-br.
func (s Settings) Prefix(tag string) string {
	if tag == s.Language || tag == "" {
		return ""
	}
	return paths.Language(tag)
}

// languageOfFolder returns the further language whose folder is dir, a
// folder at the top of the content, or "".
func (s Settings) languageOfFolder(dir string) string {
	for _, l := range s.Languages {
		if strings.EqualFold(l.Tag, dir) {
			return l.Tag
		}
	}
	return ""
}

// splitLanguage returns the language of the file at name and its path
// within that language's folder: content/es/pages/about.md is es's
// pages/about.md, and content/knee.md the main language's knee.md.
func (s Settings) splitLanguage(name string) (tag, rest string) {
	dir, rest, ok := strings.Cut(name, "/")
	if ok {
		if t := s.languageOfFolder(dir); t != "" {
			return t, rest
		}
	}
	return s.Language, name
}

// LanguageName is the name of the language tag in that language itself
// (English, Español, العربية), as a language switcher shows it: the
// language's, not the region's variant of it (English for en-GB), and
// capitalised as the first word of a line.
func LanguageName(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	base, _ := t.Base()
	n := display.Self.Name(language.Make(base.String()))
	if n == "" {
		return tag
	}
	first, size := utf8.DecodeRuneInString(n)
	return cases.Upper(t).String(string(first)) + n[size:]
}

// EnglishLanguageName is the name of the language tag in English, for
// editors' messages: Spanish, Arabic.
func EnglishLanguageName(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	if n := display.English.Tags().Name(t); n != "" {
		return n
	}
	return tag
}

// readLanguages reads languages: into s; s.Language is read already.
func readLanguages(s *Settings, f *field, p *problems) {
	v := f.value
	if v.kind == kindNull {
		return
	}
	if v.kind != kindMap {
		p.errorf(v.line, v.col, "languages must list each further language by its tag, not %s (write e.g. languages: {es: {name: Salud Clara}})", v.kind)
		return
	}
	seen := map[string]int{} // canonical tag → line
	for _, lf := range v.fields {
		tag, ok := furtherTag(s, lf, seen, p)
		if !ok {
			continue
		}
		seen[tag] = lf.line
		l := Language{Tag: tag}
		readLanguage(&l, lf, p)
		s.Languages = append(s.Languages, l)
	}
}

// furtherTag checks the key of lf, a further language's entry, and
// returns its canonical tag: a BCP 47 tag, not the main language, not
// given twice, and one that can be a folder's name and an address.
func furtherTag(s *Settings, lf *field, seen map[string]int, p *problems) (string, bool) {
	t, err := language.Parse(lf.key)
	if err != nil || !languageTag.MatchString(lf.key) {
		fix := "write a language tag such as es, fr or pt-BR"
		if m := tagForName(lf.key); m != "" {
			fix = "did you mean " + m + "?"
		}
		p.errorf(lf.line, lf.col, "%q is not a language tag (%s)", lf.key, fix)
		return "", false
	}
	tag := t.String()
	if main, err := language.Parse(s.Language); err == nil && main == t {
		p.errorf(lf.line, lf.col, "%s is the main language (language: %s), served at /; languages: lists only further languages (remove this entry, or change language:)", lf.key, s.Language)
		return "", false
	}
	if line, ok := seen[tag]; ok {
		p.errorf(lf.line, lf.col, "the language %s is given twice, here and on line %d (keep one of them)", tag, line)
		return "", false
	}
	if slices.Contains(ReservedPageNames(), strings.ToLower(tag)) {
		p.errorf(lf.line, lf.col, "the language %s cannot have the address /%s/, which the site uses for its own pages (use a longer tag, such as %s-XX with a region)", tag, strings.ToLower(tag), tag)
		return "", false
	}
	return tag, true
}

// readLanguage reads the settings of one further language from lf.
func readLanguage(l *Language, lf *field, p *problems) {
	n := lf.value
	if n.kind == kindNull {
		return
	}
	if n.kind != kindMap {
		p.errorf(n.line, n.col, "the settings of %s must be name: value lines, not %s (write e.g. %s: {name: …, tagline: …}, or %s: {} for none)", lf.key, n.kind, lf.key, lf.key)
		return
	}
	fields, _ := checkKeys(p, n, languageFields)
	for _, f := range fields {
		if f.key == "strings" {
			l.Strings = readStrings(f, p)
			continue
		}
		v, ok := textValue(p, f)
		if !ok {
			continue
		}
		switch f.key {
		case "reading_grade", "sentence_words", "paragraph_words":
			var t Settings
			readTarget(&t, f, v, p)
			l.ReadingGrade, l.SentenceWords, l.ParagraphWords = cmp.Or(t.ReadingGrade, l.ReadingGrade), cmp.Or(t.SentenceWords, l.SentenceWords), cmp.Or(t.ParagraphWords, l.ParagraphWords)
		case "name":
			l.Name = v
		case "tagline":
			l.Tagline = v
		case "description":
			l.Description = v
		case "disclaimer":
			l.Disclaimer = v
		}
	}
}

// readStrings reads strings:, interface texts by message id. Which ids
// exist is the interface catalogue's to say, where the texts are used.
func readStrings(f *field, p *problems) map[string]string {
	v := f.value
	if v.kind == kindNull {
		return nil
	}
	if v.kind != kindMap {
		p.errorf(v.line, v.col, "strings must be message: text lines, not %s (write e.g. strings: {view_more: Ver más})", v.kind)
		return nil
	}
	out := map[string]string{}
	fields, _ := checkKeys(p, v, keysOf(v))
	for _, sf := range fields {
		if t, ok := textValue(p, sf); ok {
			out[sf.key] = t
		}
	}
	return out
}

// keysOf returns the keys of the map n, so that checkKeys reports only
// duplicates among them.
func keysOf(n *node) []string {
	out := make([]string, 0, len(n.fields))
	for _, f := range n.fields {
		out = append(out, f.key)
	}
	return out
}

// tagForName returns the tag of the language named name in English or
// in itself (Spanish, español), or "".
func tagForName(name string) string {
	for _, t := range display.Supported.Tags() {
		if b, c := t.Base(); c == language.Exact && b.String() == t.String() {
			if strings.EqualFold(display.English.Tags().Name(t), name) || strings.EqualFold(display.Self.Name(t), name) {
				return t.String()
			}
		}
	}
	return ""
}

// folderLanguage returns the language a folder at the top of the
// content is named after, in English, when the site does not have it:
// fr for content/fr/ on an English-only site. Only two-letter tags,
// alone or with a region or script, count: three-letter codes are too
// like ordinary words (art, med).
func folderLanguage(s Settings, dir string) string {
	if s.languageOfFolder(dir) != "" || !languageTag.MatchString(dir) {
		return ""
	}
	base, _, _ := strings.Cut(dir, "-")
	if len(base) != 2 {
		return ""
	}
	t, err := language.Parse(dir)
	if err != nil {
		return ""
	}
	if main, err := language.Parse(s.Language); err == nil && main == t {
		return ""
	}
	if n := display.English.Tags().Name(t); n != "" && !strings.Contains(strings.ToLower(n), "unknown") {
		return t.String()
	}
	return ""
}

// unknownLanguageFolder is the warning for the folder dir, named after
// the language tag that the site does not have, with n Markdown files.
// Its files are not published: they are most likely translations, and
// as the main language's they would be pages in one language labelled
// as another (lang="en" on Spanish text), listed with the main
// language's articles and searched with its stemmer. Its pictures are
// still read, for the articles elsewhere that show them.
func unknownLanguageFolder(root, dir, tag string, n int, s Settings) *Error {
	files, them, they := "the Markdown file in it is", "it", "it is"
	if n > 1 {
		files, them, they = fmt.Sprintf("the %d Markdown files in it are", n), "them", "they are"
	}
	return &Error{Path: displayPath(root, dir) + "/", Severity: SeverityWarning, Message: fmt.Sprintf(
		"the folder %s is named like the language %s (%s), which site.yaml does not list under languages:, so %s not published (to publish %s in %s at /%s/, add to site.yaml:  languages: {%s: {}}; if %s in %s, rename the folder: the addresses do not depend on it)",
		path.Base(dir), tag, EnglishLanguageName(tag), files, them, EnglishLanguageName(tag), strings.ToLower(tag), tag, they, EnglishLanguageName(s.Language))}
}
