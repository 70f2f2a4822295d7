package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath finds a Chromium to drive. Under CI=true a missing
// Chromium fails the test; elsewhere the test skips, saying why.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium found on PATH; CI must install it (apt-get install chromium)")
	}
	t.Skip("skipping the browser test: no Chromium on PATH (apt-get install chromium to run it)")
	return ""
}

// newBrowser starts a headless Chromium that reaches nothing but loopback.
func newBrowser(t *testing.T, width, height int) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.WindowSize(width, height),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	return ctx
}

// TestBrowser_ReaderOpensArticleFromIndex is a reader's first visit in
// a real Chromium: open the index, click the first "View more", and read
// the article's title. It saves screenshots in testdata/screenshots.
func TestBrowser_ReaderOpensArticleFromIndex(t *testing.T) {
	ctx := newBrowser(t, 1280, 900)
	url := startServe(t, nil)

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("browser: %v", err)
		}
	}
	must(chromedp.Do(ctx, chromedp.Navigate(url+"/"), chromedp.WaitVisible(`li.teaser a.more`)))
	firstTitle, err := chromedp.Run(ctx, chromedp.Text(`li.teaser h2`))
	must(err)
	index, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must(err)
	must(chromedp.Do(ctx, chromedp.Click(`li.teaser a.more`), chromedp.WaitVisible(`article h1`)))
	h1, err := chromedp.Run(ctx, chromedp.Text(`h1`))
	must(err)
	location, err := chromedp.Run(ctx, chromedp.Location())
	must(err)
	page, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must(err)

	if firstTitle == "" || strings.TrimSpace(h1) != strings.TrimSpace(firstTitle) {
		t.Errorf("clicked the first teaser (%q) and got a page whose h1 is %q", firstTitle, h1)
	}
	if !strings.HasPrefix(location, url+"/articles/") {
		t.Errorf("View more led to %s", location)
	}
	saveScreenshot(t, "index.png", index)
	saveScreenshot(t, "article.png", page)
}

// TestBrowser_NarrowScreen checks the article page on a 320 px wide
// phone: nothing is wider than the screen.
func TestBrowser_NarrowScreen(t *testing.T) {
	ctx := newBrowser(t, 320, 640)
	url := startServe(t, nil)
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(320, 640),
		chromedp.Navigate(url+"/articles/demystifying-myofascial-release-therapy/"),
		chromedp.WaitVisible(`h1`),
	)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	widths, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	if len(widths) != 2 || widths[0] > widths[1] {
		t.Errorf("page scrolls sideways on a 320 px screen: scrollWidth, clientWidth = %v", widths)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	saveScreenshot(t, "article-320px.png", shot)
}

