package site

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"

	"healthsite/internal/article"
	"healthsite/internal/i18n"
	"healthsite/internal/paths"
	"healthsite/internal/pool"
	"healthsite/static"
	"healthsite/templates"
)

// A kind is one kind of page the site has: the URL patterns its pages
// have, written as a router would ({name} for one path segment, a
// final * for any rest), the step of Build that renders them and
// returns their sitemap entries, and the addresses that step makes
// (its pages and the redirects to them), listed without rendering, for
// checking links (Pages). Every page of a Site has the pattern of the
// kind that made it (TestBuild_EveryPageHasItsKindsPattern) and is one
// its kind lists (TestPages_AreWhatBuildMakes), and the server serves
// whatever the current Site has, so a kind added here is served, and
// linked to, without a route or a check of its own.
type kind struct {
	name     string
	patterns []string
	build    func(b *builder) []SitemapURL
	paths    func(b *builder) []string
	// shared kinds are made once for the whole site; every other kind
	// is made for each language, under its prefix (/es/…), so that a
	// kind added here exists in every language.
	shared bool
}

// kinds are every kind of page, in the order Build makes them, which is
// the sitemap's order.
func kinds() []kind {
	return []kind{
		{"home", []string{HomePath, "/page/{n}/"}, (*builder).home, (*builder).homePaths, false},
		{"article", []string{"/articles/{slug}/"}, (*builder).articles, (*builder).articlePaths, false},
		{"topic", []string{TagsPath, TagsPath + "{tag}/", TagsPath + "{tag}/page/{n}/"}, (*builder).topics, (*builder).topicPaths, false},
		{"author", []string{AuthorsPath, AuthorsPath + "{author}/", AuthorsPath + "{author}/page/{n}/"}, (*builder).authors, (*builder).authorPaths, false},
		{"page", []string{"/{page}/"}, (*builder).standalonePages, (*builder).standalonePaths, false},
		{"profile", []string{AuthorsPath, AuthorsPath + "{author}/"}, (*builder).profilePages, (*builder).profilePaths, false},
		{"feed", []string{FeedPath, AtomPath, JSONFeedPath}, (*builder).feedPages, fixed(FeedPath, AtomPath, JSONFeedPath), false},
		{"sitemap", []string{sitemapPath}, (*builder).sitemapPage, fixed(sitemapPath), true},
		{"robots", []string{RobotsPath}, (*builder).robots, fixed(RobotsPath), true},
		{"asset", []string{static.Prefix + "*"}, (*builder).assetPages, (*builder).assetPaths, true},
		// The export's search files are named by a digest of the index,
		// known only once it is built; no content links to them.
		{"search index", []string{static.Prefix + "*"}, (*builder).staticSearch, fixed(), true},
		// Made last, so that an alias never hides a page; every
		// language's articles at once.
		{"redirect", nil, (*builder).aliasRedirects, (*builder).aliasPaths, true},
	}
}

// fixed returns the paths of a kind whose pages are at fixed addresses.
func fixed(addrs ...string) func(*builder) []string {
	return func(*builder) []string { return addrs }
}

// Pages returns every address a site built from lib will have once its
// scheduled articles are live: each kind's pages and the redirects to
// them, and the addresses the server answers itself (paths.Served).
// Loading checks the content's links against it (article.Options.Pages),
// so a link is good exactly when Build makes the page it leads to.
func Pages(lib *article.Library) *article.PageSet {
	all := paths.Served()
	s := lib.Settings()
	for _, tag := range s.Tags() {
		// Each language has the pages of every kind not shared, under
		// its prefix, as Build makes them.
		b := &builder{lib: lib, assets: static.Embedded(), lang: tag, prefix: s.Prefix(tag)}
		for _, a := range lib.ArticlesIn(tag) {
			if !a.Draft {
				b.published = append(b.published, a)
			}
		}
		for _, k := range kinds() {
			if k.shared && tag != s.Language {
				continue
			}
			for _, p := range k.paths(b) {
				if !k.shared {
					p = b.prefix + p
				}
				all = append(all, p)
			}
		}
	}
	return article.NewPageSet(all)
}

// Paths of the pages the site has whatever its content, and of search:
// the URL scheme is internal/paths's, which the link checker reads too.
const (
	HomePath     = paths.Home
	TagsPath     = paths.Tags
	AuthorsPath  = paths.Authors
	SearchPath   = paths.Search
	FeedPath     = paths.Feed
	AtomPath     = paths.Atom
	JSONFeedPath = paths.JSONFeed
	RobotsPath   = paths.Robots
)

// ArticlePath is the path of an article page.
func ArticlePath(slug string) string { return paths.Articles + slug + "/" }

// TagPath is the path of a tag's list of articles.
func TagPath(tag string) string { return TagsPath + NameSlug(tag) + "/" }

// AuthorPath is the path of an author's list of articles.
func AuthorPath(name string) string { return AuthorsPath + NameSlug(name) + "/" }

// homePaths are the pages of the index, and /articles/, which leads
// to it.
func (b *builder) homePaths() []string {
	return append(listPaths(HomePath, len(b.published)), paths.Articles)
}

