package article

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/check.golden and testdata/plain.golden from the current output")

// TestCheck_EveryProblemInTestdata checks testdata/check, a folder with
// one file for each kind of mistake an editor makes, and compares the
// report, message by message and position by position, with
// testdata/check.golden (go test -update rewrites it: read the diff).
func TestCheck_EveryProblemInTestdata(t *testing.T) {
	root, err := os.OpenRoot("testdata/check")
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	r := Check(root.FS(), Options{Root: "content", MaxFileSize: 4 << 10})
	var lines []string
	for _, e := range r.Problems {
		lines = append(lines, e.Error())
	}
	got := strings.Join(lines, "\n") + "\n"
	if *update {
		if err := os.WriteFile("testdata/check.golden", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/check.golden")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("report differs from testdata/check.golden (-want +got):\n%s", diff)
	}
	// Every file but the two good ones has something reported.
	for _, name := range []string{"no-front-matter", "unclosed", "yaml-syntax", "toml-syntax", "json-syntax",
		"missing-title", "empty-author", "date-list", "bad-date", "typo-key", "dup-slug-b", "invalid-utf8",
		"too-big", "broken-links", "warnings", "escape", "images", "unsafe-links", "hidden-text", "other-pages"} {
		if !strings.Contains(got, "content/"+name+".md:") {
			t.Errorf("nothing reported for %s.md", name)
		}
	}
	for _, good := range []string{"content/good.md", "content/number-title.md", "content/markdown-ext.markdown"} {
		if strings.Contains(got, good) {
			t.Errorf("%s is fine, but has problems reported", good)
		}
	}
	if r.Files != 26 || r.Count(SeverityError) != 29 || r.Count(SeverityWarning) != 20 {
		t.Errorf("Files %d, errors %d, warnings %d", r.Files, r.Count(SeverityError), r.Count(SeverityWarning))
	}
	// No message shows Go internals.
	for _, bad := range []string{"EOF", "goroutine", "panic", "yaml: ", "toml: ", "json: "} {
		if strings.Contains(got, bad) {
			t.Errorf("a message shows %q", bad)
		}
	}
}

func TestCheck_RenderBudgetNamesTheFile(t *testing.T) {
	fsys := fstest.MapFS{"slow.md": {Data: []byte("---\ntitle: Slow\nauthor: A\ndate: 2024-01-01\nsummary: S.\n---\n\n" + strings.Repeat("[", 20000) + "\n")}}
	r := Check(fsys, Options{RenderBudget: time.Nanosecond})
	want := "slow.md:8:1: error: the article text takes over 1ns to render, so it is not published"
	if len(r.Problems) != 1 || !strings.HasPrefix(r.Problems[0].Error(), want) {
		t.Errorf("problems %v, want one starting %q", r.Problems, want)
	}
}

func TestCheck_PlaceholdersOfNewAreErrors(t *testing.T) {
	fsys := fstest.MapFS{"x.md": {Data: []byte("---\ntitle: T\nauthor: \"TODO: your name\"\ndate: 2024-01-01\nsummary: \"TODO: one or two sentences\"\nupdated:\nreviewed:\nnext_review:\n---\n\nTODO: Write the article here.\n")}}
	r := Check(fsys, Options{})
	var got []string
	for _, e := range r.Problems {
		got = append(got, e.Error())
	}
	want := []string{
		`x.md:3:9: error: author still holds the placeholder "TODO: your name" (replace it with the real text)`,
		`x.md:5:10: error: summary still holds the placeholder "TODO: one or two sentences" (replace it with the real text)`,
		`x.md:11:1: error: the article text starts with the placeholder TODO: (write the article in its place)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// TestCheck_PlainLanguageGolden checks testdata/plain, an article in
// plain words and a dense one, with Options.Plain, and compares every
// problem and each article's reading with testdata/plain.golden (go
// test -update rewrites it: read the diff). The plain article has
// nothing to report.
func TestCheck_PlainLanguageGolden(t *testing.T) {
	root, err := os.OpenRoot("testdata/plain")
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	r := Check(root.FS(), Options{Root: "content", Plain: true})
	var lines []string
	for _, e := range r.Problems {
		lines = append(lines, e.Error())
	}
	for _, a := range r.Articles {
		lines = append(lines, fmt.Sprintf("%s: %s, %d words, %d sentences", a.Path, a.Reading.Result, a.Reading.Words, a.Reading.Sentences))
	}
	got := strings.Join(lines, "\n") + "\n"
	if *update {
		if err := os.WriteFile("testdata/plain.golden", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/plain.golden")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("report differs from testdata/plain.golden (-want +got):\n%s", diff)
	}
	for _, e := range r.Problems {
		if e.Path == "content/plain.md" {
			t.Errorf("the plain article has a problem: %v", e)
		}
	}
}
