package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const mixedFolder = "../../internal/article/testdata/check"

func runCmd(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb syncBuffer
	err = run(context.Background(), append([]string{"healthsite"}, args...), func(k string) string { return env[k] }, &out, &errb)
	return out.String(), errb.String(), err
}

func exitCode(err error) int {
	var e exitError
	if errors.As(err, &e) {
		return e.code
	}
	if err != nil {
		return -1
	}
	return 0
}

var contentPath = regexp.MustCompile(`(?m)(^|file at |used by )content/`)

var summaryLine = regexp.MustCompile(`^(\d+ files?, \d+ errors?, \d+ warnings?) \(.+\)$`)

func TestCheck_MixedFolderListsEveryProblemAndExits1(t *testing.T) {
	stdout, _, err := runCmd(t, nil, "check", "-content", mixedFolder, "-max-size", "4096")
	if code := exitCode(err); code != 1 {
		t.Fatalf("exit %d (%v), want 1", code, err)
	}
	golden, err := os.ReadFile(filepath.Join(mixedFolder, "..", "check.golden"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	// The golden file names the folder content/; here it is mixedFolder.
	want := contentPath.ReplaceAllString(strings.TrimSpace(string(golden)), "${1}"+filepath.ToSlash(filepath.Clean(mixedFolder))+"/")
	if got := strings.Join(lines[:len(lines)-1], "\n"); got != want {
		t.Errorf("report:\n%s\nwant:\n%s", got, want)
	}
	m := summaryLine.FindStringSubmatch(lines[len(lines)-1])
	if m == nil || m[1] != "23 files, 20 errors, 11 warnings" {
		t.Errorf("summary line %q", lines[len(lines)-1])
	}
}

func TestCheck_GoodFilesExit0AndStrictWarnings(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"good.md", "number-title.md"} {
		data, err := os.ReadFile(filepath.Join(mixedFolder, name))
		if err != nil {
			t.Fatal(err)
		}
		write(t, dir, name, string(data))
	}
	stdout, _, err := runCmd(t, nil, "check", "-content", dir)
	if err != nil || !strings.HasPrefix(stdout, "2 files, 0 errors, 0 warnings (") {
		t.Fatalf("good files: %v\n%s", err, stdout)
	}
	// The built-in articles are good too.
	// (Not "0 warnings": a shipped review falls due one day.)
	if stdout, _, err := runCmd(t, nil, "check"); err != nil || !regexp.MustCompile(`(?m)^8 files, 0 errors, \d+ warnings?`).MatchString(stdout) {
		t.Errorf("built-in content: %v\n%s", err, stdout)
	}

	write(t, dir, "no-summary.md", "---\ntitle: No summary\nauthor: A\ndate: 2024-01-01\n---\n\nThe first paragraph.\n")
	if _, _, err := runCmd(t, nil, "check", "-content", dir); err != nil {
		t.Errorf("a warning alone failed check: %v", err)
	}
	stdout, _, err = runCmd(t, map[string]string{"HEALTHSITE_CONTENT": dir}, "check", "-strict")
	if exitCode(err) != 1 || !strings.Contains(stdout, "no-summary.md:1:1: warning: summary is missing") {
		t.Errorf("-strict with a warning: exit %d\n%s", exitCode(err), stdout)
	}
}

func TestServe_RefusesTheMixedFolder(t *testing.T) {
	_, stderr, err := runCmd(t, nil, "serve", "-addr", "127.0.0.1:0", "-content", mixedFolder)
	if err == nil || !strings.Contains(stderr, "bad-date.md:4:7: error: date") {
		t.Errorf("serve on broken content: %v\n%s", err, stderr)
	}
}

func TestNew_WritesEveryFieldAndNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	stdout, _, err := runCmd(t, nil, "new", "-content", dir, "Neck pain at work: what helps")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "neck-pain-at-work-what-helps.md")
	if strings.TrimSpace(stdout) != path {
		t.Errorf("printed %q, want the path %q", stdout, path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{"title", "author", "date", "summary", "tags", "draft", "description", "image", "image_alt", "updated", "reviewed_by", "reviewed", "next_review", "sources"} {
		if !regexp.MustCompile(`(?m)^` + field + `:`).Match(data) {
			t.Errorf("the new file lacks %s:\n%s", field, data)
		}
	}
	// Until the editor fills it in, check flags the placeholders.
	stdout, _, err = runCmd(t, nil, "check", "-content", dir)
	if exitCode(err) != 1 || strings.Count(stdout, "placeholder") != 3 {
		t.Errorf("check of a fresh file: exit %d\n%s", exitCode(err), stdout)
	}

	// A second file of the same title is refused, and the first is kept.
	if _, _, err := runCmd(t, nil, "new", "-content", dir, "Neck pain at work: what helps"); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("overwrote an existing file: %v", err)
	}
	if again, _ := os.ReadFile(path); string(again) != string(data) {
		t.Error("the existing file changed")
	}

	// With HEALTHSITE_AUTHOR, and text written, the article is good.
	stdout, _, err = runCmd(t, map[string]string{"HEALTHSITE_AUTHOR": "Ann Lee", "HEALTHSITE_CONTENT": dir}, "new", "Sleep and recovery")
	if err != nil {
		t.Fatal(err)
	}
	data, _ = os.ReadFile(strings.TrimSpace(stdout))
	if !strings.Contains(string(data), `author: "Ann Lee"`) {
		t.Errorf("author not taken from HEALTHSITE_AUTHOR:\n%s", data)
	}
	filled := strings.Replace(string(data), `"TODO: one or two sentences for the list of articles"`, `"Rest helps."`, 1)
	filled = strings.Replace(filled, "TODO: Write the article here", "Sleep is when muscles repair", 1)
	os.Remove(path) // leave only the filled-in article
	write(t, dir, filepath.Base(strings.TrimSpace(stdout)), filled)
	if stdout, _, err := runCmd(t, nil, "check", "-content", dir); err != nil {
		t.Errorf("a filled-in new article does not pass check: %v\n%s", err, stdout)
	}

	if _, _, err := runCmd(t, nil, "new", "-content", dir); err == nil {
		t.Error("new without a title succeeded")
	}
	if _, _, err := runCmd(t, nil, "new", "-content", dir, "!!!"); err == nil {
		t.Error("new with a title that gives no address succeeded")
	}
}

