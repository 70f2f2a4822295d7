package article

import (
	"strings"
	"testing"
	"testing/fstest"
)

// plainProblems checks fsys with Options.Plain and returns its problems
// as check prints them.
func plainProblems(t *testing.T, fsys fstest.MapFS) []string {
	t.Helper()
	var got []string
	for _, e := range Check(fsys, Options{Plain: true}).Problems {
		got = append(got, e.Error())
	}
	return got
}

const plainHead = "---\ntitle: T\nauthor: A\ndate: 2024-01-01\nsummary: S.\n---\n\n" // the body starts on line 8

// TestCheck_PlainWords: jargon, the passive voice and abbreviations
// never spelled out are each warned of at their line and column, once
// an article for a term or an abbreviation; a term explained in its
// sentence, or once before, and an abbreviation spelled out at or
// before its first use, are not.
func TestCheck_PlainWords(t *testing.T) {
	for _, tc := range []struct {
		name, lang, body string
		want             []string
	}{
		{"jargon", "", "Rest.\n\nYou may have **hypertension** now.\n",
			[]string{`x.md:10:16: warning: "hypertension" is medical jargon (write "high blood pressure", or explain it in the same sentence)`}},
		{"jargon once an article", "", "Hypertension hurts. Hypertension again.\n",
			[]string{`x.md:8:1: warning: "Hypertension" is medical jargon (write "high blood pressure", or explain it in the same sentence)`}},
		{"multi-word jargon, plural", "", "Rest.\n- Most myocardial infarctions start slowly.\n",
			[]string{`x.md:9:8: warning: "myocardial infarctions" is medical jargon (write "heart attack", or explain it in the same sentence)`}},
		{"explained in the sentence", "", "Hypertension (high blood pressure) is common. Later, hypertension hurts.\n", nil},
		{"plain words in the sentence", "", "High blood pressure, or hypertension, is common.\n", nil},
		{"Spanish", "es", "Tiene hipertensión.\n",
			[]string{`es/x.md:8:7: warning: "hipertensión" is medical jargon (write "presión arterial alta", or explain it in the same sentence)`}},
		{"passive", "", "Rest.\n\nThe tablets should be taken with food.\n",
			[]string{`x.md:10:13: warning: "should be taken" is in the passive voice, which hides who must act (say who does it: “take the medicine”, “your doctor will …”)`}},
		{"passive that says who", "", "The tablets are given by your nurse.\n", nil},
		{"no passive check in Spanish", "es", "The tablets should be taken.\n", nil},
		{"abbreviation", "", "Ask about an MRI.\n\nThe MRI is safe.\n",
			[]string{`x.md:8:14: warning: the abbreviation "MRI" is not spelled out where it is first used (write the words in full the first time, with the abbreviation in brackets after them, like “the words in full (MRI)”; if every reader knows it, list it under abbreviations: in plain-words.yaml)`}},
		{"abbreviation spelled out first", "", "A magnetic resonance imaging (MRI) scan.\n\nThe MRI is safe.\n", nil},
		{"abbreviation spelled out after", "", "MRI is safe.\n\nMRI (magnetic resonance imaging) scans.\n",
			[]string{`x.md:8:1: warning: the abbreviation "MRI"`}},
		{"known abbreviations", "", "The UK and the US. OK.\n", nil},
		{"not in code", "", "Rest.\n\n```\nhypertension MRI is taken\n```\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// A high target: these short texts are about words, not grades.
			fsys := fstest.MapFS{"site.yaml": {Data: []byte("reading_grade: 18\n")}}
			name := "x.md"
			if tc.lang != "" {
				fsys["site.yaml"] = &fstest.MapFile{Data: []byte("reading_grade: 18\nlanguage: en\nlanguages:\n  " + tc.lang + ": {}\n")}
				name = tc.lang + "/x.md"
			}
			fsys[name] = &fstest.MapFile{Data: []byte(plainHead + tc.body)}
			got := plainProblems(t, fsys)
			if len(got) != len(tc.want) {
				t.Fatalf("%d problems, want %d:\n%s", len(got), len(tc.want), strings.Join(got, "\n"))
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("problem %d:\n%s\nwant %s", i, got[i], w)
				}
			}
		})
	}
}

