package article

import "testing"

// TestLoad_YAMLTabsAndEarlyQuotes checks where a tab used for
// indentation is reported, and that a quote closing before the value
// ends is explained as such, with the value written two right ways.
func TestLoad_YAMLTabsAndEarlyQuotes(t *testing.T) {
	const (
		tab        = "error: YAML syntax error: a tab used for indentation (indent with spaces instead of tabs)"
		apostrophe = "error: YAML syntax error: the quote ends early: this apostrophe closes the single quotes the value starts with"
		quote      = `error: YAML syntax error: the quote ends early: this " closes the double quotes the value starts with`
	)
	tests := []struct{ name, front, want string }{
		{"TabBeforeDateOnLine4", "title: T\nauthor: A\n\tdate: 2024-01-10\nsummary: S",
			"x.md:4:1: " + tab},
		{"TabBeforeAuthorOnLine3", "title: T\n\tauthor: A\ndate: 2024-01-10\nsummary: S",
			"x.md:3:1: " + tab},
		{"TabInAList", "title: T\nauthor: A\ndate: 2024-01-10\nsummary: S\ntags:\n  - a\n\t- b",
			"x.md:8:1: " + tab},
		{"TabAfterTabInValue", "title: T\nauthor:\tA\ndate: 2024-01-10\n\tsummary: S",
			"x.md:5:1: " + tab},
		{"ApostropheInSingleQuotes", "title: 'It's fine'\nauthor: A\ndate: 2024-01-10\nsummary: S",
			"x.md:2:11: " + apostrophe + ` (write it in double quotes, title: "It's fine", or double the apostrophe: title: 'It''s fine')`},
		{"ApostropheOnALaterLine", "title: T\nauthor: 'Ann O'Brien'\ndate: 2024-01-10\nsummary: S",
			"x.md:3:15: " + apostrophe + ` (write it in double quotes, author: "Ann O'Brien", or double the apostrophe: author: 'Ann O''Brien')`},
		{"ApostropheInAListItem", "title: T\nauthor: A\ndate: 2024-01-10\nsummary: S\ntags:\n  - 'women's health'\n  - sleep",
			"x.md:7:11: " + apostrophe + ` (write it in double quotes, - "women's health", or double the apostrophe: - 'women''s health')`},
		{"QuoteInDoubleQuotes", "title: T\nauthor: A\ndate: 2024-01-10\nsummary: \"Say \"no\" to pain\"",
			"x.md:5:15: " + quote + ` (write it in single quotes, summary: 'Say "no" to pain', or put a \ before each " inside: summary: "Say \"no\" to pain")`},
		{"TextAfterDoubleQuotes", "title: T\nauthor: A\ndate: 2024-01-10\nsummary: \"Rest\" helps",
			`x.md:5:15: error: YAML syntax error: the quote ends early: the value goes on after this closing " (put the whole value in quotes: summary: '"Rest" helps')`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantErrors(t, mapFS("x.md", "---\n"+tc.front+"\n---\n\nText.\n"), Options{}, tc.want)
		})
	}
	// The two fixes the message suggests load.
	for _, title := range []string{`"It's fine"`, `'It''s fine'`, `'Say "no" to pain'`, `"Say \"no\" to pain"`} {
		mustLoad(t, mapFS("x.md", article("title: "+title, "author: A", "date: 2024-01-10", "summary: S")), Options{})
	}
}
