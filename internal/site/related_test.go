package site

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"healthsite/internal/article"
)

// relatedByComparison is the definition of related articles, written
// as plainly as possible: score every other article by the tags it
// shares with a, leave out those that share none, then take the
// highest scores, newest first.
func relatedByComparison(a *article.Article, published []*article.Article, n int) []string {
	mine := map[string]bool{}
	for _, t := range tagSlugs(a) {
		mine[t] = true
	}
	type scored struct {
		slug        string
		score, rank int
	}
	var cands []scored
	for i, o := range published {
		if o == a {
			continue
		}
		s := 0
		for _, t := range tagSlugs(o) {
			if mine[t] {
				s++
			}
		}
		if s > 0 {
			cands = append(cands, scored{o.Slug, s, i})
		}
	}
	slices.SortFunc(cands, func(x, y scored) int {
		return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.rank, y.rank))
	})
	var out []string
	for _, c := range cands[:min(n, len(cands))] {
		out = append(out, c.slug)
	}
	return out
}

// TestRelatedIndex_AgreesWithComparison checks the index against the
// plain definition on random libraries: few and many tags, repeated
// tags, tags differing only in case, articles without tags.
func TestRelatedIndex_AgreesWithComparison(t *testing.T) {
	names := []string{"neck", "Back", "back", "knee", "sleep", "stress", "posture", "hip"}
	for seed := range uint64(40) {
		r := rand.New(rand.NewPCG(seed, 1))
		n := 1 + r.IntN(60)
		lib := library(t, n, func(int) string {
			var tags []string
			for range r.IntN(5) {
				tags = append(tags, names[r.IntN(len(names))])
			}
			return strings.Join(tags, ", ")
		})
		published := lib.Published(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), false)
		x := newRelatedIndex(published)
		for _, a := range published {
			for _, want := range []int{0, 1, 3, 7} {
				var got []string
				for _, o := range x.related(a, want) {
					got = append(got, o.Slug)
				}
				if diff := gocmp.Diff(relatedByComparison(a, published, want), got); diff != "" {
					t.Fatalf("seed %d, %d articles, related(%s %v, %d) (-want +got):\n%s", seed, n, a.Slug, a.Tags, want, diff)
				}
			}
		}
	}
}

// BenchmarkRelated measures picking the related articles of every
// article, at two sizes: the cost per article should barely grow.
func BenchmarkRelated(b *testing.B) {
	topics := []string{"neck", "back", "knee", "sleep", "stress", "posture", "hip", "running", "walking", "breathing", "desk", "recovery", "headaches", "shoulder", "stretching"}
	for _, n := range []int{1000, 10000} {
		// Every article is about health too, and every tenth has a
		// topic of its own: the lists to merge are long, and for those
		// articles nothing shares every tag.
		lib := library(b, n, func(i int) string {
			if i%10 == 0 {
				return fmt.Sprintf("health, only-%d", i)
			}
			return fmt.Sprintf("health, %s, %s", topics[i%len(topics)], topics[(i*7+3)%len(topics)])
		})
		published := lib.Published(time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), false)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				x := newRelatedIndex(published)
				for _, a := range published {
					x.related(a, RelatedCount)
				}
			}
		})
	}
}
