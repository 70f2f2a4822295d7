package article

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const synArticle = "---\ntitle: Knee pain\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: What helps.\n---\n\nRest, then move.\n"

func TestSynonyms_BuiltInAndAdded(t *testing.T) {
	lib, err := Load(mapFS("knee.md", synArticle, "site.yaml", "language: en-GB\n",
		"synonyms.yaml", "en:\n  DVT: [blood clot]\n  knee: kneecap\nen-GB:\n  A&E: [accident and emergency]\nfr:\n  kiné: [kinésithérapeute]\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	syn := lib.Synonyms()
	for word, want := range map[string][]string{
		"DVT":      {"deep vein thrombosis", "blood clot"}, // built in, then added
		"physio":   {"physiotherapy", "physiotherapist", "physical therapy", "physical therapist"},
		"knee":     {"kneecap"},                // one synonym without brackets
		"A&E":      {"accident and emergency"}, // the site's own variety of its language
		"kiné":     nil,                        // another language
		"BP":       {"blood pressure"},         //
		"MFR":      {"myofascial release"},     //
		"backache": {"back pain"},              //
	} {
		if d := cmp.Diff(want, syn[word]); d != "" {
			t.Errorf("synonyms of %s (-want +got):\n%s", word, d)
		}
	}
	// Without a file: the built-in ones, and no file counted.
	r := Check(mapFS("knee.md", synArticle), Options{})
	if r.Files != 1 || len(r.Problems) != 0 {
		t.Errorf("no synonyms.yaml: %d files, problems %v", r.Files, r.Problems)
	}
	r = Check(mapFS("knee.md", synArticle, "synonyms.yaml", "en:\n  BP: [blood pressure]\n"), Options{})
	if r.Files != 2 || len(r.Problems) != 0 {
		t.Errorf("a good synonyms.yaml: %d files, problems %v", r.Files, r.Problems)
	}
}

// TestSynonyms_MalformedFileIsPlaced checks that each mistake in
// synonyms.yaml is an error at its line and column that says what to
// write, that check reports it, and that it does not stop the articles
// from loading when only warnings are left.
func TestSynonyms_MalformedFileIsPlaced(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		want       []string
	}{
		{"no language", "DVT: [deep vein thrombosis]\n",
			[]string{`content/synonyms.yaml:1:1: error: "DVT" is not a language (list the words under their language: write en: on a line of its own first, then the words under it, indented by two spaces)`}},
		{"a list for a language", "en: [DVT, deep vein thrombosis]\n",
			[]string{"content/synonyms.yaml:1:5: error: under en: write one word a line with its synonyms in brackets, not a list, like\nen:\n  DVT: [deep vein thrombosis]\n  physio: [physiotherapy, physiotherapist]"}},
		{"a group in a list", "en:\n  DVT: [{deep: vein}]\n",
			[]string{"content/synonyms.yaml:2:9: error: each item of DVT must be text, not a group of fields (write it like DVT: [first, second])"}},
		{"a word for a language", "en:\n  BP: [blood pressure]\nGP: [family doctor]\n",
			[]string{`content/synonyms.yaml:3:1: error: "GP" is not a language (list the words under their language: write en: on a line of its own first, then the words under it, indented by two spaces)`}},
		{"unclosed bracket", "en:\n  DVT: [deep vein thrombosis\n  BP: [blood pressure]\n",
			nil}, // a syntax error, placed; its wording is the front matter's
		{"twice", "en:\n  BP: [blood pressure]\n  BP: [hypertension]\n",
			[]string{"content/synonyms.yaml:3:3: error: BP is given twice, here and on line 2 (put all its synonyms in one list)"}},
		{"empty", "en:\n  BP:\n",
			[]string{"content/synonyms.yaml:2:3: warning: BP has no synonyms, so it does nothing (write them in brackets after it, like BP: [first, second])"}},
		{"long phrase", "en:\n  ADHD: [attention deficit and hyperactivity disorder]\n",
			[]string{`content/synonyms.yaml:2:3: warning: "attention deficit and hyperactivity disorder" has more than 4 words, so search does not look for it (use a shorter phrase)`}},
		{"curly quotes and tabs", "en:\n\tBP: [blood pressure]\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Check(mapFS("knee.md", synArticle, "synonyms.yaml", tc.file), Options{Root: "content"})
			var got []string
			for _, e := range r.Problems {
				got = append(got, e.Error())
			}
			if tc.want == nil {
				if len(got) != 1 || !strings.HasPrefix(got[0], "content/synonyms.yaml:") || r.Problems[0].Line == 0 || r.Problems[0].Severity != SeverityError {
					t.Errorf("want one placed error, got %q", got)
				}
				return
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("problems (-want +got):\n%s", d)
			}
			_, err := Load(mapFS("knee.md", synArticle, "synonyms.yaml", tc.file), Options{Root: "content"})
			hasError := slices.ContainsFunc(r.Problems, func(e *Error) bool { return e.Severity == SeverityError })
			if (err != nil) != hasError {
				t.Errorf("Load: %v, though the errors are %v", err, hasError)
			}
		})
	}
}

func TestSynonyms_BuiltInParse(t *testing.T) {
	syn, problems := parseSynonyms(defaultSynonyms, "built in")
	if len(problems) > 0 || len(syn["en"]) < 10 {
		t.Errorf("the built-in synonyms: %d English words, problems %v", len(syn["en"]), problems)
	}
}