// TestCheck_PlainWordsFile: content/plain-words.yaml changes a
// suggestion, switches a term off, adds a term and abbreviations
// readers know, per language; its mistakes are errors at their line and
// column, and while it has them the built-in lists alone are used.
func TestCheck_PlainWordsFile(t *testing.T) {
	body := "Hypertension and tachycardia hurt the fascia. Ask your GP, or the NHS.\n"
	for _, tc := range []struct {
		name, file string
		want       []string
	}{
		{"none", "", []string{
			`x.md:8:1: warning: "Hypertension" is medical jargon (write "high blood pressure"`,
			`x.md:8:18: warning: "tachycardia" is medical jargon (write "fast heartbeat"`,
			`x.md:8:56: warning: the abbreviation "GP"`,
			`x.md:8:67: warning: the abbreviation "NHS"`,
		}},
		{"overrides", "en:\n  words:\n    Hypertension: raised blood pressure\n    tachycardia: off\n    fascia: connective tissue\n  abbreviations: [GP, NHS]\nes:\n  words: {edema: off}\n", []string{
			`x.md:8:1: warning: "Hypertension" is medical jargon (write "raised blood pressure"`,
			`x.md:8:39: warning: "fascia" is medical jargon (write "connective tissue"`,
		}},
		{"another language only", "es:\n  abbreviations: [GP, NHS]\n", []string{
			`x.md:8:1: warning: "Hypertension"`, `x.md:8:18: warning: "tachycardia"`, `x.md:8:56: warning: the abbreviation "GP"`, `x.md:8:67: warning: the abbreviation "NHS"`,
		}},
		{"mistakes", "en:\n  words:\n    hypertension:\n    tachycardia: off\n  abbreviation: [GP]\nEnglish:\n  words: {}\n", []string{
			`plain-words.yaml:3:18: error: hypertension has no plain words (write the everyday words to use instead`,
			`plain-words.yaml:5:3: error: unknown field "abbreviation" (did you mean "abbreviations"?)`,
			`plain-words.yaml:6:1: error: "English" is not a language`,
			`x.md:8:1: warning: "Hypertension"`, `x.md:8:18: warning: "tachycardia"`, `x.md:8:56: warning: the abbreviation "GP"`, `x.md:8:67: warning: the abbreviation "NHS"`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{"x.md": {Data: []byte(plainHead + body)}, "site.yaml": {Data: []byte("reading_grade: 18\n")}}
			if tc.file != "" {
				fsys[PlainWordsFile] = &fstest.MapFile{Data: []byte(tc.file)}
			}
			got := plainProblems(t, fsys)
			if len(got) != len(tc.want) {
				t.Fatalf("%d problems, want %d:\n%s", len(got), len(tc.want), strings.Join(got, "\n"))
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("problem %d:\n%s\nwant %s", i, got[i], w)
				}
			}
		})
	}
}

// TestLoadPartial_PlainWordsFileHoldsNothingBack: in the preview, a
// mistake in plain-words.yaml is listed as that file's, and every
// article is still shown.
func TestLoadPartial_PlainWordsFileHoldsNothingBack(t *testing.T) {
	fsys := fstest.MapFS{
		"x.md":         {Data: []byte(plainHead + "Rest.\n")},
		PlainWordsFile: {Data: []byte("English: {}\n")},
	}
	lib, p := LoadPartial(fsys, Options{Plain: true}, nil)
	if p == nil || len(p.Site) != 0 || len(p.Files) != 1 || p.Files[0].Kind != FilePlainWords || p.Files[0].Path != PlainWordsFile {
		t.Fatalf("problems %+v", p)
	}
	if lib.Article("x") == nil {
		t.Error("the article is held back")
	}
}

