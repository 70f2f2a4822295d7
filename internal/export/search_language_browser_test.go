package export

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"healthsite/internal/article"
	"healthsite/internal/sample"
	"healthsite/internal/server"
	"healthsite/internal/site"
)

// TestBrowser_ExportSearchSpeaksTheSiteLanguage exports a Spanish site
// and searches it in Chromium: the lines the script writes (how many
// articles were found, in the language's plural forms, "did you mean",
// nothing found, the page title) are the Spanish ones serve's /search
// writes, word for word.
func TestBrowser_ExportSearchSpeaksTheSiteLanguage(t *testing.T) {
	nginxPath(t)
	ctx := browser(t)
	lib, err := article.Load(os.DirFS("../site/testdata/es"), article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := site.Build(lib, site.Options{Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), StaticSearch: true})
	if err != nil {
		t.Fatal(err)
	}
	s = whole(t, s)
	dir := filepath.Join(t.TempDir(), "public")
	if _, err := Write(t.Context(), s, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	nginx := startNginx(t, dir)
	ts := httptest.NewServer(server.New(s.Complete(t.Context()), slog.New(slog.DiscardHandler), server.Options{}))
	defer ts.Close()

	read := searchReader(t, ctx)
	tests := []struct{ q, want string }{
		{"rodilla", "1 artículo encontrado para «rodilla»."},
		{"dolor", "2 artículos encontrados para «dolor»."},
		{"rodila", "rodilla"},
		{"xyzzyplugh", "Ningún artículo coincide."},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			path := "/search?q=" + url.QueryEscape(tt.q)
			want, got := read(ts.URL+path), read(nginx+path)
			if got != want {
				t.Errorf("the export shows\n  %+v\nserve shows\n  %+v", got, want)
			}
			if !strings.Contains(got.Main, tt.want) || !strings.HasPrefix(got.Title, "Buscar: "+tt.q) {
				t.Errorf("the export shows %+v, want %q in it and a title starting %q", got, tt.want, "Buscar: "+tt.q)
			}
		})
	}
}

// searchPage is what a reader sees of a search page: its title and
// the text of its paragraphs (the counts, "did you mean", the cards).
type searchPage struct {
	Title string `json:"title"`
	Main  string `json:"main"`
}

// searchReader returns a function that opens a search page in the
// browser ctx, waits for its script to finish, and reads it.
func searchReader(t *testing.T, ctx context.Context) func(u string) searchPage {
	return func(u string) searchPage {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(u), chromedp.WaitReady(`body`)); err != nil {
			t.Fatalf("browser: %v", err)
		}
		// The script is done when the live region is no longer busy.
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => { const r = document.getElementById("search-results"); return !r || !r.hasAttribute("aria-busy"); })()`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
			t.Fatalf("browser: %v", err)
		}
		p, err := chromedp.Run(ctx, chromedp.Evaluate[searchPage](`({title: document.title, main: [...document.querySelectorAll("main p, main h2")].map((p) => p.textContent.replace(/\s+/g, " ").trim()).join(" | ")})`))
		if err != nil {
			t.Fatalf("browser: %v", err)
		}
		return p
	}
}

// TestBrowser_ExportSearchInEachLanguage exports a site in English,
// Spanish and Arabic and searches each language's /search in Chromium
// under nginx: the export finds what serve finds, in the same order,
// with the same words ("médico" and "médicos" find the article that
// says "médicos", as the Spanish stemmer does; a typo is corrected from
// the language's own words), and no language's search finds another's
// articles.
func TestBrowser_ExportSearchInEachLanguage(t *testing.T) {
	nginxPath(t)
	ctx := browser(t)
	lib, err := article.Load(sample.Languages(), article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := site.Build(lib, site.Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), StaticSearch: true})
	if err != nil {
		t.Fatal(err)
	}
	s = whole(t, s)
	dir := filepath.Join(t.TempDir(), "public")
	if _, err := Write(t.Context(), s, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	nginx := startNginx(t, dir)
	ts := httptest.NewServer(server.New(s.Complete(t.Context()), slog.New(slog.DiscardHandler), server.Options{}))
	defer ts.Close()
	read := searchReader(t, ctx)
	for _, tt := range []struct{ path, want, not string }{
		{"/es/search?q=" + url.QueryEscape("médico"), "Dolor de rodilla", "Knee pain"},
		{"/es/search?q=" + url.QueryEscape("médicos"), "Dolor de rodilla", "Knee pain"},
		{"/es/search?q=" + url.QueryEscape("Rodillas"), "Dolor de rodilla", "Knee pain"},
		{"/es/search?q=" + url.QueryEscape("espada"), "espalda", "Knee pain"},
		{"/es/search?q=knee", "Ningún artículo coincide.", "Knee pain"},
		{"/ar/search?q=" + url.QueryEscape("الركبة"), "ألم الركبة", "Knee pain"},
		{"/search?q=" + url.QueryEscape("rodilla"), "No articles match.", "Dolor de rodilla"},
		{"/search?q=knee", "Knee pain", "Dolor de rodilla"},
	} {
		t.Run(tt.path, func(t *testing.T) {
			want, got := read(ts.URL+tt.path), read(nginx+tt.path)
			if got != want {
				t.Errorf("the export shows\n  %+v\nserve shows\n  %+v", got, want)
			}
			if !strings.Contains(got.Main, tt.want) || strings.Contains(got.Main, tt.not) {
				t.Errorf("the export shows %+v, want %q in it and not %q", got, tt.want, tt.not)
			}
		})
	}
}
