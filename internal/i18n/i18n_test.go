package i18n

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

var oct8 = time.Date(2023, 10, 8, 9, 5, 0, 0, time.UTC)

func TestLanguage_LongDate(t *testing.T) {
	tests := []struct{ tag, want string }{
		{"en", "8 October 2023"},
		{"en-GB", "8 October 2023"},
		{"en-US", "8 October 2023"},
		{"es", "8 de octubre de 2023"},
		{"es-MX", "8 de octubre de 2023"},
		{"fr", "8 octobre 2023"},
		{"pt-BR", "8 de outubro de 2023"},
		{"de", "8. Oktober 2023"},
		{"pl", "8 października 2023"},
		{"ar", "8 أكتوبر 2023"},
		{"zh", "2023年10月8日"},
		{"he", "8 באוקטובר 2023"},
		{"sw", "8 Oktoba 2023"},
		{"xx", "8 October 2023"}, // no CLDR forms here: English's
	}
	for _, tt := range tests {
		t.Run(tt.tag, func(t *testing.T) {
			l, _ := New(tt.tag, nil)
			if got := l.LongDate(oct8); got != tt.want {
				t.Errorf("LongDate = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLanguage_LongDateTime(t *testing.T) {
	tests := []struct{ tag, want string }{
		{"en", "8 October 2023 at 09:05"},
		{"es", "8 de octubre de 2023 a las 9:05"},
		{"fr", "8 octobre 2023 à 09:05"},
	}
	for _, tt := range tests {
		l, _ := New(tt.tag, nil)
		if got := l.LongDateTime(oct8); got != tt.want {
			t.Errorf("%s: LongDateTime = %q, want %q", tt.tag, got, tt.want)
		}
	}
}

func TestLanguage_Plural(t *testing.T) {
	tests := []struct {
		tag  string
		n    int
		want string
	}{
		{"en", 1, "1 min read"},
		{"en", 2, "2 min read"},
		{"es", 1, "1 minuto de lectura"},
		{"es", 2, "2 minutos de lectura"},
		{"fr", 0, "0\u00a0min de lecture"},
		{"pt", 1, "1 minuto de leitura"},
		{"de", 1, "1 Minute Lesezeit"},
		{"de", 7, "7 Minuten Lesezeit"},
		// Polish: one, few (2–4, 22–24), many (5–21, 25–31).
		{"pl", 1, "1 minuta czytania"},
		{"pl", 3, "3 minuty czytania"},
		{"pl", 5, "5 minut czytania"},
		{"pl", 12, "12 minut czytania"},
		{"pl", 22, "22 minuty czytania"},
		{"pl", 25, "25 minut czytania"},
		// Arabic: zero, one, two, few (3–10), many (11–99), other (100–102).
		{"ar", 0, "مدة القراءة: أقل من دقيقة"},
		{"ar", 1, "مدة القراءة: دقيقة واحدة"},
		{"ar", 2, "مدة القراءة: دقيقتان"},
		{"ar", 3, "مدة القراءة: 3 دقائق"},
		{"ar", 10, "مدة القراءة: 10 دقائق"},
		{"ar", 11, "مدة القراءة: 11 دقيقة"},
		{"ar", 100, "مدة القراءة: 100 دقيقة"},
		{"zh", 1, "阅读约需 1 分钟"},
		{"zh", 5, "阅读约需 5 分钟"},
	}
	for _, tt := range tests {
		l, _ := New(tt.tag, nil)
		if got := l.Plural("min_read", tt.n, nil); got != tt.want {
			t.Errorf("%s, %d: Plural = %q, want %q", tt.tag, tt.n, got, tt.want)
		}
	}
}

func TestLanguage_PluralWithData(t *testing.T) {
	l, _ := New("pl", nil)
	got := l.Plural("search_found", 4, Data{"Query": "ból"})
	if want := "Znaleziono 4 artykuły dla „ból”."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestLanguage_DirAndName(t *testing.T) {
	tests := []struct{ tag, dir, name string }{
		{"en", "ltr", "English"},
		{"en-GB", "ltr", "English"},
		{"es", "ltr", "Español"},
		{"fr", "ltr", "Français"},
		{"pt", "ltr", "Português"},
		{"de", "ltr", "Deutsch"},
		{"pl", "ltr", "Polski"},
		{"ar", "rtl", "العربية"},
		{"zh", "ltr", "中文"},
		{"he", "rtl", "עברית"},
		{"fa", "rtl", "فارسی"},
		{"ur", "rtl", "اردو"},
		{"az-Arab", "rtl", ""}, // a script given in the tag; no name checked
		{"sw", "ltr", "Kiswahili"},
	}
	for _, tt := range tests {
		l, _ := New(tt.tag, nil)
		if got := l.Dir(); got != tt.dir {
			t.Errorf("%s: Dir = %q, want %q", tt.tag, got, tt.dir)
		}
		if got := l.RTL(); got != (tt.dir == "rtl") {
			t.Errorf("%s: RTL = %v", tt.tag, got)
		}
		if got := l.Name(); tt.name != "" && got != tt.name {
			t.Errorf("%s: Name = %q, want %q", tt.tag, got, tt.name)
		}
	}
}

// TestCatalogues_Complete: every built-in catalogue has every English
// text, with the same places and only the plural forms its language
// uses, so that no page of a built-in language falls back to English.
func TestCatalogues_Complete(t *testing.T) {
	want := []string{"ar", "de", "en", "es", "fr", "pl", "pt", "zh"}
	if got := Builtin(); !slices.Equal(got, want) {
		t.Fatalf("Builtin() = %v, want %v", got, want)
	}
	en, _ := New("en", nil)
	for _, tag := range want {
		l, _ := New(tag, nil)
		if !l.Builtin() {
			t.Errorf("%s: not built in", tag)
		}
		if m := l.Missing(); len(m) > 0 {
			t.Errorf("%s: missing %v", tag, m)
		}
		for _, key := range en.Keys() {
			for _, place := range places(en.Text(key)) {
				if !strings.Contains(l.Text(key), place) && !strings.Contains(l.Plural(key, 7, nil), place) {
					t.Errorf("%s: %s lacks %s", tag, key, place)
				}
			}
		}
	}
}

// places are the {{.Name}} places of a text.
func places(s string) []string {
	var out []string
	for {
		i := strings.Index(s, "{{.")
		if i < 0 {
			return out
		}
		j := strings.Index(s[i:], "}}")
		out = append(out, s[i:i+j+2])
		s = s[i+j+2:]
	}
}

func TestLanguage_Pieces(t *testing.T) {
	tests := []struct {
		tag  string
		want []Piece
	}{
		{"en", []Piece{{Text: "Medically reviewed by "}, {Slot: "Reviewer"}, {Text: " on "}, {Slot: "Date"}}},
		{"zh", []Piece{{Text: "医学审核："}, {Slot: "Reviewer"}, {Text: "，"}, {Slot: "Date"}}},
	}
	for _, tt := range tests {
		l, _ := New(tt.tag, nil)
		got := l.Pieces("reviewed_by", "Reviewer", "Date")
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: Pieces = %q, want %q", tt.tag, got, tt.want)
		}
	}
}

func TestNew_Strings(t *testing.T) {
	tests := []struct {
		name     string
		tag      string
		strings  map[string]string
		check    func(l *Language) string
		want     string
		problems []string // each problem's key and a part of its message
	}{
		{name: "a text replaced", tag: "en", strings: map[string]string{"view_more": "Read more"},
			check: func(l *Language) string { return l.Text("view_more") }, want: "Read more"},
		{name: "a plural text whole", tag: "es", strings: map[string]string{"min_read": "Lectura: {{.Count}} min"},
			check: func(l *Language) string { return l.Plural("min_read", 1, nil) }, want: "Lectura: 1 min"},
		{name: "a plural text by form", tag: "es", strings: map[string]string{"min_read.one": "un minuto", "min_read.other": "{{.Count}} minutos"},
			check: func(l *Language) string { return l.Plural("min_read", 1, nil) + ", " + l.Plural("min_read", 4, nil) }, want: "un minuto, 4 minutos"},
		{name: "unknown key with a suggestion", tag: "en", strings: map[string]string{"veiw_more": "Read more"},
			check: func(l *Language) string { return l.Text("view_more") }, want: "View more",
			problems: []string{"veiw_more: did you mean view_more?"}},
		{name: "unknown key far from every other", tag: "en", strings: map[string]string{"zzzzzzzzzzzzzz": "x"},
			check: func(l *Language) string { return "" }, want: "",
			problems: []string{"zzzzzzzzzzzzzz: is not an interface text"}},
		{name: "a form of a text without forms", tag: "en", strings: map[string]string{"view_more.one": "x"},
			check: func(l *Language) string { return l.Text("view_more") }, want: "View more",
			problems: []string{"view_more.one: does not change with a number"}},
		{name: "a form that is not one", tag: "en", strings: map[string]string{"min_read.single": "x"},
			check: func(l *Language) string { return l.Plural("min_read", 1, nil) }, want: "1 min read",
			problems: []string{"min_read.single: the forms of min_read are"}},
		{name: "forms without other", tag: "en", strings: map[string]string{"min_read.one": "x"},
			check: func(l *Language) string { return l.Plural("min_read", 1, nil) }, want: "1 min read",
			problems: []string{"min_read.one: give min_read.other too"}},
		{name: "a language without a catalogue", tag: "sw", strings: map[string]string{"view_more": "Soma zaidi"},
			check: func(l *Language) string { return l.Text("view_more") + " | " + l.Text("contents") }, want: "Soma zaidi | Contents"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, problems := New(tt.tag, tt.strings)
			if got := tt.check(l); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if len(problems) != len(tt.problems) {
				t.Fatalf("problems = %v, want %d", problems, len(tt.problems))
			}
			for i, p := range problems {
				key, part, _ := strings.Cut(tt.problems[i], ": ")
				if p.Key != key || !strings.Contains(p.Message, part) {
					t.Errorf("problem %v, want key %s and %q", p, key, part)
				}
			}
		})
	}
}

func TestLanguage_Missing(t *testing.T) {
	l, _ := New("sw", map[string]string{"view_more": "Soma zaidi", "min_read": "dakika {{.Count}}"})
	missing := l.Missing()
	if slices.Contains(missing, "view_more") || slices.Contains(missing, "min_read") {
		t.Errorf("Missing %v lists a text the site gives", missing)
	}
	if !slices.Contains(missing, "contents") || !slices.Contains(missing, "skip_link") {
		t.Errorf("Missing %v leaves out texts shown in English", missing)
	}
	if slices.Contains(missing, "language_name") {
		t.Errorf("Missing %v lists the language's name, which CLDR has", missing)
	}
	if l.Builtin() {
		t.Error("sw is built in")
	}
}

func TestLanguage_UnknownKeyShows(t *testing.T) {
	l, _ := New("es", nil)
	if got := l.Text("no_such_text"); got != "no_such_text" {
		t.Errorf("Text = %q, want the key", got)
	}
}

// TestLanguage_Forms: a script gets each plural form the language
// has, with its places filled, to pick one by Intl.PluralRules.
func TestLanguage_Forms(t *testing.T) {
	tests := []struct {
		tag  string
		want map[string]string
	}{
		{"en", map[string]string{"one": "{n} min read", "other": "{n} min read"}},
		{"pl", map[string]string{"one": "{n} minuta czytania", "few": "{n} minuty czytania", "many": "{n} minut czytania", "other": "{n} minuty czytania"}},
		{"zh", map[string]string{"other": "阅读约需 {n} 分钟"}},
	}
	for _, tt := range tests {
		l, _ := New(tt.tag, nil)
		got := l.Forms("min_read", Data{"Count": "{n}"})
		if !maps.Equal(got, tt.want) {
			t.Errorf("%s: Forms = %v, want %v", tt.tag, got, tt.want)
		}
	}
	ar, _ := New("ar", nil)
	if got := ar.Forms("min_read", Data{"Count": "{n}"}); len(got) != 6 {
		t.Errorf("ar: Forms = %v, want all six", got)
	}
	en, _ := New("en", nil)
	if got := en.Forms("view_more", nil); !maps.Equal(got, map[string]string{"other": "View more"}) {
		t.Errorf("a text without forms: Forms = %v", got)
	}
}
