package site

import (
	"fmt"
	"strings"

	"healthsite/templates"
)

// errorPages are one language's 404 and 500 pages.
type errorPages struct {
	notFound    *Page
	serverError *Page
	// The 404 page's view, for NotFoundPage to add the articles of
	// this language a missing page's address nearly names.
	notFoundView templates.ErrorPage
	suggest      *suggester
}

// NotFound is the 404 page of the main language.
func (s *Site) NotFound() *Page { return s.errorPages[""].notFound }

// ServerError is the 500 page of the main language. It shows no
// internals.
func (s *Site) ServerError() *Page { return s.errorPages[""].serverError }

// NotFoundAt is the 404 page for a missing page at path: in the
// language whose paths path starts with (/es/… is answered in Spanish),
// else the main language's.
func (s *Site) NotFoundAt(path string) *Page { return s.errorsAt(path).notFound }

// ServerErrorAt is the 500 page for a request of path, in path's
// language as NotFoundAt is.
func (s *Site) ServerErrorAt(path string) *Page { return s.errorsAt(path).serverError }

// LanguagePrefixes are the starts of the paths of each language: "" for
// the main language, then /es and the others in site.yaml's order.
func (s *Site) LanguagePrefixes() []string { return s.prefixes }

// LanguagePrefix returns the start of the paths of the language of
// path: /es for /es/articles/x/ (and for /es itself), "" for a path of
// the main language or of no language the site has.
func (s *Site) LanguagePrefix(path string) string {
	for _, p := range s.prefixes {
		if p != "" && (path == p || strings.HasPrefix(path, p+"/")) {
			return p
		}
	}
	return ""
}

// errorsAt are the error pages of path's language.
func (s *Site) errorsAt(path string) *errorPages { return s.errorPages[s.LanguagePrefix(path)] }

// errorPages renders the 404 and 500 pages of b's language, and keeps
// what a 404 page made per request (with the articles of the language
// its address nearly names) needs. They are the language's pages: its
// texts, direction, search form and switcher, which leads to each
// language's home page, a missing page having no translation.
func (b *builder) errorPages() {
	links := make([]templates.Link, len(b.published))
	slugs := make([]string, len(b.published))
	for i, a := range b.published {
		links[i], slugs[i] = templates.Link{Name: a.Title, URL: b.articlePath(a.Slug)}, a.Slug
	}
	ep := &errorPages{}
	var err error
	if ep.suggest, err = newSuggester(links, slugs, b.lang); err != nil {
		b.fail(fmt.Errorf("indexing the articles' addresses: %w", err))
	}
	notFound := b.head(b.tr.Text("not_found"), "", "")
	notFound.NoIndex = true
	notFound.Translations = b.homeLinks()
	ep.notFoundView = templates.ErrorPage{
		Head:    notFound,
		Heading: b.tr.Text("not_found"),
		Message: b.tr.Text("not_found_text"),
		Search:  true,
	}
	ep.notFound = b.page("", templates.Error(ep.notFoundView))
	failed := b.head(b.tr.Text("server_error"), "", "")
	failed.NoIndex = true
	failed.Translations = b.homeLinks()
	ep.serverError = b.page("", templates.Error(templates.ErrorPage{
		Head:    failed,
		Heading: b.tr.Text("server_error"),
		Message: b.tr.Text("server_error_text"),
	}))
	if b.previous != nil {
		if old := b.previous.errorPages[b.prefix]; old != nil {
			ep.notFound = keepVariants(ep.notFound, old.notFound)
			ep.serverError = keepVariants(ep.serverError, old.serverError)
		}
	}
	b.site.errorPages[b.prefix] = ep
}

// keepVariants returns p with the compressed variants of old, the same
// page of the version replaced, if its bytes did not change: a reload
// then compresses only what changed.
func keepVariants(p, old *Page) *Page {
	if old != nil && old.ETag == p.ETag && old.enc != nil {
		return p.withVariants(old.enc)
	}
	return p
}

// homeLinks are the language switcher of an error page: each
// language's home page, by the language's name. A missing page has no
// version in any language, so none is "this page", and none is marked
// as not translated either.
func (b *builder) homeLinks() []templates.Translation {
	sw, _ := b.alternates(func(string) string { return "" })
	for i := range sw {
		sw[i].Missing, sw[i].Current = false, false
	}
	return sw
}
