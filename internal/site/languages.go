package site

import (
	"cmp"
	"strings"

	"healthsite/internal/article"
	"healthsite/internal/i18n"
	"healthsite/internal/paths"
	"healthsite/templates"
)

// languageSearch is the search of one language's articles: its index,
// built in the background with its language's analyser, and what its
// results pages show.
type languageSearch struct {
	prefix   string                      // the start of its paths: "" for the main language, /es
	lang     string                      // its tag, which chooses the index's analyser
	synonyms map[string][]string         // the words its search widens to
	frame    templates.Head              // the head of its untitled pages
	teasers  map[string]templates.Teaser // the cards of its articles, by slug
	docs     []searchDoc
}

// inLanguage returns the builder of the pages of the language tag: the
// same site, with that language's settings, articles, cards, related
// articles and footer. The main language's is b itself.
func (b *builder) inLanguage(tag string) *builder {
	if tag == b.lang {
		return b
	}
	lb := *b
	lb.err = nil
	lb.lang, lb.prefix = tag, b.lib.Settings().Prefix(tag)
	lb.settings = b.lib.Settings().In(tag)
	lb.tr, _ = i18n.New(tag, lb.settings.Strings) // the load reported any problems
	lb.searchAction = cmp.Or(b.opts.SearchURL, lb.prefix+SearchPath)
	lb.setArticles(b.lib.PublishedIn(tag, b.now, b.dev))
	if b.dev {
		lb.setArticles(b.lib.ArticlesIn(tag))
	}
	lb.footer = footerLinks(b.lib, tag)
	lb.feedLinks = lb.feeds()
	return &lb
}

// setArticles makes articles, newest first, the ones b's pages show.
func (b *builder) setArticles(articles []*article.Article) {
	b.published = articles
	b.teasers = make(map[string]templates.Teaser, len(articles))
	for _, a := range articles {
		t := b.teaser(a)
		t.Scheduled = a.Date.After(b.now)
		b.teasers[a.Slug] = t
	}
	b.related = newRelatedIndex(articles)
}

// at is the path p (such as /tags/) in b's language: /es/tags/.
func (b *builder) at(p string) string { return b.prefix + p }

// articlePath is the path of the article slug of b's language.
func (b *builder) articlePath(slug string) string { return b.prefix + ArticlePath(slug) }

// tagPath is the path of the topic tag of b's language.
func (b *builder) tagPath(tag string) string { return b.prefix + TagPath(tag) }

// authorPath is the path of the author name's page in b's language.
func (b *builder) authorPath(name string) string { return b.prefix + AuthorPath(name) }

// translationOf returns the path of a's version in the language tag,
// or "" when it has none that readers see.
func (b *builder) translationOf(a *article.Article, tag string) string {
	if a.Lang == tag {
		return b.articlePath(a.Slug)
	}
	for _, t := range b.lib.Translations(a) {
		if t.Lang == tag && (t.Published(b.now) || b.dev) {
			return b.lib.Settings().Prefix(tag) + ArticlePath(t.Slug)
		}
	}
	return ""
}

// articleAlternates are the language switcher and the hreflang
// alternates of a's page.
func (b *builder) articleAlternates(a *article.Article) ([]templates.Translation, []templates.Alternate) {
	return b.alternates(func(tag string) string { return b.translationOf(a, tag) })
}

// alternates are the language switcher and the hreflang alternates of
// a page whose version in each language is at pathIn(tag), "" when it
// has none. The switcher leads to each language's version, or to that
// language's home page, saying so; the alternates name only versions
// that exist, the main language's as x-default, and none when the page
// is in one language only. A site of one language has neither.
func (b *builder) alternates(pathIn func(tag string) string) ([]templates.Translation, []templates.Alternate) {
	s := b.lib.Settings()
	if !s.Multilingual() {
		return nil, nil
	}
	var sw []templates.Translation
	var alt []templates.Alternate
	for _, tag := range s.Tags() {
		t := templates.Translation{Lang: tag, Name: b.languageNames[tag], Current: tag == b.lang, URL: pathIn(tag)}
		if t.URL == "" {
			t.URL, t.Missing = s.Prefix(tag)+HomePath, true
		} else {
			alt = append(alt, templates.Alternate{Lang: tag, URL: b.base + t.URL})
		}
		sw = append(sw, t)
	}
	if len(alt) < 2 {
		return sw, nil
	}
	if alt[0].Lang == s.Language {
		alt = append(alt, templates.Alternate{Lang: "x-default", URL: alt[0].URL})
	}
	return sw, alt
}

