package main

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
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

// TestBrowser_LinksAndBylinesWrapCleanly opens the index and an article
// on a 320 px phone, where the byline, the teasers' lines and the
// footer wrap: no "·" separator is left to start or end a line (the
// parts are spaced by the layout instead), and every footer link has
// the same height, the links of a row the same top.
func TestBrowser_LinksAndBylinesWrapCleanly(t *testing.T) {
	ctx := newBrowser(t, 320, 640)
	url := startServe(t, nil)
	type lines struct {
		Separators []string
		Heights    []float64
		Misaligned []string
	}
	const measure = `(() => {
	  const seps = [];
	  for (const el of document.querySelectorAll('.byline, .meta, .review-dates, .site-footer'))
	    if (el.textContent.includes('·')) seps.push(el.className + ': ' + el.textContent.replace(/\s+/g, ' ').trim());
	  const links = [...document.querySelectorAll('.site-footer a')].map(a => a.getBoundingClientRect());
	  const heights = [...new Set(links.map(r => Math.round(r.height)))];
	  const misaligned = [];
	  for (const a of links) for (const b of links)
	    if (Math.abs(a.top - b.top) > 0.5 && Math.abs(a.top - b.top) < a.height) misaligned.push(a.top + ' and ' + b.top);
	  return {Separators: seps, Heights: heights, Misaligned: misaligned.slice(0, 4)};
	})()`
	for _, path := range []string{"/", "/articles/myofascial-release-therapy/"} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 640), chromedp.Navigate(url+path), chromedp.WaitVisible(`h1`)); err != nil {
			t.Fatalf("browser: %s: %v", path, err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[lines](measure))
		if err != nil {
			t.Fatalf("browser: %v", err)
		}
		if len(got.Separators) > 0 {
			t.Errorf("%s: a separator glyph can start or end a line when these wrap: %q", path, got.Separators)
		}
		if len(got.Heights) != 1 || len(got.Misaligned) > 0 {
			t.Errorf("%s: the footer's links are %v px tall, and on a row their tops differ: %v", path, got.Heights, got.Misaligned)
		}
	}
}

// TestBrowser_EmptyLettersLookInert opens the topics A–Z in the light
// and the dark scheme: a letter with no topics has no border and no
// background, so it does not look like a button, while a letter with
// topics keeps its box.
func TestBrowser_EmptyLettersLookInert(t *testing.T) {
	url := startServe(t, nil)
	type looks struct {
		Empty, Full            int
		EmptyBorder, EmptyBack []string
		FullBorder             string
	}
	const measure = `(() => {
	  const empty = [...document.querySelectorAll('.az-letters li > :not(a)')], full = document.querySelectorAll('.az-letters a');
	  const border = el => { const s = getComputedStyle(el); return s.borderTopStyle === 'none' || s.borderTopWidth === '0px' ? '' : s.borderTopWidth + ' ' + s.borderTopStyle; };
	  return {Empty: empty.length, Full: full.length,
	    EmptyBorder: empty.map(border).filter(b => b !== ''),
	    EmptyBack: empty.map(el => getComputedStyle(el).backgroundColor).filter(c => c !== 'rgba(0, 0, 0, 0)'),
	    FullBorder: full.length ? border(full[0]) : ''};
	})()`
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			ctx := newBrowser(t, 375, 667)
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			})
			if err != nil {
				t.Fatalf("browser: %v", err)
			}
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 667), chromedp.Navigate(url+"/tags/"), chromedp.WaitVisible(`h1`)); err != nil {
				t.Fatalf("browser: %v", err)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[looks](measure))
			if err != nil {
				t.Fatalf("browser: %v", err)
			}
			if got.Empty == 0 || got.Full == 0 {
				t.Fatalf("the built-in A–Z has %d empty and %d full letters; the test needs both", got.Empty, got.Full)
			}
			if len(got.EmptyBorder) > 0 || len(got.EmptyBack) > 0 {
				t.Errorf("letters with no topics have borders %v and backgrounds %v: they look like buttons", got.EmptyBorder, got.EmptyBack)
			}
			if got.FullBorder == "" {
				t.Errorf("a letter with topics lost its box")
			}
		})
	}
}
