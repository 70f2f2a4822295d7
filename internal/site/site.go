// Package site renders a Library into a Site: every page a reader can
// request, prerendered once per content version, so that serving is a
// map lookup and a write. Only search results are rendered per request.
package site

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"time"

	"healthsite/internal/article"
	"healthsite/internal/i18n"
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
	// Analyses, with StaticSearch, keeps each article's analysis for
	// the static index between builds (search.AnalysisCache); nil is
	// none. The caller saves it once Build returns.
	Analyses *search.AnalysisCache
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

// KeepRetired is how long a fingerprinted asset (a stylesheet, a
// picture, a search index under /static/) stays at its address after
// the content version that had it is replaced, by the server's next
// version or by the next export. Pages are cached for five minutes and
// then may be served stale for a day (stale-while-revalidate=86400), by
// browsers and by CDNs: such a page names the assets of its own
// version, whose fingerprinted names the new version does not have.
// Dropping them at once would give those readers a page without its
// style, pictures missing, or a search that fails. A week covers the
// day with room for caches that keep pages longer.
const KeepRetired = 7 * 24 * time.Hour

// Page is one prerendered response body.
type Page struct {
	Path        string    // URL path, e.g. /articles/neck-pain/
	ContentType string    // full Content-Type header value
	ETag        string    // strong entity tag of the plain body, quoted
	Modified    time.Time // last change of what the page shows; zero if unknown
	Immutable   bool      // a fingerprinted asset that never changes under its URL

	plain        []byte    // the body; nil where enc holds a gzip one (see Body)
	enc          *variants // the compressed bodies, or nil
	err          error     // why rendering the page failed, during Build
	compressible bool      // text large enough to be worth compressing
	gzipOnly     bool      // compressed with gzip alone (see gzipOnly in staticsearch.go)
	cache        *plainCache
}

// newPage returns the page at path of body.
func newPage(path, contentType string, body []byte, immutable bool) *Page {
	return &Page{Path: path, ContentType: contentType, Immutable: immutable, ETag: etag(body), plain: body,
		compressible: len(body) >= minCompress && compressible(contentType)}
}

// Site is one content version, rendered. Nothing in it changes once
// Build returns, and it is safe for concurrent use. What is left to do,
// compressing its pages and indexing its articles, a Completion does
// (see Complete), making another Site, whole.
type Site struct {
	pages        map[string]*Page
	redirects    map[string]string
	moved        []Move                 // the articles' old addresses, for an export
	errorPages   map[string]*errorPages // each language's 404 and 500 pages, by the prefix of its paths
	articles     int                    // in every language
	byLanguage   []LanguageArticles     // the articles of each language
	nextChange   time.Time
	baseURL      string
	frame        templates.Head             // the head of an untitled page, for pages made later
	searches     map[string]*languageSearch // each language's search, by the prefix of its paths
	prefixes     []string                   // the prefix of each language's paths, the main language's ("") first
	noSearch     bool                       // built with Options.NoSearch: no index to build
	staticSearch map[string]*Page           // the exported site's search page of each language, by prefix; empty without StaticSearch
	cache        *plainCache                // the pages' decompressed plain bodies

	// Set only in the Site a Completion makes whole: every page has its
	// compressed variants, and each language's index is built (or
	// indexErr says why not).
	whole    bool
	indexes  map[string]*search.Index // each language's index, by the prefix of its paths
	indexErr error

	// The preview's problems pages by the path they stand in for, and
	// whether one stands in for every page (see ProblemPage).
	problemPages map[string]*Page
	blocked      bool
}

// StaticSearchPage is the search page of an exported site, which runs
// the search in the reader's browser from the static index; nil unless
// built with StaticSearch.
func (s *Site) StaticSearchPage() *Page { return s.staticSearch[""] }

// StaticSearchPageAt is the exported site's search page of the language
// whose paths start with prefix ("" for the main language, /es), or nil.
func (s *Site) StaticSearchPageAt(prefix string) *Page { return s.staticSearch[prefix] }

// Page returns the page at path, or nil.
func (s *Site) Page(path string) *Page { return s.pages[path] }

// Redirect returns where path moved to, if it did.
func (s *Site) Redirect(path string) (string, bool) {
	to, ok := s.redirects[path]
	return to, ok
}

// Move is an old address of an article (one of its aliases:) and the
// address it leads to.
type Move struct {
	From, To string
	// Body is the page an export leaves at From for the hosts that
	// cannot redirect: it sends the browser on to To.
	Body []byte
}

