// Package site renders a Library into a Site: every page a reader can
// request, prerendered once per content version, so that serving is a
// map lookup and a write. Only search results are rendered per request.
package site

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/a-h/templ"

	"healthsite/internal/article"
	"healthsite/internal/pool"
	"healthsite/internal/search"
	"healthsite/static"
	"healthsite/templates"
)

// PerPage is the number of teasers on a page of a list.
const PerPage = 10

// RelatedCount is the most related articles shown under an article.
const RelatedCount = 3

// ContentsMin is the fewest sections an article needs for a table of
// contents: with fewer, the reader sees them all at a glance.
const ContentsMin = 3

// Options tune Build.
type Options struct {
	// BaseURL overrides the base_url of site.yaml when not empty; it
	// makes canonical URLs, feeds and the sitemap absolute.
	BaseURL string
	// Now is the moment of publication: articles dated later are
	// scheduled and left out. The zero value means time.Now().
	Now time.Time
	// Dev builds the editor's preview: drafts and scheduled articles
	// are included and marked, and every page loads the script that
	// reloads it on a change.
	Dev bool
	// Problems, in the preview, are the content's errors that did not
	// stop it (see article.LoadPartial): each file's are shown at its
	// address (ProblemPage) and a notice on every page names the files.
	// Ignored without Dev.
	Problems *article.Problems
	// Assets are the static files; nil means the embedded ones.
	Assets *static.Set
	// NoSearch leaves out the search index, for a site that is only
	// exported: the files have no search page to use it.
	NoSearch bool
	// StaticSearch adds what an exported site needs to search without
	// a server: a static index under /static/search/ and the search
	// page whose script reads it (StaticSearchPage), which the export
	// writes for /search.
	StaticSearch bool
	// SearchURL is where the search form leads, when it is not this
	// site's own /search: a healthsite server's, on another host or
	// behind a proxy. A relative path or an absolute http(s) URL.
	SearchURL string
	// Previous is the version this one replaces, or nil. A page whose
	// bytes did not change keeps its Last-Modified time; any other page
	// is modified now. (A time taken from article dates would let a
	// client holding only If-Modified-Since keep a stale copy of a page
	// whose template, related articles or settings changed.)
	Previous *Site
}

// Page is one prerendered response body.
type Page struct {
	Path        string    // URL path, e.g. /articles/neck-pain/
	ContentType string    // full Content-Type header value
	ETag        string    // strong entity tag of the plain body, quoted
	Modified    time.Time // last change of what the page shows; zero if unknown
	Immutable   bool      // a fingerprinted asset that never changes under its URL

	// The plain body, until Compress makes a gzip one; from then on
	// the body decompressed from gzip, while the site's PlainCache
	// lasts (see Body).
	plain atomic.Pointer[[]byte]
	enc   atomic.Pointer[variants]
	err   error // why rendering the page failed, during Build

	compressible bool          // text large enough to be worth compressing
	cache        *atomic.Int64 // bytes left of the site's PlainCache
}

// newPage returns the page at path of body.
func newPage(path, contentType string, body []byte, immutable bool) *Page {
	p := &Page{Path: path, ContentType: contentType, Immutable: immutable, ETag: etag(body),
		compressible: len(body) >= minCompress && compressible(contentType)}
	p.plain.Store(&body)
	return p
}

// Site is one content version, rendered. It is immutable and safe for
// concurrent use.
type Site struct {
	pages        map[string]*Page
	redirects    map[string]string
	notFound     *Page
	serverError  *Page
	articles     int
	nextChange   time.Time
	baseURL      string
	frame        templates.Head      // the head of an untitled page, for pages made later
	notFoundView templates.ErrorPage // the 404 page, for NotFoundPage to add suggestions to
	suggest      *suggester          // the articles a missing page's address may name
	compressed   atomic.Int64        // pages whose variants are made (Compressed)
	searchReady  chan struct{}       // closed once index and indexErr are set
	index        *search.Index
	indexErr     error
	bySlug       map[string]templates.Teaser
	staticSearch *Page // the exported site's search page, or nil

	// The preview's problems pages by the path they stand in for, and
	// whether one stands in for every page (see ProblemPage).
	problemPages map[string]*Page
	blocked      bool
}

// StaticSearchPage is the search page of an exported site, which runs
// the search in the reader's browser from the static index; nil unless
// built with StaticSearch.
func (s *Site) StaticSearchPage() *Page { return s.staticSearch }

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

