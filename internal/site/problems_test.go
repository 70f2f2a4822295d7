package site

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"healthsite/internal/article"
)

const (
	previewKnee  = "---\ntitle: Knee pain\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: What helps.\n---\n\nRest, then move.\n"
	previewSleep = "---\ntitle: Sleep\nauthor: Ann Lee\ndate: 2024-02-10\nsummary: Sleep well.\n---\n\nSleep.\n"
	// As healthsite new leaves it: TODO where the editor has to write.
	previewNew = "---\ntitle: Ankle sprain\nauthor: Ann Lee\ndate: TODO\nsummary: TODO\n---\n\nTODO\n"
)

var previewNow = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// buildPreview loads fsys as the preview does, after last, and builds it.
func buildPreview(t *testing.T, fsys fstest.MapFS, last *article.Library) (*Site, *article.Library) {
	t.Helper()
	lib, problems := article.LoadPartial(fsys, article.Options{Root: "content"}, last)
	s, err := Build(lib, Options{Now: previewNow, Dev: true, Problems: problems})
	if err != nil {
		t.Fatal(err)
	}
	return s, lib
}

func previewFiles(nameContent ...string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for i := 0; i+1 < len(nameContent); i += 2 {
		fsys[nameContent[i]] = &fstest.MapFile{Data: []byte(nameContent[i+1])}
	}
	return fsys
}

func pageBody(p *Page) string {
	if p == nil {
		return ""
	}
	return string(p.Body())
}

// TestBuild_PreviewShowsAFileProblemsAtItsAddress: an unfinished new
// file shows its problems at its own address, every other page keeps
// working with a notice that names the file and links there, and the
// file is left out of the lists.
func TestBuild_PreviewShowsAFileProblemsAtItsAddress(t *testing.T) {
	s, _ := buildPreview(t, previewFiles("knee.md", previewKnee, "ankle-sprain.md", previewNew), nil)
	page := pageBody(s.ProblemPage("/articles/ankle-sprain/"))
	for _, want := range []string{
		"<title>Problems in content/ankle-sprain.md – Healthsite</title>",
		`<meta name="robots" content="noindex">`,
		"<strong>Line 4, column 7</strong>",
		`date &#34;TODO&#34; is not a date`,
		// The line as read, the column's character marked, a caret under it.
		"<pre class=\"problem-quote\" tabindex=\"0\"><code>date: <mark>T</mark>ODO\n<span class=\"caret\" aria-hidden=\"true\">      ^</span></code></pre>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the file's problems page lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, "problems-notice") {
		t.Error("the problems page carries the notice that links to itself")
	}
	// With a second broken file, each file's page names the other.
	two, _ := buildPreview(t, previewFiles("knee.md", previewKnee, "ankle-sprain.md", previewNew, "hip.md", strings.Replace(previewNew, "Ankle sprain", "Hip", 1)), nil)
	if got := pageBody(two.ProblemPage("/articles/hip/")); !strings.Contains(got, `1 other file has problems:`) || !strings.Contains(got, `<a href="/articles/ankle-sprain/">see its problems`) || strings.Contains(got, `<a href="/articles/hip/">`) {
		t.Errorf("hip.md's problems page does not name only the other broken file:\n%s", got)
	}
	notice := `<div class="problems-notice" role="status"><p>1 file has problems: <code>content/ankle-sprain.md</code> — <a href="/articles/ankle-sprain/">see its problems<span class="visually-hidden"> (content/ankle-sprain.md)</span></a>.</p></div>`
	for _, path := range []string{"/", "/articles/knee/", "/tags/", "/authors/ann-lee/"} {
		got := pageBody(s.Page(path))
		if got == "" || s.ProblemPage(path) != nil {
			t.Errorf("%s: not served as a page", path)
		}
		if !strings.Contains(strings.Join(strings.Fields(got), " "), notice) {
			t.Errorf("%s lacks the notice %s", path, notice)
		}
	}
	if strings.Contains(pageBody(s.Page("/")), "Ankle sprain") || s.Page("/articles/ankle-sprain/") != nil {
		t.Error("the unfinished file is listed or has a page")
	}
	// Kept apart from the pages that the export writes and crawls follow.
	if s.Page(DevProblemsPath) != nil || s.ProblemPage(DevProblemsPath) == nil {
		t.Error("the list of every problem is a page of the site, or missing")
	}
}

