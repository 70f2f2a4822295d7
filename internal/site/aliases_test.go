package site

import (
	"testing"
	"testing/fstest"

	"healthsite/internal/article"
)

// TestBuild_AliasesLeadToTheArticle: an article's old addresses
// (aliases:) lead to it, with or without their closing slash, and an
// alias that is a page of the site, or a draft's, leads nowhere new;
// a translation's lead to it, under its language's prefix.
func TestBuild_AliasesLeadToTheArticle(t *testing.T) {
	fsys := fstest.MapFS{
		"neck-pain.md":   {Data: []byte("---\ntitle: Neck\nauthor: Ann\ndate: 2024-01-10\nsummary: S.\naliases: [/posts/neck-pain/, /2019/01/neck.html, /old/neck, /about/, /articles/knee/]\n---\n\nText.\n")},
		"knee.md":        {Data: []byte("---\ntitle: Knee\nauthor: Ann\ndate: 2024-01-10\nsummary: S.\n---\n\nText.\n")},
		"draft.md":       {Data: []byte("---\ntitle: Draft\nauthor: Ann\ndate: 2024-01-10\nsummary: S.\ndraft: true\naliases: [/posts/draft/]\n---\n\nText.\n")},
		"pages/about.md": {Data: []byte("---\ntitle: About\n---\n\nUs.\n")},
		"site.yaml":      {Data: []byte("name: Clinic\nlanguage: en\nlanguages:\n  es: {name: Clínica}\n")},
		"es/cuello.md":   {Data: []byte("---\ntitle: Cuello\nauthor: Ana\ndate: 2024-01-10\nsummary: R.\ntranslation_of: neck-pain\naliases: [/es/posts/cuello/, /2019/01/cuello.html]\n---\n\nTexto.\n")},
	}
	lib, err := article.Load(fsys, article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Build(lib, Options{Now: later, BaseURL: "https://health.example.org"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		from, to string // "" for no redirect
	}{
		{"/posts/neck-pain/", "/articles/neck-pain/"},
		{"/posts/neck-pain", "/articles/neck-pain/"},
		{"/2019/01/neck.html", "/articles/neck-pain/"},
		{"/old/neck", "/articles/neck-pain/"},
		{"/old/neck/", "/articles/neck-pain/"},
		{"/posts/draft/", ""},
		// A translation's old addresses lead to it, not to the main
		// language's path of its slug.
		{"/es/posts/cuello/", "/es/articles/cuello/"},
		{"/2019/01/cuello.html", "/es/articles/cuello/"},
	} {
		got, ok := s.Canonical(tc.from)
		if tc.to == "" {
			if ok {
				t.Errorf("%s leads to %s, want nowhere", tc.from, got)
			}
			continue
		}
		if !ok || got != tc.to {
			t.Errorf("%s leads to %q, %v; want %s", tc.from, got, ok, tc.to)
		}
	}
	for _, page := range []string{"/about/", "/articles/knee/"} {
		if s.Page(page) == nil {
			t.Errorf("the alias %s hid the page", page)
		}
		if _, ok := s.Redirect(page); ok {
			t.Errorf("the page %s redirects", page)
		}
	}
}
