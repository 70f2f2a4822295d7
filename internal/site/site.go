// Package site renders a Library into a Site: every page a reader can
// request, prerendered once per content version, so that serving is a
// map lookup and a write.
package site

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"

	"healthsite/internal/article"
	"healthsite/static"
	"healthsite/templates"
)

// PerPage is the number of teasers on a page of the index.
const PerPage = 10

// RelatedCount is the most related articles shown under an article.
const RelatedCount = 3

// Options tune Build.
type Options struct {
	// BaseURL overrides the base_url of site.yaml when not empty; it
	// makes canonical URLs absolute.
	BaseURL string
	// Now is the moment of publication: articles dated later are
	// scheduled and left out. The zero value means time.Now().
	Now time.Time
	// Dev builds the editor's preview: drafts are included and marked,
	// and every page loads the script that reloads it on a change.
	Dev bool
	// Assets are the static files; nil means the embedded ones.
	Assets *static.Set
}

// Page is one prerendered response body.
type Page struct {
	Path        string    // URL path, e.g. /articles/neck-pain/
	ContentType string    // full Content-Type header value
	Body        []byte    // never modified after Build
	ETag        string    // strong entity tag, quoted
	Modified    time.Time // last change of what the page shows; zero if unknown
	Immutable   bool      // a fingerprinted asset that never changes under its URL
}

// Site is one content version, rendered. It is immutable and safe for
// concurrent use.
type Site struct {
	pages       map[string]*Page
	redirects   map[string]string
	notFound    *Page
	serverError *Page
	articles    int
	nextChange  time.Time
	baseURL     string
	frame       templates.Head // the head of an untitled page, for pages made later
}

// Page returns the page at path, or nil.
func (s *Site) Page(path string) *Page { return s.pages[path] }

// Redirect returns where path moved to, if it did.
func (s *Site) Redirect(path string) (string, bool) {
	to, ok := s.redirects[path]
	return to, ok
}

// NotFound is the 404 page.
func (s *Site) NotFound() *Page { return s.notFound }

// ServerError is the 500 page. It shows no internals.
func (s *Site) ServerError() *Page { return s.serverError }

// Paths returns the path of every page, sorted.
func (s *Site) Paths() []string { return slices.Sorted(maps.Keys(s.pages)) }

// Articles is the number of published articles.
func (s *Site) Articles() int { return s.articles }

// NextChange is when the next scheduled article is due, when the site
// must be built again to publish it; zero when none is scheduled.
func (s *Site) NextChange() time.Time { return s.nextChange }

// ProblemsPage renders the development overlay: the report of a
// content version that failed to load, shown instead of every page
// until the problems are fixed.
func (s *Site) ProblemsPage(problems []string) ([]byte, error) {
	var buf bytes.Buffer
	err := templates.Problems(templates.ProblemsPage{Head: s.frame, Problems: problems}).Render(context.Background(), &buf)
	return buf.Bytes(), err
}

// BaseURL is the absolute URL the site is published at.
func (s *Site) BaseURL() string { return s.baseURL }

