package search

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func day(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }

func mustBuild(t testing.TB, docs []Doc) *Index {
	t.Helper()
	ix, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func mustSearch(t testing.TB, ix *Index, q string, page, perPage int) *Results {
	t.Helper()
	r, err := ix.Search(q, page, perPage)
	if err != nil {
		t.Fatalf("Search(%q, %d, %d): %v", q, page, perPage, err)
	}
	checkResults(t, ix, q, page, perPage, r)
	return r
}

func ids(r *Results) []string {
	var out []string
	for _, x := range r.Results {
		out = append(out, x.ID)
	}
	return out
}

// snippetText is a snippet as a reader sees it, with marked words in [].
func snippetText(s []Segment) string {
	var b strings.Builder
	for _, g := range s {
		if g.Mark {
			b.WriteString("[" + g.Text + "]")
		} else {
			b.WriteString(g.Text)
		}
	}
	return b.String()
}

// checkResults checks what must hold for any query: the caller relies
// on these to render pages without checks of its own.
func checkResults(t testing.TB, ix *Index, q string, page, perPage int, r *Results) {
	t.Helper()
	if r == nil {
		t.Fatalf("Search(%q): nil results", q)
	}
	if !utf8.ValidString(r.Query) || utf8.RuneCountInString(r.Query) > MaxQueryLength ||
		r.Query != strings.TrimSpace(r.Query) || strings.Contains(r.Query, "  ") {
		t.Errorf("Search(%q): Query %q not normalized", q, r.Query)
	}
	if normalize(r.Query) != r.Query {
		t.Errorf("Search(%q): normalize not idempotent: %q then %q", q, r.Query, normalize(r.Query))
	}
	if r.Suggestion != "" && (normalize(r.Suggestion) != r.Suggestion || r.Suggestion == r.Query) {
		t.Errorf("Search(%q): suggestion %q is not a new normalized query", q, r.Suggestion)
	}
	per := perPage
	if per < 1 {
		per = defaultPerPage
	}
	per = min(per, maxPerPage)
	if want := (r.Total + per - 1) / per; r.Pages != want || r.Total < 0 {
		t.Errorf("Search(%q): Total %d, Pages %d, want %d", q, r.Total, r.Pages, want)
	}
	if r.Total == 0 {
		if r.Page != 1 || len(r.Results) != 0 {
			t.Errorf("Search(%q): no match but Page %d, %d results", q, r.Page, len(r.Results))
		}
		return
	}
	if r.Page < 1 || r.Page > r.Pages {
		t.Errorf("Search(%q, %d): Page %d outside [1, %d]", q, page, r.Page, r.Pages)
	}
	if want := min(per, r.Total-(r.Page-1)*per); len(r.Results) != want {
		t.Errorf("Search(%q): %d results on page %d of %d, want %d", q, len(r.Results), r.Page, r.Pages, want)
	}
	seen := map[string]bool{}
	for i, x := range r.Results {
		if _, ok := ix.docs[x.ID]; !ok || seen[x.ID] {
			t.Errorf("Search(%q): unknown or repeated ID %q", q, x.ID)
		}
		seen[x.ID] = true
		if i > 0 && x.Score > r.Results[i-1].Score {
			t.Errorf("Search(%q): result %d scores %v above the one before", q, i, x.Score)
		}
		for _, g := range x.Snippet {
			if g.Text == "" || !utf8.ValidString(g.Text) || strings.ContainsAny(g.Text, "\n\r\t\x00") ||
				g.Mark && strings.ContainsFunc(g.Text, isSpace) {
				t.Errorf("Search(%q): bad snippet segment %+v of %q", q, g, x.ID)
			}
		}
	}
}

func TestStemming(t *testing.T) {
	ix := mustBuild(t, []Doc{
		{ID: "stretch", Title: "Morning routine", Body: "Gentle stretching before breakfast loosens the hips.", Date: day(1)},
		{ID: "massage", Title: "Massage for sore shoulders", Body: "Ask a therapist.", Date: day(2)},
		{ID: "sleep", Title: "Sleep", Body: "Sleeping well is hard with children.", Date: day(3)},
		{ID: "run", Title: "Running", Tags: []string{"knee pain"}, Authors: []string{"Ann Lee"}, Date: day(4)},
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"stretches", []string{"stretch"}},
		{"stretched", []string{"stretch"}},
		{"massages", []string{"massage"}},
		{"MASSAGE", []string{"massage"}},
		{"slept", nil}, // Porter stems, it does not lemmatize
		{"sleeps", []string{"sleep"}},
		{"child", []string{"sleep"}}, // no article has it: words it begins ("children")
		{"knees", []string{"run"}},   // tags
		{"lee", []string{"run"}},     // authors
		{"therapists", []string{"massage"}},
		{"shoulder's", []string{"massage"}},
	} {
		if got := ids(mustSearch(t, ix, tc.q, 1, 10)); !slices.Equal(got, tc.want) {
			t.Errorf("Search(%q) = %v, want %v", tc.q, got, tc.want)
		}
	}
}

func TestRanking(t *testing.T) {
	filler := strings.Repeat("Daily habits shape how the body feels. ", 10)
	ix := mustBuild(t, []Doc{
		// Newest first, so that date order would put them the wrong way.
		{ID: "body", Title: "Office life", Body: filler + "Neck pain at work is common; neck pain eases with breaks.", Date: day(9)},
		{ID: "summary", Title: "Office life", Summary: "Neck pain at work.", Body: filler, Date: day(8)},
		{ID: "tags", Title: "Office life", Tags: []string{"neck pain", "work"}, Body: filler, Date: day(7)},
		{ID: "title", Title: "Neck pain at work", Body: filler, Date: day(1)},
		{ID: "some", Title: "Neck pain in bed", Body: filler, Date: day(2)},
		{ID: "none", Title: "Back pain", Body: "Work on it.", Date: day(3)},
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		// Every word must appear somewhere, so "some" and "none" are out;
		// "at" is a stop word. A title match outranks tags, tags the
		// summary, the summary the body.
		{"neck pain at work", []string{"title", "tags", "summary", "body"}},
		// No article has every word: fall back to all words but one.
		{"neck work pian", []string{"title", "tags", "summary", "body"}},
		// "pian" is in no article: it finds "pain", one transposition away.
		{"neck pian", []string{"some", "title", "tags", "summary", "body"}},
		// Then any word ("some" ties with "title" and is newer), and
		// "Back pain" now that "pian" finds "pain".
		{"neck pian xyzzy plugh", []string{"some", "title", "tags", "summary", "body", "none"}},
		{"unknownword", nil},
	} {
		if got := ids(mustSearch(t, ix, tc.q, 1, 10)); !slices.Equal(got, tc.want) {
			t.Errorf("Search(%q) = %v, want %v", tc.q, got, tc.want)
		}
	}
}

func TestTieOrder(t *testing.T) {
	doc := func(id string, d int) Doc {
		return Doc{ID: id, Title: "Knee care", Body: "Strong thighs help the knee.", Date: day(d)}
	}
	ix := mustBuild(t, []Doc{doc("b", 2), doc("d", 1), doc("a", 2), doc("c", 3), doc("e", 5)})
	r := mustSearch(t, ix, "knee", 1, 10)
	if got, want := ids(r), []string{"e", "c", "a", "b", "d"}; !slices.Equal(got, want) {
		t.Errorf("equal scores: got %v, want newest first, then by ID: %v", got, want)
	}
	for _, x := range r.Results {
		if x.Score != r.Results[0].Score {
			t.Errorf("scores differ: %v and %v; the test needs ties", x.Score, r.Results[0].Score)
		}
	}
}

func TestPagination(t *testing.T) {
	var docs []Doc
	for i := range 25 {
		docs = append(docs, Doc{ID: fmt.Sprintf("k%02d", i), Title: "Knee", Date: day(1 + i)})
	}
	docs = append(docs, Doc{ID: "other", Title: "Sleep", Date: day(1)})
	ix := mustBuild(t, docs)
	for _, tc := range []struct {
		page, perPage       int
		wantPage, wantPages int
		wantN               int
		wantFirst           string
	}{
		{1, 10, 1, 3, 10, "k24"},
		{2, 10, 2, 3, 10, "k14"},
		{3, 10, 3, 3, 5, "k04"},
		{4, 10, 3, 3, 5, "k04"},          // past the end: last page
		{26, 1, 25, 25, 1, "k00"},        // past the end, though not past the index's end
		{1 << 62, 10, 3, 3, 5, "k04"},    // no overflow
		{0, 10, 1, 3, 10, "k24"},         // before the start: first page
		{-7, 10, 1, 3, 10, "k24"},        //
		{1, 0, 1, 3, 10, "k24"},          // default page size
		{1, -1, 1, 3, 10, "k24"},         //
		{1, 25, 1, 1, 25, "k24"},         // exactly one page
		{2, 24, 2, 2, 1, "k00"},          // one left over
		{1, 1000, 1, 1, 25, "k24"},       // cut to maxPerPage
		{1 << 62, 1 << 62, 1, 1, 25, ""}, //
	} {
		r := mustSearch(t, ix, "knee", tc.page, tc.perPage)
		got := ids(r)
		if r.Total != 25 || r.Page != tc.wantPage || r.Pages != tc.wantPages || len(got) != tc.wantN ||
			tc.wantFirst != "" && got[0] != tc.wantFirst {
			t.Errorf("Search(knee, %d, %d): Total %d Page %d Pages %d, results %v; want 25 %d %d, %d from %s",
				tc.page, tc.perPage, r.Total, r.Page, r.Pages, got, tc.wantPage, tc.wantPages, tc.wantN, tc.wantFirst)
		}
	}
	// The pages together are every match once, in order.
	var all []string
	for p := 1; p <= 4; p++ {
		all = append(all, ids(mustSearch(t, ix, "knee", p, 7))...)
	}
	want := ids(mustSearch(t, ix, "knee", 1, 100))
	if !slices.Equal(all, want) {
		t.Errorf("pages of 7: %v\nwant %v", all, want)
	}
}

func TestSnippet(t *testing.T) {
	var words []string
	for i := range 60 {
		words = append(words, fmt.Sprintf("w%d", i))
	}
	long := strings.Join(words[:40], " ") + " Stretching helps,\n\n stretched muscles " + strings.Join(words[40:], " ")
	ix := mustBuild(t, []Doc{
		{ID: "long", Title: "Long", Body: long},
		{ID: "start", Title: "Start", Body: "Stretch first. " + strings.Join(words, " ")},
		{ID: "short", Title: "Short", Summary: "Stretching is not covered here.", Body: "Nothing to see."},
		{ID: "titleonly", Title: "Yoga stretches", Summary: "A calm   guide\n to  poses.", Body: "Body text."},
		{ID: "nosummary", Title: "More yoga stretches", Body: strings.Join(words, " ")},
		{ID: "best", Title: "Best", Body: "Neck here. " + strings.Join(words, " ") + " then neck and pain together."},
	})
	for _, tc := range []struct {
		q, id, want string
	}{
		// The best match with a few words before it, cut at whole
		// words with "…", spaces collapsed, every match marked.
		{"stretch", "long", "… w34 w35 w36 w37 w38 w39 [Stretching] helps, [stretched] muscles w40 w41 w42 w43 w44 w45 w46 w47 w48 w49 w50 w51 w52 w53 w54 w55 w56 w57 w58 w59"},
		{"stretch", "start", "[Stretch] first. w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16 w17 w18 w19 w20 w21 w22 w23 w24 w25 w26 w27 …"},
		// No match in the body: the summary, marked.
		{"stretch", "short", "[Stretching] is not covered here."},
		// Only the title matched: the start of the summary, or of the body.
		{"stretch", "titleonly", "A calm guide to poses."},
		{"stretch", "nosummary", "w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16 w17 w18 w19 w20 w21 w22 w23 w24 w25 w26 w27 w28 w29 …"},
		// The window with both words beats the first match.
		{"neck pain", "best", "… w35 w36 w37 w38 w39 w40 w41 w42 w43 w44 w45 w46 w47 w48 w49 w50 w51 w52 w53 w54 w55 w56 w57 w58 w59 then [neck] and [pain] together."},
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

func TestOddQueries(t *testing.T) {
	ix := mustBuild(t, []Doc{
		{ID: "neck", Title: "Neck pain at work", Body: "Neck pain is common. Raise your screen.", Date: day(1)},
		{ID: "ar", Title: "ألم الرقبة", Body: "ألم الرقبة شائع 🩺", Date: day(2)},
	})
	for _, tc := range []struct {
		name, q   string
		wantQuery string // "" means: do not check
		wantIDs   []string
	}{
		{"empty", "", "", nil},
		{"spaces", " \t\n ", "", nil},
		{"punctuation", "?!", "?!", nil},
		{"stop words", "the and of", "the and of", nil},
		{"unknown", "xyzzyplugh", "xyzzyplugh", nil},
		{"emoji", "😀🩺", "😀🩺", nil},
		{"arabic", "الرقبة", "الرقبة", []string{"ar"}},
		{"NUL", "neck\x00pain", "neck pain", []string{"neck"}},
		{"invalid UTF-8", "\xff\xfeneck", "\uFFFD\uFFFDneck", []string{"neck"}},
		{"spaces inside", "  neck \n\n  pain  ", "neck pain", []string{"neck"}},
		{"query syntax", `title:neck +pain -work "screen~2" /ne.*/ *`, "", nil},
		{"boolean words", "neck AND pain OR NOT work", "", []string{"neck"}},
		{"10 KB", strings.Repeat("neck ", 2000), strings.TrimSpace(strings.Repeat("neck ", 40)), []string{"neck"}},
		{"10 KB one word", strings.Repeat("x", 10000), strings.Repeat("x", MaxQueryLength), nil},
		{"many words", strings.Repeat("a b c d e f g h i j k l m n o p q r s t u v w x y z ", 8), "", nil},
		{"control and format", "\u202eneck\u200b\u0085pain\ufeff", "", nil},
		{"lone surrogate bytes", "\xed\xa0\x80neck", "", []string{"neck"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mustSearch(t, ix, tc.q, 1, 10)
			if tc.wantQuery != "" && r.Query != tc.wantQuery {
				t.Errorf("Query = %q, want %q", r.Query, tc.wantQuery)
			}
			if tc.wantIDs != nil && !slices.Equal(ids(r), tc.wantIDs) {
				t.Errorf("results %v, want %v", ids(r), tc.wantIDs)
			}
		})
	}
}

func TestBuild(t *testing.T) {
	if _, err := Build([]Doc{{ID: "a"}, {ID: "a"}}, Options{}); err == nil {
		t.Error("duplicate IDs: no error")
	}
	if _, err := Build([]Doc{{ID: ""}}, Options{}); err == nil {
		t.Error("empty ID: no error")
	}
	for _, docs := range [][]Doc{nil, {{ID: "empty"}}} {
		ix := mustBuild(t, docs)
		if r := mustSearch(t, ix, "anything", 1, 10); r.Total != 0 {
			t.Errorf("%d docs: Total %d", len(docs), r.Total)
		}
	}
}

// TestConcurrent runs the same searches from many goroutines at once;
// with -race it also checks for data races.
func TestConcurrent(t *testing.T) {
	var docs []Doc
	topics := []string{"neck pain", "back pain", "sleep", "stretching", "knee pain", "massage"}
	for i := range 200 {
		tp := topics[i%len(topics)]
		docs = append(docs, Doc{
			ID: fmt.Sprintf("a%03d", i), Title: "About " + tp, Tags: []string{tp},
			Body: strings.Repeat("Some words about "+tp+" and daily life. ", 1+i%7), Date: day(1 + i%28),
		})
	}
	ix := mustBuild(t, docs)
	qs := []string{"neck pain", "pain", "sleep stretching", "massages", "knee", "?!", "life", "daily pain"}
	want := map[string]*Results{}
	for _, q := range qs {
		want[q] = mustSearch(t, ix, q, 2, 5)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 40 {
				q := qs[(g+i)%len(qs)]
				got, err := ix.Search(q, 2, 5)
				if err != nil {
					t.Error(err)
					return
				}
				if d := cmp.Diff(want[q], got); d != "" {
					t.Errorf("Search(%q) differs when concurrent (-serial +concurrent):\n%s", q, d)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestIndexReleased checks that an index nobody references is closed:
// a server rebuilds the index at every reload and never closes one.
func TestIndexReleased(t *testing.T) {
	docs := []Doc{{ID: "a", Title: "Neck"}}
	runtime.GC()
	before := runtime.NumGoroutine()
	for range 20 {
		mustSearch(t, mustBuild(t, docs), "neck", 1, 10)
	}
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before+2 {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines before, %d after building 20 indexes", before, runtime.NumGoroutine())
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
}

var fuzzIndex = sync.OnceValue(func() *Index {
	var docs []Doc
	bodies := []string{
		"Neck pain at work often eases with short breaks and a higher screen.",
		"Stretching every morning keeps the hips and knees moving freely.",
		"Massage can ease tension; it is no cure for back pain.",
		"ألم الرقبة شائع بين العاملين في المكاتب 🩺",
		"Schlaf ist wichtig für die Erholung. Café, naïve, résumé.",
		"睡眠 は 大切 です",
		"",
	}
	for i := range 40 {
		docs = append(docs, Doc{
			ID: fmt.Sprintf("d%02d", i), Title: fmt.Sprintf("Article %d on %s", i, bodies[i%3][:10]),
			Summary: bodies[(i+1)%len(bodies)], Body: strings.Repeat(bodies[i%len(bodies)]+" ", 1+i%4),
			Tags: []string{"pain", "sleep"}[:i%3%2+1], Authors: []string{"Ann Lee"}, Date: day(1 + i%5),
		})
	}
	ix, err := Build(docs, Options{Synonyms: map[string][]string{
		"DVT": {"deep vein thrombosis"}, "physio": {"physiotherapy"}, "BP": {"blood pressure"}, "back": {"neck pain"},
	}})
	if err != nil {
		panic(err)
	}
	return ix
})

// FuzzSearch checks that any query, page and page size give a
// consistent page of results and never an error or a panic.
func FuzzSearch(f *testing.F) {
	for _, s := range []struct {
		q             string
		page, perPage int
	}{
		{"neck pain", 1, 10}, {"", 0, 0}, {"?!", -1, -1}, {"stretches massages", 2, 3},
		{"الرقبة 🩺", 1, 1}, {"\x00\xff\xfe", 1 << 40, 1 << 40}, {"pain", 3, 7}, {"café naïve", 1, 2},
		{`title:"neck" AND pain~2 -sleep`, 1, 5}, {strings.Repeat("pain ", 300), 2, 1},
		{"nek pian", 1, 10}, {"strech", 1, 10}, {"stre", 2, 2}, {"DVT", 1, 10}, {"deep vein thrombosis", 1, 3},
		{"physio", 1, 10}, {"bp blood pressure", 1, 10}, {"Schlaff", 1, 10}, {"caf", 1, 10}, {"pai*", 1, 10},
	} {
		f.Add(s.q, s.page, s.perPage)
	}
	ix := fuzzIndex()
	f.Fuzz(func(t *testing.T, q string, page, perPage int) {
		r := mustSearch(t, ix, q, page, perPage)
		// The query as used gives the same matches again.
		again := mustSearch(t, ix, r.Query, r.Page, perPage)
		if again.Total != r.Total || !slices.Equal(ids(again), ids(r)) {
			t.Errorf("Search(%q) then Search(%q): %v then %v", q, r.Query, ids(r), ids(again))
		}
	})
}

// TestStemming_EachLanguage: each language's analyser finds the forms
// of a word the article does not write; a search in Polish uses
// Stempel, so a case ending three letters off still finds the word.
func TestStemming_EachLanguage(t *testing.T) {
	for _, tt := range []struct {
		lang string
		docs []Doc
		q    string
		want []string
	}{
		{"es", []Doc{{ID: "medico", Title: "Cuándo ver al médico", Date: day(1)}, {ID: "otro", Title: "Dormir bien", Date: day(2)}}, "médicos", []string{"medico"}},
		{"pl", []Doc{{ID: "lekarz", Title: "Kiedy iść do lekarza", Body: "Lekarz pomoże.", Date: day(1)}, {ID: "sen", Title: "Sen", Body: "Sen jest ważny.", Date: day(2)}}, "lekarzami", []string{"lekarz"}},
		{"pl", []Doc{{ID: "dzieci", Title: "Ból u dzieci", Date: day(1)}, {ID: "sen", Title: "Sen", Date: day(2)}}, "dzieckiem", []string{"dzieci"}},
		{"pl", []Doc{{ID: "dzieci", Title: "Ból u dzieci", Date: day(1)}, {ID: "sen", Title: "Dobry sen", Date: day(2)}}, "snu", []string{"sen"}},
	} {
		t.Run(tt.lang+" "+tt.q, func(t *testing.T) {
			ix, err := Build(tt.docs, Options{Language: tt.lang})
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(mustSearch(t, ix, tt.q, 1, 10)); !slices.Equal(got, tt.want) {
				t.Errorf("Search(%q) in %s = %v, want %v", tt.q, tt.lang, got, tt.want)
			}
		})
	}
}
