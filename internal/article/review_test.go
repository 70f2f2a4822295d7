package article

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestLoad_ClinicalReview(t *testing.T) {
	head := "---\ntitle: T\nauthor: A\ndate: 2023-01-01\nsummary: S.\n"
	tests := []struct {
		name     string
		fields   string
		site     string
		now      time.Time
		want     []string // problems
		next     string   // NextReview when loaded
		reviewed string
	}{
		{name: "review period of three years by default", fields: "reviewed_by: Dr Elena Marsh, DPT\nreviewed: 2024-02-20\n", next: "2027-02-20", reviewed: "2024-02-20"},
		{name: "review period from site.yaml", fields: "reviewed_by: Dr Elena Marsh, DPT\nreviewed: 2024-02-20\n", site: "review_period: 18 months\n", next: "2025-08-20", reviewed: "2024-02-20"},
		{name: "next review of its own", fields: "reviewed_by: Dr Elena Marsh, DPT\nreviewed: 2024-02-20\nnext_review: 2025-01-01\n", next: "2025-01-01", reviewed: "2024-02-20"},
		{name: "next review before the review", fields: "reviewed_by: Dr Elena Marsh, DPT\nreviewed: 2024-02-20\nnext_review: 2024-01-01\n",
			want: []string{"x.md:8:14: error: next_review 2024-01-01 is not after the last review on 2024-02-20 (the next review comes later; fix one of the two)"}},
		{name: "reviewer without a date", fields: "reviewed_by: Dr Elena Marsh, DPT\n",
			want: []string{"x.md:6:1: error: reviewed_by has no date of review (add a line such as reviewed: 2024-02-20)"}},
		{name: "date without a reviewer", fields: "reviewed: 2024-02-20\n",
			want: []string{`x.md:6:1: error: reviewed has no reviewer (add a line such as reviewed_by: "Dr Elena Marsh, DPT")`}},
		{name: "overdue review warns", fields: "reviewed_by: Dr Elena Marsh, DPT\nreviewed: 2020-02-20\n", now: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
			want: []string{"x.md:7:1: warning: the review is overdue: the next one was due on 2023-02-20 (review the article, then update reviewed:)"}, next: "2023-02-20", reviewed: "2020-02-20"},
		{name: "review period that is not one", site: "review_period: soon\n",
			want: []string{`site.yaml:1:16: error: review_period "soon" is not a period (write it like 3 years or 18 months, at most 10 years)`}},
		{name: "sources", fields: "sources:\n  - title: Back pain\n    url: https://medlineplus.gov/backpain.html\n    publisher: MedlinePlus\n  - title: A trial\n    url: ftp://example.org/x\n    doi: https://doi.org/10.1000/xyz\n    pmid: PM123\n  - title: No address\n",
			want: []string{
				`x.md:11:10: error: source url "ftp://example.org/x" is not a web address (write the full address, starting with https://)`,
				`x.md:13:11: error: source pmid "PM123" is not a PubMed number (write the digits only, like pmid: 31465634)`,
				`x.md:14:5: error: a source has no url (add url: to it)`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"x.md": {Data: []byte(head + tt.fields + "---\n\nText.\n")}}
			if tt.site != "" {
				fsys["site.yaml"] = &fstest.MapFile{Data: []byte(tt.site)}
			}
			r := Check(fsys, Options{Now: tt.now})
			var got []string
			for _, e := range r.Problems {
				got = append(got, e.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if tt.next == "" {
				return
			}
			lib, err := Load(fsys, Options{})
			if err != nil {
				t.Fatal(err)
			}
			a := lib.Articles()[0]
			if got := a.NextReview.Format("2006-01-02"); got != tt.next {
				t.Errorf("NextReview = %s, want %s", got, tt.next)
			}
			if got := a.Reviewed.Format("2006-01-02"); got != tt.reviewed {
				t.Errorf("Reviewed = %s, want %s", got, tt.reviewed)
			}
			if !strings.HasPrefix(a.ReviewedBy, "Dr Elena Marsh") {
				t.Errorf("ReviewedBy = %q", a.ReviewedBy)
			}
		})
	}
}

func TestCheck_SkippedHeadingLevelWarns(t *testing.T) {
	fsys := fstest.MapFS{"x.md": {Data: []byte("---\ntitle: T\nauthor: A\ndate: 2023-01-01\nsummary: S.\n---\n\n## Section\n\nText.\n\n#### Too deep\n\nText.\n\n## Next\n\n### Fine\n")}}
	var got []string
	for _, e := range Check(fsys, Options{}).Problems {
		got = append(got, e.Error())
	}
	want := []string{`x.md:12:1: warning: the heading "Too deep" is level 4 (####) right after level 2 (##) (write ### Too deep, so that no level is skipped)`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestLoad_RequireReview(t *testing.T) {
	head := "---\ntitle: T\nauthor: A\ndate: 2023-01-01\nsummary: S.\n"
	reviewed := "reviewed_by: Dr Elena Marsh, DPT\nreviewed: 2024-02-20\n"
	sources := "sources:\n  - title: Back pain\n    url: https://medlineplus.gov/backpain.html\n"
	const needReview = `the site requires a clinical review (require_review: true in site.yaml), and this article has none (once a clinician has checked it, fill in reviewed_by: with their name and credentials, e.g. "Dr Elena Marsh, DPT", and reviewed: with the date, e.g. 2024-02-20; or set draft: true until then)`
	const needSources = `the site requires sources (require_review: true in site.yaml), and this article lists none (add a sources: list, each item with title: and url:, as the README shows; or set draft: true until then)`
	tests := []struct {
		name   string
		site   string
		fields string
		want   []string
	}{
		{name: "not required by default", fields: ""},
		{name: "required and given", site: "require_review: true\n", fields: reviewed + sources},
		{name: "neither review nor sources", site: "require_review: true\n", fields: "",
			want: []string{"x.md:1:1: error: " + needReview, "x.md:1:1: error: " + needSources}},
		{name: "review without sources", site: "require_review: true\n", fields: reviewed,
			want: []string{"x.md:1:1: error: " + needSources}},
		{name: "fields left empty point at themselves", site: "require_review: true\n", fields: "reviewed_by:\nreviewed:\nsources:\n",
			want: []string{"x.md:6:1: error: " + needReview, "x.md:8:1: error: " + needSources}},
		{name: "a reviewer without a date is reported once", site: "require_review: true\n", fields: "reviewed_by: Dr Elena Marsh, DPT\n" + sources,
			want: []string{"x.md:6:1: error: reviewed_by has no date of review (add a line such as reviewed: 2024-02-20)"}},
		{name: "drafts are exempt", site: "require_review: true\n", fields: "draft: true\n"},
		{name: "turned off", site: "require_review: false\n", fields: ""},
		{name: "not true or false", site: "require_review: yes please\n",
			want: []string{`site.yaml:1:17: error: require_review must be true or false, not "yes please" (write require_review: true, or require_review: false)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"x.md": {Data: []byte(head + tt.fields + "---\n\nText.\n")}}
			if tt.site != "" {
				fsys["site.yaml"] = &fstest.MapFile{Data: []byte(tt.site)}
			}
			var got []string
			for _, e := range Check(fsys, Options{}).Problems {
				got = append(got, e.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}
