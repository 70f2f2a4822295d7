package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"healthsite/internal/article"
	"healthsite/static"
)

const mixedFolder = "../../internal/article/testdata/check"

// runCmd runs the program with args and returns what it wrote. A
// server that starts is stopped at once, so that a test expecting serve
// to refuse fails instead of waiting for ever.
func runCmd(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &stopOnServe{stop: cancel}
	var errb syncBuffer
	err = run(ctx, append([]string{"healthsite"}, args...), func(k string) string { return env[k] }, out, &errb)
	return out.String(), errb.String(), err
}

// stopOnServe keeps what is written, and calls stop once it says a
// server is listening.
type stopOnServe struct {
	syncBuffer
	stop func()
}

func (w *stopOnServe) Write(p []byte) (int, error) {
	if listening.Match(p) {
		w.stop()
	}
	return w.syncBuffer.Write(p)
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

// lastLine is the last line of out.
func lastLine(out string) string {
	out = strings.TrimSpace(out)
	return out[strings.LastIndex(out, "\n")+1:]
}

var contentPath = regexp.MustCompile(`(?m)(^|file at |used by |, but )content/`)

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
	if want := "healthsite: reading " + filepath.ToSlash(filepath.Clean(mixedFolder)) + "/ (given with -content)"; lines[0] != want {
		t.Errorf("first line %q, want %q", lines[0], want)
	}
	lines = lines[1:]
	// The golden file names the folder content/; here it is mixedFolder.
	want := contentPath.ReplaceAllString(strings.TrimSpace(string(golden)), "${1}"+filepath.ToSlash(filepath.Clean(mixedFolder))+"/")
	if got := strings.Join(lines[:len(lines)-1], "\n"); got != want {
		t.Errorf("report:\n%s\nwant:\n%s", got, want)
	}
	m := summaryLine.FindStringSubmatch(lines[len(lines)-1])
	if m == nil || m[1] != "26 files, 29 errors, 20 warnings" {
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
	if _, report, _ := strings.Cut(stdout, "\n"); err != nil || !strings.HasPrefix(report, "2 files, 0 errors, 0 warnings (") {
		t.Fatalf("good files: %v\n%s", err, stdout)
	}
	// The built-in articles are good too.
	// (Not "0 warnings": a shipped review falls due one day.)
	if stdout, _, err := runCmd(t, nil, "check"); err != nil || !regexp.MustCompile(`(?m)^12 files, 0 errors, \d+ warnings?`).MatchString(stdout) {
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
	if lastLine(stdout) != path {
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
	data, _ = os.ReadFile(lastLine(stdout))
	if !strings.Contains(string(data), `author: "Ann Lee"`) {
		t.Errorf("author not taken from HEALTHSITE_AUTHOR:\n%s", data)
	}
	filled := strings.Replace(string(data), `"TODO: one or two sentences for the list of articles"`, `"Rest helps."`, 1)
	filled = strings.Replace(filled, "TODO: Write the article here", "Sleep is when muscles repair", 1)
	os.Remove(path) // leave only the filled-in article
	write(t, dir, filepath.Base(lastLine(stdout)), filled)
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
	lines := strings.Split(strings.TrimSpace(stdout), "\n")[1:] // after the line naming the folder
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

// TestCheck_ListsScheduledArticles: an article dated in the future is
// hidden from readers until then, so check names it with the time it
// goes live, soonest first, and counts it in the summary; a draft is
// not scheduled, and a scheduled article is no problem.
func TestCheck_ListsScheduledArticles(t *testing.T) {
	dir := t.TempDir()
	head := "---\nauthor: A\nsummary: S.\n"
	write(t, dir, "site.yaml", "timezone: Europe/London\n")
	write(t, dir, "past.md", head+"title: Past\ndate: 2020-01-01\n---\n\nText.\n")
	write(t, dir, "later.md", head+"title: Later\ndate: 2091-06-01 09:30:00 +0100\n---\n\nText.\n")
	write(t, dir, "sooner.md", head+"title: Sooner\ndate: 2090-01-01\n---\n\nText.\n")
	write(t, dir, "draft.md", head+"title: Draft\ndate: 2090-01-01\ndraft: true\n---\n\nText.\n")
	stdout, _, err := runCmd(t, nil, "check", "-content", dir)
	if err != nil {
		t.Fatalf("scheduled articles failed check: %v\n%s", err, stdout)
	}
	root := filepath.ToSlash(dir)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")[1:]
	want := []string{
		`^` + root + `/sooner.md: note: scheduled, goes live on Sunday 1 January 2090 at 00:00 GMT \(in \d+ days\); until then only the preview \(serve -dev\) shows it$`,
		`^` + root + `/later.md: note: scheduled, goes live on Friday 1 June 2091 at 09:30 \+0100 \(in \d+ days\); until then only the preview \(serve -dev\) shows it$`,
		`^5 files, 0 errors, 0 warnings, 2 articles scheduled \(.+\)$`,
	}
	if len(lines) != len(want) {
		t.Fatalf("output:\n%s", stdout)
	}
	for i, re := range want {
		if !regexp.MustCompile(re).MatchString(lines[i]) {
			t.Errorf("line %d = %q, want %s", i+1, lines[i], re)
		}
	}
}

// TestCheck_FolderArgumentSuggestsContentFlag: `healthsite check DIR`
// is the likeliest first try; the message shows the command to type.
func TestCheck_FolderArgumentSuggestsContentFlag(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"check", dir}, "check takes the folder with -content: healthsite check -content " + dir},
		{[]string{"check", "-strict", dir, "-reviews"}, "check takes the folder with -content: healthsite check -strict -content " + dir + " -reviews"},
		{[]string{"build", dir, "-out", "public"}, "build takes the folder with -content: healthsite build -content " + dir + " -out public"},
		{[]string{"check", "my articles"}, `unexpected arguments ["my articles"] (check takes only flags; to read a folder of articles, give it with -content: healthsite check -content 'my articles')`},
		{[]string{dir}, `unknown command "` + dir + `": to serve that folder, healthsite serve -content ` + dir + ` (see healthsite help)`},
		{[]string{"-content", dir, "check", "-strict"}, "the command comes before its flags: healthsite check -content " + dir + " -strict"},
	} {
		_, _, err := runCmd(t, nil, tc.args...)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%q: %v\nwant: %s", tc.args, err, tc.want)
		}
	}
}

