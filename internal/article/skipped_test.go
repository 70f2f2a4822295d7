package article

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestCheck_SkippedNamesHoldingMarkdownAreNamed: a file or folder left
// out because its name starts with _ or . is named, with how many
// Markdown files it holds, unless it holds none or site.yaml's ignore:
// lists it.
func TestCheck_SkippedNamesHoldingMarkdownAreNamed(t *testing.T) {
	good := "---\ntitle: Knee\nauthor: Ann\ndate: 2024-01-01\nsummary: S.\n---\n\nText.\n"
	for _, tc := range []struct {
		name    string
		fsys    fstest.MapFS
		want    []string // warnings, each as path: message start
		skipped int
	}{
		{"a Jekyll posts folder", fstest.MapFS{
			"_posts/2019-01-04-a.md": {Data: []byte(good)},
			"_posts/2019/b.markdown": {Data: []byte(good)},
			"_posts/notes.txt":       {Data: []byte("x")},
		}, []string{"content/_posts/: the folder _posts/ and the 2 Markdown files in it are not published, because its name starts with _ (to bring a Jekyll site over, run healthsite import on its folder; or rename it posts/ to publish them, or list it under ignore: in site.yaml"}, 2},
		{"one file", fstest.MapFS{"_knee.md": {Data: []byte(good)}, "knee.md": {Data: []byte(good)}},
			[]string{"content/_knee.md: _knee.md is not published, because its name starts with _ (rename it knee.md to publish it"}, 1},
		{"a hidden folder", fstest.MapFS{".obsidian/todo.md": {Data: []byte(good)}},
			[]string{"content/.obsidian/: the folder .obsidian/ and the 1 Markdown file in it are not published, because its name starts with ."}, 1},
		{"no Markdown inside", fstest.MapFS{"_images/a.png": {Data: []byte("x")}, ".git/HEAD": {Data: []byte("ref")}, ".knee.md.swp": {Data: []byte("x")}}, nil, 0},
		{"ignored in site.yaml", fstest.MapFS{
			"site.yaml":    {Data: []byte("ignore: [_drafts, _notes.md, /_old/]\n")},
			"_drafts/a.md": {Data: []byte(good)},
			"_notes.md":    {Data: []byte(good)},
			"_old/b.md":    {Data: []byte(good)},
			"_posts/c.md":  {Data: []byte(good)},
		}, []string{"content/_posts/: the folder _posts/ and the 1 Markdown file in it"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Check(tc.fsys, Options{Root: "content"})
			var got []string
			for _, e := range r.Problems {
				if e.Severity == SeverityError {
					t.Errorf("error: %v", e)
				}
				if strings.Contains(e.Message, "not published, because its name") {
					got = append(got, e.Path+": "+e.Message)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("notices:\n%s\nwant %d", strings.Join(got, "\n"), len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("notice:\n%s\nwant it to start:\n%s", got[i], w)
				}
			}
			if r.Skipped != tc.skipped {
				t.Errorf("Skipped = %d, want %d", r.Skipped, tc.skipped)
			}
		})
	}
}

// TestLoad_SkippedFolderNoticeIsAWarningOfTheLibrary: serve and build
// print the library's warnings, so the notice reaches them too.
func TestLoad_SkippedFolderNoticeIsAWarningOfTheLibrary(t *testing.T) {
	lib, err := Load(fstest.MapFS{"_posts/a.md": {Data: []byte("---\ntitle: A\n---\n")}}, Options{Root: "content"})
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, w := range lib.Warnings() {
		found = found || w.Path == "content/_posts/"
	}
	if !found {
		t.Errorf("warnings %v do not name content/_posts/", lib.Warnings())
	}
}
