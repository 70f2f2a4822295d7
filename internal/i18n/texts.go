package i18n

import (
	"strings"
	"time"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Data fills the places of a text: {{.Date}} takes Data{"Date": …}.
type Data map[string]string

// Text is the text of key. A key no catalogue has is returned as it is,
// so that a mistyped key shows on the page (and fails the tests)
// instead of leaving a gap.
func (l *Language) Text(key string) string {
	if s, ok := l.plain[key]; ok {
		return s
	}
	return l.localize(key, nil, -1)
}

// Format is the text of key with its places filled from data.
func (l *Language) Format(key string, data Data) string { return l.localize(key, data, -1) }

// Plural is the text of key in the plural form the language uses for
// n, with {{.Count}} set to n and the other places filled from data.
func (l *Language) Plural(key string, n int, data Data) string {
	if data != nil {
		return l.localize(key, data, n)
	}
	k := madeKey{key: key, count: n}
	if s, ok := l.made.Load(k); ok {
		return s.(string)
	}
	s := l.localize(key, nil, n)
	l.made.Store(k, s)
	return s
}

// localize is the text of key with data; count, when not negative,
// picks the plural form and fills {{.Count}}.
func (l *Language) localize(key string, data Data, count int) string {
	fill := map[string]any{}
	for k, v := range data {
		fill[k] = v
	}
	cfg := &goi18n.LocalizeConfig{MessageID: key, TemplateData: fill}
	if count >= 0 {
		cfg.PluralCount = count
		fill["Count"] = count
	}
	// A text missing in the language comes back in English with an
	// error saying so: the English text is what is wanted.
	s, _ := l.localizer.Localize(cfg)
	if s == "" {
		return key
	}
	return s
}

// Forms are the plural forms of key that the language has, by CLDR
// category (zero, one, two, few, many, other), with the places filled
// from data: for a script that picks the form itself, with the
// browser's Intl.PluralRules. A text without forms has only other.
func (l *Language) Forms(key string, data Data) map[string]string {
	m := l.messages[key]
	if m == nil {
		return map[string]string{"other": key}
	}
	mt := goi18n.NewMessageTemplate(m)
	out := map[string]string{}
	// Execute takes go-i18n's own form type, which only constants of
	// the right names convert to.
	for cat, run := range map[string]func() (string, error){
		"zero":  func() (string, error) { return mt.Execute("zero", data, nil) },
		"one":   func() (string, error) { return mt.Execute("one", data, nil) },
		"two":   func() (string, error) { return mt.Execute("two", data, nil) },
		"few":   func() (string, error) { return mt.Execute("few", data, nil) },
		"many":  func() (string, error) { return mt.Execute("many", data, nil) },
		"other": func() (string, error) { return mt.Execute("other", data, nil) },
	} {
		if s, err := run(); err == nil && s != "" {
			out[cat] = s
		}
	}
	return out
}

// slotMark brackets a place in a text split into pieces: a character
// that no catalogue or site string can hold.
const slotMark = "\x00"

// Pieces is the text of key split at the places named by slots, for a
// page that fills them with markup (a link, a <time>): "Updated
// {{.Date}}" is the text "Updated " and the slot Date. The places keep
// the order the language puts them in. The slice is shared by every
// caller, and must not be modified.
func (l *Language) Pieces(key string, slots ...string) []Piece {
	if len(slots) > 2 {
		return l.pieces(key, slots)
	}
	k := madeKey{key: key, count: -1}
	if len(slots) > 0 {
		k.slot0 = slots[0]
	}
	if len(slots) > 1 {
		k.slot1 = slots[1]
	}
	if p, ok := l.made.Load(k); ok {
		return p.([]Piece)
	}
	p := l.pieces(key, slots)
	l.made.Store(k, p)
	return p
}

// pieces makes the Pieces of key at slots.
func (l *Language) pieces(key string, slots []string) []Piece {
	data := Data{}
	for _, s := range slots {
		data[s] = slotMark + s + slotMark
	}
	parts := strings.Split(l.Format(key, data), slotMark)
	var out []Piece
	for i, p := range parts {
		switch {
		case i%2 == 1:
			out = append(out, Piece{Slot: p})
		case p != "":
			out = append(out, Piece{Text: p})
		}
	}
	return out
}

// Name is the language's name in the language itself (Español,
// العربية), as a language switcher shows it.
func (l *Language) Name() string {
	if l.given["language_name"] {
		return l.Text("language_name")
	}
	t, err := language.Parse(l.tag)
	if err != nil {
		return l.tag
	}
	if n := display.Self.Name(t); n != "" {
		return n
	}
	return l.tag
}

// rtlScripts are the scripts written right to left that languages of
// the web are written in: Arabic (Arabic, Persian, Urdu), Hebrew
// (Hebrew, Yiddish), Syriac, Thaana (Dhivehi), N'Ko and Adlam.
var rtlScripts = []string{"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg"}

// Dir is the direction of the language's script, for the dir attribute:
// "rtl" for Arabic, Hebrew, Persian, Urdu and others written right to
// left, "ltr" for the rest. The script is the tag's own (az-Arab) or the
// one CLDR says the language is most likely written in.
func (l *Language) Dir() string {
	t, err := language.Parse(l.tag)
	if err != nil {
		return "ltr"
	}
	s, _ := t.Script()
	for _, r := range rtlScripts {
		if s.String() == r {
			return "rtl"
		}
	}
	return "ltr"
}

// RTL reports whether the language is written right to left.
func (l *Language) RTL() bool { return l.Dir() == "rtl" }

// LongDate is a date the way the language writes it in full, CLDR's
// long form: 8 October 2023, 8 de octubre de 2023, 2023年10月8日.
func (l *Language) LongDate(t time.Time) string { return l.dates.FmtDateLong(t) }

// LongDateTime is a moment the way the language writes it in full:
// 8 October 2023 at 09:00.
func (l *Language) LongDateTime(t time.Time) string {
	return l.Format("date_time", Data{"Date": l.LongDate(t), "Time": l.dates.FmtTimeShort(t)})
}
