// Package templates holds the site's HTML as templ components. They are
// pure views: each page takes a view struct shaped for it and does no
// I/O. Exported components are pages; unexported ones are their parts.
package templates

import (
	"strconv"
	"time"
)

// Head is what every page's <head> and frame need.
type Head struct {
	Lang          string // BCP 47 language of the page
	SiteName      string
	Tagline       string
	Title         string // the page's own title; "" on the home page
	Description   string // meta description
	CanonicalURL  string // absolute URL of the page, "" for error pages
	StylesheetURL string
	IconURL       string
	ScriptURL     string // the development reload script; "" in production
}

// DocumentTitle is the text of <title>: the page title, then the site.
func (h Head) DocumentTitle() string {
	if h.Title == "" {
		if h.Tagline == "" {
			return h.SiteName
		}
		return h.SiteName + " – " + h.Tagline
	}
	return h.Title + " – " + h.SiteName
}

// Teaser is an article's card in a list: on the index and under an
// article as related reading.
type Teaser struct {
	Title   string
	URL     string // path of the article page
	Authors string // names joined for reading, e.g. "Ann Lee and Bo Chan"
	Date    time.Time
	Summary string
	Draft   bool // shown only in development
}

// IndexPage is one page of the list of articles, newest first.
type IndexPage struct {
	Head    Head
	Heading string
	Teasers []Teaser
	Page    int    // 1-based
	Pages   int    // at least 1
	PrevURL string // "" on the first page
	NextURL string // "" on the last page
}

// ArticlePage is a whole article.
type ArticlePage struct {
	Head        Head
	Title       string
	Authors     string
	Date        time.Time
	Updated     time.Time // zero unless the text changed after Date
	ReadingTime int       // minutes
	Image       *Picture  // the lead image, or nil
	Body        string    // safe HTML rendered from Markdown
	Tags        []string
	Related     []Teaser
	Draft       bool // shown only in development
}

// ProblemsPage is the development overlay: why the latest change to the
// content could not be published.
type ProblemsPage struct {
	Head     Head
	Problems []string // one path:line:col: message per problem
}

// Picture is an image of the site with its size.
type Picture struct {
	URL           string
	Alt           string
	Width, Height int // 0 when unknown
}

// ErrorPage is the page of a failed request, such as 404.
type ErrorPage struct {
	Head    Head
	Status  int
	Heading string
	Message string
}

// LongDate writes a date the way readers say it: 8 October 2023.
func LongDate(t time.Time) string { return t.Format("2 January 2006") }

// ISODate is a date for machines, in datetime attributes: 2023-10-08.
func ISODate(t time.Time) string { return t.Format("2006-01-02") }

func minutes(n int) string {
	if n == 1 {
		return "1 minute read"
	}
	return strconv.Itoa(n) + " minute read"
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
