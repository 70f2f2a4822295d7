package templates

import (
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
