package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"healthsite/content"
	"healthsite/internal/article"
	"healthsite/internal/site"
)

// axeTags are the axe-core rule tags the site must pass: WCAG 2.0, 2.1
// and 2.2 at levels A and AA, and Deque's best practices.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"}

// axePages are the kinds of page a reader meets.
var axePages = []struct{ name, path string }{
	{"index", "/"},
	{"article", "/articles/myofascial-release-therapy/"},
	{"tag", "/tags/manual-therapy/"},
	{"topics", "/tags/"},
	{"search", "/search?q=stretching"},
	{"not-found", "/articles/myofascial-relase/"}, // with the articles it nearly names
}

type axeNode struct {
	Target  []string `json:"target"`
	HTML    string   `json:"html"`
	Message string   `json:"message"`
}

type axeResult struct {
	ID     string    `json:"id"`
	Impact string    `json:"impact"`
	Help   string    `json:"help"`
	URL    string    `json:"helpUrl"`
	Nodes  []axeNode `json:"nodes"`
}

type axeResults struct {
	Rules      int         `json:"rules"` // how many rules ran
	Violations []axeResult `json:"violations"`
	Incomplete []axeResult `json:"incomplete"`
}

// axeRun runs axe on the open page and returns what it found, each node
// with its selector, a snippet of its HTML, and the first reason given.
const axeRun = `(async () => {
  const r = await axe.run(document, {
    runOnly: {type: "tag", values: %s},
    resultTypes: ["violations", "incomplete"],
  });
  const brief = (rs) => rs.map((v) => ({
    id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      target: n.target.map((s) => Array.isArray(s) ? s.join(" >>> ") : String(s)),
      html: n.html,
      message: ([...n.any, ...n.all, ...n.none].find((c) => c.message) || {}).message || "",
    })),
  }));
  const rules = r.passes.length + r.violations.length + r.incomplete.length + r.inapplicable.length;
  return {rules, violations: brief(r.violations), incomplete: brief(r.incomplete)};
})()`

// TestAudit_Axe runs axe-core in Chromium on each kind of page, in the
// light and the dark colour scheme, and lists every violation of WCAG
// 2.2 A and AA and of axe's best practices. axe is injected through
// DevTools (Runtime.evaluate), which the page's Content-Security-Policy
// does not govern.
func TestAudit_Axe(t *testing.T) {
	axeSource, err := os.ReadFile(ciTool(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	tags, _ := json.Marshal(axeTags)
	script := fmt.Sprintf(axeRun, tags)
	chromiumPath(t) // skip or fail first, before starting a server
	url := startServe(t, nil)

	for _, page := range axePages {
		t.Run(page.name, func(t *testing.T) {
			// One browser a page: each gets newBrowser's whole time limit.
			ctx := newBrowser(t, 1280, 900)
			for _, scheme := range []string{"light", "dark"} {
				t.Run(scheme, func(t *testing.T) { axeCheck(t, ctx, url+page.path, scheme, string(axeSource), script) })
			}
		})
	}
}

// axeCheck runs axe (axeSource, then script) on the page at url in the
// colour scheme, and fails on any violation.
func axeCheck(t *testing.T, ctx context.Context, url, scheme, axeSource, script string) {
	t.Helper()
	start := time.Now()
	// The emulation lasts, across navigations, until changed.
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady(`body`)); err != nil {
		t.Fatalf("browser: %v", err)
	}
	matches, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf("matchMedia('(prefers-color-scheme: %s)').matches", scheme)))
	if err != nil || !matches {
		t.Fatalf("the page does not see prefers-color-scheme: %s (%v)", scheme, err)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](axeSource)); err != nil {
		t.Fatalf("injecting axe: %v", err)
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[axeResults](script, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe: %v", err)
	}
	t.Logf("axe on %s (%s): %d rules, %d violations, %d to review by hand, %s",
		url, scheme, res.Rules, len(res.Violations), len(res.Incomplete), time.Since(start).Round(time.Millisecond))
	if res.Rules < 50 {
		t.Fatalf("axe ran only %d rules for the tags %v", res.Rules, axeTags)
	}
	if len(res.Incomplete) > 0 {
		t.Logf("axe could not decide (review by hand):\n%s", formatAxe(res.Incomplete))
	}
	if len(res.Violations) > 0 {
		t.Errorf("axe found %d violations on %s in the %s colour scheme:\n%s",
			len(res.Violations), url, scheme, formatAxe(res.Violations))
	}
}

// formatAxe lists results, each with its elements.
func formatAxe(rs []axeResult) string {
	var b strings.Builder
	for _, v := range rs {
		fmt.Fprintf(&b, "  %s [%s]: %s (%s)\n", v.ID, cmp.Or(v.Impact, "no impact"), v.Help, v.URL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "      %s  %s\n", strings.Join(n.Target, ", "), snippet(n.HTML, 100))
			if n.Message != "" {
				fmt.Fprintf(&b, "        %s\n", snippet(n.Message, 200))
			}
		}
	}
	return b.String()
}

var spaces = regexp.MustCompile(`\s+`)