// Moved returns the articles' old addresses that the server answers
// with a 301, sorted by old address, each with the form without its
// closing slash that Canonical finds too: an export writes them for
// hosts that cannot ask the Site. The slice is the caller's.
func (s *Site) Moved() []Move { return slices.Clone(s.moved) }

// Paths returns the path of every page, sorted.
func (s *Site) Paths() []string { return slices.Sorted(maps.Keys(s.pages)) }

// Articles is the number of published articles, in every language.
func (s *Site) Articles() int { return s.articles }

// LanguageArticles is how many articles one language of a site shows.
type LanguageArticles struct {
	Lang     string // its BCP 47 tag
	Articles int
}

// ArticlesByLanguage is how many articles each language shows, the main
// language first, then the others in site.yaml's order.
func (s *Site) ArticlesByLanguage() []LanguageArticles { return s.byLanguage }

// NextChange is when the next scheduled article is due, when the site
// must be built again to publish it; zero when none is scheduled.
func (s *Site) NextChange() time.Time { return s.nextChange }

// Compressed reports whether every page has its compressed variants:
// true of the Site a Completion makes whole, which is what an export
// writes.
func (s *Site) Compressed() bool { return s.whole }

// BaseURL is the absolute URL the site is published at.
func (s *Site) BaseURL() string { return s.baseURL }

// Build renders every page of lib: each kind of page in turn (kinds),
// then the error pages and, in the preview, the problems pages. It
// starts nothing that outlives it: compressing the pages and indexing
// the articles are left to Complete.
func Build(lib *article.Library, opts Options) (*Site, error) {
	b, err := newBuilder(lib, opts)
	if err != nil {
		return nil, err
	}
	b.startStaticIndexes()
	defer b.waitStaticIndexes()
	// Every kind of page of a language exists in every language: each
	// language's pages are made by the same kinds, under its prefix.
	for _, tag := range lib.Settings().Tags() {
		lb := b.inLanguage(tag)
		for _, k := range kinds() {
			if !k.shared {
				b.sitemap = append(b.sitemap, lb.withAlternates(k.build(lb))...)
			}
		}
		lb.errorPages()
		b.site.articles += len(lb.published)
		b.site.byLanguage = append(b.site.byLanguage, LanguageArticles{Lang: tag, Articles: len(lb.published)})
		b.err = cmp.Or(b.err, lb.err)
		b.site.searches[lb.prefix] = lb.search()
	}
	for _, k := range kinds() {
		if k.shared {
			b.sitemap = append(b.sitemap, k.build(b)...)
		}
	}
	b.site.frame = b.head("", "", "")
	if opts.Dev {
		b.problemPages(opts.Problems, lib)
	}
	if b.err != nil {
		return nil, b.err
	}
	return b.site, nil
}

// newBuilder prepares the build of lib: the articles to publish, their
// teasers, when the site next changes by itself, and what every page
// shares.
func newBuilder(lib *article.Library, opts Options) (*builder, error) {
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
	tr, _ := i18n.New(settings.Language, settings.Strings) // the load reported any problems
	b := &builder{
		opts:         opts,
		tr:           tr,
		searchAction: cmp.Or(opts.SearchURL, SearchPath),
		lib:          lib,
		settings:     settings,
		base:         base,
		assets:       opts.Assets,
		dev:          opts.Dev,
		now:          now.Truncate(time.Second),
		previous:     opts.Previous,
		published:    lib.Published(now, opts.Dev),
		site: &Site{
			pages:        map[string]*Page{},
			redirects:    map[string]string{},
			errorPages:   map[string]*errorPages{},
			staticSearch: map[string]*Page{},
			baseURL:      base,
			searches:     map[string]*languageSearch{},
			noSearch:     opts.NoSearch,
			cache:        newPlainCache(),
		},
		lang: settings.Language,
	}
	if b.assets == nil {
		b.assets = static.Embedded()
	}
	if opts.Dev {
		// The preview shows scheduled articles too, marked.
		b.published = lib.Articles()
		b.notice = problemsNotice(opts.Problems, lib)
	}
	b.setArticles(b.published)
	for _, tag := range settings.Tags() {
		b.site.prefixes = append(b.site.prefixes, settings.Prefix(tag))
	}
	b.site.nextChange = nextChange(lib, now)
	b.has = languagePaths(b)
	b.languageNames = map[string]string{}
	for _, tag := range settings.Tags() {
		b.languageNames[tag] = ownName(tag)
	}
	b.footer = footerLinks(lib, settings.Language)
	b.feedLinks = b.feeds()
	return b, nil
}