// SearchReady is closed once the search index is built (or failed to
// build: SearchPage then returns the error).
func (s *Site) SearchReady() <-chan struct{} { return s.searchReady }

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
		searchAction: cmp.Or(opts.SearchURL, SearchPath),
		lib:          lib,
		settings:     settings,
		base:         base,
		assets:       assets,
		dev:          opts.Dev,
		now:          now.Truncate(time.Second),
		previous:     opts.Previous,
		cache:        new(atomic.Int64),
		site: &Site{
			pages:     map[string]*Page{},
			redirects: map[string]string{},
			baseURL:   base,
			bySlug:    map[string]templates.Teaser{},
		},
	}
	published := lib.Published(now, opts.Dev)
	if opts.Dev {
		// The preview shows scheduled articles too, marked.
		published = lib.Articles()
		b.notice = problemsNotice(opts.Problems, lib)
	}
	b.site.articles = len(published)
	b.cache.Store(PlainCache)
	// The site changes by itself when a scheduled article is due, and
	// when a published one becomes due for review (its page then warns
	// the reader).
	later := func(t time.Time) {
		if t.After(now) && (b.site.nextChange.IsZero() || t.Before(b.site.nextChange)) {
			b.site.nextChange = t
		}
	}
	for _, a := range lib.Articles() {
		if !a.Draft {
			later(a.Date)
		}
		if a.ReviewedBy != "" {
			later(a.NextReview)
		}
	}
	for _, a := range published {
		b.site.bySlug[a.Slug] = teaser(a)
		if a.Date.After(b.now) {
			t := b.site.bySlug[a.Slug]
			t.Scheduled = true
			b.site.bySlug[a.Slug] = t
		}
	}
	b.related = newRelatedIndex(published)
	// The index, the first page of the lists of articles, is also what
	// /articles/ would be.
	b.site.redirects["/articles/"] = "/"
	{
		links := make([]templates.Link, len(published))
		slugs := make([]string, len(published))
		for i, a := range published {
			links[i], slugs[i] = templates.Link{Name: a.Title, URL: ArticlePath(a.Slug)}, a.Slug
		}
		var err error
		if b.site.suggest, err = newSuggester(links, slugs, settings.Language); err != nil {
			return nil, fmt.Errorf("indexing the articles' addresses: %w", err)
		}
	}
	b.footer = footerLinks(lib)

	var sitemap []SitemapURL
	home := b.list("/", "Latest articles", "", "No articles have been published yet.", published)
	home.Head.LinkedData = b.website()
	b.render(home.path, templates.List(home.ListPage))
	sitemap = append(sitemap, SitemapURL{Path: "/", LastMod: home.modified})
	for _, l := range home.more {
		b.render(l.path, templates.List(l.ListPage))
	}

	// Article pages are independent of each other: render them on
	// every core, then add them in order.
	articles := make([]*Page, len(published))
	_ = pool.Each(context.Background(), len(published), func(i int) {
		articles[i] = renderPage(b.article(published[i]))
	})
	for i, a := range published {
		b.add(articles[i])
		sitemap = append(sitemap, SitemapURL{Path: ArticlePath(a.Slug), LastMod: a.Modified()})
	}
	for _, g := range []struct {
		groups        []group
		root, heading string
		title         func(name string) string
	}{
		{groupBy(published, func(a *article.Article) []string { return a.Tags }), TagsPath, "Topics A–Z", func(n string) string { return "Articles about " + n }},
		{groupBy(published, func(a *article.Article) []string { return a.Authors }), AuthorsPath, "Authors", func(n string) string { return "Articles by " + n }},
	} {
		idx := templates.IndexPage{Head: b.head(g.heading, "", g.root), Heading: g.heading}
		idx.Head.Title = g.heading
		for _, grp := range g.groups {
			idx.Entries = append(idx.Entries, templates.Entry{Link: templates.Link{Name: grp.name, URL: g.root + grp.slug + "/"}, Count: len(grp.articles)})
			l := b.list(g.root+grp.slug+"/", g.title(grp.name), "", "", grp.articles)
			for _, page := range append([]listPage{l}, l.more...) {
				b.render(page.path, templates.List(page.ListPage))
			}
			sitemap = append(sitemap, SitemapURL{Path: l.path, LastMod: l.modified})
		}
		if g.root == TagsPath {
			// The topics are the way in for a reader who knows what
			// they are looking for: listed A to Z, with letters to jump.
			b.render(g.root, templates.Topics(templates.TopicsPage{Head: idx.Head, Heading: idx.Heading,
				Letters: topicsAZ(idx.Entries, b.settings.Language)}))
			continue
		}
		b.render(g.root, templates.Index(idx))
	}

	sitemap = append(sitemap, b.standalonePages(lib)...)
	sitemap = append(sitemap, b.profilePages(published)...)

	feed := Feed{Settings: settings, BaseURL: base, Articles: published}
	for _, a := range published[:min(FeedItems, len(published))] {
		if m := a.Modified(); m.After(feed.Updated) {
			feed.Updated = m
		}
	}
	for _, f := range []struct {
		path, ctype string
		make        func() ([]byte, error)
	}{
		{"/feed.xml", "application/rss+xml; charset=utf-8", feed.RSS},
		{"/atom.xml", "application/atom+xml; charset=utf-8", feed.Atom},
		{"/feed.json", "application/feed+json; charset=utf-8", feed.JSON},
	} {
		body, err := f.make()
		if err != nil {
			return nil, fmt.Errorf("building %s: %w", f.path, err)
		}
		b.add(newPage(f.path, f.ctype, body, false))
	}
	sm, err := Sitemap(base, sitemap)
	if err != nil {
		return nil, fmt.Errorf("building the sitemap: %w", err)
	}
	b.add(newPage("/sitemap.xml", "application/xml; charset=utf-8", sm, false))
	b.add(newPage("/robots.txt", "text/plain; charset=utf-8", Robots(base), false))

	for _, a := range assets.All() {
		if a.Name == static.DevScript && !opts.Dev {
			continue
		}
		b.add(newPage(a.URL, a.ContentType, a.Body, true))
	}
	for _, img := range lib.Images() {
		b.add(newPage(img.URL, img.ContentType, img.Body, true))
	}
	if opts.StaticSearch {
		b.staticSearchPages(published, lib.Synonyms())
	}
	b.site.frame = b.head("", "", "")
	notFound := b.head("Page not found", "", "")
	notFound.NoIndex = true
	b.site.notFoundView = templates.ErrorPage{
		Head:    notFound,
		Heading: "Page not found",
		Message: "There is no page at this address. It may have moved, or the link you followed may be mistyped. Try searching for what you were looking for.",
		Search:  true,
	}
	b.site.notFound = b.page("", templates.Error(b.site.notFoundView))
	failed := b.head("Something went wrong", "", "")
	failed.NoIndex = true
	b.site.serverError = b.page("", templates.Error(templates.ErrorPage{
		Head:    failed,
		Heading: "Something went wrong",
		Message: "Sorry, this page could not be shown just now. Please try again in a moment.",
	}))
	if opts.Dev {
		b.problemPages(opts.Problems, lib)
	}
	if b.err != nil {
		return nil, b.err
	}
	b.site.countCompressed()
	// The search index is built in the background, once the pages are
	// rendered (sharing the cores with them would delay them): a large
	// site starts serving before it is ready (SearchReady), and search
	// requests wait for it.
	ready := make(chan struct{})
	b.site.searchReady = ready
	if opts.NoSearch {
		b.site.indexErr = errors.New("this site was built without its search index")
		close(ready)
		return b.site, nil
	}
	docs := make([]search.Doc, len(published))
	for i, a := range published {
		docs[i] = search.Doc{ID: a.Slug, Title: a.Title, Summary: a.Summary, Body: a.Text, Tags: a.Tags, Authors: a.Authors, Date: a.Date}
	}
	go func(s *Site) {
		defer close(ready)
		s.index, s.indexErr = search.Build(docs, search.Options{Synonyms: lib.Synonyms()})
		if s.indexErr != nil {
			s.indexErr = fmt.Errorf("building the search index: %w", s.indexErr)
		}
	}(b.site)
	return b.site, nil
}