// home renders the index, the lists of every article, newest first.
// The index's first page is also what /articles/ would be.
func (b *builder) home() []SitemapURL {
	b.site.redirects[b.at(paths.Articles)] = b.at(HomePath)
	home := b.list(b.at(HomePath), b.tr.Text("latest"), "", b.tr.Text("no_articles"), b.published)
	home.Head.LinkedData = b.website()
	jobs := []renderJob{{home.path, templates.List(home.ListPage)}}
	for _, l := range home.more {
		jobs = append(jobs, renderJob{l.path, templates.List(l.ListPage)})
	}
	b.renderAll(jobs)
	return []SitemapURL{{Path: home.path, LastMod: home.modified}}
}

// articlePaths are the pages of the articles.
func (b *builder) articlePaths() []string {
	out := make([]string, len(b.published))
	for i, a := range b.published {
		out[i] = ArticlePath(a.Slug)
	}
	return out
}

// articles renders every article's page. They are independent of each
// other: rendered on every core, then added in order.
func (b *builder) articles() []SitemapURL {
	pages := make([]*Page, len(b.published))
	_ = pool.Each(context.Background(), len(b.published), func(i int) {
		pages[i] = renderPage(b.article(b.published[i]))
	})
	var out []SitemapURL
	for i, a := range b.published {
		b.add(pages[i])
		out = append(out, SitemapURL{Path: b.articlePath(a.Slug), LastMod: a.Modified()})
	}
	return out
}

// topicPaths are the topics A–Z and the pages of each topic's list.
func (b *builder) topicPaths() []string {
	return groupPaths(groupBy(b.published, func(a *article.Article) []string { return a.Tags }), TagsPath)
}

// authorPaths are the list of authors and the pages of each author's.
func (b *builder) authorPaths() []string {
	return groupPaths(groupBy(b.published, func(a *article.Article) []string { return a.Authors }), AuthorsPath)
}

// groupPaths are root, the index of groups, and the pages of each
// group's list, as groups renders them.
func groupPaths(groups []group, root string) []string {
	out := []string{root}
	for _, grp := range groups {
		out = append(out, listPaths(root+grp.slug+"/", len(grp.articles))...)
	}
	return out
}

// topics renders the topics A–Z and each topic's list of articles.
func (b *builder) topics() []SitemapURL {
	idx, out := b.groups(groupBy(b.published, func(a *article.Article) []string { return a.Tags }), b.at(TagsPath), b.tr.Text("topics_az"), b.titled("articles_about", "Topic"))
	// The topics are the way in for a reader who knows what they are
	// looking for: listed A to Z, with letters to jump.
	b.render(b.at(TagsPath), templates.Topics(templates.TopicsPage{Head: idx.Head, Heading: idx.Heading,
		Letters: topicsAZ(idx.Entries, b.settings.Language)}))
	return out
}

// authors renders the list of authors and each author's articles.
func (b *builder) authors() []SitemapURL {
	idx, out := b.groups(groupBy(b.published, func(a *article.Article) []string { return a.Authors }), b.at(AuthorsPath), b.tr.Text("authors"), b.titled("articles_by", "Name"))
	b.render(b.at(AuthorsPath), templates.Index(idx))
	return out
}

// titled makes the title of a group's list from the interface text
// key, with the group's name in its place: "Articles about pain".
func (b *builder) titled(key, place string) func(name string) string {
	return func(name string) string { return b.tr.Format(key, i18n.Data{place: name}) }
}

// groups renders the list of articles of each group under root, and
// returns the index of them, for the page at root.
func (b *builder) groups(groups []group, root, heading string, title func(name string) string) (templates.IndexPage, []SitemapURL) {
	idx := templates.IndexPage{Head: b.head(heading, "", root), Heading: heading}
	idx.Head.Title = heading
	var out []SitemapURL
	var jobs []renderJob
	for _, grp := range groups {
		idx.Entries = append(idx.Entries, templates.Entry{Link: templates.Link{Name: grp.name, URL: root + grp.slug + "/"}, Count: len(grp.articles)})
		l := b.list(root+grp.slug+"/", title(grp.name), "", "", grp.articles)
		for _, page := range append([]listPage{l}, l.more...) {
			jobs = append(jobs, renderJob{page.path, templates.List(page.ListPage)})
		}
		out = append(out, SitemapURL{Path: l.path, LastMod: l.modified})
	}
	b.renderAll(jobs)
	return idx, out
}

// feedPages renders the RSS, Atom and JSON feeds of the latest articles.
func (b *builder) feedPages() []SitemapURL {
	feed := Feed{Settings: b.settings, BaseURL: b.base, Articles: b.published, Prefix: b.prefix}
	for _, a := range b.published[:min(FeedItems, len(b.published))] {
		if m := a.Modified(); m.After(feed.Updated) {
			feed.Updated = m
		}
	}
	for _, f := range []struct {
		path, ctype string
		make        func() ([]byte, error)
	}{
		{FeedPath, "application/rss+xml; charset=utf-8", feed.RSS},
		{AtomPath, "application/atom+xml; charset=utf-8", feed.Atom},
		{JSONFeedPath, "application/feed+json; charset=utf-8", feed.JSON},
	} {
		body, err := f.make()
		if err != nil {
			b.fail(fmt.Errorf("building %s: %w", f.path, err))
			continue
		}
		b.add(newPage(b.at(f.path), f.ctype, body, false))
	}
	return nil
}