// TestCheck_FormatJSON: -format json carries every problem the text
// report lists, in its order and with its counts, as one JSON document
// alone on stdout, so a tool can annotate the lines; the exit status is
// the text report's.
func TestCheck_FormatJSON(t *testing.T) {
	text, _, textErr := runCmd(t, nil, "check", "-content", mixedFolder, "-max-size", "4096")
	stdout, stderr, err := runCmd(t, nil, "check", "-format", "json", "-content", mixedFolder, "-max-size", "4096")
	if exitCode(err) != 1 || exitCode(textErr) != 1 {
		t.Fatalf("exit %d, text exit %d, want 1 for both", exitCode(err), exitCode(textErr))
	}
	if !strings.HasPrefix(stderr, "healthsite: reading ") {
		t.Errorf("stderr %q, want the line naming the folder", stderr)
	}
	var doc struct {
		Content                 string
		Files, Errors, Warnings int
		Problems                []struct {
			Path, Severity, Message, Text string
			Line, Column                  int
		}
		Articles []struct {
			Path, Slug, Language, Formula string
			Words, Sentences              int
			Grade                         float64
			ReadingAge                    float64 `json:"reading_age"`
		}
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s", err, stdout)
	}
	if dec.More() {
		t.Errorf("stdout has more after the document:\n%s", stdout)
	}
	var lines []string
	for _, p := range doc.Problems {
		e := article.Error{Path: p.Path, Line: p.Line, Col: p.Column, Message: p.Message}
		if p.Severity == "warning" {
			e.Severity = article.SeverityWarning
		} else if p.Severity != "error" {
			t.Errorf("severity %q", p.Severity)
		}
		lines = append(lines, e.Error())
	}
	textLines := strings.Split(strings.TrimSpace(text), "\n")
	if got, want := strings.Join(lines, "\n"), strings.Join(textLines[1:len(textLines)-1], "\n"); got != want {
		t.Errorf("JSON problems:\n%s\ntext report:\n%s", got, want)
	}
	if got := fmt.Sprintf("%d files, %d errors, %d warnings", doc.Files, doc.Errors, doc.Warnings); !strings.HasPrefix(lastLine(text), got+" (") {
		t.Errorf("JSON counts %q, text summary %q", got, lastLine(text))
	}
	// Every article that loads, with its readability.
	if len(doc.Articles) == 0 {
		t.Errorf("no articles")
	}
	for _, a := range doc.Articles {
		if a.Path == "" || a.Slug == "" || a.Language != "en" || a.Words == 0 || a.Sentences == 0 || a.Formula != "Flesch–Kincaid" || math.Abs(a.ReadingAge-a.Grade-5) > 0.11 {
			t.Errorf("article %+v", a)
		}
	}
	if want := filepath.ToSlash(filepath.Clean(mixedFolder)) + "/"; doc.Content != want {
		t.Errorf("content %q, want %q", doc.Content, want)
	}
}