// nextChange is when the site changes by itself after now: when a
// scheduled article is due, or a published one becomes due for review
// (its page then warns the reader). Zero when nothing is due.
func nextChange(lib *article.Library, now time.Time) time.Time {
	var next time.Time
	later := func(t time.Time) {
		if t.After(now) && (next.IsZero() || t.Before(next)) {
			next = t
		}
	}
	for _, a := range lib.AllArticles() {
		if !a.Draft {
			later(a.Date)
		}
		if a.ReviewedBy != "" {
			later(a.NextReview)
		}
	}
	return next
}

// search is what the search of b's language needs: its articles to
// index, and its results pages' head and cards.
func (b *builder) search() *languageSearch {
	ls := &languageSearch{prefix: b.prefix, lang: b.lang, synonyms: b.lib.SynonymsIn(b.lang), frame: b.head("", "", ""), teasers: b.teasers}
	ls.frame.Translations, _ = b.alternates(func(tag string) string { return b.lib.Settings().Prefix(tag) + SearchPath })
	for _, a := range b.published {
		ls.docs = append(ls.docs, searchDoc{ID: a.Slug, Title: a.Title, Summary: a.Summary, Body: a.Text, Tags: a.Tags, Authors: a.Authors, Date: a.Date})
	}
	return ls
}

// searchDoc is a search.Doc, kept until the index is built.
type searchDoc search.Doc

// builder carries the state of one Build.
type builder struct {
	opts         Options
	published    []*article.Article // the articles the site shows, newest first
	sitemap      []SitemapURL       // the pages the kinds built so far list in the sitemap
	searchAction string             // where the search form leads
	settings     article.Settings
	tr           *i18n.Language // the interface texts of the site's language
	base         string
	assets       *static.Set
	dev          bool
	now          time.Time // the build's time, whole seconds as HTTP dates are
	previous     *Site     // the version this one replaces, or nil
	related      *relatedIndex
	footer       []templates.Link // the standalone pages, linked from every footer
	feedLinks    []templates.Feed // the language's feeds, linked from every head (feeds)
	lib          *article.Library // for the profiles of authors and reviewers
	site         *Site
	notice       *templates.ProblemsNotice  // the preview's note of files with problems, or nil
	indexes      map[string]*staticIndexJob // each language's static search index in the making, by tag
	err          error

	// The language of the pages the builder makes: its tag, the start
	// of its paths ("" for the main language, /es), its articles'
	// cards by slug, and the paths every language's pages have.
	lang    string
	prefix  string
	teasers map[string]templates.Teaser
	has     map[string]bool
	// languageNames are each language's name in itself, for switchers.
	languageNames map[string]string
}

// feeds are the site's feeds, linked from every page for feed readers:
// made once per language (feedLinks), as every page shares them.
func (b *builder) feeds() []templates.Feed {
	site := i18n.Data{"Site": b.settings.Name}
	return []templates.Feed{
		{Title: b.tr.Format("feed_rss", site), Type: "application/rss+xml", URL: b.base + b.at(FeedPath)},
		{Title: b.tr.Format("feed_atom", site), Type: "application/atom+xml", URL: b.base + b.at(AtomPath)},
		{Title: b.tr.Format("feed_json", site), Type: "application/feed+json", URL: b.base + b.at(JSONFeedPath)},
	}
}

// head is the <head> of a page at path ("" for error pages).
func (b *builder) head(title, description, path string) templates.Head {
	h := templates.Head{
		Lang:          b.settings.Language,
		T:             b.tr,
		SiteName:      b.settings.Name,
		Tagline:       b.settings.Tagline,
		Title:         title,
		Description:   cmp.Or(description, b.settings.Description, b.settings.Tagline),
		StylesheetURL: b.assets.URL("style.css"),
		IconURL:       b.assets.URL("favicon.svg"),
		Feeds:         b.feedLinks,
		Type:          "website",
		SearchAction:  b.searchAction,
		TopicsURL:     b.at(TagsPath),
		HomeURL:       b.at(HomePath),
		AuthorsURL:    b.at(AuthorsPath),
		FeedURL:       b.at(FeedPath),
		SearchEnabled: true,
		Sample:        b.settings.Sample,
		FooterLinks:   b.footer,
	}
	if path != "" {
		h.CanonicalURL = b.base + path
		h.Translations, h.Alternates = b.alternates(b.samePage(path, b.has))
	}
	if b.dev {
		h.ScriptURL = b.assets.URL(static.DevScript)
		h.Notice = b.notice
	}
	return h
}

// etag is a strong entity tag for body: a digest, so that replicas
// built from the same content agree on it without sharing state. (nginx
// serving the export makes its own tags from each file's time and size;
// the export keeps a file's time while its bytes do not change.)
func etag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}