// sitemapPage renders the sitemap of the pages the kinds before it listed.
func (b *builder) sitemapPage() []SitemapURL {
	sm, err := Sitemap(b.base, b.sitemap)
	if err != nil {
		b.fail(fmt.Errorf("building the sitemap: %w", err))
		return nil
	}
	b.add(newPage(sitemapPath, "application/xml; charset=utf-8", sm, false))
	return nil
}

// robots renders robots.txt, which names the sitemap.
func (b *builder) robots() []SitemapURL {
	b.add(newPage(RobotsPath, "text/plain; charset=utf-8", Robots(b.base), false))
	return nil
}

// assetPaths are the addresses of the assets and images assetPages adds.
func (b *builder) assetPaths() []string {
	var out []string
	for _, a := range b.assets.All() {
		if a.Name != static.DevScript || b.dev {
			out = append(out, a.URL)
		}
	}
	for _, img := range b.lib.Images() {
		out = append(out, img.URL)
	}
	return out
}

// assetPages adds the fingerprinted stylesheet, icons and scripts (the
// preview's only in the preview), and the articles' images.
func (b *builder) assetPages() []SitemapURL {
	for _, a := range b.assets.All() {
		if a.Name == static.DevScript && !b.dev {
			continue
		}
		b.add(newPage(a.URL, a.ContentType, a.Body, true))
	}
	for _, img := range b.lib.Images() {
		b.add(newPage(img.URL, img.ContentType, img.Body, true))
	}
	return nil
}

// staticSearch adds, for an export, each language's static search
// index and the search page whose script reads it.
func (b *builder) staticSearch() []SitemapURL {
	if b.opts.StaticSearch {
		// Each language's, with its analyser, texts and articles.
		for _, tag := range b.lib.Settings().Tags() {
			lb := b.inLanguage(tag)
			lb.staticSearchPages(lb.published, b.lib.SynonymsIn(tag))
			b.fail(lb.err)
		}
	}
	return nil
}

// aliasRedirects makes each article's old addresses (aliases:) lead to
// it: the server answers them with a 301, as it does a path without its
// closing slash. An address that is a page of the site stays that page.
// Each is kept in Moved too, with the page an export leaves there.
func (b *builder) aliasRedirects() []SitemapURL {
	for _, ta := range b.everyArticle() {
		a, to := ta.article, ta.path
		moved := renderPage("", templates.Moved(templates.MovedPage{Lang: a.Lang, Title: a.Title, To: to, Canonical: b.base + to}))
		if moved.err != nil && b.err == nil {
			b.err = moved.err
		}
		froms := aliasFroms(a)
		for _, p := range froms {
			if short := strings.TrimSuffix(p, "/"); short != p && short != "" && !slices.Contains(froms, short) {
				// Canonical finds the address without its slash too;
				// an export needs it written out.
				froms = append(froms, short)
			}
		}
		for _, p := range froms {
			if _, taken := b.site.redirects[p]; taken || b.site.pages[p] != nil || b.site.pages[p+"/"] != nil {
				continue
			}
			b.site.redirects[p] = to
			b.site.moved = append(b.site.moved, Move{From: p, To: to, Body: moved.Body()})
		}
	}
	slices.SortFunc(b.site.moved, func(x, y Move) int { return strings.Compare(x.From, y.From) })
	return nil
}

// aliasPaths are the addresses aliasRedirects may make.
func (b *builder) aliasPaths() []string {
	var out []string
	for _, ta := range b.everyArticle() {
		out = append(out, aliasFroms(ta.article)...)
	}
	return out
}

// placedArticle is an article with the path it is served at.
type placedArticle struct {
	article *article.Article
	path    string
}

// everyArticle is every article the site shows, in every language, with
// its path: /es/articles/x/ for a Spanish one. Old addresses are the
// site's, not a language's, so a translation's lead to it too.
func (b *builder) everyArticle() []placedArticle {
	var out []placedArticle
	settings := b.lib.Settings()
	for _, tag := range settings.Tags() {
		articles := b.published
		if tag != b.lang {
			articles = b.lib.PublishedIn(tag, b.now, b.dev)
			if b.dev {
				articles = b.lib.ArticlesIn(tag)
			}
		}
		for _, a := range articles {
			out = append(out, placedArticle{a, settings.Prefix(tag) + ArticlePath(a.Slug)})
		}
	}
	return out
}

// aliasFroms are the paths that lead to a: each alias, and one without
// a closing slash or an extension with one too, since the server finds
// a path without its slash by itself but not the other way round.
func aliasFroms(a *article.Article) []string {
	var out []string
	for _, alias := range a.Aliases {
		out = append(out, alias)
		if !strings.HasSuffix(alias, "/") && path.Ext(alias) == "" {
			out = append(out, alias+"/")
		}
	}
	return out
}
