package site

import (
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"healthsite/internal/paths"
	"healthsite/templates"
)

// sitemapPath is the path of the sitemap, named in robots.txt.
const sitemapPath = paths.Sitemap

// sitemapMaxURLs is the most URLs one sitemap may list
// (https://www.sitemaps.org/protocol.html); a bigger site would need a
// sitemap index.
const sitemapMaxURLs = 50000

// SitemapURL is one page in the sitemap.
type SitemapURL struct {
	Path    string    // the page's path, like /articles/x/
	LastMod time.Time // when what the page shows last changed; zero if unknown
	// Alternates are the page's versions in every language, itself
	// included, with x-default; none for a page in one language.
	Alternates []templates.Alternate
}

type sitemapDoc struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	XHTML   string       `xml:"xmlns:xhtml,attr,omitempty"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string        `xml:"loc"`
	LastMod string        `xml:"lastmod,omitempty"`
	Links   []sitemapLink `xml:"xhtml:link"`
}

// sitemapLink is a page's version in another language, as Google reads
// them from a sitemap: <xhtml:link rel="alternate" hreflang href>.
type sitemapLink struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// xhtmlNamespace is the namespace of sitemapLink's element.
const xhtmlNamespace = "http://www.w3.org/1999/xhtml"

// Sitemap renders urls, in the order given, as a sitemaps.org 0.9
// urlset: each <loc> is baseURL joined with the path, and <lastmod> is
// RFC 3339, left out when LastMod is zero. A path that does not begin
// with a slash, or more than 50,000 of them (a sitemap index would be
// needed), is an error.
func Sitemap(baseURL string, urls []SitemapURL) ([]byte, error) {
	if len(urls) > sitemapMaxURLs {
		return nil, fmt.Errorf("the sitemap would list %d pages, more than the %d one sitemap may hold", len(urls), sitemapMaxURLs)
	}
	doc := sitemapDoc{URLs: make([]sitemapURL, 0, len(urls))}
	for _, u := range urls {
		if !strings.HasPrefix(u.Path, "/") {
			return nil, fmt.Errorf("sitemap path %q does not begin with a slash", u.Path)
		}
		s := sitemapURL{Loc: absoluteURL(baseURL, u.Path)}
		if !u.LastMod.IsZero() {
			s.LastMod = rfc3339(u.LastMod)
		}
		for _, a := range u.Alternates {
			s.Links = append(s.Links, sitemapLink{Rel: "alternate", HrefLang: a.Lang, Href: a.URL})
			doc.XHTML = xhtmlNamespace
		}
		doc.URLs = append(doc.URLs, s)
	}
	return marshalXML(doc)
}

// Robots renders robots.txt: every crawler may fetch every page, and
// the sitemap is at baseURL/sitemap.xml.
func Robots(baseURL string) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + absoluteURL(baseURL, sitemapPath) + "\n")
}
