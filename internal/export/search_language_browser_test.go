package export

import (
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
	if _, err := Write(s, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	nginx := startNginx(t, dir)
	ts := httptest.NewServer(server.New(s.Complete(t.Context()), slog.New(slog.DiscardHandler), server.Options{}))
	defer ts.Close()

	type page struct {
		Title string `json:"title"`
		Main  string `json:"main"`
	}
	read := func(u string) page {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(u), chromedp.WaitReady(`body`)); err != nil {
			t.Fatalf("browser: %v", err)
		}
		// The script is done when the live region is no longer busy.
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => { const r = document.getElementById("search-results"); return !r || !r.hasAttribute("aria-busy"); })()`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
			t.Fatalf("browser: %v", err)
		}
		p, err := chromedp.Run(ctx, chromedp.Evaluate[page](`({title: document.title, main: [...document.querySelectorAll("main p")].map((p) => p.textContent.replace(/\s+/g, " ").trim()).join(" | ")})`))
		if err != nil {
			t.Fatalf("browser: %v", err)
		}
		return p
	}
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