// Paths of the lists of topics and authors.
const (
	TagsPath    = "/tags/"
	AuthorsPath = "/authors/"
	SearchPath  = "/search"
)

// ArticlePath is the path of an article page.
func ArticlePath(slug string) string { return "/articles/" + slug + "/" }

// TagPath is the path of a tag's list of articles.
func TagPath(tag string) string { return TagsPath + NameSlug(tag) + "/" }

// AuthorPath is the path of an author's list of articles.
func AuthorPath(name string) string { return AuthorsPath + NameSlug(name) + "/" }

// builder carries the state of one Build.
type builder struct {
	searchAction string // where the search form leads
	settings     article.Settings
	base         string
	assets       *static.Set
	dev          bool
	now          time.Time // the build's time, whole seconds as HTTP dates are
	previous     *Site     // the version this one replaces, or nil
	related      *relatedIndex
	footer       []templates.Link // the standalone pages, linked from every footer
	lib          *article.Library // for the profiles of authors and reviewers
	cache        *atomic.Int64    // the pages' PlainCache
	site         *Site
	notice       *templates.ProblemsNotice // the preview's note of files with problems, or nil
	err          error
}

// feeds are the site's feeds, linked from every page for feed readers.
func (b *builder) feeds() []templates.Feed {
	return []templates.Feed{
		{Title: b.settings.Name + " (RSS)", Type: "application/rss+xml", URL: b.base + "/feed.xml"},
		{Title: b.settings.Name + " (Atom)", Type: "application/atom+xml", URL: b.base + "/atom.xml"},
		{Title: b.settings.Name + " (JSON Feed)", Type: "application/feed+json", URL: b.base + "/feed.json"},
	}
}

