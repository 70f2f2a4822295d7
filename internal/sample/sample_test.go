package sample

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"healthsite/internal/article"
	"healthsite/internal/markdown"
)

func TestArticles_LoadCleanlyAndDeterministically(t *testing.T) {
	a, b := Articles(50, 7), Articles(50, 7)
	total := 0
	for name, f := range a {
		if !bytes.Equal(f.Data, b[name].Data) {
			t.Fatalf("%s differs between two runs with one seed", name)
		}
		total += len(f.Data)
	}
	if avg := total / 50; avg < 3500 || avg > 7000 {
		t.Errorf("articles average %d bytes, want about 5 KB", avg)
	}
	r := article.Check(a, article.Options{})
	if len(r.Problems) > 0 || r.Files != 51 {
		t.Fatalf("generated content has problems (%d files): %v", r.Files, r.Problems)
	}
}

// TestMultilingual_ValidContentWithEveryLinkLeadingToAnArticle loads a
// generated three-language folder as the site would, and follows every
// link of every article to an article of the same language and, for a
// link with #, to one of that article's headings.
func TestMultilingual_ValidContentWithEveryLinkLeadingToAnArticle(t *testing.T) {
	const n = 40
	fsys, err := Multilingual(n, 7, []string{"en", "es", "fr"})
	if err != nil {
		t.Fatal(err)
	}
	lib, err := article.Load(fsys, article.Options{})
	if err != nil {
		t.Fatalf("generated content does not load: %v", err)
	}
	if w := lib.Warnings(); len(w) > 0 {
		t.Errorf("generated content has warnings: %v", w)
	}
	link := regexp.MustCompile(`\]\((/[^)]*)\)`)
	main := lib.Settings().Language
	for _, lang := range []string{main, "es", "fr"} {
		prefix := "/" + lang
		if lang == main {
			prefix = ""
		}
		arts := lib.ArticlesIn(lang)
		if len(arts) != n {
			t.Fatalf("%s: %d articles, want %d", lang, len(arts), n)
		}
		for _, a := range arts {
			if len(lib.Translations(a)) != 2 {
				t.Errorf("%s: %d other languages, want the two others", a.Path, len(lib.Translations(a)))
			}
			links := link.FindAllStringSubmatch(string(fsys[a.Path].Data), -1)
			if len(links) != 2 {
				t.Errorf("%s: %d links, want 2", a.Path, len(links))
			}
			for _, m := range links {
				path, anchor, _ := strings.Cut(m[1], "#")
				slug, ok := strings.CutPrefix(path, prefix+"/articles/")
				slug, ok2 := strings.CutSuffix(slug, "/")
				to := lib.ArticleIn(lang, slug)
				if !ok || !ok2 || to == nil {
					t.Errorf("%s: the link to %s leads to no article of %s", a.Path, m[1], lang)
					continue
				}
				if anchor != "" && !slices.ContainsFunc(to.Headings, func(h markdown.Heading) bool { return h.ID == anchor }) {
					t.Errorf("%s: the link to %s leads to no heading of %s (%v)", a.Path, m[1], to.Path, to.Headings)
				}
			}
		}
	}
}

func TestMultilingual_RejectsLanguagesItCannotWrite(t *testing.T) {
	for _, langs := range [][]string{nil, {"es", "en"}, {"en", "de"}, {"en", "es", "es"}} {
		if _, err := Multilingual(3, 1, langs); err == nil {
			t.Errorf("Multilingual(%q) gave no error", langs)
		}
	}
}
