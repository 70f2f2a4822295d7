package article

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCheck_PlainLanguage: with Options.Plain, check warns of a grade
// above the site's target, naming the hardest sentences, of a long
// sentence and of a long paragraph, each at its line and column; the
// targets come from site.yaml; serving (Plain false) measures nothing.
func TestCheck_PlainLanguage(t *testing.T) {
	head := "---\ntitle: T\nauthor: A\ndate: 2024-01-01\nsummary: S.\n---\n\n"
	long := "Patients presenting with persistent musculoskeletal discomfort frequently benefit from individualised physiotherapeutic interventions incorporating progressive resistance exercises, manual mobilisation techniques and comprehensive education regarding posture and activity modification."
	plain := "Rest your knee. Put ice on it. Walk a little each day."
	para := strings.TrimSpace(strings.Repeat("Walk a little each day and rest when it hurts. ", 11))
	for _, tc := range []struct {
		name, site, body string
		want             []string // each problem, in order: its start, then "…" and a part of the rest
	}{
		{"plain text", "", plain + "\n", nil},
		{"long hard sentence", "", "Intro line.\n\nSome " + long + "\n",
			[]string{
				"x.md:8:1: warning: the article reads at grade 27.6 (reading age 33, Flesch–Kincaid), above the site's target of grade 8…its hardest sentences: line 10:1 “Some Patients presenting with persistent musculoskeletal discomfort frequently …” (grade 34) (use shorter sentences",
				"x.md:10:1: warning: this sentence has 28 words, and readers lose track after about 25: “Some Patients presenting",
				`x.md:10:42: warning: "musculoskeletal" is medical jargon (write "muscle and bone", or explain it in the same sentence)`,
			}},
		{"sentence in a list item", "", "- Rest.\n- " + long + "\n",
			[]string{"x.md:8:1: warning: the article reads at grade", "x.md:9:3: warning: this sentence has 27 words", `x.md:9:39: warning: "musculoskeletal" is medical jargon`}},
		{"hard short sentences", "", "Physiotherapy. Osteopathy.\n",
			[]string{"x.md:8:1: warning: the article reads at grade…above the site's target of grade 8 (use shorter sentences"}},
		{"long paragraph", "", para + "\n",
			[]string{"x.md:8:1: warning: this paragraph has 110 words, more than 100"}},
		{"targets from site.yaml", "reading_grade: 18\nsentence_words: 30\nparagraph_words: 200\n", para + "\n\n" + long + "\n",
			[]string{`x.md:10:37: warning: "musculoskeletal" is medical jargon`}},
		{"no formula for the language", "language: ar\n", long + "\n", []string{"x.md:8:1: warning: this sentence has 27 words"}},
		{"bad target", "reading_grade: eight\n", plain + "\n",
			[]string{`site.yaml:1:16: error: reading_grade "eight" is not a whole number from 1 to 18 (write e.g. reading_grade: 8, a US school grade; 6 is a reading age of 11)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{"x.md": {Data: []byte(head + tc.body)}}
			if tc.site != "" {
				fsys["site.yaml"] = &fstest.MapFile{Data: []byte(tc.site)}
			}
			var got []string
			for _, e := range Check(fsys, Options{Plain: true}).Problems {
				got = append(got, e.Error())
			}
			all := strings.Join(got, "\n")
			if len(got) != len(tc.want) {
				t.Fatalf("%d problems, want %d:\n%s", len(got), len(tc.want), all)
			}
			for i, w := range tc.want {
				start, part, _ := strings.Cut(w, "…")
				if !strings.HasPrefix(got[i], start) || !strings.Contains(got[i], part) {
					t.Errorf("problem %d:\n%s\nwant %s", i, got[i], w)
				}
			}
			if served := Check(fsys, Options{}); len(served.Problems) > 0 && tc.site == "" {
				t.Errorf("without Plain: %v", served.Problems)
			}
		})
	}
}

// TestCheck_PlainLanguageMeasures: the article's Reading holds its grade
// and its three hardest sentences of ten words or more, hardest first;
// a short sentence is never among them, however long its words.
func TestCheck_PlainLanguageMeasures(t *testing.T) {
	body := "Homework.\n\nPut a bag of ice on the sore knee for ten minutes.\n\n" +
		"Compression bandaging usually reduces inflammatory swelling around the injured joint considerably.\n\n" +
		"Walk a little every day, and rest when the knee hurts you.\n\n" +
		"Elevate the injured extremity above cardiac level whenever it is comfortably possible.\n"
	r := Check(fstest.MapFS{"x.md": {Data: []byte("---\ntitle: T\nauthor: A\ndate: 2024-01-01\nsummary: S.\n---\n\n" + body)}}, Options{Plain: true})
	if len(r.Articles) != 1 {
		t.Fatalf("articles %v, problems %v", r.Articles, r.Problems)
	}
	g := r.Articles[0].Reading
	if !g.Graded || g.Sentences != 5 || g.Words != 48 || g.Formula != "Flesch–Kincaid" || len(g.Hardest) != 3 {
		t.Fatalf("reading %+v", g)
	}
	var got []string
	for _, h := range g.Hardest {
		got = append(got, fmt.Sprintf("%d:%d %s", h.Line, h.Col, strings.Fields(h.Text)[0]))
	}
	if want := "12:1 Compression|16:1 Elevate|14:1 Walk"; strings.Join(got, "|") != want {
		t.Errorf("hardest %s, want %s", strings.Join(got, "|"), want)
	}
}
