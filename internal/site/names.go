package site

import (
	"cmp"
	"slices"
	"strings"

	"healthsite/internal/article"
)

// NameSlug makes the URL name of a tag or an author. It is
// article.NameSlug, which the link checks use too, so that a link is
// checked against the very address its page has.
func NameSlug(name string) string { return article.NameSlug(name) }

// group is the articles of one tag or author.
type group struct {
	slug     string
	name     string // as first written, in the newest article
	articles []*article.Article
}

// groupBy groups published (newest first) by the names keys gives each
// article, such as its tags, sorted by name.
func groupBy(published []*article.Article, keys func(*article.Article) []string) []group {
	by := map[string]*group{}
	for _, a := range published {
		seen := map[string]bool{}
		for _, name := range keys(a) {
			slug := NameSlug(name)
			if seen[slug] {
				continue
			}
			seen[slug] = true
			g := by[slug]
			if g == nil {
				g = &group{slug: slug, name: name}
				by[slug] = g
			}
			g.articles = append(g.articles, a)
		}
	}
	out := make([]group, 0, len(by))
	for _, g := range by {
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b group) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.name), strings.ToLower(b.name)), cmp.Compare(a.slug, b.slug))
	})
	return out
}
