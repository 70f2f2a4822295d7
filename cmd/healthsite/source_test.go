package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

const (
	goodArticle   = "---\ntitle: Knee pain\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: What helps.\n---\n\nRest, then move.\n"
	brokenArticle = "---\ntitle: Bad\nauthor: A\ndate: 8th Oct\nsummary: Broken.\n---\n\nText.\n"
)

// firstLine is the first line of out.
func firstLine(out string) string {
	line, _, _ := strings.Cut(out, "\n")
	return line
}

// TestContent_EveryCommandReadsTheSameFolder stands in a folder whose
// content/ has a broken file, as an editor does: check, build and serve,
// all read that folder and fail on it (the preview shows the problem in
// the page), none falls back to the built-in articles, and each says on
// its first line what it read.
func TestContent_EveryCommandReadsTheSameFolder(t *testing.T) {
	here := t.TempDir()
	if err := os.Mkdir(filepath.Join(here, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(here, "content"), "bad.md", brokenArticle)
	t.Chdir(here)

	wantFirst := "healthsite: reading content/ (the content folder in " + here + ")"
	for _, args := range [][]string{
		{"check"},
		{"build", "-out", filepath.Join(t.TempDir(), "public"), "-base-url", "https://health.example.org"},
		{"serve", "-addr", "127.0.0.1:0"},
		{"-addr", "127.0.0.1:0"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			stdout, stderr, err := runCmd(t, nil, args...)
			if err == nil {
				t.Errorf("succeeded on a folder with an error:\n%s", stdout)
			}
			if got := firstLine(stdout); got != wantFirst {
				t.Errorf("first line %q, want %q", got, wantFirst)
			}
			if !strings.Contains(stdout+stderr, "content/bad.md:4:7: error: date") {
				t.Errorf("the broken file is not reported:\n%s%s", stdout, stderr)
			}
		})
	}

	// The preview starts on it, to show the problem in the page.
	url, stdout, _ := startServeOutput(t, nil, "-dev")
	if got := firstLine(stdout.String()); got != wantFirst {
		t.Errorf("serve -dev: first line %q, want %q", got, wantFirst)
	}
	if _, body := getPage(t, url+"/articles/bad/"); !strings.Contains(body, "8th Oct") {
		t.Errorf("the preview does not show the problem of ./content/bad.md:\n%s", body)
	}

	// new writes into the same folder, and says so.
	out, _, err := runCmd(t, map[string]string{"HEALTHSITE_AUTHOR": "Ann Lee"}, "new", "Sleep")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := firstLine(out), "healthsite: writing into content/ (the content folder in "+here+")"; got != want {
		t.Errorf("new: first line %q, want %q", got, want)
	}
	if _, err := os.Stat(filepath.Join(here, "content", "sleep.md")); err != nil {
		t.Errorf("new did not write into ./content: %v", err)
	}

	// Once the file is fixed, serve publishes ./content, not the
	// built-in articles.
	write(t, filepath.Join(here, "content"), "knee.md", goodArticle)
	for _, name := range []string{"bad.md", "sleep.md"} {
		if err := os.Remove(filepath.Join(here, "content", name)); err != nil {
			t.Fatal(err)
		}
	}
	url = startServe(t, nil)
	if body := fetch(t, url+"/articles/knee/"); !strings.Contains(body, "Knee pain") {
		t.Error("serve does not publish ./content")
	}
}

// TestContent_FlagAndEnvironmentComeBeforeTheFolderHere: -content and
// HEALTHSITE_CONTENT name the folder even beside a content/.
func TestContent_FlagAndEnvironmentComeBeforeTheFolderHere(t *testing.T) {
	here := t.TempDir()
	if err := os.Mkdir(filepath.Join(here, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(here, "content"), "bad.md", brokenArticle)
	other := t.TempDir()
	write(t, other, "knee.md", goodArticle)
	t.Chdir(here)

	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		from string
	}{
		{"flag", nil, []string{"check", "-content", other}, "-content"},
		{"environment", map[string]string{"HEALTHSITE_CONTENT": other}, []string{"check"}, "HEALTHSITE_CONTENT"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdout, _, err := runCmd(t, tc.env, tc.args...)
			if err != nil {
				t.Errorf("check of the good folder: %v\n%s", err, stdout)
			}
			if got, want := firstLine(stdout), "healthsite: reading "+filepath.ToSlash(other)+"/ (given with "+tc.from+")"; got != want {
				t.Errorf("first line %q, want %q", got, want)
			}
		})
	}
}

