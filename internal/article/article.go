// Package article reads a folder of Markdown articles with front matter
// into an immutable Library, reporting every problem of every file at
// once, each placed at its line and column with the fix.
package article

import (
	"maps"
	"slices"
	"time"

	"healthsite/internal/markdown"
)

// WordsPerMinute is the reading speed behind reading times: a common
// figure for adults reading non-fiction on screen.
const WordsPerMinute = 200

// Article is one published or publishable article. It is never modified
// once loaded; share it freely.
type Article struct {
	Path        string    // the source file, as in error messages
	Slug        string    // URL name: /articles/{Slug}/
	Title       string    // plain text
	Authors     []string  // at least one
	Date        time.Time // first publication; in the future means scheduled
	Updated     time.Time // last change to the text; zero when not given
	Summary     string    // plain text teaser
	Description string    // meta description; Summary when not given
	Tags        []string  // as written, duplicates removed
	Draft       bool      // drafts are shown only in development
	Image       string    // a lead image as written: a URL, or a path in the content folder
	ImageAlt    string    // alternative text of Image
	LeadImage   *Image    // Image when it is in the content folder; nil otherwise
	ReviewedBy  string    // clinical reviewer with credentials
	Reviewed    time.Time // last clinical review; zero when never
	NextReview  time.Time // next review due; zero when not given
	Sources     []Source  // what the article rests on
	// Lang is the tag of the article's language: its folder's,
	// content/<tag>/, or the site's main language.
	Lang string
	// TranslationOf is the slug of the article in the main language
	// that this one translates: translation_of:, or the original's
	// when the file has its name; "" for an original.
	TranslationOf string
	// Aliases are the old addresses of the article, such as those of a
	// site it was imported from, which lead to it with a 301.
	Aliases []string

	HTML     string             // the rendered body: safe HTML
	Headings []markdown.Heading // the body's section headings
	Text     string             // plain text of the body
	Words    int                // words in Text
	Reading  Reading            // how hard it is to read, when Options.Plain measured it

	ids   []string // ids in HTML, for checking links to #fragments
	links []linkAt // links in the body, for checking where they lead

	// What checking links needs of a file with errors, which is never
	// published but is still linked to, and links to others.
	rendered  bool     // the body was rendered: ids and links are known
	slugKnown bool     // the front matter was read: Slug is the address
	aliases   []string // other addresses it may have when !slugKnown

	// Where translation_of is written, or the front matter's first
	// line: where problems with the translation are reported.
	translationLine, translationCol int
}

// linkAt is a link in an article's body and where it is written.
type linkAt struct {
	dest      string
	line, col int
}

// Source is a reference an article rests on.
type Source struct {
	Title     string
	URL       string
	Publisher string
	Year      int
	DOI       string
	PMID      string
}

// ReadingTime is the time to read the article in whole minutes, at least 1.
func (a *Article) ReadingTime() int {
	return max(1, (a.Words+WordsPerMinute-1)/WordsPerMinute)
}

// Published reports whether readers may see the article at now: it is
// not a draft and its date has come.
func (a *Article) Published(now time.Time) bool {
	return !a.Draft && !a.Date.After(now)
}

// Modified is the last time the article changed: Updated, or Date.
func (a *Article) Modified() time.Time {
	if a.Updated.After(a.Date) {
		return a.Updated
	}
	return a.Date
}

// Library is a loaded version of the content: the site settings and
// every article, newest first. It is immutable.
type Library struct {
	settings Settings
	images   []*Image            // every image in the content folder, by path
	articles []*Article          // every language's
	bySlug   map[string]*Article // by language and slug (langSlug)
	// The translations of each article of the main language, by its
	// slug, in the order of the site's languages.
	translations map[string][]*Article
	pages        []*Page             // standalone pages, in footer order
	profiles     map[string]*Profile // authors and reviewers, by personKey
	warnings     []*Error
	synonyms     Synonyms
}

// libraryParts are what a Library is made of: every field of Library
// but those newLibrary derives from the others.
type libraryParts struct {
	settings Settings
	images   []*Image
	articles []*Article // each at an address of its own
	pages    []*Page
	profiles map[string]*Profile
	warnings []*Error
	synonyms Synonyms // read only, so shared
}

