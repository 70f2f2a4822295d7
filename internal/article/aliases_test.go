package article

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestLoad_AliasesMustBePathsOfTheSite: an alias is an old address of
// this site, a path from /; anything else is an error at its line.
func TestLoad_AliasesMustBePathsOfTheSite(t *testing.T) {
	for _, tc := range []struct {
		aliases string
		bad     bool
	}{
		{"[/posts/neck/, /2019/01/neck.html]", false},
		{"/old/neck", false},
		{"[posts/neck/]", true},
		{"[https://old.example.org/neck/]", true},
		{"[//old.example.org/neck/]", true},
		{`["/neck?page=2"]`, true},
	} {
		src := "---\ntitle: Neck\nauthor: Ann\ndate: 2024-01-10\nsummary: S.\naliases: " + tc.aliases + "\n---\n\nText.\n"
		r := Check(fstest.MapFS{"neck.md": {Data: []byte(src)}}, Options{})
		var got bool
		for _, e := range r.Problems {
			if e.Severity == SeverityError && strings.Contains(e.Message, "is not an old address of this site") {
				got = true
				if e.Line != 6 {
					t.Errorf("aliases %s: reported at line %d, want 6", tc.aliases, e.Line)
				}
			} else if e.Severity == SeverityError {
				t.Errorf("aliases %s: %v", tc.aliases, e)
			}
		}
		if got != tc.bad {
			t.Errorf("aliases %s: an error %v, want %v", tc.aliases, got, tc.bad)
		}
	}
}