// TestContent_WithoutAFolderTheBuiltInArticlesSaySo: where there is no
// content/, check and serve read the built-in articles and say so; new
// and the preview, which need files to edit, refuse plainly.
func TestContent_WithoutAFolderTheBuiltInArticlesSaySo(t *testing.T) {
	here := t.TempDir()
	t.Chdir(here)
	want := "healthsite: using the built-in sample articles (there is no content folder in " + here + "; give one with -content DIR)"
	stdout, _, err := runCmd(t, nil, "check")
	if err != nil {
		t.Errorf("check of the built-in articles: %v", err)
	}
	if got := firstLine(stdout); got != want {
		t.Errorf("check: first line %q, want %q", got, want)
	}

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"new", "Sleep"}, "new writes into a content folder, and there is no content folder in " + here + ": give one with -content DIR (mkdir content to start one here)"},
		{[]string{"serve", "-dev", "-addr", "127.0.0.1:0"}, "-dev previews a content folder as you edit it, and there is no content folder in " + here + ": give the folder with -content DIR"},
	} {
		_, _, err := runCmd(t, nil, tc.args...)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%v: %v\nwant: %s", tc.args, err, tc.want)
		}
	}
	if entries, _ := os.ReadDir(here); len(entries) != 0 {
		t.Errorf("files were written: %v", entries)
	}
}

// TestContent_MissingFolderIsSaidPlainly: a folder named with -content
// that does not exist is an error for every command, new included,
// never a quiet fallback, and nothing is created.
func TestContent_MissingFolderIsSaidPlainly(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "articles")
	want := "-content " + missing + ": the folder " + missing + " does not exist (create it with mkdir " + missing + ", or correct the name)"
	for _, args := range [][]string{
		{"new", "-content", missing, "Sleep"},
		{"check", "-content", missing},
		{"build", "-content", missing, "-out", filepath.Join(t.TempDir(), "public")},
		{"serve", "-content", missing, "-addr", "127.0.0.1:0"},
	} {
		_, _, err := runCmd(t, nil, args...)
		if err == nil || err.Error() != want {
			t.Errorf("%v: %v\nwant: %s", args, err, want)
		}
	}
	_, _, err := runCmd(t, map[string]string{"HEALTHSITE_CONTENT": missing}, "new", "Sleep")
	if want := "HEALTHSITE_CONTENT " + missing + ": the folder " + missing + " does not exist"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("HEALTHSITE_CONTENT: %v, want %s…", err, want)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("the missing folder was created")
	}
}