// newLibrary makes a Library of p, whose slices and maps it copies, so
// that changing p later leaves the Library as it was. It is the one
// place a Library is made, by Load, Check and LoadPartial alike, so
// that a field added to Library is set here or nowhere (see
// TestNewLibrary_EveryField).
func newLibrary(p libraryParts) *Library {
	l := &Library{
		settings:     p.settings,
		images:       slices.Clone(p.images),
		articles:     slices.Clone(p.articles),
		bySlug:       make(map[string]*Article, len(p.articles)),
		translations: map[string][]*Article{},
		pages:        slices.Clone(p.pages),
		profiles:     maps.Clone(p.profiles),
		warnings:     slices.Clone(p.warnings),
		synonyms:     p.synonyms,
	}
	if l.profiles == nil {
		l.profiles = map[string]*Profile{}
	}
	slices.SortFunc(l.articles, newestFirst)
	sortPages(l.pages)
	for _, a := range l.articles {
		l.bySlug[langSlug(a.Lang, a.Slug)] = a
	}
	for _, tag := range l.settings.Tags()[1:] {
		for _, a := range l.articles {
			if a.Lang == tag && a.TranslationOf != "" && l.bySlug[langSlug(l.settings.Language, a.TranslationOf)] != nil {
				l.translations[a.TranslationOf] = append(l.translations[a.TranslationOf], a)
			}
		}
	}
	return l
}

// langSlug is the key of the article of language tag at slug.
func langSlug(tag, slug string) string { return tag + "/" + slug }

// parts returns what l is made of, for newLibrary; the slices and maps
// are l's own, to be copied, not changed.
func (l *Library) parts() libraryParts {
	return libraryParts{
		settings: l.settings,
		images:   l.images,
		articles: l.articles,
		pages:    l.pages,
		profiles: l.profiles,
		warnings: l.warnings,
		synonyms: l.synonyms,
	}
}

// Synonyms returns the groups of words search treats as the same, for
// the site's language: the built-in medical synonyms and abbreviations,
// with content/synonyms.yaml's added. The map is the caller's.
func (l *Library) Synonyms() map[string][]string { return l.synonyms.For(l.settings.Language) }

// SynonymsIn returns the groups of words search treats as the same in
// the language tag, as Synonyms.
func (l *Library) SynonymsIn(tag string) map[string][]string { return l.synonyms.For(tag) }

// Settings returns the site-wide settings.
func (l *Library) Settings() Settings { return l.settings }

// Articles returns every article of the main language, drafts and
// scheduled ones included, newest first. The slice is the caller's; the
// articles are shared.
func (l *Library) Articles() []*Article { return l.ArticlesIn(l.settings.Language) }

// ArticlesIn returns every article of the language tag, as Articles.
func (l *Library) ArticlesIn(tag string) []*Article {
	var out []*Article
	for _, a := range l.articles {
		if a.Lang == tag {
			out = append(out, a)
		}
	}
	return out
}

// AllArticles returns the articles of every language, newest first.
func (l *Library) AllArticles() []*Article { return slices.Clone(l.articles) }

// Article returns the article of the main language with the given
// slug, or nil.
func (l *Library) Article(slug string) *Article { return l.ArticleIn(l.settings.Language, slug) }

// ArticleIn returns the article of the language tag with the given
// slug, or nil.
func (l *Library) ArticleIn(tag, slug string) *Article { return l.bySlug[langSlug(tag, slug)] }

// Translations returns the other versions of a: for an original, its
// translations; for a translation, its original and the other
// translations; in the order of the site's languages. The slice is the
// caller's.
func (l *Library) Translations(a *Article) []*Article {
	main := l.settings.Language
	if a.Lang == main {
		return slices.Clone(l.translations[a.Slug])
	}
	o := l.ArticleIn(main, a.TranslationOf)
	if o == nil {
		return nil
	}
	out := []*Article{o}
	for _, t := range l.translations[o.Slug] {
		if t != a {
			out = append(out, t)
		}
	}
	return out
}

// Published returns the articles of the main language readers may see
// at now, newest first; with drafts set, drafts are included too
// (development preview).
func (l *Library) Published(now time.Time, drafts bool) []*Article {
	return l.PublishedIn(l.settings.Language, now, drafts)
}

// PublishedIn returns the articles of the language tag readers may see
// at now, as Published.
func (l *Library) PublishedIn(tag string, now time.Time, drafts bool) []*Article {
	var out []*Article
	for _, a := range l.articles {
		if a.Lang == tag && (a.Published(now) || drafts && a.Draft && !a.Date.After(now)) {
			out = append(out, a)
		}
	}
	return out
}

// Images returns every image of the content folder, sorted by path.
func (l *Library) Images() []*Image { return slices.Clone(l.images) }

// Warnings returns the problems that did not stop the load, sorted by
// file and line.
func (l *Library) Warnings() []*Error { return slices.Clone(l.warnings) }
