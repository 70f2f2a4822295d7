package site

import (
	"healthsite/internal/article"
)

// relatedIndex picks the related articles of every article of a site
// without comparing each article with every other: it keeps, for each
// tag, the articles that carry it, newest first, and walks only the
// lists of the article's own tags, and stops as soon as no article
// still to come could be chosen. At 10,000 articles the comparison of
// every pair took minutes; this takes milliseconds, even when one tag
// is on every article (BenchmarkRelated).
type relatedIndex struct {
	published []*article.Article       // newest first
	rank      map[*article.Article]int // position in published
	tags      [][]string               // each published article's distinct tag slugs
	byTag     map[string][]int         // tag slug → ranks of its articles, ascending
}

func newRelatedIndex(published []*article.Article) *relatedIndex {
	x := &relatedIndex{
		published: published,
		rank:      make(map[*article.Article]int, len(published)),
		tags:      make([][]string, len(published)),
		byTag:     map[string][]int{},
	}
	for i, a := range published {
		x.rank[a] = i
		x.tags[i] = tagSlugs(a)
		for _, t := range x.tags[i] {
			x.byTag[t] = append(x.byTag[t], i)
		}
	}
	return x
}

// tagSlugs returns the distinct slugs of a's tags, in order.
func tagSlugs(a *article.Article) []string {
	out := make([]string, 0, len(a.Tags))
	for _, t := range a.Tags {
		s := NameSlug(t)
		dup := false
		for _, o := range out {
			dup = dup || o == s
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}

// related picks up to n articles other than a that share a tag with
// it: those sharing the most tags first, then the newest. An article
// that shares no tag is never chosen, however few the others: a reader
// of an article on knee pain is not helped by the newest one on sleep,
// and the page then leaves its related section out.
func (x *relatedIndex) related(a *article.Article, n int) []*article.Article {
	if n <= 0 {
		return nil
	}
	self, ok := x.rank[a]
	var mine []string
	if ok {
		mine = x.tags[self]
	} else {
		self = -1
		mine = tagSlugs(a)
	}
	// Merge the tag lists in rank order: an article's score is the
	// number of lists it heads at once. best[s] keeps the first n
	// articles of score s, which are the newest of that score.
	lists := make([][]int, 0, len(mine))
	for _, t := range mine {
		if l := x.byTag[t]; len(l) > 0 {
			lists = append(lists, l)
		}
	}
	best := make([][]int, len(lists)+1)
	for {
		next := -1
		for _, l := range lists {
			if len(l) > 0 && (next < 0 || l[0] < next) {
				next = l[0]
			}
		}
		if next < 0 {
			break
		}
		score := 0
		for i, l := range lists {
			if len(l) > 0 && l[0] == next {
				lists[i] = l[1:]
				score++
			}
		}
		if next != self && len(best[score]) < n {
			best[score] = append(best[score], next)
		}
		// Articles still to come are older, and can share at most one
		// tag for each list not yet exhausted: once n articles found
		// share that many or more, none of the rest can be chosen.
		bound := 0
		for _, l := range lists {
			if len(l) > 1 || len(l) == 1 && l[0] != self {
				bound++
			}
		}
		found := 0
		for s := max(bound, 1); s < len(best); s++ {
			found += len(best[s])
		}
		if found >= n {
			break
		}
	}
	out := make([]*article.Article, 0, n)
	for s := len(best) - 1; s >= 1 && len(out) < n; s-- {
		for _, r := range best[s] {
			if len(out) == n {
				break
			}
			out = append(out, x.published[r])
		}
	}
	return out
}
