package site

import (
	"healthsite/internal/article"
	"healthsite/templates"
)

// PagePath is the path of a standalone page, such as /about/.
func PagePath(slug string) string { return "/" + slug + "/" }

// footerLinks are the standalone pages of lib as every page's footer
// links them, in the pages' footer order.
func footerLinks(lib *article.Library) []templates.Link {
	var out []templates.Link
	for _, p := range lib.Pages() {
		out = append(out, templates.Link{Name: p.Title, URL: PagePath(p.Slug)})
	}
	return out
}

// standalonePages renders the standalone pages of lib and returns their
// sitemap entries. They carry no dates, so the sitemap gives none.
func (b *builder) standalonePages(lib *article.Library) []SitemapURL {
	var out []SitemapURL
	for _, pg := range lib.Pages() {
		path := PagePath(pg.Slug)
		b.render(path, templates.Standalone(templates.StandalonePage{
			Head:    b.head(pg.Title, pg.Description, path),
			Title:   pg.Title,
			Summary: pg.Summary,
			Body:    pg.HTML,
		}))
		out = append(out, SitemapURL{Path: path})
	}
	return out
}
