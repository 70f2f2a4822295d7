package site

import (
	"bytes"
	"cmp"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html"

	"healthsite/internal/article"
)

// FeedItems is how many of the newest articles the feeds carry.
const FeedItems = 20

// Paths of the feeds.
const (
	rssPath      = "/feed.xml"
	atomPath     = "/atom.xml"
	jsonFeedPath = "/feed.json"
)

// Feed is what the three feeds share. Its methods are pure: the same
// Feed gives the same bytes, so that a feed's entity tag changes only
// when what it says does.
type Feed struct {
	Settings article.Settings
	BaseURL  string             // absolute, no trailing slash, e.g. https://health.example.org
	Articles []*article.Article // published, newest first; the functions take the first FeedItems
	Prefix   string             // the start of the paths of the feed's language: "" for the main one, /es
	Updated  time.Time          // the newest Modified() of the articles (zero when none)
}

// items are the articles the feeds carry.
func (f Feed) items() []*article.Article {
	return f.Articles[:min(FeedItems, len(f.Articles))]
}

// updated is when the feed last changed: Updated, or else the newest
// Modified() of its items; zero when it has none.
func (f Feed) updated() time.Time {
	if !f.Updated.IsZero() {
		return f.Updated
	}
	var t time.Time
	for _, a := range f.items() {
		if m := a.Modified(); m.After(t) {
			t = m
		}
	}
	return t
}

// url is the absolute URL of path on the site.
func (f Feed) url(path string) string { return absoluteURL(f.BaseURL, f.Prefix+path) }

// content is the body of article a as a feed carries it: its links and
// images absolute, since a feed reader shows it away from the site and
// resolves /articles/… against the feed's address or its own.
func (f Feed) content(a *article.Article) string {
	return absoluteLinks(a.HTML, f.BaseURL, f.url(ArticlePath(a.Slug)))
}

// description is the feed's description: the site's, or its tagline,
// or its name, as RSS requires one.
func (f Feed) description() string {
	return cmp.Or(f.Settings.Description, f.Settings.Tagline, f.Settings.Name)
}

// absoluteURL joins base and path, percent-encoding what a URL may not
// hold as it is (such as the letters of a tag in another script).
func absoluteURL(base, path string) string {
	return strings.TrimSuffix(base, "/") + (&url.URL{Path: path}).EscapedPath()
}

// absoluteLinks rewrites the href and src attributes of body, an HTML
// fragment, to absolute URLs: a root-relative /path is joined to base
// (the site's URL, which may have a path of its own), a path relative
// to the page, a ?query or a #fragment is resolved against page (the
// page's absolute URL), and a scheme-relative //host/path takes base's
// scheme. Everything else, absolute URLs included, keeps its bytes.
func absoluteLinks(body, base, page string) string {
	baseURL, err := url.Parse(base)
	if err != nil {
		return body
	}
	pageURL, err := url.Parse(page)
	if err != nil {
		return body
	}
	resolve := func(ref string) string {
		u, err := url.Parse(strings.TrimSpace(ref))
		switch {
		case err != nil || u.Scheme != "" || ref == "":
			return ref
		case u.Host != "":
			return baseURL.Scheme + ":" + u.String()
		case strings.HasPrefix(u.Path, "/"):
			return strings.TrimSuffix(base, "/") + u.String()
		default:
			return pageURL.ResolveReference(u).String()
		}
	}
	var out bytes.Buffer
	out.Grow(len(body) + len(body)/8)
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				return body
			}
			return out.String()
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			out.Write(z.Raw())
			continue
		}
		raw := bytes.Clone(z.Raw()) // Token may change the bytes Raw returned
		tok := z.Token()
		changed := false
		for i, a := range tok.Attr {
			if a.Namespace != "" || (a.Key != "href" && a.Key != "src") {
				continue
			}
			if abs := resolve(a.Val); abs != a.Val {
				tok.Attr[i].Val = abs
				changed = true
			}
		}
		if changed {
			out.WriteString(tok.String())
		} else {
			out.Write(raw)
		}
	}
}

