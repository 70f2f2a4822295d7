package article

import "testing"

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		// ASCII as before.
		{"Neck pain at work: what helps", "neck-pain-at-work-what-helps"},
		{"  --Sleep & recovery--  ", "sleep-recovery"},
		{"Editor's note", "editors-note"},
		{"Editor’s note", "editors-note"},
		{"COVID-19 in 2024", "covid-19-in-2024"},
		{"!!!", ""},
		// Accented Latin letters lose their accents.
		{"Rückenschmerzen", "ruckenschmerzen"},
		{"Crème brûlée", "creme-brulee"},
		{"Ça va, Zoë?", "ca-va-zoe"},
		{"Úlcera péptica", "ulcera-peptica"},
		{"Ærø og Øresund", "aero-og-oresund"},
		// Letters without accents to remove are spelled out.
		{"Straße", "strasse"},
		{"STRAẞE", "strasse"},
		{"Æsir", "aesir"},
		{"Œdème", "oedeme"},
		{"Łódź", "lodz"},
		{"Þórr", "thorr"},
		{"İstanbul", "istanbul"},
		{"ﬁbromyalgia", "fibromyalgia"},
		// Other scripts give no letters.
		{"Боль в спине", ""},
		{"Back pain (腰痛)", "back-pain"},
	}
	for _, tc := range tests {
		if got := Slugify(tc.in); got != tc.want {
			t.Errorf("Slugify(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestLoad_SlugOfAFileNameWithAccents checks that the address of a file
// named with accented letters is made as healthsite new makes it.
func TestLoad_SlugOfAFileNameWithAccents(t *testing.T) {
	tests := []struct{ file, want string }{
		{"Rückenschmerzen.md", "ruckenschmerzen"},
		{"sub/crème-brûlée.md", "creme-brulee"},
		{"Neck_Pain.md", "neck-pain"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			lib := mustLoad(t, mapFS(tc.file, article("title: T", "author: A", "date: 2024-01-10", "summary: S")), Options{})
			if a := lib.Article(tc.want); a == nil || a.Path != tc.file {
				t.Errorf("no article at %q; articles: %v", tc.want, lib.Articles())
			}
		})
	}
	wantErrors(t, mapFS("x.md", article("title: T", "author: A", "date: 2024-01-10", "summary: S", "slug: Rückenschmerzen")), Options{},
		`x.md:6:7: error: slug "Rückenschmerzen" may hold only lowercase letters, digits and single hyphens (write slug: ruckenschmerzen)`)
}
