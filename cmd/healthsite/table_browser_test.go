package main

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowser_TableScrollsInItsBox opens the article with a table on a
// 375 px phone: the table's box fits the screen, the page does not
// scroll sideways, nothing of the table is cut off for good (what does
// not fit scrolls inside the box), and the box takes keyboard focus and
// scrolls with the arrow keys, as axe's scrollable-region-focusable
// asks. It saves a screenshot in testdata/screenshots.
func TestBrowser_TableScrollsInItsBox(t *testing.T) {
	ctx := newBrowser(t, 375, 667)
	url := startServe(t, nil)
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(375, 667),
		chromedp.Navigate(url+"/articles/demystifying-myofascial-release-therapy/"),
		chromedp.WaitVisible(`.table-scroll table`),
		// A narrower table than its box makes the box scroll for sure.
		chromedp.Evaluate[chromedp.Void](`document.querySelector('.table-scroll table').style.minWidth = '40rem', undefined`),
	)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	type box struct {
		Right, Viewport, PageWidth float64
		ScrollWidth, ClientWidth   float64
		Role, Label                string
	}
	measure := `(() => {
	  const b = document.querySelector('.table-scroll');
	  b.scrollIntoView();
	  return {Right: b.getBoundingClientRect().right, Viewport: document.documentElement.clientWidth,
	    PageWidth: document.documentElement.scrollWidth, ScrollWidth: b.scrollWidth, ClientWidth: b.clientWidth,
	    Role: b.getAttribute('role'), Label: b.getAttribute('aria-label')};
	})()`
	got, err := chromedp.Run(ctx, chromedp.Evaluate[box](measure))
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	if got.Right > got.Viewport || got.PageWidth > got.Viewport {
		t.Errorf("the table's box ends at %v px and the page is %v px wide, on a %v px screen", got.Right, got.PageWidth, got.Viewport)
	}
	if got.ScrollWidth <= got.ClientWidth {
		t.Errorf("a table wider than its box does not scroll in it: scrollWidth %v, clientWidth %v", got.ScrollWidth, got.ClientWidth)
	}
	if got.Role != "region" || got.Label != "Table: Aspect, Direct technique, Indirect technique" {
		t.Errorf("the box is role %q labelled %q", got.Role, got.Label)
	}
	shot, err := chromedp.Run(ctx, chromedp.Screenshot(`.table-scroll`))
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	saveScreenshot(t, "table-375px.png", shot)

	// Tab until the box has focus, then scroll it with the keyboard.
	focused := false
	for range 60 {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatalf("browser: %v", err)
		}
		if focused, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement.classList.contains('table-scroll')`)); err != nil {
			t.Fatalf("browser: %v", err)
		}
		if focused {
			break
		}
	}
	if !focused {
		t.Fatal("the table's box is never reached with the Tab key")
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight)); err != nil {
		t.Fatalf("browser: %v", err)
	}
	// The page scrolls smoothly: wait for the scroll to begin.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector('.table-scroll').scrollLeft > 0`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Errorf("the arrow keys do not scroll the focused box: %v", err)
	}
	shot, err = chromedp.Run(ctx, chromedp.Screenshot(`.table-scroll`))
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	saveScreenshot(t, "table-375px-scrolled.png", shot)
}
