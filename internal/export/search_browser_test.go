package export

import (
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"healthsite/internal/server"
)

// browser starts a headless Chromium that reaches nothing but loopback.
// Under CI=true a missing Chromium fails the test.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no Chromium found on PATH; CI must install it (apt-get install chromium)")
		}
		t.Skip("skipping: no Chromium on PATH (apt-get install chromium)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.UserDataDir(t.TempDir()), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.WindowSize(375, 800), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("no-first-run", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	return ctx
}

// shown is what a reader sees of a results page: the line that counts
// them, the "showing results for" or "did you mean", the synonyms
// searched too, and each result's link and snippet.
type shown struct {
	Intro      string   `json:"intro"`
	Suggestion string   `json:"suggestion"`
	Including  string   `json:"including"`
	Links      []string `json:"links"`
	Snippets   []string `json:"snippets"`
	Marks      []string `json:"marks"`
	Empty      string   `json:"empty"`
}

const readResults = `(() => {
  const text = (e) => e ? e.textContent.replace(/\s+/g, " ").trim() : "";
  const main = document.querySelector("main");
  return {
    intro: text(main.querySelector("p.intro")),
    suggestion: text(main.querySelector("p.suggestion")),
    including: text(main.querySelector("p.including")),
    links: [...main.querySelectorAll("li.teaser h2 a")].map((a) => a.getAttribute("href")),
    snippets: [...main.querySelectorAll("li.teaser p.snippet")].map(text),
    marks: [...main.querySelectorAll("li.teaser mark")].map(text),
    empty: text([...main.querySelectorAll("p")].find((p) => p.textContent.startsWith("No articles match"))),
  };
})()`