// TestBuild_PreviewKeepsTheLastGoodVersionOfABrokenFile: everywhere but
// at its address, a file broken by a save shows as it last was.
func TestBuild_PreviewKeepsTheLastGoodVersionOfABrokenFile(t *testing.T) {
	_, last := buildPreview(t, previewFiles("knee.md", previewKnee, "sleep.md", previewSleep), nil)
	broken := strings.Replace(previewKnee, "date: 2024-01-10", "date: tomorrow", 1)
	edited := strings.Replace(previewSleep, "Sleep.\n", "Sleep longer.\n", 1)
	s, _ := buildPreview(t, previewFiles("knee.md", broken, "sleep.md", edited), last)

	if got := pageBody(s.Page("/")); !strings.Contains(got, "Knee pain") || !strings.Contains(got, `href="/articles/knee/">see its problems`) {
		t.Error("the index lacks the broken file's last good version or the notice")
	}
	if !strings.Contains(pageBody(s.Page("/articles/sleep/")), "Sleep longer.") {
		t.Error("another file's saved change is not shown")
	}
	if p := pageBody(s.ProblemPage("/articles/knee/")); !strings.Contains(p, "the rest of the preview shows its last version without errors") {
		t.Errorf("the broken file's address does not show its problems:\n%s", p)
	}
}

// TestBuild_PreviewOfSiteErrors: errors in site.yaml show on one page
// linked from every page while a good version is shown; on a first load
// there is none, and the problems stand in for every page.
func TestBuild_PreviewOfSiteErrors(t *testing.T) {
	_, last := buildPreview(t, previewFiles("knee.md", previewKnee), nil)
	bad := previewFiles("knee.md", previewKnee, article.SettingsFile, "name: Clinic\ntimezone: Mars/Olympus\n")

	s, _ := buildPreview(t, bad, last)
	if got := strings.Join(strings.Fields(pageBody(s.Page("/articles/knee/"))), " "); !strings.Contains(got, `<code>content/site.yaml</code> — <a href="/_dev/problems/">see its problems`) ||
		!strings.Contains(got, "Edits to every file are held back until content/site.yaml is fixed: this preview shows the whole site as it last was without errors.") {
		t.Errorf("the article lacks the notice of site.yaml's problems:\n%s", got)
	}
	if s.ProblemPage("/articles/knee/") != nil {
		t.Error("the article is hidden by site.yaml's problems although a good version exists")
	}
	if p := pageBody(s.ProblemPage(DevProblemsPath)); !strings.Contains(p, `timezone &#34;Mars/Olympus&#34; is not a time zone name`) ||
		!strings.Contains(p, "<title>Problems in content/site.yaml – Healthsite</title>") {
		t.Errorf("%s lacks site.yaml's problem:\n%s", DevProblemsPath, p)
	}

	first, _ := buildPreview(t, bad, nil)
	for _, path := range []string{"/", "/articles/knee/", "/no-such-page"} {
		if p := pageBody(first.ProblemPage(path)); !strings.Contains(p, "nothing can be previewed until they are fixed") {
			t.Errorf("%s on a first load with site.yaml broken: not the problems page:\n%s", path, p)
		}
	}
}