func TestCheck_ReviewsListsSoonestDueFirst(t *testing.T) {
	dir := t.TempDir()
	head := func(title string) string {
		return "---\ntitle: " + title + "\nauthor: A\ndate: 2020-01-01\nsummary: S.\n"
	}
	// Dates far apart, so that the test holds whatever today is.
	write(t, dir, "later.md", head("Later")+"reviewed_by: Dr B\nreviewed: 2090-01-01\n---\n\nText.\n")
	write(t, dir, "overdue.md", head("Overdue")+"reviewed_by: Dr A\nreviewed: 2020-03-01\n---\n\nText.\n")
	write(t, dir, "never.md", head("Never")+"---\n\nText.\n")
	stdout, _, err := runCmd(t, nil, "check", "-reviews", "-content", dir)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 5 {
		t.Fatalf("output:\n%s", stdout)
	}
	for i, want := range []string{
		`^STATUS\s+NEXT REVIEW\s+LAST REVIEW\s+REVIEWER\s+FILE\s+TITLE$`,
		`^not reviewed\s+-\s+-\s+-\s+\S+/never.md\s+Never$`,
		`^OVERDUE\s+2023-03-01\s+2020-03-01\s+Dr A\s+\S+/overdue.md\s+Overdue$`,
		`^due in \d+ days\s+2093-01-01\s+2090-01-01\s+Dr B\s+\S+/later.md\s+Later$`,
		`^3 articles, 1 overdue for review$`,
	} {
		if !regexp.MustCompile(want).MatchString(lines[i]) {
			t.Errorf("line %d = %q, want %s", i, lines[i], want)
		}
	}
}