// Build renders every page of lib.
func Build(lib *article.Library, opts Options) (*Site, error) {
	settings := lib.Settings()
	base := settings.BaseURL
	if opts.BaseURL != "" {
		u, err := article.ParseBaseURL(opts.BaseURL)
		if err != nil {
			return nil, err
		}
		base = u
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	assets := opts.Assets
	if assets == nil {
		assets = static.Embedded()
	}
	b := &builder{
		settings: settings,
		base:     base,
		assets:   assets,
		dev:      opts.Dev,
		site: &Site{
			pages:     map[string]*Page{},
			redirects: map[string]string{},
			baseURL:   base,
		},
	}
	published := lib.Published(now, opts.Dev)
	b.site.articles = len(published)
	for _, a := range lib.Articles() {
		if !a.Draft && a.Date.After(now) && (b.site.nextChange.IsZero() || a.Date.Before(b.site.nextChange)) {
			b.site.nextChange = a.Date
		}
	}

	b.index(published)
	for _, a := range published {
		b.article(a, published)
	}
	for _, a := range assets.All() {
		if a.Name == static.DevScript && !opts.Dev {
			continue
		}
		b.add(&Page{Path: a.URL, ContentType: a.ContentType, Body: a.Body, Immutable: true})
	}
	for _, img := range lib.Images() {
		b.add(&Page{Path: img.URL, ContentType: img.ContentType, Body: img.Body, Immutable: true})
	}
	b.site.frame = b.head("", "", "")
	b.site.notFound = b.render("", time.Time{}, templates.Error(templates.ErrorPage{
		Head:    b.head("Page not found", "", ""),
		Status:  404,
		Heading: "Page not found",
		Message: "There is no page at this address. It may have moved, or the link you followed may be mistyped.",
	}))
	b.site.serverError = b.render("", time.Time{}, templates.Error(templates.ErrorPage{
		Head:    b.head("Something went wrong", "", ""),
		Status:  500,
		Heading: "Something went wrong",
		Message: "Sorry, this page could not be shown just now. Please try again in a moment.",
	}))
	if b.err != nil {
		return nil, b.err
	}
	return b.site, nil
}

// builder carries the state of one Build.
type builder struct {
	settings article.Settings
	base     string
	assets   *static.Set
	dev      bool
	site     *Site
	err      error
}

// head is the <head> of a page at path ("" for error pages).
func (b *builder) head(title, description, path string) templates.Head {
	h := templates.Head{
		Lang:          b.settings.Language,
		SiteName:      b.settings.Name,
		Tagline:       b.settings.Tagline,
		Title:         title,
		Description:   description,
		StylesheetURL: b.assets.URL("style.css"),
		IconURL:       b.assets.URL("favicon.svg"),
	}
	if b.dev {
		h.ScriptURL = b.assets.URL(static.DevScript)
	}
	if path != "" {
		h.CanonicalURL = b.base + path
	}
	return h
}

// render renders c into a page at path (or a page with no path, such as
// the 404 page) and adds it to the site when it has a path.
func (b *builder) render(path string, modified time.Time, c templ.Component) *Page {
	var buf bytes.Buffer
	if err := c.Render(context.Background(), &buf); err != nil && b.err == nil {
		b.err = fmt.Errorf("rendering %s: %w", cmp.Or(path, "an error page"), err)
	}
	p := &Page{Path: path, ContentType: "text/html; charset=utf-8", Body: buf.Bytes(), Modified: modified}
	if path != "" {
		b.add(p)
	} else {
		p.ETag = etag(p.Body)
	}
	return p
}

func (b *builder) add(p *Page) {
	p.ETag = etag(p.Body)
	b.site.pages[p.Path] = p
}

// etag is a strong entity tag for body: a digest, so that replicas and
// the static export agree on it without sharing state.
func etag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

// index renders the list of articles, PerPage a page: / then /page/2/...
func (b *builder) index(published []*article.Article) {
	pages := max(1, (len(published)+PerPage-1)/PerPage)
	b.site.redirects["/page/1/"] = "/"
	for n := 1; n <= pages; n++ {
		chunk := published[min((n-1)*PerPage, len(published)):min(n*PerPage, len(published))]
		p := templates.IndexPage{
			Heading: "Latest articles",
			Page:    n,
			Pages:   pages,
		}
		title, desc := "", cmp.Or(b.settings.Description, b.settings.Tagline)
		if n > 1 {
			p.Heading = "Articles, page " + strconv.Itoa(n) + " of " + strconv.Itoa(pages)
			title = p.Heading
			p.PrevURL = pagePath(n - 1)
		}
		if n < pages {
			p.NextURL = pagePath(n + 1)
		}
		var modified time.Time
		for _, a := range chunk {
			p.Teasers = append(p.Teasers, teaser(a))
			if m := a.Modified(); m.After(modified) {
				modified = m
			}
		}
		p.Head = b.head(title, desc, pagePath(n))
		b.render(pagePath(n), modified, templates.Index(p))
	}
}

// pagePath is the path of page n of the index.
func pagePath(n int) string {
	if n <= 1 {
		return "/"
	}
	return "/page/" + strconv.Itoa(n) + "/"
}

// ArticlePath is the path of an article page.
func ArticlePath(slug string) string { return "/articles/" + slug + "/" }

func (b *builder) article(a *article.Article, published []*article.Article) {
	path := ArticlePath(a.Slug)
	p := templates.ArticlePage{
		Head:        b.head(a.Title, a.Description, path),
		Title:       a.Title,
		Authors:     joinNames(a.Authors),
		Date:        a.Date,
		ReadingTime: a.ReadingTime(),
		Body:        a.HTML,
		Tags:        a.Tags,
		Draft:       a.Draft,
	}
	if a.Updated.After(a.Date) {
		p.Updated = a.Updated
	}
	if img := a.LeadImage; img != nil {
		p.Image = &templates.Picture{URL: img.URL, Alt: a.ImageAlt, Width: img.Width, Height: img.Height}
	}
	for _, r := range related(a, published, RelatedCount) {
		p.Related = append(p.Related, teaser(r))
	}
	b.render(path, a.Modified(), templates.Article(p))
}

func teaser(a *article.Article) templates.Teaser {
	return templates.Teaser{
		Title:   a.Title,
		URL:     ArticlePath(a.Slug),
		Authors: joinNames(a.Authors),
		Date:    a.Date,
		Summary: a.Summary,
		Draft:   a.Draft,
	}
}

// related picks up to n other articles for a: those sharing the most
// tags first, then the newest. published is newest first.
func related(a *article.Article, published []*article.Article, n int) []*article.Article {
	tags := map[string]bool{}
	for _, t := range a.Tags {
		tags[strings.ToLower(t)] = true
	}
	type scored struct {
		a     *article.Article
		score int
		rank  int
	}
	var cands []scored
	for i, o := range published {
		if o == a || o.Slug == a.Slug {
			continue
		}
		s := 0
		for _, t := range o.Tags {
			if tags[strings.ToLower(t)] {
				s++
			}
		}
		cands = append(cands, scored{o, s, i})
	}
	slices.SortStableFunc(cands, func(x, y scored) int {
		return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.rank, y.rank))
	})
	var out []*article.Article
	for _, c := range cands[:min(n, len(cands))] {
		out = append(out, c.a)
	}
	return out
}

// joinNames writes names for reading: "A", "A and B", "A, B and C".
func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
