package main

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowser_ArticlesFitAPhone opens every built-in article on a
// 375 px phone: the page does not scroll sideways and no element
// reaches past the screen's right edge, not even inside the box a
// table scrolls in: the built-in three-column table once ran 22 px
// past its box (and 2 px past the screen), for its cells' padding.
// A table too wide for any phone still scrolls in its box
// (TestBrowser_TableScrollsInItsBox).
func TestBrowser_ArticlesFitAPhone(t *testing.T) {
	ctx := newBrowser(t, 375, 667)
	url := startServe(t, nil)
	type fit struct {
		ScrollWidth, InnerWidth float64
		Wider                   []string
	}
	// Every element, the table's box and its table alike, and the
	// table's box must not scroll: its content fits.
	const measure = `(() => {
	  const w = window.innerWidth, wider = [];
	  for (const b of document.querySelectorAll('.table-scroll'))
	    if (b.scrollWidth > b.clientWidth) wider.push('the table box scrolls ' + (b.scrollWidth - b.clientWidth) + ' px');
	  for (const el of document.body.querySelectorAll('*')) {
	    const r = el.getBoundingClientRect();
	    if (r.width > 0 && Math.round(r.right) > w)
	      wider.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + ' ends at ' + Math.round(r.right));
	  }
	  return {ScrollWidth: document.documentElement.scrollWidth, InnerWidth: w, Wider: wider.slice(0, 8)};
	})()`
	for _, path := range []string{
		"/articles/myofascial-release-therapy/",
		"/articles/demystifying-myofascial-release-therapy/",
		"/articles/mastering-myofascial-release-therapy/",
	} {
		err := chromedp.Do(ctx,
			chromedp.EmulateViewport(375, 667),
			chromedp.Navigate(url+path),
			chromedp.WaitVisible(`h1`),
		)
		if err != nil {
			t.Fatalf("browser: %s: %v", path, err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[fit](measure))
		if err != nil {
			t.Fatalf("browser: %v", err)
		}
		if got.ScrollWidth > got.InnerWidth || len(got.Wider) > 0 {
			t.Errorf("%s is %v px wide on a %v px screen; past its edge: %v", path, got.ScrollWidth, got.InnerWidth, got.Wider)
		}
	}
}