// TestContent_RepositoryFolderIsTheBuiltInSite: make run, from the
// repository's root, reads content/ from disk rather than the copy built
// into the program. The two must be the same site, and the Go file that
// embeds the folder must be no problem of it.
func TestContent_RepositoryFolderIsTheBuiltInSite(t *testing.T) {
	report := func(dir string) (first, rest string) {
		t.Chdir(dir)
		stdout, _, err := runCmd(t, nil, "check")
		if err != nil {
			t.Fatalf("check in %s: %v\n%s", dir, err, stdout)
		}
		first, rest, _ = strings.Cut(stdout, "\n")
		// The summary's time differs from run to run.
		return first, regexp.MustCompile(`\(\S+\)\n$`).ReplaceAllString(rest, "")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	first, disk := report(root)
	if want := "healthsite: reading content/ (the content folder in " + root + ")"; first != want {
		t.Errorf("first line %q, want %q", first, want)
	}
	first, builtIn := report(t.TempDir())
	if !strings.HasPrefix(first, "healthsite: using the built-in sample articles") {
		t.Errorf("first line %q", first)
	}
	// The folder on disk is the sample site, and check says so of it;
	// that warning is the only difference the built-in copy may show.
	sample := regexp.MustCompile(`(?m)^content/site\.yaml:\d+:1: warning: sample: true is still set.*\n`)
	if !sample.MatchString(disk) {
		t.Errorf("check of content/ does not warn that sample: true is set:\n%s", disk)
	}
	disk = regexp.MustCompile(`, (\d+) warnings?`).ReplaceAllStringFunc(sample.ReplaceAllString(disk, ""), func(m string) string {
		n, _ := strconv.Atoi(strings.Fields(m)[1])
		return fmt.Sprintf(", %s", plural(n-1, "warning"))
	})
	if disk != builtIn {
		t.Errorf("content/ on disk:\n%s\nbuilt in:\n%s", disk, builtIn)
	}
	if strings.Contains(disk, "content.go") {
		t.Errorf("check reports the file that embeds the folder:\n%s", disk)
	}
}

// TestContent_InsideTheContentFolderReadsIt: an editor who went into
// content/ and runs check or build there means that folder, not the
// built-in sample articles; the first line says why it was chosen.
func TestContent_InsideTheContentFolderReadsIt(t *testing.T) {
	for _, tc := range []struct {
		name   string
		folder string // the current folder's name
		files  map[string]string
		why    string
	}{
		{"site.yaml", "clinic", map[string]string{"site.yaml": "name: Clinic\n", "bad.md": brokenArticle}, "holds site.yaml"},
		{"named content", "content", map[string]string{"bad.md": brokenArticle}, "is named content"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			here := filepath.Join(t.TempDir(), tc.folder)
			if err := os.Mkdir(here, 0o755); err != nil {
				t.Fatal(err)
			}
			for name, text := range tc.files {
				write(t, here, name, text)
			}
			t.Chdir(here)
			want := "healthsite: reading ./ (this folder " + tc.why + ", and there is no content folder in " + here + ")"
			for _, args := range [][]string{
				{"check"},
				{"build", "-out", filepath.Join(t.TempDir(), "public"), "-base-url", "https://health.example.org"},
			} {
				stdout, stderr, err := runCmd(t, nil, args...)
				if err == nil {
					t.Errorf("%v succeeded on a folder with an error:\n%s", args, stdout)
				}
				if got := firstLine(stdout); got != want {
					t.Errorf("%v: first line %q, want %q", args, got, want)
				}
				if !strings.Contains(stdout+stderr, "bad.md:4:7: error: date") {
					t.Errorf("%v: the broken file is not reported:\n%s%s", args, stdout, stderr)
				}
			}
		})
	}
}

// TestContent_AFolderWithAStrayMarkdownFileIsNotContent: a README.md
// beside the binary, or a home folder with notes in it, is not a
// content folder: without site.yaml (or the name content) check and
// build read the built-in sample articles, rather than walk the folder
// and report every Markdown file in it as a broken article.
func TestContent_AFolderWithAStrayMarkdownFileIsNotContent(t *testing.T) {
	here := filepath.Join(t.TempDir(), "healthsite-linux-amd64")
	if err := os.MkdirAll(filepath.Join(here, "notes"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, here, "README.md", "# healthsite\n\nRead me first.\n")
	write(t, filepath.Join(here, "notes"), "todo.md", "- buy milk\n")
	t.Chdir(here)
	want := "healthsite: using the built-in sample articles (there is no content folder in " + here + "; give one with -content DIR)"
	for _, args := range [][]string{
		{"check"},
		{"build", "-sample", "-out", filepath.Join(t.TempDir(), "public"), "-base-url", "https://health.example.org"},
	} {
		stdout, stderr, err := runCmd(t, nil, args...)
		if err != nil {
			t.Errorf("%v: %v\n%s%s", args, err, stdout, stderr)
		}
		if got := firstLine(stdout); got != want {
			t.Errorf("%v: first line %q, want %q", args, got, want)
		}
		if strings.Contains(stdout+stderr, "README.md") || strings.Contains(stdout+stderr, "todo.md") {
			t.Errorf("%v reports the folder's own Markdown files:\n%s%s", args, stdout, stderr)
		}
	}
}
