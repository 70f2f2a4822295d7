package article

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLoad_SettingsStrings(t *testing.T) {
	src := "language: es\nstrings:\n  view_more: Leer el artículo\n  min_read.one: Un minuto\n  min_read.other: \"{{.Count}} minutos\"\n"
	lib := mustLoad(t, mapFS("site.yaml", src), Options{})
	want := map[string]string{"view_more": "Leer el artículo", "min_read.one": "Un minuto", "min_read.other": "{{.Count}} minutos"}
	if diff := cmp.Diff(want, lib.Settings().Strings); diff != "" {
		t.Errorf("Strings (-want +got):\n%s", diff)
	}
}

func TestLoad_SettingsStringsErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"UnknownKey", "strings:\n  veiw_more: Read on\n",
			[]string{`site.yaml:2:3: error: strings: "veiw_more" is not an interface text (did you mean view_more?)`}},
		{"FormOfPlainText", "strings:\n  contents.one: In this article\n",
			[]string{`site.yaml:2:3: error: strings: "contents.one": contents does not change with a number (write contents: without a form after it)`}},
		{"NotAGroup", "strings: Leer más\n",
			[]string{"site.yaml:1:10: error: strings must be message: text lines, not text (write e.g. strings: {view_more: Ver más})"}},
		{"NotText", "strings:\n  view_more: [a, b]\n",
			[]string{"site.yaml:2:14: error: view_more must be text, not a list (write it on one line after view_more:, in quotes if it holds a colon)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantErrors(t, mapFS("site.yaml", tc.src), Options{}, tc.want...)
		})
	}
}

// TestLoad_SettingsStringsMissing: a language without built-in texts
// is a warning at its tag naming every text still shown in English, and
// the strings given are no longer among them.
func TestLoad_SettingsStringsMissing(t *testing.T) {
	src := "name: Kliniki\nlanguage: sw\nstrings:\n  view_more: Soma zaidi\n"
	lib, err := Load(mapFS("site.yaml", src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := warningLines(lib)
	if len(w) != 1 {
		t.Fatalf("warnings = %q, want one", w)
	}
	prefix := "site.yaml:2:11: warning: language sw has no built-in interface texts (those built in: ar, de, en, es, fr, pl, pt, zh), so "
	if !strings.HasPrefix(w[0], prefix) || !strings.Contains(w[0], "contents, ") || strings.Contains(w[0], "view_more") {
		t.Errorf("warning = %q, want it to start %q, name contents and not view_more", w[0], prefix)
	}
	// A built-in language has nothing missing.
	mustLoad(t, mapFS("site.yaml", "language: pl\n"), Options{})
}

// TestLoad_LanguagesStrings: each further language's strings are
// checked against the catalogues too, and placed under its entry.
func TestLoad_LanguagesStrings(t *testing.T) {
	src := "language: en\nlanguages:\n  es:\n    strings:\n      veiw_more: Leer más\n"
	wantErrors(t, mapFS("site.yaml", src), Options{},
		`site.yaml:5:7: error: strings: "veiw_more" is not an interface text (did you mean view_more?)`)

	lib, err := Load(mapFS("site.yaml", "language: en\nlanguages:\n  sw:\n    name: Kliniki\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if w := warningLines(lib); len(w) != 1 || !strings.HasPrefix(w[0], "site.yaml:3:3: warning: language sw has no built-in interface texts") {
		t.Errorf("warnings = %q, want one at sw", w)
	}
}
