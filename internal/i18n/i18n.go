// Package i18n is a language's interface texts: every word of a page
// that is not the editors' content (links, headings, labels, notices),
// with its plural rules and CLDR date forms, from built-in catalogues
// (catalog/<language>.toml) and the site's own strings. A language with
// no catalogue of its own shows English for what its strings do not say.
package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/go-playground/locales"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed catalog/*.toml
var catalogFiles embed.FS

// fallback is the language of the texts shown where a language has no
// text of its own: the one every catalogue is written from.
const fallback = "en"

// Language is one language's interface texts, dates and plurals,
// immutable once made and safe for concurrent use.
type Language struct {
	tag       string // as the site gives it, e.g. es-MX
	base      string // its language, e.g. es
	builtin   bool   // it has a catalogue of its own
	localizer *goi18n.Localizer
	dates     locales.Translator
	keys      []string          // every text, as the English catalogue has them
	given     map[string]bool   // the texts this language has, built in or from the site
	plain     map[string]string // every text as Text gives it, made once by New
	// messages are the texts by key as the language shows them:
	// English, then its catalogue's, then the site's strings over both.
	messages map[string]*goi18n.Message
	// made keeps the texts of Pieces and of Plural without data, by
	// what they depend on (a madeKey), as each page asks again: the one
	// thing in a Language that changes, and nothing a caller can see.
	made *sync.Map
}

// madeKey is what a text kept in Language.made depends on.
type madeKey struct {
	key, slot0, slot1 string
	count             int // -1 for Pieces
}

// Problem is a site string that is not an interface text, or not one
// the language can take; Key is the key as written.
type Problem struct {
	Key     string
	Message string
}

// Piece is part of a text split at its places for other content: Slot
// names the place ("Date"), or is empty for the text around places.
type Piece struct {
	Text string
	Slot string
}

// New returns the interface texts of the language tag (BCP 47, such as
// es or pt-BR): its built-in catalogue, English where it has none, and
// strings over both, each by its key. A plural text may be given whole
// (min_read) or by form (min_read.one, min_read.other). Strings that
// name no text are left out and returned as problems.
func New(tag string, strs map[string]string) (*Language, []Problem) {
	t, err := language.Parse(tag)
	if err != nil {
		t = language.Make(fallback)
	}
	b, _ := t.Base()
	l := &Language{tag: tag, base: b.String(), dates: dateLocale(b.String()), made: new(sync.Map)}
	bundle := goi18n.NewBundle(language.Make(fallback))
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	en := mustParse(bundle, fallback)
	l.keys = make([]string, len(en.Messages))
	for i, m := range en.Messages {
		l.keys[i] = m.ID
	}
	slices.Sort(l.keys)
	l.given = map[string]bool{}
	l.messages = map[string]*goi18n.Message{}
	for _, m := range en.Messages {
		l.messages[m.ID] = m
	}
	own := language.Make(l.base)
	if f, ok := catalogue(bundle, l.base); ok {
		l.builtin = true
		for _, m := range f.Messages {
			l.given[m.ID] = true
			l.messages[m.ID] = m
		}
	}
	msgs, problems := overrides(l, en.Messages, strs)
	for _, m := range msgs {
		l.messages[m.ID] = m
	}
	if len(msgs) > 0 {
		if err := bundle.AddMessages(own, msgs...); err != nil {
			problems = append(problems, Problem{Message: err.Error()})
		}
	}
	l.localizer = goi18n.NewLocalizer(bundle, own.String())
	// Every page asks for its texts again and again, and go-i18n runs a
	// template for each: made once here, Text is a map lookup.
	l.plain = make(map[string]string, len(l.keys))
	for _, k := range l.keys {
		l.plain[k] = l.localize(k, nil, -1)
	}
	return l, problems
}

// mustParse parses the built-in catalogue of lang into bundle. The
// English catalogue is part of the program: a broken one is a bug that
// the package's tests catch, not an editor's mistake.
func mustParse(bundle *goi18n.Bundle, lang string) *goi18n.MessageFile {
	f, ok := catalogue(bundle, lang)
	if !ok {
		panic("i18n: no catalogue for " + lang)
	}
	return f
}

// catalogue parses the built-in catalogue of lang into bundle, if
// there is one.
func catalogue(bundle *goi18n.Bundle, lang string) (*goi18n.MessageFile, bool) {
	name := "catalog/" + lang + ".toml"
	src, err := catalogFiles.ReadFile(name)
	if err != nil {
		return nil, false
	}
	f, err := bundle.ParseMessageFileBytes(src, name)
	if err != nil {
		panic(fmt.Sprintf("i18n: %s: %v", name, err))
	}
	return f, true
}

// Builtin lists the languages with a catalogue of their own, sorted.
func Builtin() []string {
	names, _ := fs.Glob(catalogFiles, "catalog/*.toml")
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.TrimSuffix(path.Base(n), ".toml")
	}
	return out
}

// Tag is the language tag the language was made with.
func (l *Language) Tag() string { return l.tag }

// Builtin reports whether the language has a catalogue of its own.
func (l *Language) Builtin() bool { return l.builtin }

// Keys lists every interface text's key, sorted.
func (l *Language) Keys() []string { return slices.Clone(l.keys) }

// Missing lists the interface texts the language shows in English,
// having neither a catalogue text nor a site string for them, sorted.
func (l *Language) Missing() []string {
	var out []string
	for _, k := range l.keys {
		// Every language has a name of its own in CLDR (Name).
		if !l.given[k] && k != "language_name" {
			out = append(out, k)
		}
	}
	return out
}