// TestBrowser_ExportSearchesLikeServe exports the shipped site, serves
// it with real nginx, and searches it in real Chromium as a reader
// does: typing in the search box of the home page. The results the
// script shows (which articles, in which order, their snippets and
// marks, the "did you mean") must be those serve's /search shows; a
// query with HTML in it is shown as text; and without JavaScript the
// page says what to do instead.
func TestBrowser_ExportSearchesLikeServe(t *testing.T) {
	nginxPath(t)
	ctx := browser(t)
	s := shipped(t)
	dir := filepath.Join(t.TempDir(), "public")
	if _, err := Write(t.Context(), s, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	nginx := startNginx(t, dir)
	ts := httptest.NewServer(server.New(s.Complete(t.Context()), slog.New(slog.DiscardHandler), server.Options{}))
	defer ts.Close()

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("browser: %v", err)
		}
	}
	results := func(url string) shown {
		t.Helper()
		must(chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady(`body`)))
		// The script is done when the live region is no longer busy.
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => { const r = document.getElementById("search-results"); return !r || (!r.hasAttribute("aria-busy") && !r.textContent.startsWith("Searching")); })()`, chromedp.WithPollingTimeout(20*time.Second)))
		must(err)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[shown](readResults))
		must(err)
		return got
	}

	// A reader types into the home page's search box and presses Enter.
	must(chromedp.Do(ctx, chromedp.EmulateViewport(375, 667), chromedp.Navigate(nginx+"/"), chromedp.WaitVisible(`#search-q`),
		chromedp.SendKeys(`#search-q`, "strech\n"), chromedp.WaitVisible(`#search-results li.teaser`)))
	loc, err := chromedp.Run(ctx, chromedp.Location())
	must(err)
	if !strings.HasPrefix(loc, nginx+"/search?q=strech") {
		t.Errorf("the search form led to %s", loc)
	}
	value, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("search-q").value`))
	if must(err); value != "strech" {
		t.Errorf("the search box shows %q after the search", value)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must(err)
	if err := os.MkdirAll(filepath.Join("testdata", "screenshots"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("testdata", "screenshots", "search-375px.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}

	// The results page passes axe (WCAG 2.2 A and AA, best practices)
	// as the server's pages do, in the state the script leaves it.
	axe, err := os.ReadFile(filepath.Join("..", "..", ".ci", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core is not installed: run make audit-tools (%v)", err)
		}
		t.Logf("skipping axe: %v", err)
	} else {
		must(chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](string(axe))))
		violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(async () => {
  const r = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]}});
  return r.violations.map((v) => v.id + ": " + v.help + " " + v.nodes.map((n) => n.target.join(" ")).join(", "));
})()`, chromedp.EvalAwaitPromise))
		must(err)
		if len(violations) > 0 {
			t.Errorf("axe on the export's search results:\n%s", strings.Join(violations, "\n"))
		}
	}

	payload := `<img src=x onerror="document.title='pwned'">fasia`
	// "stepping" is in no article, but its stem "step" is: the script
	// must stem it as the server's Porter stemmer, not cut it to "stepp".
	for _, q := range []string{"stretching", "stepping", "strech", "myofacial", "myofasical", "fasia", "fasc", "physio", "physiotherapy",
		"DVT", "deep vein thrombosis", "neck pain", "release therapy fascia", "MFR", "xyzzyplugh", "the", "choosing a therapist", "physical therapy", payload} {
		t.Run(q, func(t *testing.T) {
			path := "/search?q=" + strings.NewReplacer(" ", "+", "<", "%3C", ">", "%3E", `"`, "%22", "'", "%27", "=", "%3D").Replace(q)
			want := results(ts.URL + path)
			got := results(nginx + path)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("the export shows\n  %+v\nserve shows\n  %+v", got, want)
			}
			if q != "xyzzyplugh" && q != "the" && len(got.Links) == 0 {
				t.Errorf("the export finds nothing for %q", q)
			}
		})
	}
	// The payload is text: no element made of it, no script run.
	must(chromedp.Do(ctx, chromedp.Navigate(nginx+"/search?q="+strings.NewReplacer(" ", "+", "<", "%3C", ">", "%3E", `"`, "%22", "'", "%27", "=", "%3D").Replace(payload))))
	must(chromedp.Do(ctx, chromedp.WaitVisible(`#search-results p.intro`)))
	probe, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.title, String(document.querySelectorAll("main img").length), document.querySelector("main p.intro").textContent]`))
	must(err)
	if probe[0] == "pwned" || probe[1] != "0" || !strings.Contains(probe[2], payload) {
		t.Errorf("the query's HTML was not shown as text: title %q, %s images, intro %q", probe[0], probe[1], probe[2])
	}
	live, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("search-results").getAttribute("aria-live")`))
	if must(err); live != "polite" {
		t.Errorf("the results are not in a live region: aria-live %q", live)
	}

	// Without JavaScript: the page says search needs it, and offers the topics.
	_, err = chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	must(err)
	must(chromedp.Do(ctx, chromedp.Navigate(nginx+"/search?q=fascia"), chromedp.WaitReady(`body`)))
	text, err := chromedp.Run(ctx, chromedp.Text(`main`))
	must(err)
	if !strings.Contains(text, "needs JavaScript, which is turned off") || !strings.Contains(text, "every topic from A to Z") {
		t.Errorf("without JavaScript the search page says:\n%s", text)
	}
}

// TestBrowser_ExportSearchCutsTheQueryWhereTheIndexSays: the script
// cuts a long query at the length the index ships (p.maxQuery, the
// server's limit), not at a number of its own. The index is rewritten
// here with a limit of 5 to tell the two apart.
func TestBrowser_ExportSearchCutsTheQueryWhereTheIndexSays(t *testing.T) {
	nginxPath(t)
	ctx := browser(t)
	dir := filepath.Join(t.TempDir(), "public")
	if _, err := Write(t.Context(), shipped(t), dir, Options{}); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dir, "search.html"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`data-index="([^"]+)"`).FindSubmatch(page)
	if m == nil {
		t.Fatal("search.html names no index")
	}
	index := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(string(m[1]), "/")))
	data, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	limit := regexp.MustCompile(`"maxQuery":\d+`)
	if !limit.Match(data) {
		t.Fatal("the index has no maxQuery")
	}
	if err := os.WriteFile(index, limit.ReplaceAll(data, []byte(`"maxQuery":5`)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{".gz", ".br"} {
		if err := os.Remove(index + ext); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	nginx := startNginx(t, dir)
	if err := chromedp.Do(ctx, chromedp.Navigate(nginx+"/search?q=stretching+exercises"), chromedp.WaitVisible(`#search-results p.intro`)); err != nil {
		t.Fatalf("browser: %v", err)
	}
	value, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("search-q").value`))
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	if value != "stret" {
		t.Errorf("the search box holds %q, want the query cut at the index's 5 characters, %q", value, "stret")
	}
}
