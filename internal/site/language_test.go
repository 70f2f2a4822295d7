package site

import (
	"bytes"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"healthsite/internal/article"
	"healthsite/internal/i18n"
	"healthsite/templates"
)

// buildLanguage builds the one-language site of testdata/<tag>, in the
// preview when dev is set, with the exported site's search page.
func buildLanguage(t testing.TB, tag string, dev bool) *Site {
	t.Helper()
	lib, err := article.Load(os.DirFS("testdata/"+tag), article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Build(lib, Options{Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Dev: dev, StaticSearch: true})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestBuild_GoldenPagesLanguages compares an article of a Spanish and
// of an Arabic site with testdata/article-<tag>.html: interface texts,
// dates and plurals in the site's language, and dir="rtl" for Arabic.
func TestBuild_GoldenPagesLanguages(t *testing.T) {
	for tag, path := range map[string]string{"es": "/articles/dolor-de-rodilla/", "ar": "/articles/alam-alrukba/"} {
		t.Run(tag, func(t *testing.T) {
			checkGolden(t, "article-"+tag+".html", buildLanguage(t, tag, false).Page(path))
		})
	}
}

// TestBuild_OneLanguage: on a site whose site.yaml says language: es
// (or ar), no page shows any English interface text: every text of the
// English catalogue that the language writes differently is looked
// for, as a whole word, in every page's text and in the attributes
// readers hear or see (aria-label, placeholder, alt, title, content,
// and the search script's texts). Adding an English word back to a
// template, or a text to the catalogue without using it in the page's
// language, fails here.
func TestBuild_OneLanguage(t *testing.T) {
	en, _ := i18n.New("en", nil)
	for _, tag := range []string{"es", "ar"} {
		t.Run(tag, func(t *testing.T) {
			l, _ := i18n.New(tag, nil)
			words := englishOnly(en, l)
			if len(words) < 50 {
				t.Fatalf("only %d English texts to look for", len(words))
			}
			for _, dev := range []bool{false, true} {
				s := buildLanguage(t, tag, dev)
				pages := map[string][]byte{"404": s.NotFound().Body(), "500": s.ServerError().Body(), "search (static)": s.StaticSearchPage().Body()}
				for _, p := range s.Paths() {
					if pg := s.Page(p); strings.HasPrefix(pg.ContentType, "text/html") {
						pages[p] = pg.Body()
					}
				}
				for path, body := range pages {
					text := readerText(t, body)
					for _, w := range words {
						if w.re.MatchString(text) {
							t.Errorf("dev %v, %s shows the English %q", dev, path, w.text)
						}
					}
				}
			}
		})
	}
}

// englishOnly are the literal parts of the English catalogue's texts
// that lang writes otherwise, as whole-word patterns: "Medically
// reviewed by", "min read", "Topics A–Z".
func englishOnly(en, lang *i18n.Language) []englishText {
	places := regexp.MustCompile(`\{\{\.\w+\}\}`)
	seen := map[string]bool{}
	var out []englishText
	for _, key := range en.Keys() {
		ours, theirs := en.Forms(key, nil), lang.Forms(key, nil)
		for form, text := range ours {
			if text == theirs[form] || text == theirs["other"] {
				continue
			}
			for _, part := range places.Split(text, -1) {
				part = strings.TrimSpace(strings.Trim(part, "(),.:;“”?"))
				if len([]rune(part)) < 4 || seen[part] {
					continue
				}
				seen[part] = true
				out = append(out, englishText{part, regexp.MustCompile(`(^|[^\p{L}])` + regexp.QuoteMeta(part) + `($|[^\p{L}])`)})
			}
		}
	}
	return out
}

// englishText is a text of the English catalogue and its pattern.
type englishText struct {
	text string
	re   *regexp.Regexp
}

// readerText is what a reader of the page sees or hears: its text, out
// of scripts and styles, and the attributes read out or shown.
func readerText(t *testing.T, body []byte) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data + "\n")
		}
		for _, a := range n.Attr {
			switch a.Key {
			case "aria-label", "placeholder", "alt", "title", "data-text":
				b.WriteString(a.Val + "\n")
			case "content":
				if n.DataAtom == atom.Meta {
					b.WriteString(a.Val + "\n")
				}
			}
		}
		if n.DataAtom == atom.Script || n.DataAtom == atom.Style {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

// TestBuild_LanguageFrame: the page's language and direction are on
// <html>, for every page, and only a right-to-left language has dir.
func TestBuild_LanguageFrame(t *testing.T) {
	tests := []struct{ tag, want string }{
		{"es", `<html lang="es">`},
		{"ar", `<html lang="ar" dir="rtl">`},
	}
	for _, tt := range tests {
		s := buildLanguage(t, tt.tag, false)
		for _, p := range append(s.Paths(), "404") {
			pg := s.Page(p)
			if p == "404" {
				pg = s.NotFound()
			}
			if !strings.HasPrefix(pg.ContentType, "text/html") {
				continue
			}
			if !bytes.Contains(pg.Body(), []byte(tt.want)) {
				t.Errorf("%s %s lacks %s", tt.tag, p, tt.want)
			}
		}
	}
}

// TestBuild_Strings: site.yaml's strings: replace the catalogue's
// texts on the pages, and a language without a catalogue of its own
// shows its strings and English for the rest.
func TestBuild_Strings(t *testing.T) {
	fsys := os.DirFS("testdata/es")
	lib, err := article.Load(overlay{fsys, "site.yaml", "name: Salud\nlanguage: sw\nstrings:\n  view_more: Soma zaidi\n  min_read: \"dakika {{.Count}}\"\n"}, article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Build(lib, Options{Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	home, art := string(s.Page("/").Body()), string(s.Page("/articles/dolor-de-rodilla/").Body())
	for _, want := range []string{">Soma zaidi<", "Latest articles"} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	for _, want := range []string{"dakika 1", "8 Oktoba 2023", ">Contents<"} {
		if !strings.Contains(art, want) {
			t.Errorf("article lacks %q", want)
		}
	}
}

// overlay is a folder with the file name replaced by data.
type overlay struct {
	fs.FS
	name, data string
}

// Open implements fs.FS.
func (o overlay) Open(name string) (fs.File, error) {
	if name == o.name {
		return fstest.MapFS{name: {Data: []byte(o.data)}}.Open(name)
	}
	return o.FS.Open(name)
}

// TestTopicsAZ_LettersOfTheLanguage: the jump list of the topics A–Z
// has every letter of A to Z for a language written in Latin letters,
// and only the letters its topics start with for one that is not.
func TestTopicsAZ_LettersOfTheLanguage(t *testing.T) {
	entries := func(names ...string) []templates.Entry {
		var out []templates.Entry
		for _, n := range names {
			out = append(out, templates.Entry{Link: templates.Link{Name: n}})
		}
		return out
	}
	names := func(ls []templates.Letter) string {
		var out []string
		for _, l := range ls {
			out = append(out, l.Name)
		}
		return strings.Join(out, " ")
	}
	tests := []struct {
		lang  string
		names []string
		want  string
	}{
		{"ar", []string{"الركبة", "ألم المفاصل", "ظهر"}, "ا ظ"},
		{"zh", []string{"背痛", "膝盖"}, "背 膝"},
		{"es", []string{"ñame", "rodilla"}, "A B C D E F G H I J K L M N O P Q R S T U V W X Y Z"},
	}
	for _, tt := range tests {
		if got := names(topicsAZ(entries(tt.names...), tt.lang)); got != tt.want {
			t.Errorf("%s: letters %q, want %q", tt.lang, got, tt.want)
		}
	}
}
