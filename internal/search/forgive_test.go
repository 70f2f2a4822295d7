package search

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"healthsite/content"
	"healthsite/internal/article"
)

// shippedDocs are the articles the binary ships with, and their
// synonyms, the built-in ones.
var shippedDocs = sync.OnceValues(func() ([]Doc, map[string][]string) {
	lib, err := article.Load(content.FS, article.Options{})
	if err != nil {
		panic(err)
	}
	var docs []Doc
	for _, a := range lib.Articles() {
		docs = append(docs, Doc{ID: a.Slug, Title: a.Title, Summary: a.Summary, Body: a.Text, Tags: a.Tags, Authors: a.Authors, Date: a.Date})
	}
	return docs, lib.Synonyms()
})

func shippedIndex(t *testing.T) *Index {
	t.Helper()
	docs, syn := shippedDocs()
	ix, err := Build(docs, Options{Synonyms: syn})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestSearch_ForgivesOnShippedContent searches the shipped articles the
// way readers typed: misspelt, cut short, abbreviated, or in another
// form of the word. Each finds the articles that have what was meant,
// marks it in the snippet, and a word no article has gets a "did you
// mean" with the word the articles use.
func TestSearch_ForgivesOnShippedContent(t *testing.T) {
	ix := shippedIndex(t)
	for _, tc := range []struct {
		q          string
		mark       string // a marked word in some snippet, lower case
		suggestion string // "" means none
	}{
		{"myofacial", "myofascial", "myofascial"},
		{"myofasical", "myofascial", "myofascial"},
		{"fasia", "fascia", "fascia"},
		{"strech", "stretch", "stretch"},
		{"fasc", "fascia", "fascia"},
		{"physio", "physiotherapist", ""},        // a synonym
		{"physiotherapy", "physiotherapist", ""}, // another in its group
		{"DVT", "thrombosis", ""},                // an abbreviation for a phrase
		{"dvt", "vein", ""},                      //
		{"myofacial release", "release", "myofascial release"},
		{"MFR", "mfr", ""}, // the articles use the abbreviation too
	} {
		t.Run(tc.q, func(t *testing.T) {
			r := mustSearch(t, ix, tc.q, 1, 10)
			if r.Total == 0 {
				t.Fatalf("Search(%q) finds nothing", tc.q)
			}
			if r.Suggestion != tc.suggestion {
				t.Errorf("Search(%q): suggestion %q, want %q", tc.q, r.Suggestion, tc.suggestion)
			}
			marked := false
			for _, x := range r.Results {
				for _, g := range x.Snippet {
					if g.Mark && strings.EqualFold(strings.Trim(g.Text, ".,;:!?()“”\"'"), tc.mark) {
						marked = true
					}
				}
			}
			if !marked {
				var s []string
				for _, x := range r.Results {
					s = append(s, snippetText(x.Snippet))
				}
				t.Errorf("Search(%q): no snippet marks %q:\n%s", tc.q, tc.mark, strings.Join(s, "\n"))
			}
		})
	}
}

// TestSearch_SynonymsBothWays checks that a group finds each of its
// members, phrases included, and that a phrase in a query is taken
// whole.
func TestSearch_SynonymsBothWays(t *testing.T) {
	ix := mustBuildWith(t, Options{Synonyms: map[string][]string{
		"DVT": {"deep vein thrombosis"}, "physio": {"physiotherapy", "physiotherapist"},
	}}, []Doc{
		{ID: "abbr", Title: "After surgery", Body: "Ask about DVT before a long flight.", Date: day(1)},
		{ID: "words", Title: "Long flights", Body: "A deep vein thrombosis is a clot.", Date: day(2)},
		{ID: "deep", Title: "Deep breathing", Body: "Breathe deep into the belly; a vein shows.", Date: day(3)},
		{ID: "physio", Title: "Seeing a physiotherapist", Body: "What to expect.", Date: day(4)},
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"dvt", []string{"words", "abbr"}},
		{"deep vein thrombosis", []string{"words", "abbr"}},
		{"physiotherapy", []string{"physio"}},
		{"physio", []string{"physio"}},
		{"deep", []string{"deep", "words"}}, // a word of a phrase alone is only itself
	} {
		got := ids(mustSearch(t, ix, tc.q, 1, 10))
		slices.Sort(got)
		want := slices.Sorted(slices.Values(tc.want))
		if !slices.Equal(got, want) {
			t.Errorf("Search(%q) = %v, want %v", tc.q, got, want)
		}
	}
}

// TestSearch_ExactMatchesAreNotWidened checks that a word some article
// has finds only the articles that have it, first and alone, and that
// only a word no article has reaches for close ones.
func TestSearch_ExactMatchesAreNotWidened(t *testing.T) {
	ix := mustBuild(t, []Doc{
		{ID: "stretch", Title: "Morning routine", Body: "Stretch gently.", Date: day(1)},
		{ID: "strength", Title: "Strength work", Body: "Lift, then rest. Stretchy bands help.", Date: day(5)},
		{ID: "pains", Title: "Pains", Body: "Pain in the back.", Date: day(3)},
		{ID: "paint", Title: "Painting", Body: "Paint the fence; it gains a colour.", Date: day(4)},
	})
	for _, tc := range []struct {
		q          string
		want       []string
		suggestion string
		widened    bool
	}{
		{"stretch", []string{"stretch"}, "", false},
		{"pain", []string{"pains"}, "", false},
		{"paint", []string{"paint"}, "", false},
		// Not in any article: the close words, and the likeliest one.
		{"strech", []string{"stretch"}, "stretch", true},
		{"stre", []string{"strength", "stretch"}, "stretch", true}, // the title counts most; the shortest word it begins is suggested
		{"xyzzy", []string{}, "", true},
		// A word the articles have next to one they lack: no article
		// has both, so either.
		{"strech rest", []string{"strength", "stretch"}, "stretch rest", true},
	} {
		r := mustSearch(t, ix, tc.q, 1, 10)
		if got := ids(r); len(got) != len(tc.want) || len(got) > 0 && !slices.Equal(got, tc.want) {
			t.Errorf("Search(%q) = %v, want %v", tc.q, got, tc.want)
		}
		if r.Suggestion != tc.suggestion || r.Widened != tc.widened {
			t.Errorf("Search(%q): suggestion %q, widened %v; want %q, %v", tc.q, r.Suggestion, r.Widened, tc.suggestion, tc.widened)
		}
	}
}

func mustBuildWith(t testing.TB, opts Options, docs []Doc) *Index {
	t.Helper()
	ix, err := Build(docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestSnippet_MarksOnlyWhatMatched pins what a snippet highlights and
// how it reads: a word close to the one typed is marked only if it is
// as close as the best ("fasc" begins "fascia", so "fast", one letter
// off, is not marked); a synonym phrase only where its words follow
// each other; never a single letter; and a heading is set off from the
// paragraph under it by " — " instead of running into it.
func TestSnippet_MarksOnlyWhatMatched(t *testing.T) {
	ix, err := Build([]Doc{
		{ID: "fascia", Title: "Fascia", Body: "Fascia is slow to change; fast strokes do little."},
		{ID: "physio", Title: "Physio", Body: "Physical therapy helps. A therapist is kind. Therapy is physical work."},
		{ID: "letters", Title: "Vitamins", Body: "Vitamin E, e.g. in oils, and vitamin D."},
		{ID: "heading", Title: "Heading", Body: "Intro.\n\nChoosing a therapist\n\nWant to pick one? Ask.\n\nDirection\n\nInto the barrier"},
	}, Options{Synonyms: map[string][]string{"physio": {"physical therapy"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ q, id, want string }{
		{"fasc", "fascia", "[Fascia] is slow to change; fast strokes do little."},
		{"physio", "physio", "[Physical] [therapy] helps. A therapist is kind. Therapy is physical work."},
		{"vitamin e", "letters", "[Vitamin] E, e.g. in oils, and [vitamin] D."},
		{"therapist", "heading", "Intro. Choosing a [therapist] — Want to pick one? Ask. Direction — Into the barrier"},
	} {
		r := mustSearch(t, ix, tc.q, 1, 10)
		i := slices.IndexFunc(r.Results, func(x Result) bool { return x.ID == tc.id })
		if i < 0 {
			t.Errorf("Search(%q): %s not found in %v", tc.q, tc.id, ids(r))
			continue
		}
		if got := snippetText(r.Results[i].Snippet); got != tc.want {
			t.Errorf("Search(%q) snippet of %s:\n got %s\nwant %s", tc.q, tc.id, got, tc.want)
		}
	}
}
