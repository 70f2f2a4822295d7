package article

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// shoulderDraft is what an editor has after healthsite new and
// draft: true: fields still TODO, a link to an article not yet written.
const shoulderDraft = "---\ntitle: Shoulder\nauthor: Ann Lee\ndate: TODO\nsummary: TODO\ndraft: true\n---\n\nSee [exercises](/articles/rotator-cuff-tears/).\n"

// TestLoad_DraftProblemsAreWarnings: a draft is never published, so its
// problems are warnings, with one note saying so, and the rest of the
// site loads; the same file with draft: false, or with front matter too
// broken to say it is a draft, has errors.
func TestLoad_DraftProblemsAreWarnings(t *testing.T) {
	note := "content/shoulder.md: warning: this draft has 2 problems that would be errors; they become errors when you set draft: false (a draft is not published, so it does not stop the rest of the site)"
	t.Run("draft", func(t *testing.T) {
		fsys := mapFS("knee.md", kneeGood, "shoulder.md", shoulderDraft)
		lib, err := Load(fsys, Options{Root: "content"})
		if err != nil {
			t.Fatalf("Load: a draft stopped the site:\n%v", err)
		}
		want := []string{
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

// TestCheck_LinksToUnpublishedArticles: a link that readers of a
// published article would follow to "Page not found", because it leads
// to a draft or to an article scheduled later, is an error; in a draft,
// or in an article scheduled to go live first, it is a warning.
func TestCheck_LinksToUnpublishedArticles(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	art := func(date, extra, body string) string {
		return "---\ntitle: T\nauthor: A\ndate: " + date + "\nsummary: S.\n" + extra + "---\n\n" + body + "\n"
	}
	link := "See [it](/articles/target/)."
	tests := []struct {
		name           string
		source, target string
		now            time.Time
		want           []string
	}{
		{"PublishedToDraft", art("2024-01-01", "", link), art("2024-01-01", "draft: true\n", "Text."), now, []string{
			"content/source.md:8:5: error: the link to /articles/target/ leads to a draft, which readers cannot see: they would find Page not found (publish content/target.md first, with draft: false, or remove the link)"}},
		{"DraftToDraft", art("2024-01-01", "draft: true\n", link), art("2024-01-01", "draft: true\n", "Text."), now, nil},
		{"ScheduledToDraft", art("2026-01-01", "", link), art("2024-01-01", "draft: true\n", "Text."), now, []string{
			"content/source.md:8:5: warning: the link to /articles/target/ leads to a draft, which readers cannot see: they would find Page not found (publish content/target.md first, with draft: false, or remove the link)"}},
		{"PublishedToScheduled", art("2024-01-01", "", link), art("2026-03-05", "", "Text."), now, []string{
			"content/source.md:8:5: error: the link to /articles/target/ leads to an article scheduled for 5 March 2026 at 00:00 UTC, which readers cannot see until then: they would find Page not found (give content/target.md an earlier date, or add the link once it is published)"}},
		{"ScheduledToLaterScheduled", art("2026-01-01", "", link), art("2026-03-05", "", "Text."), now, []string{
			"content/source.md:8:5: warning: the link to /articles/target/ leads to an article scheduled for 5 March 2026 at 00:00 UTC, which readers cannot see until then: they would find Page not found (give content/target.md an earlier date, or add the link once it is published)"}},
		{"ScheduledToEarlierScheduled", art("2026-06-01", "", link), art("2026-03-05", "", "Text."), now, nil},
		{"PublishedToPublished", art("2024-01-01", "", link), art("2024-01-01", "", "Text."), now, nil},
		{"NoClockNoSchedule", art("2024-01-01", "", link), art("2026-03-05", "", "Text."), time.Time{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Check(mapFS("source.md", tt.source, "target.md", tt.target), Options{Root: "content", Now: tt.now})
			var got []string
			for _, e := range r.Problems {
				if e.Path == "content/source.md" {
					got = append(got, e.Error())
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}