// samePage returns, for a page at path of b's language that every
// language may have (a list, a topic, an author, a standalone page),
// its path in each language where that language has it.
func (b *builder) samePage(path string, has map[string]bool) func(tag string) string {
	rest := strings.TrimPrefix(path, b.prefix)
	return func(tag string) string {
		p := b.lib.Settings().Prefix(tag) + rest
		if has[p] {
			return p
		}
		return ""
	}
}

// languagePaths are the paths of the pages that every language may
// have, of every language: known before any is rendered, so that each
// page's switcher can say whether a language has it.
func languagePaths(b *builder) map[string]bool {
	has := map[string]bool{}
	s := b.lib.Settings()
	for _, tag := range s.Tags() {
		prefix := s.Prefix(tag)
		for _, p := range []string{HomePath, TagsPath, AuthorsPath, FeedPath, AtomPath, JSONFeedPath} {
			has[prefix+p] = true
		}
		articles := b.lib.PublishedIn(tag, b.now, b.dev)
		if b.dev {
			articles = b.lib.ArticlesIn(tag)
		}
		for n := 2; (n-1)*PerPage < len(articles); n++ {
			has[pagedPath(prefix+HomePath, n)] = true
		}
		for _, a := range articles {
			for _, t := range a.Tags {
				has[prefix+TagPath(t)] = true
			}
			for _, name := range a.Authors {
				has[prefix+AuthorPath(name)] = true
			}
			if r := b.lib.Reviewer(a.ReviewedBy); a.ReviewedBy != "" && r != nil {
				has[prefix+AuthorPath(r.Name)] = true
			}
		}
		for _, pg := range b.lib.PagesIn(tag) {
			has[prefix+PagePath(pg.Slug)] = true
		}
	}
	return has
}

// withAlternates gives each of urls, pages of b's language, its
// versions in the other languages, for the sitemap.
func (b *builder) withAlternates(urls []SitemapURL) []SitemapURL {
	if !b.lib.Settings().Multilingual() {
		return urls
	}
	for i, u := range urls {
		if slug, ok := strings.CutPrefix(strings.TrimPrefix(u.Path, b.prefix), paths.Articles); ok {
			if a := b.lib.ArticleIn(b.lang, strings.TrimSuffix(slug, "/")); a != nil {
				_, urls[i].Alternates = b.articleAlternates(a)
				continue
			}
		}
		_, urls[i].Alternates = b.alternates(b.samePage(u.Path, b.has))
	}
	return urls
}

// translationData is the linked data of a's other versions: the
// original it translates, or its translations, where readers see them.
func (b *builder) translationData(a *article.Article) (of *ldWork, translations []ldWork) {
	s := b.lib.Settings()
	for _, t := range b.lib.Translations(a) {
		if !t.Published(b.now) && !b.dev {
			continue
		}
		w := ldWork{Type: "MedicalWebPage", URL: b.base + s.Prefix(t.Lang) + ArticlePath(t.Slug), InLanguage: t.Lang, Name: t.Title}
		if a.Lang != s.Language && t.Lang == s.Language {
			of = &w
		} else if a.Lang == s.Language {
			translations = append(translations, w)
		}
	}
	return of, translations
}

// ldWork is another version of an article, for translationOfWork and
// workTranslation.
type ldWork struct {
	Type       string `json:"@type"`
	Name       string `json:"name"`
	URL        string `json:"url"`
	InLanguage string `json:"inLanguage"`
}

// ownName is the name of the language tag in itself: its catalogue's
// for a language with one, CLDR's otherwise.
func ownName(tag string) string {
	if l, _ := i18n.New(tag, nil); l.Builtin() {
		return l.Text("language_name")
	}
	return article.LanguageName(tag)
}
