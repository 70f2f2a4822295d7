package article

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// shoulderDraft is what an editor has after healthsite new and
// draft: true: fields still TODO, a link to an article not yet written.
const shoulderDraft = "---\ntitle: Shoulder\nauthor: Ann Lee\ndate: TODO\nsummary: TODO\ndraft: true\n---\n\nSee [exercises](/articles/rotator-cuff-tears/).\n"

// TestLoad_DraftProblemsAreWarnings: a draft is never published, so its
// problems are warnings, with one note saying so, and the rest of the
// site loads; the same file with draft: false, or with front matter too
// broken to say it is a draft, has errors. Links from a published
// article to the draft are reported as before.
func TestLoad_DraftProblemsAreWarnings(t *testing.T) {
	note := "content/shoulder.md: warning: this draft has 2 problems that would be errors; they become errors when you set draft: false (a draft is not published, so it does not stop the rest of the site)"
	t.Run("draft", func(t *testing.T) {
		fsys := mapFS("knee.md", kneeGood+"\nSee [shoulder](/articles/shoulder/).\n", "shoulder.md", shoulderDraft)
		lib, err := Load(fsys, Options{Root: "content"})
		if err != nil {
			t.Fatalf("Load: a draft stopped the site:\n%v", err)
		}
		want := []string{
			"content/knee.md:10:5: warning: the link to /articles/shoulder/ leads to a draft, which readers cannot see yet (publish content/shoulder.md first, or remove the link)",
			note,
			`content/shoulder.md:4:7: warning: date "TODO" is not a date ` + dateFix,
			"content/shoulder.md:9:5: warning: the link to /articles/rotator-cuff-tears/ leads to no article (check the address: an article's is /articles/ and its file name without .md)",
		}
		if diff := cmp.Diff(want, warningLines(lib)); diff != "" {
			t.Errorf("warnings (-want +got):\n%s", diff)
		}
		if lib.Article("shoulder") != nil {
			t.Error("the unfinished draft is in the library")
		}
		if lib.Article("knee") == nil {
			t.Error("the published article is not in the library")
		}
		r := Check(fsys, Options{Root: "content"})
		if n := r.Count(SeverityError); n != 0 {
			t.Errorf("Check: %d errors, want none:\n%q", n, problemLines(r.Problems))
		}
	})
	for _, tc := range []struct {
		name, file string
	}{
		{"draft: false", shoulderDraft[:len("---\ntitle: Shoulder\nauthor: Ann Lee\ndate: TODO\nsummary: TODO\n")] + "draft: false\n---\n\nText.\n"},
		{"front matter unreadable", "---\ntitle: [Shoulder\ndate: TODO\ndraft: true\n---\n\nText.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(mapFS("shoulder.md", tc.file), Options{Root: "content"})
			if err == nil {
				t.Fatal("Load succeeded, want errors")
			}
			for _, e := range Errors(err) {
				if e.Message == note[len("content/shoulder.md: warning: "):] {
					t.Errorf("a file that is not a draft has the draft note")
				}
			}
		})
	}
	t.Run("preview", func(t *testing.T) {
		// The preview shows drafts, so it shows this one's problems at
		// its own address, as errors.
		_, problems := LoadPartial(mapFS("knee.md", kneeGood, "shoulder.md", shoulderDraft), Options{Root: "content"}, nil)
		if problems == nil || len(problems.Files) != 1 || problems.Files[0].Slug != "shoulder" {
			t.Fatalf("problems = %+v, want the draft's", problems)
		}
		for _, e := range problems.Files[0].Problems {
			if e.Severity != SeverityError {
				t.Errorf("preview: %v", e)
			}
		}
	})
}
