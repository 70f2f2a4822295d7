package site

import (
	"fmt"
	"strconv"
	"time"

	"healthsite/internal/article"
	"healthsite/internal/paths"
	"healthsite/templates"
)

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
	return root + paths.Paged + strconv.Itoa(n) + "/"
}

// pageCount is the number of pages of a list of n articles: one at
// least, for the message that there are none.
func pageCount(n int) int { return max(1, (n+PerPage-1)/PerPage) }

// listPaths are the pages of a list of n articles at root, as list
// lays them out, and the address of its page 1, which leads to root.
func listPaths(root string, n int) []string {
	out := []string{root + paths.Paged + "1/"}
	for i := range pageCount(n) {
		out = append(out, pagedPath(root, i+1))
	}
	return out
}

// list lays out articles at root, PerPage a page: root, then
// root/page/2/... The first page of a list is the canonical one.
func (b *builder) list(root, heading, intro, empty string, articles []*article.Article) listPage {
	pages := pageCount(len(articles))
	b.site.redirects[root+paths.Paged+"1/"] = root
	var out []listPage
	for n := 1; n <= pages; n++ {
		chunk := articles[min((n-1)*PerPage, len(articles)):min(n*PerPage, len(articles))]
		l := listPage{path: pagedPath(root, n)}
		l.ListPage = templates.ListPage{Heading: heading, Intro: intro, Empty: empty, Page: n, Pages: pages}
		title := heading
		if root == b.at(HomePath) && n == 1 {
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
			l.Teasers = append(l.Teasers, b.teasers[a.Slug])
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
