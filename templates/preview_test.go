package templates

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNewQuote_MarksTheColumn(t *testing.T) {
	tests := []struct {
		name, line string
		col        int
		want       Quote
	}{
		{"Middle", "date: TODO", 7, Quote{Before: "date: ", At: "T", After: "ODO", Pad: "      "}},
		{"First", "sumary: S", 1, Quote{At: "s", After: "umary: S"}},
		// Columns count characters: é is one, and the caret stays under it.
		{"AfterAccent", "title: Café x", 11, Quote{Before: "title: Caf", At: "é", After: " x", Pad: "          "}},
		// Tabs stay tabs, so that the caret lines up under tabbed text.
		{"AfterTab", "\tdate: x", 8, Quote{Before: "\tdate: ", At: "x", Pad: "\t      "}},
		// A value missing at the end of the line: the caret at the column.
		{"PastTheEnd", "date:", 7, Quote{Before: "date:", Pad: "      "}},
		{"NoColumn", "date: x", 0, Quote{Before: "date: x"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(&tc.want, NewQuote(tc.line, tc.col)); diff != "" {
				t.Errorf("NewQuote(%q, %d) (-want +got):\n%s", tc.line, tc.col, diff)
			}
		})
	}
}

func TestProblem_WhereInWords(t *testing.T) {
	for _, tc := range []struct {
		p    Problem
		want string
	}{
		{Problem{Line: 4, Col: 7}, "Line 4, column 7"},
		{Problem{Line: 4}, "Line 4"},
		{Problem{}, "The whole file"},
	} {
		if got := tc.p.Where(); got != tc.want {
			t.Errorf("%+v.Where() = %q, want %q", tc.p, got, tc.want)
		}
	}
}

// TestProblemsNotice_PunctuatedAsASentence: the notice reads as one
// sentence, with no space before its punctuation, however many files
// it names and whether or not the whole preview is held back.
func TestProblemsNotice_PunctuatedAsASentence(t *testing.T) {
	knee := Link{Name: "content/knee.md", URL: "/articles/knee/"}
	site := Link{Name: "content/site.yaml", URL: "/_dev/problems/"}
	tests := []struct {
		name   string
		notice ProblemsNotice
		want   string
	}{
		{"OneFile", ProblemsNotice{Files: []Link{knee}},
			"1 file has problems: content/knee.md — see its problems (content/knee.md)."},
		{"TwoFiles", ProblemsNotice{Files: []Link{site, knee}},
			"2 files have problems: content/site.yaml — see its problems (content/site.yaml); content/knee.md — see its problems (content/knee.md)."},
		{"Stale", ProblemsNotice{Files: []Link{site}, HeldBy: "content/site.yaml"},
			"1 file has problems: content/site.yaml — see its problems (content/site.yaml). Edits to every file are held back until content/site.yaml is fixed: this preview shows the whole site as it last was without errors."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf strings.Builder
			if err := problemsNotice(&tc.notice).Render(context.Background(), &buf); err != nil {
				t.Fatal(err)
			}
			text := strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(buf.String(), ""))), " ")
			if text != tc.want {
				t.Errorf("the notice reads\n%q\nwant\n%q", text, tc.want)
			}
		})
	}
}

// tags matches an HTML tag, to read a rendered fragment as text.
var tags = regexp.MustCompile(`<[^>]*>`)
