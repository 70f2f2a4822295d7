package site

import (
	"encoding/xml"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestSitemap_AbsoluteLocsAndDates(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	urls := []SitemapURL{
		{Path: "/", LastMod: time.Date(2024, 6, 1, 10, 0, 0, 0, london)},
		{Path: ArticlePath("neck-pain"), LastMod: time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC)},
		{Path: TagPath("Café & tea"), LastMod: time.Date(2024, 5, 3, 0, 0, 0, 0, time.UTC)},
		{Path: "/authors/"},
	}
	body, err := Sitemap(feedBase, urls)
	if err != nil {
		t.Fatal(err)
	}
	checkWellFormed(t, body)
	var doc struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("%v\n%s", err, body)
	}
	if len(doc.URLs) != len(urls) {
		t.Fatalf("%d URLs, want %d", len(doc.URLs), len(urls))
	}
	for i, u := range doc.URLs {
		loc, err := url.Parse(u.Loc)
		if err != nil || !loc.IsAbs() || loc.Host != "health.example.org" {
			t.Errorf("loc %q is not an absolute URL of the site", u.Loc)
			continue
		}
		if loc.Path != urls[i].Path {
			t.Errorf("loc %q has path %q, want %q", u.Loc, loc.Path, urls[i].Path)
		}
		if strings.ContainsFunc(u.Loc, func(r rune) bool { return r > 0x7e || r <= ' ' }) {
			t.Errorf("loc %q is not percent-encoded", u.Loc)
		}
		if urls[i].LastMod.IsZero() {
			if u.LastMod != "" {
				t.Errorf("%s: lastmod %q for an unknown time", u.Loc, u.LastMod)
			}
			continue
		}
		got, err := time.Parse(time.RFC3339, u.LastMod)
		if err != nil || !got.Equal(urls[i].LastMod) {
			t.Errorf("%s: lastmod %q, want %v (%v)", u.Loc, u.LastMod, urls[i].LastMod, err)
		}
	}
	if want := "<loc>https://health.example.org/tags/caf%C3%A9-tea/</loc>"; !strings.Contains(string(body), want) {
		t.Errorf("sitemap lacks %s\n%s", want, body)
	}
}

func TestSitemap_Errors(t *testing.T) {
	tests := []struct {
		name string
		urls []SitemapURL
		want string
	}{
		{"relative path", []SitemapURL{{Path: "articles/x/"}}, "does not begin with a slash"},
		{"too many", make([]SitemapURL, sitemapMaxURLs+1), "more than the 50000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Sitemap(feedBase, tt.urls)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}

func TestSitemap_Empty(t *testing.T) {
	body, err := Sitemap(feedBase, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkWellFormed(t, body)
	if !strings.Contains(string(body), `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>`) {
		t.Errorf("empty sitemap:\n%s", body)
	}
}

func TestRobots_NamesSitemap(t *testing.T) {
	got := string(Robots(feedBase))
	for _, want := range []string{"User-agent: *\n", "Allow: /\n", "\nSitemap: https://health.example.org/sitemap.xml\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("robots.txt lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Disallow") {
		t.Errorf("robots.txt disallows something:\n%s", got)
	}
}