// snippet is s on one line, cut to at most n runes.
func snippet(s string, n int) string {
	s = strings.TrimSpace(spaces.ReplaceAllString(s, " "))
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// vnuMessage is one message of `vnu.jar --format json`.
type vnuMessage struct {
	Type        string `json:"type"`    // error, info or non-document-error
	SubType     string `json:"subType"` // warning, fatal, io, ...
	URL         string `json:"url"`
	Line        int    `json:"lastLine"`
	FirstColumn int    `json:"firstColumn"`
	LastColumn  int    `json:"lastColumn"`
	Message     string `json:"message"`
	Extract     string `json:"extract"`
}

// TestAudit_NuHTMLChecker crawls the whole site from / and checks every
// HTML page, the 404 page and a search included, with the Nu Html
// Checker (vnu.jar): no page may have an error. It checks them all in
// one run, since Java is slow to start.
func TestAudit_NuHTMLChecker(t *testing.T) {
	jar := ciTool(t, "vnu-jar/build/dist/vnu.jar")
	java := javaPath(t)
	url := startServe(t, nil)

	start := time.Now()
	pages := crawlSite(t, url, "/search?q=stretching", "/search?q=", "/no-such-page", "/articles/myofascial-relase/")
	if len(pages) < 6 {
		t.Fatalf("the crawl found only %d HTML pages", len(pages))
	}
	// The Spanish and the Arabic sites, all of their pages, the
	// right-to-left ones included.
	for _, lang := range languageSites {
		base := startServe(t, nil, "-content", lang.content)
		var extra []string
		for _, p := range lang.pages {
			extra = append(extra, p.path)
		}
		for _, p := range crawlSite(t, base, extra...) {
			p.Path = lang.tag + ":" + p.Path
			pages = append(pages, p)
		}
	}
	// The export's search page, which serve does not have: as build
	// writes it, before its script runs.
	lib, err := article.Load(content.FS, article.Options{Root: "content"})
	if err != nil {
		t.Fatal(err)
	}
	exported, err := site.Build(lib, site.Options{StaticSearch: true, NoSearch: true})
	if err != nil {
		t.Fatal(err)
	}
	pages = append(pages, crawledPage{Path: "/search (export)", Status: 200, HTML: exported.StaticSearchPage().Body()})
	dir := t.TempDir()
	pageOf := map[string]string{} // file name → page path
	var files []string
	for i, p := range pages {
		name := fmt.Sprintf("%03d%s.html", i, fileSafe.ReplaceAllString(p.Path, "_"))
		if err := os.WriteFile(filepath.Join(dir, name), p.HTML, 0o644); err != nil {
			t.Fatal(err)
		}
		pageOf[name] = p.Path
		files = append(files, filepath.Join(dir, name))
	}
	// A canary the checker must flag: without its error, the report
	// would be read wrongly and every page would seem to pass.
	const canary = "canary.html"
	if err := os.WriteFile(filepath.Join(dir, canary), []byte("<!doctype html><html lang=en><title>c</title><p><div></div></p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	files = append(files, filepath.Join(dir, canary))
	crawled := time.Since(start)

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// -Xss: the checker's parser recurses deeply; its documentation asks for a larger stack.
	args := append([]string{"-Xss1m", "-jar", jar, "--format", "json", "--stdout", "--exit-zero-always"}, files...)
	cmd := exec.CommandContext(ctx, java, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("java -jar vnu.jar: %v\n%s", err, stderr.String())
	}
	var report struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("vnu.jar's report is not JSON: %v\n%s\n%s", err, snippet(string(out), 500), stderr.String())
	}
	paths := make([]string, len(pages))
	for i, p := range pages {
		paths[i] = p.Path
	}
	t.Logf("checked %d pages (crawl %s, vnu.jar %s): %s", len(pages), crawled.Round(time.Millisecond),
		(time.Since(start) - crawled).Round(time.Millisecond), strings.Join(paths, " "))

	// Group the messages by text: the same template mistake shows on
	// every page.
	type where struct{ page, at string }
	errs, warns := map[string][]where{}, map[string][]where{}
	canaryErrors := 0
	for _, m := range report.Messages {
		if filepath.Base(m.URL) == canary {
			if m.Type == "error" {
				canaryErrors++
			}
			continue
		}
		page := pageOf[filepath.Base(m.URL)]
		if page == "" {
			page = cmp.Or(m.URL, "(no file)")
		}
		msg := m.Message
		if m.Extract != "" {
			msg += "\n        " + snippet(m.Extract, 120)
		}
		w := where{page, fmt.Sprintf("%d:%d", m.Line, m.FirstColumn)}
		switch {
		case m.Type == "info" && m.SubType == "warning":
			warns[msg] = append(warns[msg], w)
		case m.Type == "info":
		default: // error, and non-document-error: the checker could not check
			errs[msg] = append(errs[msg], w)
		}
	}
	format := func(ms map[string][]where) string {
		var b strings.Builder
		for _, msg := range slices.Sorted(maps.Keys(ms)) {
			fmt.Fprintf(&b, "  %s\n", msg)
			for _, w := range ms[msg] {
				fmt.Fprintf(&b, "      %s:%s\n", w.page, w.at)
			}
		}
		return b.String()
	}
	if canaryErrors == 0 {
		t.Errorf("vnu.jar reported no error in a page with a stray </p>: its report is not read right\n%s", snippet(string(out), 1000))
	}
	if len(warns) > 0 {
		t.Logf("vnu.jar warnings (%d kinds):\n%s", len(warns), format(warns))
	}
	if len(errs) > 0 {
		n := 0
		for _, ws := range errs {
			n += len(ws)
		}
		t.Errorf("the Nu Html Checker found %d errors (%d kinds) on %d pages; each with page:line:column:\n%s", n, len(errs), len(pages), format(errs))
	}
}

// fileSafe matches what a file name should not hold.
var fileSafe = regexp.MustCompile(`[^A-Za-z0-9-]+`)