// head is the <head> of a page at path ("" for error pages).
func (b *builder) head(title, description, path string) templates.Head {
	h := templates.Head{
		Lang:          b.settings.Language,
		SiteName:      b.settings.Name,
		Tagline:       b.settings.Tagline,
		Title:         title,
		Description:   cmp.Or(description, b.settings.Description, b.settings.Tagline),
		StylesheetURL: b.assets.URL("style.css"),
		IconURL:       b.assets.URL("favicon.svg"),
		Feeds:         b.feeds(),
		Type:          "website",
		SearchAction:  b.searchAction,
		TopicsURL:     TagsPath,
		SearchEnabled: true,
		Sample:        b.settings.Sample,
		FooterLinks:   b.footer,
	}
	if path != "" {
		h.CanonicalURL = b.base + path
	}
	if b.dev {
		h.ScriptURL = b.assets.URL(static.DevScript)
		h.Notice = b.notice
	}
	return h
}

// page renders c into a page at path without adding it to the site.
func (b *builder) page(path string, c templ.Component) *Page {
	p := renderPage(path, c)
	p.cache = b.cache
	if p.err != nil && b.err == nil {
		b.err = p.err
	}
	return p
}

// renderBuffers are the buffers pages are rendered into.
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// renderPage renders c into a page at path; the page's err says if
// that failed.
func renderPage(path string, c templ.Component) *Page {
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer renderBuffers.Put(buf)
	buf.Reset()
	err := c.Render(context.Background(), buf)
	// A copy of the exact size: a grown buffer is up to twice as large,
	// and a site keeps its pages for as long as it is served.
	p := newPage(path, "text/html; charset=utf-8", bytes.Clone(buf.Bytes()), false)
	if err != nil {
		p.err = fmt.Errorf("rendering %s: %w", cmp.Or(path, "an error page"), err)
	}
	return p
}

// render renders c into the page at path.
func (b *builder) render(path string, c templ.Component) {
	b.add(b.page(path, c))
}

// add adds p to the site, with its entity tag and modification time.
func (b *builder) add(p *Page) {
	if p.err != nil && b.err == nil {
		b.err = p.err
	}
	p.Modified = b.now
	if b.previous != nil {
		if old := b.previous.pages[p.Path]; old != nil && old.ETag == p.ETag {
			// The same bytes: the same time, and the same compressed
			// variants, so that a reload compresses only what changed.
			p.Modified = old.Modified
			if v := old.enc.Load(); v != nil {
				p.setVariants(v)
			}
		}
	}
	p.cache = b.cache
	b.site.pages[p.Path] = p
}

// etag is a strong entity tag for body: a digest, so that replicas
// built from the same content agree on it without sharing state. (nginx
// serving the export makes its own tags from each file's time and size;
// the export keeps a file's time while its bytes do not change.)
func etag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

// listPage is one page of a list with its path; the first page of a
// list carries the later ones in more.
type listPage struct {
	templates.ListPage
	path     string
	modified time.Time
	more     []listPage
}

// pagedPath is the path of page n of the list at root.
func pagedPath(root string, n int) string {
	if n <= 1 {
		return root
	}
	return root + "page/" + strconv.Itoa(n) + "/"
}

// list lays out articles at root, PerPage a page: root, then
// root/page/2/... The first page of a list is the canonical one.
func (b *builder) list(root, heading, intro, empty string, articles []*article.Article) listPage {
	pages := max(1, (len(articles)+PerPage-1)/PerPage)
	b.site.redirects[pagedPath(root, 1)+"page/1/"] = root
	var out []listPage
	for n := 1; n <= pages; n++ {
		chunk := articles[min((n-1)*PerPage, len(articles)):min(n*PerPage, len(articles))]
		l := listPage{path: pagedPath(root, n)}
		l.ListPage = templates.ListPage{Heading: heading, Intro: intro, Empty: empty, Page: n, Pages: pages}
		title := heading
		if root == "/" && n == 1 {
			title = "" // the home page is titled by the site's name
		}
		if n > 1 {
			title = fmt.Sprintf("%s, page %d of %d", heading, n, pages)
			l.Heading = title
			l.PrevURL = pagedPath(root, n-1)
		}
		if n < pages {
			l.NextURL = pagedPath(root, n+1)
		}
		for _, a := range chunk {
			l.Teasers = append(l.Teasers, b.site.bySlug[a.Slug])
			if m := a.Modified(); m.After(l.modified) {
				l.modified = m
			}
		}
		l.Head = b.head(title, "", l.path)
		if l.PrevURL != "" {
			l.Head.PrevURL = b.base + l.PrevURL
		}
		if l.NextURL != "" {
			l.Head.NextURL = b.base + l.NextURL
		}
		out = append(out, l)
	}
	first := out[0]
	first.more = out[1:]
	return first
}