// TestCheck_PlainTargetsPerLanguage: reading_grade, sentence_words and
// paragraph_words under a language of languages: apply to its
// articles; the others keep the site's.
func TestCheck_PlainTargetsPerLanguage(t *testing.T) {
	long := strings.TrimSpace(strings.Repeat("Camine un poco cada día y descanse. ", 3)) // three sentences of 7 words
	one := strings.ReplaceAll(long, ". ", " y ")                                         // one sentence of 23 words
	fsys := fstest.MapFS{
		"site.yaml": {Data: []byte("language: en\nsentence_words: 30\nlanguages:\n  es: {sentence_words: 20, paragraph_words: 20}\n")},
		"x.md":      {Data: []byte(plainHead + "Walk a little every day and rest and walk a little every day and rest again today.\n")},
		"es/x.md":   {Data: []byte(plainHead + one + "\n")},
	}
	got := plainProblems(t, fsys)
	want := []string{
		"es/x.md:8:1: warning: this sentence has 23 words, and readers lose track after about 20",
		"es/x.md:8:1: warning: this paragraph has 23 words, more than 20",
	}
	if len(got) != len(want) {
		t.Fatalf("%d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("problem %d:\n%s\nwant %s", i, got[i], w)
		}
	}
	bad := fstest.MapFS{"site.yaml": {Data: []byte("language: en\nlanguages:\n  es: {reading_grade: 30}\n")}}
	if got := plainProblems(t, bad); len(got) != 1 || !strings.HasPrefix(got[0], `site.yaml:3:23: error: reading_grade "30" is not a whole number from 1 to 18`) {
		t.Errorf("bad target: %v", got)
	}
	s, _ := ReadSettings(fstest.MapFS{"site.yaml": {Data: []byte("reading_grade: 7\nlanguages:\n  es: {reading_grade: 9}\n  fr: {}\n")}}, "")
	if s.In("es").ReadingGrade != 9 || s.In("fr").ReadingGrade != 7 || s.In("en").ReadingGrade != 7 {
		t.Errorf("grades es %d fr %d en %d", s.In("es").ReadingGrade, s.In("fr").ReadingGrade, s.In("en").ReadingGrade)
	}
}

// TestLoad_MarksForThePreview: with Options.Marks, each article's HTML
// marks what Plain warns of, each mark titled with its warning, and the
// article's Reading lists them with their places and their marks' ids;
// without it the notes link to no mark, and without Plain, the HTML
// carries no mark.
func TestLoad_MarksForThePreview(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml": {Data: []byte("reading_grade: 18\n")},
		"x.md":      {Data: []byte(plainHead + "You may have *hypertension* now. Rest.\n")},
	}
	for _, tc := range []struct {
		name string
		opts Options
		want string
	}{
		{"preview", Options{Plain: true, Marks: true}, `<p>You may have <em><mark class="plain-warning" id="preview_mark_1" title="&quot;hypertension&quot; is medical jargon (write &quot;high blood pressure&quot;, or explain it in the same sentence)">hypertension</mark></em> now. Rest.</p>`},
		{"check", Options{Plain: true}, `<p>You may have <em>hypertension</em> now. Rest.</p>`},
		{"serve", Options{}, `<p>You may have <em>hypertension</em> now. Rest.</p>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lib, err := Load(fsys, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			a := lib.Article("x")
			if got := strings.TrimSpace(a.HTML); got != tc.want {
				t.Errorf("HTML:\n%s\nwant\n%s", got, tc.want)
			}
			notes := a.Reading.Notes
			if tc.opts.Plain != (len(notes) == 1) {
				t.Fatalf("Notes = %+v", notes)
			}
			if len(notes) == 1 {
				wantID := ""
				if tc.opts.Marks {
					wantID = "preview_mark_1"
				}
				if n := notes[0]; n.Line != 8 || n.Col != 15 || !strings.HasPrefix(n.Message, `"hypertension" is medical jargon`) || n.ID != wantID {
					t.Errorf("note %+v, want line 8, column 15, the jargon's message and id %q", n, wantID)
				}
			}
		})
	}
}