// rfc3339 formats t for Atom and JSON Feed.
func rfc3339(t time.Time) string { return t.Format(time.RFC3339) }

// XML namespaces of the feeds.
const (
	atomNS    = "http://www.w3.org/2005/Atom"
	contentNS = "http://purl.org/rss/1.0/modules/content/"
	dcNS      = "http://purl.org/dc/elements/1.1/"
)

// RSS 2.0 (https://www.rssboard.org/rss-specification), with the
// content, Dublin Core and Atom extensions declared on the root under
// their customary prefixes.

type rssDoc struct {
	XMLName   xml.Name   `xml:"rss"`
	Version   string     `xml:"version,attr"`
	XMLNSAtom string     `xml:"xmlns:atom,attr"`
	XMLNSCont string     `xml:"xmlns:content,attr"`
	XMLNSDC   string     `xml:"xmlns:dc,attr"`
	Channel   rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language,omitempty"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Self          atomLink  `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string        `xml:"title"`
	Link        string        `xml:"link"`
	GUID        rssGUID       `xml:"guid"`
	Description string        `xml:"description,omitempty"`
	Content     string        `xml:"content:encoded"`
	Creators    []string      `xml:"dc:creator"` // RSS's own <author> must be an email address
	PubDate     string        `xml:"pubDate"`
	Updated     string        `xml:"atom:updated"`
	Categories  []rssCategory `xml:"category"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

type rssCategory struct {
	Value string `xml:",chardata"`
}

// RSS renders the feed as RSS 2.0, served at /feed.xml as
// application/rss+xml. Each item's <description> is its summary and
// <content:encoded> its whole body; authors are dc:creator names.
// Feed readers take an RSS description as HTML, so the plain-text
// summaries are escaped as HTML first: a summary that mentions
// <script> shows those characters, and runs nothing.
func (f Feed) RSS() ([]byte, error) {
	doc := rssDoc{
		Version:   "2.0",
		XMLNSAtom: atomNS,
		XMLNSCont: contentNS,
		XMLNSDC:   dcNS,
		Channel: rssChannel{
			Title:       f.Settings.Name,
			Link:        f.url("/"),
			Description: html.EscapeString(f.description()),
			Language:    f.Settings.Language,
			Self:        atomLink{Href: f.url(rssPath), Rel: "self", Type: "application/rss+xml"},
		},
	}
	if u := f.updated(); !u.IsZero() {
		doc.Channel.LastBuildDate = u.Format(time.RFC1123Z)
	}
	for _, a := range f.items() {
		link := f.url(ArticlePath(a.Slug))
		item := rssItem{
			Title:       a.Title,
			Link:        link,
			GUID:        rssGUID{IsPermaLink: true, Value: link},
			Description: html.EscapeString(a.Summary),
			Content:     f.content(a),
			Creators:    a.Authors,
			PubDate:     a.Date.Format(time.RFC1123Z),
			Updated:     rfc3339(a.Modified()),
		}
		for _, tag := range a.Tags {
			item.Categories = append(item.Categories, rssCategory{Value: tag})
		}
		doc.Channel.Items = append(doc.Channel.Items, item)
	}
	return marshalXML(doc)
}

// Atom 1.0 (RFC 4287).

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomPerson  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type  string `xml:"type,attr,omitempty"`
	Value string `xml:",chardata"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Links      []atomLink     `xml:"link"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Authors    []atomPerson   `xml:"author"`
	Summary    *atomText      `xml:"summary"`
	Content    atomText       `xml:"content"`
	Categories []atomCategory `xml:"category"`
}

// Atom renders the feed as Atom 1.0, served at /atom.xml as
// application/atom+xml. Each entry's id is its absolute URL, its
// summary plain text and its content the whole body as HTML.
func (f Feed) Atom() ([]byte, error) {
	updated := f.updated()
	if updated.IsZero() {
		// Atom requires <updated>; a feed with no entries never changed.
		updated = time.Unix(0, 0).UTC()
	}
	feed := atomFeed{
		Lang:     f.Settings.Language,
		ID:       f.url("/"),
		Title:    f.Settings.Name,
		Subtitle: cmp.Or(f.Settings.Tagline, f.Settings.Description),
		Updated:  rfc3339(updated),
		Links: []atomLink{
			{Href: f.url("/"), Rel: "alternate", Type: "text/html"},
			{Href: f.url(atomPath), Rel: "self", Type: "application/atom+xml"},
		},
		// Every entry names its authors; the feed's author is required
		// only for a feed without entries, and is the site itself.
		Author: atomPerson{Name: f.Settings.Name},
	}
	for _, a := range f.items() {
		link := f.url(ArticlePath(a.Slug))
		e := atomEntry{
			ID:        link,
			Title:     atomText{Type: "text", Value: a.Title},
			Links:     []atomLink{{Href: link, Rel: "alternate", Type: "text/html"}},
			Published: rfc3339(a.Date),
			Updated:   rfc3339(a.Modified()),
			Content:   atomText{Type: "html", Value: f.content(a)},
		}
		if a.Summary != "" {
			e.Summary = &atomText{Type: "text", Value: a.Summary}
		}
		for _, name := range a.Authors {
			e.Authors = append(e.Authors, atomPerson{Name: name})
		}
		for _, tag := range a.Tags {
			e.Categories = append(e.Categories, atomCategory{Term: tag})
		}
		feed.Entries = append(feed.Entries, e)
	}
	return marshalXML(feed)
}

// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).

type jsonFeed struct {
	Version     string     `json:"version"`
	Title       string     `json:"title"`
	HomePageURL string     `json:"home_page_url"`
	FeedURL     string     `json:"feed_url"`
	Description string     `json:"description,omitempty"`
	Language    string     `json:"language,omitempty"`
	Items       []jsonItem `json:"items"`
}

type jsonItem struct {
	ID            string       `json:"id"`
	URL           string       `json:"url"`
	Title         string       `json:"title"`
	ContentHTML   string       `json:"content_html"`
	Summary       string       `json:"summary,omitempty"`
	DatePublished string       `json:"date_published"`
	DateModified  string       `json:"date_modified"`
	Authors       []jsonAuthor `json:"authors"`
	Tags          []string     `json:"tags,omitempty"`
}

type jsonAuthor struct {
	Name string `json:"name"`
}

// JSON renders the feed as JSON Feed 1.1, served at /feed.json as
// application/feed+json. Each item's id is its absolute URL.
func (f Feed) JSON() ([]byte, error) {
	feed := jsonFeed{
		Version:     "https://jsonfeed.org/version/1.1",
		Title:       f.Settings.Name,
		HomePageURL: f.url("/"),
		FeedURL:     f.url(jsonFeedPath),
		Description: f.description(),
		Language:    f.Settings.Language,
		Items:       []jsonItem{}, // [] rather than null when there are none
	}
	for _, a := range f.items() {
		link := f.url(ArticlePath(a.Slug))
		item := jsonItem{
			ID:            link,
			URL:           link,
			Title:         a.Title,
			ContentHTML:   f.content(a),
			Summary:       a.Summary,
			DatePublished: rfc3339(a.Date),
			DateModified:  rfc3339(a.Modified()),
			Authors:       []jsonAuthor{},
			Tags:          a.Tags,
		}
		for _, name := range a.Authors {
			item.Authors = append(item.Authors, jsonAuthor{Name: name})
		}
		feed.Items = append(feed.Items, item)
	}
	body, err := json.MarshalIndent(feed, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(body, '\n'), nil
}

// marshalXML renders v as an XML document with its declaration.
func marshalXML(v any) ([]byte, error) {
	body, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(xml.Header)+len(body)+1)
	out = append(out, xml.Header...)
	out = append(out, body...)
	return append(out, '\n'), nil
}
