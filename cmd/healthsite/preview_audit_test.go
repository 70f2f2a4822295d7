package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// previewContent is a preview with every kind of notice: a published
// article, one dense with plain-language warnings, one scheduled, and
// one just made by healthsite new (whose TODO fields are errors).
func previewContent(t *testing.T) (url string) {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, "knee.md", kneePage)
	write(t, dir, "dense.md", densePage)
	write(t, dir, "flu.md", "---\ntitle: Flu jabs\nauthor: Ann Lee\ndate: 2099-10-08 09:00:00 +0000\nsummary: When to get one.\ntags: [flu]\n---\n\nSoon.\n")
	if _, _, err := runCmd(t, map[string]string{"HEALTHSITE_AUTHOR": "Ann Lee"}, "new", "-content", dir, "Ankle sprain"); err != nil {
		t.Fatal(err)
	}
	return startServe(t, nil, "-dev", "-content", dir)
}

// previewPages are the preview's own pages: the notice on a list, the
// scheduled banner, the plain-language marks and grade box, a file's
// problems, and the list of every problem.
var previewPages = []struct{ name, path string }{
	{"index-with-notice", "/"},
	{"scheduled", "/articles/flu/"},
	{"plain-language-marks", "/articles/dense/"},
	{"file-problems", "/articles/ankle-sprain/"},
	{"all-problems", "/_dev/problems/"},
}

// TestAudit_AxePreviewPages runs axe on the preview's notices and
// problems pages, in both colour schemes, as TestAudit_Axe does on the
// reader's pages.
func TestAudit_AxePreviewPages(t *testing.T) {
	axeSource, err := os.ReadFile(ciTool(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	tags, _ := json.Marshal(axeTags)
	script := fmt.Sprintf(axeRun, tags)
	chromiumPath(t)
	url := previewContent(t)
	for _, page := range previewPages {
		t.Run(page.name, func(t *testing.T) {
			ctx := newBrowser(t, 1280, 900)
			for _, scheme := range []string{"light", "dark"} {
				_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
				})
				if err != nil {
					t.Fatalf("browser: %v", err)
				}
				if err := chromedp.Do(ctx, chromedp.Navigate(url+page.path), chromedp.WaitReady(`body`)); err != nil {
					t.Fatalf("browser: %v", err)
				}
				if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](string(axeSource))); err != nil {
					t.Fatalf("injecting axe: %v", err)
				}
				res, err := chromedp.Run(ctx, chromedp.Evaluate[axeResults](script, chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatalf("running axe: %v", err)
				}
				if res.Rules < 50 {
					t.Fatalf("axe ran only %d rules", res.Rules)
				}
				if len(res.Incomplete) > 0 {
					t.Logf("axe could not decide on %s (%s; review by hand):\n%s", page.path, scheme, formatAxe(res.Incomplete))
				}
				if len(res.Violations) > 0 {
					t.Errorf("axe found %d violations on %s in the %s colour scheme:\n%s", len(res.Violations), page.path, scheme, formatAxe(res.Violations))
				}
			}
		})
	}
}

// TestAudit_NuHTMLCheckerPreviewPages checks the preview's pages with
// the Nu Html Checker: no errors, and no warnings either.
func TestAudit_NuHTMLCheckerPreviewPages(t *testing.T) {
	jar := ciTool(t, "vnu-jar/build/dist/vnu.jar")
	java := javaPath(t)
	url := previewContent(t)
	dir := t.TempDir()
	var files []string
	for _, p := range previewPages {
		_, body := getPageBytes(t, url+p.path)
		name := filepath.Join(dir, p.name+".html")
		if err := os.WriteFile(name, body, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append([]string{"-Xss1m", "-jar", jar, "--format", "json", "--stdout", "--exit-zero-always"}, files...)
	out, err := exec.CommandContext(ctx, java, args...).Output()
	if err != nil {
		t.Fatalf("java -jar vnu.jar: %v", err)
	}
	var report struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("vnu.jar's report is not JSON: %v\n%s", err, snippet(string(out), 500))
	}
	for _, m := range report.Messages {
		if m.Type == "info" && m.SubType != "warning" {
			continue
		}
		t.Errorf("%s:%d:%d: %s %s: %s\n        %s", filepath.Base(m.URL), m.Line, m.FirstColumn, m.Type, m.SubType, m.Message, snippet(m.Extract, 120))
	}
}

// getPageBytes returns a page's status and exact bytes.
func getPageBytes(t *testing.T, url string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

// TestBrowser_DevPreviewShowsAFileProblemsOnItsPage: the open tab of an
// article shows its problems by itself when a save breaks it, with the
// line quoted and its column marked, and the article again once fixed.
// It saves screenshots of the problems page and of the notice at 375 px.
func TestBrowser_DevPreviewShowsAFileProblemsOnItsPage(t *testing.T) {
	ctx := newBrowser(t, 375, 667)
	dir := t.TempDir()
	write(t, dir, "knee.md", kneePage)
	write(t, dir, "sleep.md", "---\ntitle: Sleep\nauthor: Ann Lee\ndate: 2024-02-10\nsummary: Sleep well.\n---\n\nSleep.\n")
	url := startServe(t, nil, "-dev", "-content", dir)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("browser: %v", err)
		}
	}
	must(chromedp.Do(ctx, chromedp.EmulateViewport(375, 667), chromedp.Navigate(url+"/articles/knee/"), chromedp.WaitVisible(`h1`)))
	// Give the script a moment to connect before saving.
	time.Sleep(300 * time.Millisecond)
	write(t, dir, "knee.md", strings.Replace(kneePage, "date: 2024-01-10", "date: 10/01/2024", 1))
	waitText := func(sel, want string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			got, err := chromedp.Run(ctx, chromedp.Text(sel))
			if err == nil && strings.Contains(got, want) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s shows %q, not %q, 10 s after the save (%v)", sel, got, want, err)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitText(`h1`, "Problems in")
	title, err := chromedp.Run(ctx, chromedp.Title())
	must(err)
	if want := "Problems in " + filepath.ToSlash(dir) + "/knee.md – Healthsite"; title != want {
		t.Errorf("tab title %q, want %q", title, want)
	}
	mark, err := chromedp.Run(ctx, chromedp.Text(`.problem-quote mark`))
	must(err)
	if mark != "1" {
		t.Errorf("the marked character is %q, want the 1 at column 7 of date: 10/01/2024", mark)
	}
	widths, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
	must(err)
	if len(widths) != 2 || widths[0] > widths[1] {
		t.Errorf("the problems page scrolls sideways at 375 px: %v", widths)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must(err)
	saveScreenshot(t, "preview-problems-375px.png", shot)

	must(chromedp.Do(ctx, chromedp.Navigate(url+"/"), chromedp.WaitVisible(`.problems-notice`)))
	shot, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must(err)
	saveScreenshot(t, "preview-notice-375px.png", shot)

	must(chromedp.Do(ctx, chromedp.Navigate(url+"/articles/knee/"), chromedp.WaitVisible(`h1`)))
	time.Sleep(300 * time.Millisecond)
	write(t, dir, "knee.md", kneePage)
	waitText(`h1`, "Knee pain")
}
