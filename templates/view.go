// Package templates holds the site's HTML as templ components. They are
// pure views: each page takes a view struct shaped for it and does no
// I/O. Exported components are pages; unexported ones are their parts.
package templates

import (
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"healthsite/internal/i18n"
)

// Head is what every page's <head> and frame need.
type Head struct {
	Lang string // BCP 47 language of the page
	// T is the interface texts of the page's language: every word of
	// the page that is not the editors' content, its dates and its
	// direction.
	T             *i18n.Language
	SiteName      string
	Tagline       string
	Title         string // the page's own title; "" on the home page
	Description   string // meta description
	CanonicalURL  string // absolute URL of the page, "" for error pages
	StylesheetURL string
	IconURL       string
	ScriptURL     string // the development reload script; "" in production
	Query         string // the search box's text, on search pages
	Feeds         []Feed // for autodiscovery by feed readers

	// Open Graph and Twitter cards, for link previews.
	Type          string    // og:type: website or article
	ImageURL      string    // absolute URL of the page's image, or ""
	ImageAlt      string    // its alternative text
	Published     time.Time // articles only
	Modified      time.Time // articles only
	Tags          []string  // articles only
	LinkedData    any       // JSON-LD, marshalled with HTML escaping; nil for none
	NoIndex       bool      // keep search engines away (search results, errors)
	PrevURL       string    // the previous page of a paginated list, or ""
	NextURL       string    // the next page of a paginated list, or ""
	SearchAction  string    // the search page's path
	TopicsURL     string    // the topics A–Z, linked from the header
	HomeURL       string    // the index, linked from the site's name
	AuthorsURL    string    // every author, linked from the footer
	FeedURL       string    // the RSS feed, linked from the footer
	SearchEnabled bool      // show the search form
	// Sample marks a demonstration site: every page says that its
	// articles and people are made up (site.yaml's sample: true).
	Sample bool
	// FooterLinks are the site's standalone pages, in footer order.
	FooterLinks []Link
	// Notice, in the development preview, names the files with problems.
	Notice *ProblemsNotice
	// Translations are the language switcher of a multilingual site,
	// one entry per language; none on a site of one language.
	Translations []Translation
	// Alternates are the versions of the page in other languages, for
	// <link rel="alternate" hreflang>: only versions that exist, the
	// page's own and x-default included; none when it has no other.
	Alternates []Alternate
}

// Translation is one language of the language switcher.
type Translation struct {
	Lang    string // its BCP 47 tag, for hreflang and lang
	Name    string // the language's own name: English, Español, العربية
	URL     string // this page in that language, or that language's home page
	Missing bool   // the page is not in that language: URL is the home page
	Current bool   // the page's own language
}

// Alternate is a version of the page for rel="alternate" hreflang.
type Alternate struct {
	Lang string // BCP 47 tag, or x-default
	URL  string // absolute
}

// OGLocales are the og:locale:alternate values of h: the locales of
// its versions in other languages.
func (h Head) OGLocales() []string {
	var out []string
	for _, a := range h.Alternates {
		if a.Lang != "x-default" && a.Lang != h.Lang {
			out = append(out, ogLocale(a.Lang))
		}
	}
	return out
}