func saveScreenshot(t *testing.T, name string, png []byte) {
	t.Helper()
	dir := filepath.Join("testdata", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", path, len(png))
}

// TestBrowser_DevPreviewReloadsAfterSave opens an article in the
// preview, saves a new title, and waits for the open tab to show it by
// itself, through the reload script and its event stream.
func TestBrowser_DevPreviewReloadsAfterSave(t *testing.T) {
	ctx := newBrowser(t, 1024, 768)
	dir := t.TempDir()
	page := "---\ntitle: Knee pain\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: What helps.\n---\n\nRest, then move.\n"
	write(t, dir, "knee.md", page)
	url := startServe(t, nil, "-dev", "-content", dir)

	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/articles/knee/"), chromedp.WaitVisible(`h1`)); err != nil {
		t.Fatalf("browser: %v", err)
	}
	// Give the script a moment to connect before saving.
	time.Sleep(300 * time.Millisecond)
	saved := time.Now()
	write(t, dir, "knee.md", strings.Replace(page, "Knee pain", "Knee pain after running", 1))
	deadline := time.Now().Add(10 * time.Second)
	for {
		h1, err := chromedp.Run(ctx, chromedp.Text(`h1`))
		if err == nil && strings.TrimSpace(h1) == "Knee pain after running" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the open tab still shows %q 10 s after the save (%v)", h1, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("save to page changed in the browser: %s", time.Since(saved).Round(time.Millisecond))
}

// firstScreen is what a reader sees of a page before scrolling, in CSS
// pixels: the header's height, and the bottom of the first line of the
// standfirst (the article's summary, leading it), or -1 without one.
type firstScreen struct {
	Header     float64 `json:"header"`
	Standfirst float64 `json:"standfirst"`
	Text       string  `json:"text"`
}

const measureFirstScreen = `(() => {
  const header = document.querySelector(".site-header").getBoundingClientRect().height;
  const s = document.querySelector("article .standfirst");
  if (!s) return {header, standfirst: -1, text: ""};
  const r = document.createRange();
  r.selectNodeContents(s);
  const first = r.getClientRects()[0];
  return {header, standfirst: first.bottom + window.scrollY, text: s.textContent.trim()};
})()`

// TestBrowser_PhoneFirstScreenShowsTheArticle opens an article on a
// 375×667 phone: the header stays compact (at most 120 px, 160 on a
// wide screen, where it has room for the tagline) and the
// first line of the article's text, its summary as a standfirst, is
// on the first screen, above the byline's details and the contents.
// It saves the first screen at 375 and 1280 px.
func TestBrowser_PhoneFirstScreenShowsTheArticle(t *testing.T) {
	url := startServe(t, nil)
	const path = "/articles/myofascial-release-therapy/"
	for _, size := range []struct {
		name          string
		width, height int64
		header        float64 // the header's most height
	}{{"375px", 375, 667, 120}, {"1280px", 1280, 800, 160}} {
		t.Run(size.name, func(t *testing.T) {
			ctx := newBrowser(t, int(size.width), int(size.height))
			err := chromedp.Do(ctx,
				chromedp.EmulateViewport(size.width, size.height),
				chromedp.Navigate(url+path),
				chromedp.WaitVisible(`h1`),
			)
			if err != nil {
				t.Fatalf("browser: %v", err)
			}
			m, err := chromedp.Run(ctx, chromedp.Evaluate[firstScreen](measureFirstScreen))
			if err != nil {
				t.Fatalf("browser: %v", err)
			}
			shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatalf("browser: %v", err)
			}
			saveScreenshot(t, "article-first-screen-"+size.name+".png", shot)
			t.Logf("%s: header %.0f px, standfirst's first line ends at %.0f px", size.name, m.Header, m.Standfirst)
			if !strings.HasPrefix(m.Text, "Myofascial release therapy eases tight fascia") {
				t.Fatalf("the article does not lead with its summary: standfirst %q", m.Text)
			}
			if m.Header > size.header {
				t.Errorf("the header is %.0f px tall on a %d px wide screen, want at most %.0f", m.Header, size.width, size.header)
			}
			if m.Standfirst > float64(size.height) {
				t.Errorf("the first line of the article's text ends at %.0f px, below the first screen (%d px)", m.Standfirst, size.height)
			}
		})
	}
}

// TestBrowser_PhonePages opens each kind of page on a 375 px phone:
// none scrolls sideways. It saves each first screen, to look at.
func TestBrowser_PhonePages(t *testing.T) {
	ctx := newBrowser(t, 375, 667)
	url := startServe(t, nil)
	for _, page := range []struct{ name, path string }{
		{"index", "/"},
		{"topics", "/tags/"},
		{"search", "/search?q=stretching"},
		{"not-found", "/articles/myofascial-release/"},
	} {
		err := chromedp.Do(ctx,
			chromedp.EmulateViewport(375, 667),
			chromedp.Navigate(url+page.path),
			chromedp.WaitVisible(`h1`),
		)
		if err != nil {
			t.Fatalf("browser: %s: %v", page.path, err)
		}
		widths, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
		if err != nil {
			t.Fatalf("browser: %v", err)
		}
		if len(widths) != 2 || widths[0] > widths[1] {
			t.Errorf("%s scrolls sideways on a 375 px screen: scrollWidth, clientWidth = %v", page.path, widths)
		}
		shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("browser: %v", err)
		}
		saveScreenshot(t, page.name+"-375px.png", shot)
	}
}
