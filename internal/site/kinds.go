package site

import (
	"context"
	"fmt"

	"healthsite/internal/article"
	"healthsite/internal/i18n"
	"healthsite/internal/paths"
	"healthsite/internal/pool"
	"healthsite/static"
	"healthsite/templates"
)

// A kind is one kind of page the site has: the URL patterns its pages
// have, written as a router would ({name} for one path segment, a
// final * for any rest), and the step of Build that renders them and
// returns their sitemap entries. Every page of a Site has the pattern
// of the kind that made it (TestBuild_EveryPageHasItsKindsPattern), and
// the server serves whatever the current Site has, so a kind added here
// is served without a route of its own.
type kind struct {
	name     string
	patterns []string
	build    func(b *builder) []SitemapURL
}

// kinds are every kind of page, in the order Build makes them, which is
// the sitemap's order.
func kinds() []kind {
	return []kind{
		{"home", []string{HomePath, "/page/{n}/"}, (*builder).home},
		{"article", []string{"/articles/{slug}/"}, (*builder).articles},
		{"topic", []string{TagsPath, TagsPath + "{tag}/", TagsPath + "{tag}/page/{n}/"}, (*builder).topics},
		{"author", []string{AuthorsPath, AuthorsPath + "{author}/", AuthorsPath + "{author}/page/{n}/"}, (*builder).authors},
		{"page", []string{"/{page}/"}, (*builder).standalonePages},
		{"profile", []string{AuthorsPath, AuthorsPath + "{author}/"}, (*builder).profilePages},
		{"feed", []string{FeedPath, AtomPath, JSONFeedPath}, (*builder).feedPages},
		{"sitemap", []string{sitemapPath}, (*builder).sitemapPage},
		{"robots", []string{RobotsPath}, (*builder).robots},
		{"asset", []string{static.Prefix + "*"}, (*builder).assetPages},
		{"search index", []string{static.Prefix + "*"}, (*builder).staticSearch},
	}
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

// home renders the index, the lists of every article, newest first.
func (b *builder) home() []SitemapURL {
	home := b.list(HomePath, b.tr.Text("latest"), "", b.tr.Text("no_articles"), b.published)
	home.Head.LinkedData = b.website()
	b.render(home.path, templates.List(home.ListPage))
	for _, l := range home.more {
		b.render(l.path, templates.List(l.ListPage))
	}
	return []SitemapURL{{Path: HomePath, LastMod: home.modified}}
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
		out = append(out, SitemapURL{Path: ArticlePath(a.Slug), LastMod: a.Modified()})
	}
	return out
}

// topics renders the topics A–Z and each topic's list of articles.
func (b *builder) topics() []SitemapURL {
	idx, out := b.groups(groupBy(b.published, func(a *article.Article) []string { return a.Tags }), TagsPath, b.tr.Text("topics_az"), b.titled("articles_about", "Topic"))
	// The topics are the way in for a reader who knows what they are
	// looking for: listed A to Z, with letters to jump.
	b.render(TagsPath, templates.Topics(templates.TopicsPage{Head: idx.Head, Heading: idx.Heading,
		Letters: topicsAZ(idx.Entries, b.settings.Language)}))
	return out
}

// authors renders the list of authors and each author's articles.
func (b *builder) authors() []SitemapURL {
	idx, out := b.groups(groupBy(b.published, func(a *article.Article) []string { return a.Authors }), AuthorsPath, b.tr.Text("authors"), b.titled("articles_by", "Name"))
	b.render(AuthorsPath, templates.Index(idx))
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
	for _, grp := range groups {
		idx.Entries = append(idx.Entries, templates.Entry{Link: templates.Link{Name: grp.name, URL: root + grp.slug + "/"}, Count: len(grp.articles)})
		l := b.list(root+grp.slug+"/", title(grp.name), "", "", grp.articles)
		for _, page := range append([]listPage{l}, l.more...) {
			b.render(page.path, templates.List(page.ListPage))
		}
		out = append(out, SitemapURL{Path: l.path, LastMod: l.modified})
	}
	return idx, out
}

// feedPages renders the RSS, Atom and JSON feeds of the latest articles.
func (b *builder) feedPages() []SitemapURL {
	feed := Feed{Settings: b.settings, BaseURL: b.base, Articles: b.published}
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
		b.add(newPage(f.path, f.ctype, body, false))
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

// staticSearch adds, for an export, the static search index and the
// search page whose script reads it.
func (b *builder) staticSearch() []SitemapURL {
	if b.opts.StaticSearch {
		b.staticSearchPages(b.published, b.lib.Synonyms())
	}
	return nil
}