// article returns the page of a, to be rendered. It only reads the
// builder, so that articles can be made on several goroutines.
func (b *builder) article(a *article.Article) (string, templ.Component) {
	path := ArticlePath(a.Slug)
	t := b.site.bySlug[a.Slug]
	p := templates.ArticlePage{
		Head:        b.head(a.Title, a.Description, path),
		Title:       a.Title,
		Authors:     t.Authors,
		Date:        a.Date,
		ReadingTime: a.ReadingTime(),
		Standfirst:  standfirst(a),
		Body:        a.HTML,
		Tags:        t.Tags,
		Draft:       a.Draft,
	}
	if a.Date.After(b.now) {
		p.Scheduled = a.Date
	}
	if a.Updated.After(a.Date) {
		p.Updated = a.Updated
	}
	p.Disclaimer = b.settings.Disclaimer
	if a.ReviewedBy != "" {
		p.ReviewedBy, p.Reviewed, p.NextReview = a.ReviewedBy, a.Reviewed, a.NextReview
		if r := b.lib.Reviewer(a.ReviewedBy); r != nil {
			p.ReviewerURL = AuthorPath(r.Name)
		}
		p.Overdue = b.now.After(a.NextReview)
	}
	for _, src := range a.Sources {
		v := templates.Source{Title: src.Title, URL: src.URL, Publisher: src.Publisher, Year: src.Year, DOI: src.DOI, PMID: src.PMID}
		if src.DOI != "" {
			v.DOIURL = "https://doi.org/" + src.DOI
		}
		if src.PMID != "" {
			v.PMIDURL = "https://pubmed.ncbi.nlm.nih.gov/" + src.PMID + "/"
		}
		p.Sources = append(p.Sources, v)
	}
	if img := a.LeadImage; img != nil {
		p.Image = &templates.Picture{URL: img.URL, Alt: a.ImageAlt, Width: img.Width, Height: img.Height}
		p.Head.ImageURL, p.Head.ImageAlt = b.base+img.URL, a.ImageAlt
	}
	var sections []templates.Link
	for _, h := range a.Headings {
		if h.Level == 2 {
			sections = append(sections, templates.Link{Name: h.Text, URL: "#" + h.ID})
		}
	}
	if len(sections) >= ContentsMin {
		p.Contents = sections
	}
	for _, r := range b.related.related(a, RelatedCount) {
		p.Related = append(p.Related, b.site.bySlug[r.Slug])
	}
	p.Head.Type = "article"
	p.Head.Published, p.Head.Modified, p.Head.Tags = a.Date, a.Modified(), a.Tags
	p.Head.LinkedData = b.articleData(a)
	return path, templates.Article(p)
}

// standfirst is the summary that leads an article's page, above the
// byline's details and the contents, so that a reader on a phone meets
// what the article is about on the first screen, as NHS and MedlinePlus
// pages open with what the reader most needs. A summary the loader took
// from the first paragraph (none was written) would only say it twice.
func standfirst(a *article.Article) string {
	if a.Summary == "" || strings.HasPrefix(strings.TrimSpace(a.Text), a.Summary) {
		return ""
	}
	return a.Summary
}

func teaser(a *article.Article) templates.Teaser {
	t := templates.Teaser{
		Title:   a.Title,
		URL:     ArticlePath(a.Slug),
		Date:    a.Date,
		Summary: a.Summary,
		Draft:   a.Draft,
	}
	if a.ReviewedBy != "" {
		t.Reviewed = a.Reviewed
	}
	for _, name := range a.Authors {
		t.Authors = append(t.Authors, templates.Link{Name: name, URL: AuthorPath(name)})
	}
	for _, tag := range a.Tags {
		t.Tags = append(t.Tags, templates.Link{Name: tag, URL: TagPath(tag)})
	}
	return t
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
