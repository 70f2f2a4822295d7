package site

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"healthsite/internal/article"
	"healthsite/templates"
)

// PagePath is the path of a standalone page, such as /about/.
func PagePath(slug string) string { return "/" + slug + "/" }

// footerLinks are the standalone pages of lib as every page's footer
// links them, in the pages' footer order.
func footerLinks(lib *article.Library, tag string) []templates.Link {
	var out []templates.Link
	prefix := lib.Settings().Prefix(tag)
	for _, p := range lib.PagesIn(tag) {
		out = append(out, templates.Link{Name: p.Title, URL: prefix + PagePath(p.Slug)})
	}
	return out
}

// standalonePaths are the pages standalonePages renders.
func (b *builder) standalonePaths() []string {
	var out []string
	for _, pg := range b.lib.PagesIn(b.lang) {
		out = append(out, PagePath(pg.Slug))
	}
	return out
}

// standalonePages renders the standalone pages and returns their
// sitemap entries. They carry no dates, so the sitemap gives none.
func (b *builder) standalonePages() []SitemapURL {
	var out []SitemapURL
	for _, pg := range b.lib.PagesIn(b.lang) {
		path := b.at(PagePath(pg.Slug))
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

// person is the linked data of the person name, with what their
// profile (nil when none) says of them; full adds the bio and photo,
// for their own page.
func (b *builder) person(name string, p *article.Profile, full bool) ldPerson {
	d := ldPerson{Type: "Person", Name: name, URL: b.base + b.authorPath(name)}
	if p == nil {
		return d
	}
	d.HonorificSuffix, d.JobTitle = p.Credentials, p.Role
	if full {
		d.Description = p.Bio
		if p.Photo != nil {
			d.Image = b.base + p.Photo.URL
		}
	}
	return d
}

// ldProfilePage is the linked data of a person's page.
type ldProfilePage struct {
	Context    string   `json:"@context"`
	Type       string   `json:"@type"`
	URL        string   `json:"url"`
	MainEntity ldPerson `json:"mainEntity"`
}

// reviewed returns the published articles each person with a profile
// reviewed.
func (b *builder) reviewed() map[*article.Profile][]*article.Article {
	reviewed := map[*article.Profile][]*article.Article{}
	for _, a := range b.published {
		if r := b.lib.Reviewer(a.ReviewedBy); r != nil && a.ReviewedBy != "" {
			reviewed[r] = append(reviewed[r], a)
		}
	}
	return reviewed
}

// reviewersAlone returns the people with a profile who reviewed some of
// the published articles but wrote none, in the profiles' order: each
// has a page of their own among the authors', with no list of articles.
func (b *builder) reviewersAlone(reviewed map[*article.Profile][]*article.Article) []*article.Profile {
	wrote := map[*article.Profile]bool{} // the profiles whose page is an author's
	for _, g := range groupBy(b.published, func(a *article.Article) []string { return a.Authors }) {
		if p := b.lib.Profile(g.name); p != nil {
			wrote[p] = true
		}
	}
	var out []*article.Profile
	for _, p := range b.lib.Profiles() {
		if !wrote[p] && len(reviewed[p]) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// profilePaths are the pages profilePages adds: those of the reviewers
// who wrote nothing, and the addresses of their page 1. (An author's
// profile replaces a page the author kind lists.)
func (b *builder) profilePaths() []string {
	var out []string
	for _, p := range b.reviewersAlone(b.reviewed()) {
		out = append(out, listPaths(AuthorPath(p.Name), 0)...)
	}
	return out
}

// profilePages renders the page of every author and reviewer with a
// profile: an author's replaces the first page of their list of
// articles, and a reviewer who wrote none gets a page of their own,
// which it returns for the sitemap. A reviewer without a profile has
// no page: the articles name them, but nothing says who they are.
func (b *builder) profilePages() []SitemapURL {
	reviewed := b.reviewed()
	var sitemap []SitemapURL
	var entries []templates.Entry // the list of authors, reviewers who wrote nothing added
	var jobs []renderJob
	for _, g := range groupBy(b.published, func(a *article.Article) []string { return a.Authors }) {
		entries = append(entries, templates.Entry{Link: templates.Link{Name: g.name, URL: b.at(AuthorsPath) + g.slug + "/"}, Count: len(g.articles)})
		p := b.lib.Profile(g.name)
		if p == nil {
			continue
		}
		l := b.list(b.at(AuthorsPath)+g.slug+"/", b.titled("articles_by", "Name")(g.name), "", "", g.articles)
		jobs = append(jobs, renderJob{l.path, templates.Author(b.authorPage(l, p, reviewed[p]))})
	}
	b.renderAll(jobs)
	for _, p := range b.reviewersAlone(reviewed) {
		path := b.authorPath(p.Name)
		l := b.list(path, b.titled("articles_by", "Name")(p.Name), "", "", nil) // none: the reviewed list stands alone
		b.render(path, templates.Author(b.authorPage(l, p, reviewed[p])))
		var last time.Time
		for _, a := range reviewed[p] {
			if m := a.Modified(); m.After(last) {
				last = m
			}
		}
		sitemap = append(sitemap, SitemapURL{Path: path, LastMod: last})
		entries = append(entries, templates.Entry{Link: templates.Link{Name: p.Name, URL: path}, Reviewed: len(reviewed[p])})
	}
	if len(sitemap) > 0 {
		// Readers find reviewers where they find authors.
		slices.SortStableFunc(entries, func(a, b templates.Entry) int { return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
		idx := templates.IndexPage{Head: b.head(b.tr.Text("authors"), "", b.at(AuthorsPath)), Heading: b.tr.Text("authors"), Entries: entries}
		b.render(b.at(AuthorsPath), templates.Index(idx))
	}
	return sitemap
}

// authorPage is the page of the person of p, with the first page l of
// the articles they wrote and every article they reviewed.
func (b *builder) authorPage(l listPage, p *article.Profile, reviewed []*article.Article) templates.AuthorPage {
	page := templates.AuthorPage{
		ListPage:        l.ListPage,
		Name:            p.Name,
		Credentials:     p.Credentials,
		Role:            p.Role,
		Bio:             p.BioHTML,
		ReviewedHeading: b.titled("articles_reviewed_by", "Name")(p.Name),
	}
	page.Head.Title = p.Name
	page.Head.Description = cmp.Or(summaryOf(p.Bio), page.Head.Description)
	if p.Photo != nil {
		page.Photo = &templates.Picture{URL: p.Photo.URL, Alt: p.PhotoAlt, Width: p.Photo.Width, Height: p.Photo.Height}
		page.Head.ImageURL, page.Head.ImageAlt = b.base+p.Photo.URL, p.PhotoAlt
	}
	page.Head.Type = "profile"
	page.Head.LinkedData = &ldProfilePage{Context: "https://schema.org", Type: "ProfilePage", URL: b.base + l.path, MainEntity: b.person(p.Name, p, true)}
	for _, a := range reviewed {
		page.Reviewed = append(page.Reviewed, templates.Link{Name: a.Title, URL: b.articlePath(a.Slug)})
	}
	return page
}

// summaryOf is the first sentence or so of a bio, for the page's
// description: search engines show about 160 characters.
func summaryOf(bio string) string {
	bio = strings.Join(strings.Fields(bio), " ")
	if len(bio) <= 160 {
		return bio
	}
	cut := strings.LastIndexByte(bio[:157], ' ')
	if cut < 0 {
		cut = 157
	}
	return bio[:cut] + "…"
}
