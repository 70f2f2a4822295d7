package article

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// art is an article file of the given title, date and extra front
// matter lines.
func art(title, date, extra string) string {
	return "---\ntitle: " + title + "\nauthor: Ann Lee\ndate: " + date + "\nsummary: A summary.\n" + extra + "---\n\nSome text.\n"
}

// TestLoadSettings_Languages: languages: maps further tags to their
// settings; each mistake in it is a placed error with the fix.
func TestLoadSettings_Languages(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		want       []Language
		problems   []string
	}{
		{"none", "language: en\n", nil, nil},
		{"two", "language: en\nlanguages:\n  es: {name: Salud Clara, tagline: Artículos claros}\n  ar: {name: صحة واضحة}\n",
			[]Language{{Tag: "es", Name: "Salud Clara", Tagline: "Artículos claros"}, {Tag: "ar", Name: "صحة واضحة"}}, nil},
		{"empty entry", "languages:\n  es:\n  fr: {}\n", []Language{{Tag: "es"}, {Tag: "fr"}}, nil},
		{"canonical tag", "languages:\n  pt-br: {disclaimer: Informação geral.}\n", []Language{{Tag: "pt-BR", Disclaimer: "Informação geral."}}, nil},
		{"strings", "languages:\n  es: {strings: {view_more: Ver más}}\n", []Language{{Tag: "es", Strings: map[string]string{"view_more": "Ver más"}}}, nil},
		{"name for a tag", "languages:\n  Spanish: {name: Salud}\n", nil,
			[]string{`site.yaml:2:3: error: "Spanish" is not a language tag (did you mean es?)`}},
		{"own name for a tag", "languages:\n  français: {}\n", nil,
			[]string{`site.yaml:2:3: error: "français" is not a language tag (did you mean fr?)`}},
		{"not a tag", "languages:\n  es_ES!: {}\n", nil,
			[]string{`site.yaml:2:3: error: "es_ES!" is not a language tag (write a language tag such as es, fr or pt-BR)`}},
		{"main language", "language: en-GB\nlanguages:\n  en-GB: {}\n", nil,
			[]string{"site.yaml:3:3: error: en-GB is the main language (language: en-GB), served at /; languages: lists only further languages (remove this entry, or change language:)"}},
		{"twice", "languages:\n  es: {}\n  ES: {}\n", []Language{{Tag: "es"}},
			[]string{"site.yaml:3:3: error: the language es is given twice, here and on line 2 (keep one of them)"}},
		{"misspelt key", "languages:\n  es: {tagine: Hola}\n", []Language{{Tag: "es"}},
			[]string{`site.yaml:2:8: error: unknown field "tagine" (did you mean "tagline"?)`}},
		{"not a map", "languages: [es, fr]\n", nil,
			[]string{"site.yaml:1:12: error: languages must list each further language by its tag, not a list (write e.g. languages: {es: {name: Salud Clara}})"}},
		{"entry not a map", "languages:\n  es: Salud\n", []Language{{Tag: "es"}},
			[]string{"site.yaml:2:7: error: the settings of es must be name: value lines, not text (write e.g. es: {name: …, tagline: …}, or es: {} for none)"}},
		{"strings not a map", "languages:\n  es: {strings: hola}\n", []Language{{Tag: "es"}},
			[]string{"site.yaml:2:17: error: strings must be message: text lines, not text (write e.g. strings: {view_more: Ver más})"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, problems := loadSettings(mapFS(SettingsFile, tc.yaml), "")
			if diff := cmp.Diff(tc.want, s.Languages); diff != "" {
				t.Errorf("languages (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.problems, problemLines(problems)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSettings_In: a language's pages see its own name, tagline,
// description and disclaimer where it gives them, the main language's
// otherwise.
func TestSettings_In(t *testing.T) {
	s, _ := loadSettings(mapFS(SettingsFile, "name: Clear Health\ntagline: Plain words\ndisclaimer: General information.\nlanguages:\n  es: {name: Salud Clara}\n"), "")
	es := s.In("es")
	if es.Language != "es" || es.Name != "Salud Clara" || es.Tagline != "Plain words" || es.Disclaimer != "General information." {
		t.Errorf("In(es) = %+v", es)
	}
	if got := s.Tags(); !cmp.Equal(got, []string{"en", "es"}) {
		t.Errorf("Tags() = %v", got)
	}
	if s.Prefix("en") != "" || s.Prefix("es") != "/es" {
		t.Errorf("Prefix(en), Prefix(es) = %q, %q", s.Prefix("en"), s.Prefix("es"))
	}
}

// threeLanguages is a site in English, Spanish and Arabic: a knee
// article translated into both (one by file name, one by
// translation_of:), an English-only article, and a Spanish page.
func threeLanguages(extra ...string) map[string]string {
	files := map[string]string{
		SettingsFile:        "language: en\nlanguages:\n  es: {name: Salud Clara}\n  ar: {name: صحة واضحة}\n",
		"knee-pain.md":      art("Knee pain", "2024-01-10", ""),
		"sleep.md":          art("Sleep", "2024-01-12", ""),
		"es/knee-pain.md":   art("Dolor de rodilla", "2024-02-01", "slug: dolor-de-rodilla\n"),
		"ar/rukba.md":       art("ألم الركبة", "2024-02-02", "translation_of: knee-pain\n"),
		"es/pages/about.md": "---\ntitle: Quiénes somos\n---\n\nUna clínica.\n",
		"pages/about.md":    "---\ntitle: About us\n---\n\nA clinic.\n",
	}
	for i := 0; i+1 < len(extra); i += 2 {
		files[extra[i]] = extra[i+1]
	}
	return files
}

func filesFS(files map[string]string) []string {
	var out []string
	for k, v := range files {
		out = append(out, k, v)
	}
	return out
}

// TestLoad_Languages: each article knows its language and what it
// translates; the main language's lists are as before; addresses are
// per language.
func TestLoad_Languages(t *testing.T) {
	lib, err := Load(mapFS(filesFS(threeLanguages())...), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var main []string
	for _, a := range lib.Articles() {
		main = append(main, a.Slug)
	}
	if !cmp.Equal(main, []string{"sleep", "knee-pain"}) {
		t.Errorf("Articles() = %v, want the English ones", main)
	}
	es := lib.ArticleIn("es", "dolor-de-rodilla")
	ar := lib.ArticleIn("ar", "rukba")
	if es == nil || ar == nil || lib.Article("dolor-de-rodilla") != nil {
		t.Fatalf("ArticleIn(es), ArticleIn(ar), Article(dolor-de-rodilla) = %v, %v, %v", es, ar, lib.Article("dolor-de-rodilla"))
	}
	if es.Lang != "es" || es.TranslationOf != "knee-pain" || ar.Lang != "ar" || ar.TranslationOf != "knee-pain" {
		t.Errorf("es: %s of %q, ar: %s of %q", es.Lang, es.TranslationOf, ar.Lang, ar.TranslationOf)
	}
	knee := lib.Article("knee-pain")
	slugsOf := func(as []*Article) (out []string) {
		for _, a := range as {
			out = append(out, a.Lang+":"+a.Slug)
		}
		return out
	}
	if got := slugsOf(lib.Translations(knee)); !cmp.Equal(got, []string{"es:dolor-de-rodilla", "ar:rukba"}) {
		t.Errorf("Translations(knee-pain) = %v", got)
	}
	if got := slugsOf(lib.Translations(ar)); !cmp.Equal(got, []string{"en:knee-pain", "es:dolor-de-rodilla"}) {
		t.Errorf("Translations(rukba) = %v", got)
	}
	if got := slugsOf(lib.Translations(lib.Article("sleep"))); got != nil {
		t.Errorf("Translations(sleep) = %v, want none", got)
	}
	if p := lib.PagesIn("es"); len(p) != 1 || p[0].Title != "Quiénes somos" || len(lib.Pages()) != 1 || lib.Pages()[0].Title != "About us" {
		t.Errorf("PagesIn(es) = %v, Pages() = %v", p, lib.Pages())
	}
}

// TestCheck_LanguageMessages: every problem of a multilingual content
// folder, placed, with its fix.
func TestCheck_LanguageMessages(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files []string
		want  []string
	}{
		{"translation_of names no article",
			[]string{"es/ciatica.md", art("Ciática", "2024-03-01", "translation_of: knee-pian\n")},
			[]string{`es/ciatica.md:6:17: error: translation_of "knee-pian" names no article in English (did you mean translation_of: knee-pain?)`}},
		{"translation_of names nothing near",
			[]string{"es/ciatica.md", art("Ciática", "2024-03-01", "translation_of: xyzzy-plugh\n")},
			[]string{`es/ciatica.md:6:17: error: translation_of "xyzzy-plugh" names no article in English (write the slug of an article in the main language: its address without /articles/, such as translation_of: knee-pain)`}},
		{"two translations of one original",
			[]string{"es/rodilla.md", art("Rodilla", "2024-03-01", "translation_of: knee-pain\n")},
			[]string{
				"es/knee-pain.md:1:1: error: this file and es/rodilla.md both translate knee-pain.md into Spanish (keep one translation: delete the other file, or change its translation_of)",
				"es/rodilla.md:6:17: error: this file and es/knee-pain.md both translate knee-pain.md into Spanish (keep one translation: delete the other file, or change its translation_of)",
			}},
		{"translation_of in the main language",
			[]string{"hip.md", art("Hip", "2024-03-01", "translation_of: knee-pain\n")},
			[]string{"hip.md:6:17: error: translation_of is for translations, and this article is in the main language, English (move the file to the folder of its language, such as content/es/, or remove translation_of)"}},
		{"original changed after the translation",
			[]string{"knee-pain.md", art("Knee pain", "2024-01-10", "updated: 2025-03-03\n")},
			[]string{
				"ar/rukba.md:6:17: warning: the Arabic translation may be out of date: the original changed on 3 March 2025 (bring it up to date with knee-pain.md, then set updated: to the day you did)",
				"es/knee-pain.md:1:1: warning: the Spanish translation may be out of date: the original changed on 3 March 2025 (bring it up to date with knee-pain.md, then set updated: to the day you did)",
			}},
		{"original reviewed after the translation",
			[]string{"sleep.md", art("Sleep", "2024-01-12", "reviewed_by: Dr Bo Chan\nreviewed: 2024-06-01\n"), "es/sleep.md", art("Sueño", "2024-02-01", "updated: 2024-05-01\n")},
			[]string{"es/sleep.md:1:1: warning: the Spanish translation may be out of date: the original changed on 1 June 2024 (bring it up to date with sleep.md, then set updated: to the day you did)"}},
		{"translation up to date",
			[]string{"sleep.md", art("Sleep", "2024-01-12", "updated: 2024-03-01\n"), "es/sleep.md", art("Sueño", "2024-02-01", "updated: 2024-03-02\n")},
			nil},
		{"folder of a language the site does not have",
			[]string{"fr/genou.md", art("Genou", "2024-03-01", "")},
			[]string{"fr/: warning: the folder fr is named like the language fr (French), which site.yaml does not list under languages:, so the Markdown file in it is not published (to publish it in French at /fr/, add to site.yaml:  languages: {fr: {}}; if it is in English, rename the folder: the addresses do not depend on it)"}},
		{"folder of a language the site does not have, with several files",
			[]string{"fr/genou.md", art("Genou", "2024-03-01", ""), "fr/dos.md", art("Dos", "2024-03-02", ""), "fr/pages/about.md", "---\ntitle: À propos\nsummary: Qui.\n---\n\nNous.\n"},
			[]string{"fr/: warning: the folder fr is named like the language fr (French), which site.yaml does not list under languages:, so the 3 Markdown files in it are not published (to publish them in French at /fr/, add to site.yaml:  languages: {fr: {}}; if they are in English, rename the folder: the addresses do not depend on it)"}},
		{"same address twice in one language",
			[]string{"es/rodilla.md", art("Rodilla", "2024-03-01", "slug: dolor-de-rodilla\n")},
			[]string{"es/rodilla.md:1:1: error: the web address /es/articles/dolor-de-rodilla/ is also used by es/knee-pain.md (give one of the two files another name, or a different slug:)"}},
		{"profile in a language folder",
			[]string{"es/authors/ann-lee.md", "---\nname: Ann Lee\n---\n\nEscribe.\n"},
			[]string{"es/authors/ann-lee.md: error: profiles are shared by every language, so ann-lee.md is not read (move it to authors/, where one profile serves the author's pages in every language)"}},
		{"links within a language",
			[]string{"es/sleep.md", art("Sueño", "2024-02-01", "") + "\n[rodilla](/es/articles/dolor-de-rodilla/), [inglés](/articles/sleep/), [mal](/es/articles/dolor-de-rodila/), [acerca](/es/about/), [temas](/es/tags/)\n"},
			[]string{"es/sleep.md:10:72: error: the link to /es/articles/dolor-de-rodila/ leads to no article (did you mean /es/articles/dolor-de-rodilla/?)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Check(mapFS(filesFS(threeLanguages(tc.files...))...), Options{})
			if diff := cmp.Diff(tc.want, problemLines(r.Problems)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLoad_FolderOfAnUnlistedLanguageIsNotPublished: a folder named
// like a language that site.yaml does not list holds translations, most
// likely: its articles are not published as the main language's (Spanish
// text in pages that say lang="en"), on a site of one language or of
// several, and the folder's warning says how to publish them. Its
// pictures are still there for the articles that show them. A folder
// whose name is no language is an ordinary folder of articles.
func TestLoad_FolderOfAnUnlistedLanguageIsNotPublished(t *testing.T) {
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
	for _, tt := range []struct {
		name, settings string
	}{
		{"one language", "language: en\n"},
		{"another language listed", "language: en\nlanguages:\n  fr: {}\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			lib, err := Load(mapFS(SettingsFile, tt.settings,
				"es/rodilla.md", art("Rodilla", "2024-01-10", ""),
				"es/knee.png", png,
				"knee.md", art("Knee", "2024-01-11", "")+"\n![A knee](es/knee.png)\n",
				"topics/hip.md", art("Hip", "2024-01-12", "")), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var slugs []string
			for _, a := range lib.AllArticles() {
				slugs = append(slugs, a.Lang+" "+a.Slug)
			}
			if want := []string{"en hip", "en knee"}; !slices.Equal(slugs, want) {
				t.Errorf("articles %v, want %v: es/rodilla.md published", slugs, want)
			}
			if len(lib.Images()) != 1 {
				t.Errorf("%d images, want es/knee.png, which knee.md shows", len(lib.Images()))
			}
			w := problemLines(lib.Warnings())
			if len(w) != 1 || !strings.HasPrefix(w[0], "es/: warning: the folder es is named like the language es (Spanish)") || !strings.Contains(w[0], "languages: {es: {}}") {
				t.Errorf("warnings = %v, want the folder's", w)
			}
		})
	}
}