// Feed is a feed of the site, for <link rel="alternate">.
type Feed struct {
	Title string
	Type  string // MIME type
	URL   string // absolute
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

// Link is a named link, such as an author's page or a tag's.
type Link struct {
	Name string
	URL  string
}

// Teaser is an article's card in a list: on the index and under an
// article as related reading.
type Teaser struct {
	Title     string
	URL       string // path of the article page
	Authors   []Link // each author with their page
	Date      time.Time
	Summary   string
	Tags      []Link
	Draft     bool      // shown only in development
	Scheduled bool      // shown only in development: dated later
	Snippet   []Segment // search results: the matching text instead of the summary
	// Reviewed is the date of the last clinical review, shown so that
	// readers choosing what to read see which pages a clinician
	// checked; zero when never reviewed.
	Reviewed time.Time
}

// Segment is part of a search result's snippet; Mark is a matched word.
type Segment struct {
	Text string
	Mark bool
}

// ListPage is one page of a list of articles, newest first: the index,
// a tag's or an author's articles, or search results.
type ListPage struct {
	Head    Head
	Heading string
	Intro   string // a line under the heading, or ""
	Teasers []Teaser
	Empty   string // what to say when there are no teasers
	Page    int    // 1-based
	Pages   int    // at least 1
	PrevURL string // "" on the first page
	NextURL string // "" on the last page
}

// IndexPage is a list of names with counts: every tag, or every author.
type IndexPage struct {
	Head    Head
	Heading string
	Entries []Entry
}

// Entry is one name in an IndexPage.
type Entry struct {
	Link
	Count int
	// Reviewed is how many articles a reviewer who wrote none reviewed,
	// on the list of authors; 0 otherwise.
	Reviewed int
}

// TopicsPage is the topics A–Z: every topic under its first letter,
// with a list of the letters to jump to.
type TopicsPage struct {
	Head    Head
	Heading string
	Letters []Letter // in order; a letter without entries is listed unlinked
}

// Letter is one letter of the topics A–Z and its topics.
type Letter struct {
	Name    string // "A", or "0–9" for topics that start with a digit
	ID      string // the id of its heading
	Entries []Entry
}

// SearchPage is the search form and one page of results.
type SearchPage struct {
	ListPage
	Query         string // as searched, for the form and the heading
	Total         int
	Suggestion    string // a query with the words articles use, for "did you mean"; "" for none
	SuggestionURL string // its results page
	// Rewritten says the results shown are for Suggestion, some word
	// typed being in no article: "Showing results for", not "did you mean".
	Rewritten bool
	Including string // the synonyms searched too, with the words typed: "deep vein thrombosis (DVT)"; "" for none
	TopicsURL string // the A–Z of topics, offered when nothing is found
}

// StaticSearchPage is the search page of an exported site, where the
// search runs in the browser.
type StaticSearchPage struct {
	Head      Head
	Texts     string // the script's interface texts, as JSON (see site.searchTexts)
	IndexURL  string // the static index
	TopicsURL string // the A–Z of topics, for readers without the script
	SearchURL string // the search page's own path, for result links
}

// MovedPage is the page at an article's old address in an export.
type MovedPage struct {
	Lang      string // the article's language tag
	Title     string // the article's title
	To        string // the article's path
	Canonical string // the article's full address
}

// ArticlePage is a whole article.
type ArticlePage struct {
	Head        Head
	Title       string
	Authors     []Link
	Date        time.Time
	Updated     time.Time // zero unless the text changed after Date
	ReadingTime int       // minutes, at article.WordsPerMinute
	Standfirst  string    // the summary, leading the text; "" when the text opens with it
	Image       *Picture  // the lead image, or nil
	Contents    []Link    // the sections, when there are enough for a table of contents
	Body        string    // safe HTML rendered from Markdown
	Tags        []Link
	Related     []Teaser
	Draft       bool // shown only in development
	// Scheduled, in the development preview, is when the article goes
	// live; zero when it is live.
	Scheduled time.Time
	// Plain, in the development preview, is the article's reading grade
	// against the site's target and how many places of the text are
	// marked with a warning; "" on pages readers get.
	Plain string
	// PlainNotes, in the development preview, are those places, each
	// with its warning, so that an editor on a phone or a keyboard,
	// who cannot point at a mark, reads them too.
	PlainNotes []PlainNote

	// Clinical review and what the article rests on.
	ReviewedBy  string    // reviewer with credentials; "" when never reviewed
	ReviewerURL string    // the reviewer's page, when a profile says who they are; ""
	Reviewed    time.Time // last clinical review
	NextReview  time.Time // next review due
	Overdue     bool      // the next review is past: warn the reader
	Sources     []Source
	Disclaimer  string // the site's closing note: it informs, it does not diagnose
}

// Source is a reference, with links to its DOI and PubMed record.
type Source struct {
	Title     string
	URL       string
	Publisher string
	Year      int
	DOI       string
	DOIURL    string
	PMID      string
	PMIDURL   string
}

// Picture is an image of the site with its size.
type Picture struct {
	URL           string
	Alt           string
	Width, Height int // 0 when unknown
}

// ErrorPage is the page of a failed request, such as 404.
type ErrorPage struct {
	Head        Head
	Heading     string
	Message     string
	Suggestions []Link // articles the address nearly names, nearest first
	Search      bool   // offer a search box in the page
}

// ISODate is a date for machines, in datetime attributes: 2023-10-08.
func ISODate(t time.Time) string { return t.Format("2006-01-02") }

// sourceNote is what follows a source's linked title: ". Publisher
// (2021)." with each part only when known, and no second full stop
// after a title or publisher that ends in one. The template writes it
// on the title's line, as templ puts a space wherever a line ends after
// an element or an expression.
func sourceNote(s Source) string {
	var b strings.Builder
	last := s.Title
	if s.Publisher != "" {
		b.WriteString(fullStop(last) + " " + s.Publisher)
		last = s.Publisher
	}
	if s.Year > 0 {
		b.WriteString(" (" + strconv.Itoa(s.Year) + ")")
		last = ")"
	}
	b.WriteString(fullStop(last))
	return b.String()
}

// fullStop is the full stop to write after text: none when it already
// ends a sentence.
func fullStop(text string) string {
	if strings.HasSuffix(text, ".") || strings.HasSuffix(text, "?") || strings.HasSuffix(text, "!") {
		return ""
	}
	return "."
}

// separator is what goes before name i of n in a list read aloud:
// "A", "A and B", "A, B and C" ("A, B y C", "A، B وC").
func separator(tr *i18n.Language, i, n int) string {
	switch {
	case i == 0:
		return ""
	case i == n-1:
		return tr.Text("list_and")
	}
	return tr.Text("list_comma")
}

// byline is the text of an article's byline before its authors'
// names: "By ".
func byline(tr *i18n.Language) string {
	pieces := tr.Pieces("byline", "Names")
	if len(pieces) == 0 || pieces[0].Slot != "" {
		return ""
	}
	return pieces[0].Text
}

// bylineAfter is the text of an article's byline after its authors'
// names, in a language that puts them first; "" in most.
func bylineAfter(tr *i18n.Language) string {
	pieces := tr.Pieces("byline", "Names")
	if len(pieces) < 2 || pieces[len(pieces)-1].Slot != "" {
		return ""
	}
	return pieces[len(pieces)-1].Text
}

// cardTitle is the title of a link preview: the page's, or the site's.
func cardTitle(h Head) string {
	if h.Title == "" {
		return h.SiteName
	}
	return h.Title
}

// ogLocale is Open Graph's locale of a language tag: language and
// territory, en_GB for en-GB. Open Graph wants both, so a tag without a
// territory takes its most likely one from CLDR's likely subtags (es is
// es_ES, en en_US, ar ar_EG, zh zh_CN, pt pt_BR), not a table of our
// own. A tag that does not parse is given with its hyphens turned.
func ogLocale(lang string) string {
	t, err := language.Parse(lang)
	if err != nil {
		return strings.ReplaceAll(lang, "-", "_")
	}
	base, _ := t.Base()
	region, conf := t.Region()
	if conf == language.No || region.String() == "ZZ" {
		return base.String()
	}
	return base.String() + "_" + region.String()
}

// PlainNote is a place of an article's text that a plain-language check
// warns of, in the development preview.
type PlainNote struct {
	Where   string // "Line 12, column 3"
	URL     string // "#preview_mark_3", the place's mark; "" when it is not marked
	Message string
}