// TestBuild_ProductionHasNoProblemPages: only the preview shows files
// with problems; a production site is never built from partial content,
// and problems given to it are ignored.
func TestBuild_ProductionHasNoProblemPages(t *testing.T) {
	lib, problems := article.LoadPartial(previewFiles("knee.md", previewKnee, "ankle-sprain.md", previewNew), article.Options{}, nil)
	s, err := Build(lib, Options{Now: previewNow, Problems: problems})
	if err != nil {
		t.Fatal(err)
	}
	if s.ProblemPage("/articles/ankle-sprain/") != nil || s.ProblemPage(DevProblemsPath) != nil || strings.Contains(pageBody(s.Page("/")), "problems-notice") {
		t.Error("a production build shows problems")
	}
}

// TestBuild_PreviewShowsScheduledArticles: a future-dated article is
// previewed at its address with when it goes live, and listed marked
// scheduled; production leaves it out until then.
func TestBuild_PreviewShowsScheduledArticles(t *testing.T) {
	scheduled := "---\ntitle: Flu jabs\nauthor: Ann Lee\ndate: 2026-10-08 09:00:00 +0100\nsummary: When to get one.\n---\n\nSoon.\n"
	fsys := previewFiles("knee.md", previewKnee, "flu.md", scheduled)
	s, _ := buildPreview(t, fsys, nil)
	page := pageBody(s.Page("/articles/flu/"))
	if want := `<p class="scheduled-banner" role="status">Scheduled: goes live on <time datetime="2026-10-08T09:00:00+01:00">8 October 2026 at 09:00</time>.`; !strings.Contains(page, want) {
		t.Errorf("the scheduled article lacks %q:\n%s", want, page)
	}
	if strings.Contains(pageBody(s.Page("/articles/knee/")), "scheduled-banner") {
		t.Error("a published article is marked scheduled")
	}
	index := strings.Join(strings.Fields(pageBody(s.Page("/"))), " ")
	if !strings.Contains(index, `<span class="scheduled-label">Scheduled</span>`) || strings.Count(index, "scheduled-label") != 1 {
		t.Errorf("the preview's index does not mark the one scheduled article:\n%s", index)
	}

	lib, err := article.Load(fsys, article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	prod, err := Build(lib, Options{Now: previewNow})
	if err != nil {
		t.Fatal(err)
	}
	if prod.Page("/articles/flu/") != nil || strings.Contains(pageBody(prod.Page("/")), "Flu jabs") {
		t.Error("production shows the scheduled article")
	}
}

// TestSite_ProblemsPageOfAFailedBuild: a version that could not be
// built at all is reported with its content problems placed and quoted,
// and any other error as it is.
func TestSite_ProblemsPageOfAFailedBuild(t *testing.T) {
	s, _ := buildPreview(t, previewFiles("knee.md", previewKnee), nil)
	err := errors.Join(
		&article.Error{Path: "content/knee.md", Line: 2, Col: 9, Message: "title is empty", Text: "title: \t"},
		errors.New("static/style.css: cannot read the file"),
	)
	got, rerr := s.ProblemsPage(err)
	if rerr != nil {
		t.Fatal(rerr)
	}
	for _, want := range []string{
		"The latest change has 2 problems",
		"<title>Problems in content/knee.md – Healthsite</title>",
		"<strong>Line 2, column 9</strong>",
		"<code>title: \t\n<span class=\"caret\" aria-hidden=\"true\">       \t^</span></code>",
		"static/style.css: cannot read the file",
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("the page lacks %q:\n%s", want, got)
		}
	}
}

// TestBuild_GoldenProblemsPage compares a whole problems page with
// testdata/problems.html (go test -update rewrites it).
func TestBuild_GoldenProblemsPage(t *testing.T) {
	broken := "---\ntitle: Knee pain\nauthor: Ann Lee\ndate: 8th Oct 2023\nsumary: What helps.\n---\n\nRest.\n"
	s, _ := buildPreview(t, previewFiles("knee.md", broken, "sleep.md", previewSleep), nil)
	got := strings.ReplaceAll(pageBody(s.ProblemPage("/articles/knee/")), "><", ">\n<")
	got = fingerprint.ReplaceAllString(got, "$1.HASH.")
	golden := filepath.Join("testdata", "problems.html")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", golden, diff)
	}
}