// TestCheck_FormatJSONReviewsAndCleanContent: a clean folder has
// "problems": [] (not null), -reviews has one object per article in the
// table's order, and a format check does not write is refused.
func TestCheck_FormatJSONReviewsAndCleanContent(t *testing.T) {
	dir := t.TempDir()
	head := "---\ntitle: %s\nauthor: A\ndate: 2020-01-01\nsummary: S.\n"
	write(t, dir, "never.md", fmt.Sprintf(head, "Never")+"---\n\nText.\n")
	stdout, _, err := runCmd(t, nil, "check", "-format", "json", "-content", dir)
	if err != nil || !strings.Contains(stdout, `"problems": []`) {
		t.Errorf("clean folder: %v\n%s", err, stdout)
	}
	write(t, dir, "overdue.md", fmt.Sprintf(head, "Overdue")+"reviewed_by: Dr A\nreviewed: 2020-03-01\n---\n\nText.\n")
	stdout, _, err = runCmd(t, nil, "check", "-reviews", "-format", "json", "-content", dir)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Reviews []struct{ Title, Status, ReviewedBy, Reviewed, NextReview string } `json:"reviews"`
		Overdue int
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	got := fmt.Sprint(doc.Reviews, doc.Overdue)
	if want := "[{Never not reviewed   } {Overdue overdue  2020-03-01 }] 1"; got != want {
		t.Errorf("reviews %s, want %s\n%s", got, want, stdout)
	}
	if _, _, err := runCmd(t, nil, "check", "-format", "xml", "-content", dir); err == nil || !strings.Contains(err.Error(), "-format json") {
		t.Errorf("-format xml: %v", err)
	}
}

// TestCheck_ReviewsListsTranslationsWithTheirOriginals: each
// translation is listed under its original, and says when the original
// changed after it.
func TestCheck_ReviewsListsTranslationsWithTheirOriginals(t *testing.T) {
	dir := t.TempDir()
	head := func(title, date string) string {
		return "---\ntitle: " + title + "\nauthor: A\ndate: " + date + "\nsummary: S.\n"
	}
	for _, d := range []string{"es", "ar"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, dir, "site.yaml", "language: en\nlanguages: {es: {}, ar: {}}\n")
	write(t, dir, "knee.md", head("Knee", "2020-01-01")+"reviewed_by: Dr A\nreviewed: 2090-01-01\n---\n\nText.\n")
	write(t, dir, "es/knee.md", head("Rodilla", "2020-02-01")+"---\n\nTexto.\n")
	write(t, dir, "ar/knee.md", head("الركبة", "2090-02-01")+"draft: true\n---\n\nنص.\n")
	write(t, dir, "sleep.md", head("Sleep", "2020-01-01")+"---\n\nText.\n")
	stdout, _, err := runCmd(t, nil, "check", "-reviews", "-content", dir)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")[1:]
	want := []string{
		`^STATUS\s+NEXT REVIEW\s+LAST REVIEW\s+REVIEWER\s+FILE\s+TITLE$`,
		`^not reviewed\s+-\s+-\s+-\s+\S+/sleep.md\s+Sleep$`,
		`^due in \d+ days\s+2093-01-01\s+2090-01-01\s+Dr A\s+\S+/knee.md\s+Knee$`,
		`^  OUT OF DATE \(es\): original changed 2090-01-01\s+-\s+-\s+-\s+\S+/es/knee.md\s+Rodilla$`,
		`^  translation \(ar\)\s+-\s+-\s+-\s+\S+/ar/knee.md\s+الركبة$`,
		`^4 articles, 0 overdue for review$`,
	}
	if len(lines) != len(want) {
		t.Fatalf("output:\n%s", stdout)
	}
	for i, w := range want {
		if !regexp.MustCompile(w).MatchString(lines[i]) {
			t.Errorf("line %d = %q, want %s", i, lines[i], w)
		}
	}
}

