package templates

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"healthsite/internal/i18n"
)

func TestSourceNote(t *testing.T) {
	for _, c := range []struct {
		src  Source
		want string
	}{
		{Source{Title: "Back Pain", Publisher: "MedlinePlus"}, ". MedlinePlus."},
		{Source{Title: "A trial", Year: 2021}, " (2021)."},
		{Source{Title: "A trial", Publisher: "BMJ", Year: 2021}, ". BMJ (2021)."},
		{Source{Title: "Back Pain"}, "."},
		{Source{Title: "Does stretching help?", Publisher: "Acme Inc."}, " Acme Inc."},
		{Source{Title: "Stretching.", Year: 2020}, " (2020)."},
	} {
		if got := sourceNote(c.src); got != c.want {
			t.Errorf("sourceNote(%+v) = %q, want %q", c.src, got, c.want)
		}
	}
}

// TestOGLocale: Open Graph's locale is language and territory; a tag
// without a territory takes its most likely one.
func TestOGLocale(t *testing.T) {
	for _, tt := range []struct{ lang, want string }{
		{"en", "en_US"},
		{"en-GB", "en_GB"},
		{"es", "es_ES"},
		{"es-MX", "es_MX"},
		{"fr", "fr_FR"},
		{"pt", "pt_BR"},
		{"pt-PT", "pt_PT"},
		{"de", "de_DE"},
		{"pl", "pl_PL"},
		{"ar", "ar_EG"},
		{"zh", "zh_CN"},
		{"zh-Hant", "zh_TW"},
		{"cy", "cy_GB"},
		{"not a tag", "not a tag"},
	} {
		if got := ogLocale(tt.lang); got != tt.want {
			t.Errorf("ogLocale(%q) = %q, want %q", tt.lang, got, tt.want)
		}
	}
}

// TestNames_JoinAsTheLanguageWrites: the names of a byline are joined
// with the catalogue's separators and nothing more: the Arabic "و"
// joins the next name, Chinese puts no space between names.
func TestNames_JoinAsTheLanguageWrites(t *testing.T) {
	links := []Link{{Name: "A", URL: "/a/"}, {Name: "B", URL: "/b/"}, {Name: "C", URL: "/c/"}}
	for _, tt := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "A"},
		{"en", 2, "A and B"},
		{"en", 3, "A, B and C"},
		{"es", 2, "A y B"},
		{"ar", 2, "A وB"},
		{"ar", 3, "A، B وC"},
		{"zh", 3, "A、B和C"},
	} {
		tr, err := i18n.New(tt.lang, nil)
		if err != nil {
			t.Fatal(err)
		}
		var buf strings.Builder
		if err := names(tr, links[:tt.n], "author").Render(context.Background(), &buf); err != nil {
			t.Fatal(err)
		}
		got := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(buf.String(), "")
		if got != tt.want {
			t.Errorf("%s, %d names: %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}