// TestCheckServeAndPreview_LinkPastTheLastPage: check, serve and the
// preview all check links against the pages the site builds: a link to
// a second page of a list of one article is the same error in each,
// and one to the stylesheet, at its fingerprinted address, is none.
func TestCheckServeAndPreview_LinkPastTheLastPage(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "knee.md", kneePage+"\nMore on [page 2](/page/2/), in [style]("+static.Embedded().URL("style.css")+").\n")
	want := "knee.md:10:9: error: the link to /page/2/ leads to no page: the list at / fits on one page (link to /)"
	stdout, _, err := runCmd(t, nil, "check", "-content", dir)
	if code := exitCode(err); code != 1 || !strings.Contains(stdout, "\n"+displayDir(dir)+"/"+want+"\n") {
		t.Errorf("check: exit %d, want 1 and\n%s\nin:\n%s", code, want, stdout)
	}
	if _, err := loadContent(dir, time.Now(), nil, nil, func(*article.Error) {}); err == nil || !strings.HasSuffix(err.Error(), "/"+want) {
		t.Errorf("serve's load: %v, want %s", err, want)
	}
	_, problems, err := (&preview{dir: dir}).load(time.Now(), func(*article.Error) {})
	if err != nil || problems == nil || len(problems.Files) != 1 || len(problems.Files[0].Problems) != 1 || !strings.HasSuffix(problems.Files[0].Problems[0].Error(), "/"+want) {
		t.Errorf("the preview's problems: %+v (%v), want %s", problems, err, want)
	}
}

// TestCheck_Readability: check -readability lists each article with its
// grade, hardest first, marking those above site.yaml's reading_grade.
func TestCheck_Readability(t *testing.T) {
	dir := t.TempDir()
	head := "---\ntitle: %s\nauthor: A\ndate: 2020-01-01\nsummary: S.\n---\n\n"
	write(t, dir, "site.yaml", "reading_grade: 6\n")
	write(t, dir, "easy.md", fmt.Sprintf(head, "Easy")+"Rest your knee. Put ice on it. Walk a bit.\n")
	write(t, dir, "hard.md", fmt.Sprintf(head, "Hard")+"Comprehensive physiotherapeutic rehabilitation necessitates individualised progressive interventions.\n")
	stdout, _, err := runCmd(t, nil, "check", "-readability", "-content", dir)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")[1:]
	for i, want := range []string{
		`^GRADE\s+READING AGE\s+WORDS\s+SENTENCES\s+FORMULA\s+FILE\s+TITLE$`,
		`^\d\d\.\d \*\s+\d\d\s+7\s+1\s+Flesch–Kincaid\s+\S+/hard.md\s+Hard$`,
		`^\d\.\d\s+\d+\s+10\s+3\s+Flesch–Kincaid\s+\S+/easy.md\s+Easy$`,
		`^2 articles, 1 above the target of grade 6 `,
	} {
		if i >= len(lines) || !regexp.MustCompile(want).MatchString(lines[i]) {
			t.Errorf("line %d, want %s:\n%s", i, want, stdout)
			break
		}
	}
}

// TestCheck_FormatJSONCarriesPlainLanguageWarnings: the plain-language
// warnings of testdata/plain (jargon, the passive, abbreviations, long
// sentences, the grade) are in -format json as in the text report, each
// at its line and column.
func TestCheck_FormatJSONCarriesPlainLanguageWarnings(t *testing.T) {
	const folder = "../../internal/article/testdata/plain"
	text, _, err := runCmd(t, nil, "check", "-content", folder)
	if err != nil {
		t.Fatal(err)
	}
	stdout, _, err := runCmd(t, nil, "check", "-format", "json", "-content", folder)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Problems []struct {
			Path, Severity, Message string
			Line, Column            int
		}
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, p := range doc.Problems {
		lines = append(lines, fmt.Sprintf("%s:%d:%d: %s: %s", p.Path, p.Line, p.Column, p.Severity, p.Message))
	}
	textLines := strings.Split(strings.TrimSpace(text), "\n")
	got, want := strings.Join(lines, "\n"), strings.Join(textLines[1:len(textLines)-1], "\n")
	if got != want {
		t.Errorf("JSON problems:\n%s\ntext report:\n%s", got, want)
	}
	for _, w := range []string{`dense.md:10:24: warning: "hypertension" is medical jargon`, `dense.md:10:58: warning: "should be assessed" is in the passive voice`,
		`dense.md:10:118: warning: the abbreviation "MRI"`, "dense.md:15:1: warning: this sentence has 59 words", "dense.md:8:1: warning: the article reads at grade 19.3"} {
		if !strings.Contains(got, w) {
			t.Errorf("JSON lacks %s", w)
		}
	}
}
