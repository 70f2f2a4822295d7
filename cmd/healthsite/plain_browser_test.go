package main

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// densePage is an article with something of every plain-language
// warning: jargon, the passive, an abbreviation never spelled out and a
// sentence too long, and a grade above the target.
const densePage = "---\ntitle: Knee swelling\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: What helps.\n---\n\n" +
	"Untreated *hypertension* damages the joints. The tablets should be taken with food.\n\n" +
	"Ask about an MRI. Patients presenting with persistent musculoskeletal discomfort frequently benefit from individualised physiotherapeutic interventions incorporating progressive resistance exercises and careful advice regarding posture and daily activity at home and at work.\n"

// pageMark is a mark of the preview as the browser shows it.
type pageMark struct {
	Text    string `json:"text"`
	Title   string `json:"title"`
	Visible bool   `json:"visible"` // it has a size and a background of its own
}

// pageNote is an item of the preview's list of what to change.
type pageNote struct {
	Text    string `json:"text"`    // the item as read: "Line 8, column 15: …"
	Href    string `json:"href"`    // its link's, "" without one
	Title   string `json:"title"`   // the title of the mark it links to, "" for none
	Visible bool   `json:"visible"` // the item has a size on the page
}

// readMarks collects the plain-language marks of the open page, the
// grade box's first paragraph, or "" without one, and the list of
// what to change.
const readMarks = `(() => {
  const marks = [...document.querySelectorAll("article mark.plain-warning")].map(m => {
    const r = m.getBoundingClientRect();
    const bg = getComputedStyle(m).backgroundColor;
    return {text: m.textContent, title: m.title, visible: r.width > 0 && r.height > 0 && bg !== "rgba(0, 0, 0, 0)" && bg !== "transparent"};
  });
  const box = document.querySelector("article .plain-box p");
  const notes = [...document.querySelectorAll("article .plain-box li")].map(li => {
    const a = li.querySelector("a");
    const href = a ? a.getAttribute("href") : "";
    const target = href ? document.getElementById(href.slice(1)) : null;
    const r = li.getBoundingClientRect();
    return {text: li.textContent.replace(/\s+/g, " ").trim(), href, title: target && target.matches("mark.plain-warning") ? target.title : "", visible: r.width > 0 && r.height > 0};
  });
  return {marks, box: box ? box.textContent.trim() : "", notes};
})()`

// TestBrowser_DevPreviewMarksPlainLanguage: in the preview, an article
// shows its grade against the target at the top, and each sentence and
// word check warns of is marked, visibly, with its warning as the
// mark's title; the same article served to readers carries none of it.
func TestBrowser_DevPreviewMarksPlainLanguage(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "knee.md", densePage)
	type found struct {
		Marks []pageMark `json:"marks"`
		Box   string     `json:"box"`
		Notes []pageNote `json:"notes"`
	}
	look := func(url string, preview bool) (found, context.Context) {
		// A phone's width: an editor there cannot point at a mark.
		ctx := newBrowser(t, 375, 740)
		if err := chromedp.Do(ctx, chromedp.Navigate(url+"/articles/knee/"), chromedp.WaitVisible(`h1`)); err != nil {
			t.Fatalf("browser: %v", err)
		}
		// The list of what to change is folded; an editor opens it.
		if preview {
			if err := chromedp.Do(ctx, chromedp.Click(`.plain-notes summary`)); err != nil {
				t.Fatalf("opening the list of what to change: %v", err)
			}
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[found](readMarks))
		if err != nil {
			t.Fatalf("reading the marks: %v", err)
		}
		return got, ctx
	}
	preview, ctx := look(startServe(t, nil, "-dev", "-content", dir), true)
	checkPlainNotes(t, ctx, preview.Notes, len(preview.Marks))
	if !strings.HasPrefix(preview.Box, "Reading grade ") || !strings.Contains(preview.Box, "above the site's target of grade 8") || !strings.Contains(preview.Box, "places are marked in the text") {
		t.Errorf("grade box %q", preview.Box)
	}
	for _, want := range []struct{ text, title string }{
		{"hypertension", `"hypertension" is medical jargon (write "high blood pressure", or explain it in the same sentence)`},
		{"should be taken", `"should be taken" is in the passive voice, which hides who must act`},
		{"MRI", `the abbreviation "MRI" is not spelled out where it is first used`},
		{"Patients presenting with persistent musculoskeletal discomfort frequently benefit from individualised physiotherapeutic interventions incorporating progressive resistance exercises and careful advice regarding posture and daily activity at home and at work.", "this sentence has 29 words, and readers lose track after about 25"},
		{"Patients presenting with persistent musculoskeletal discomfort frequently benefit from individualised physiotherapeutic interventions incorporating progressive resistance exercises and careful advice regarding posture and daily activity at home and at work.", "one of the article's hardest sentences: grade"},
		{"musculoskeletal", `"musculoskeletal" is medical jargon (write "muscle and bone"`},
	} {
		ok := false
		for _, m := range preview.Marks {
			if m.Text == want.text && strings.HasPrefix(m.Title, want.title) {
				ok = true
				if !m.Visible {
					t.Errorf("the mark on %q is not visible", want.text)
				}
			}
		}
		if !ok {
			t.Errorf("no mark on %q titled %q; marks: %+v", want.text, want.title, preview.Marks)
		}
	}
	if served, _ := look(startServe(t, nil, "-content", dir), false); len(served.Marks) > 0 || served.Box != "" || len(served.Notes) > 0 {
		t.Errorf("the page readers get carries marks %+v, box %q, notes %+v", served.Marks, served.Box, served.Notes)
	}
}

// checkPlainNotes checks the preview's list of what to change, read
// at a phone's width: one visible item for each marked place, in the
// order of the text, each reading "Line L, column C: message" and
// linking to its mark, whose title is that message; following a link
// brings its mark into view.
func checkPlainNotes(t *testing.T, ctx context.Context, notes []pageNote, marked int) {
	t.Helper()
	if len(notes) != 6 {
		t.Errorf("%d items listed, want one for each of the 6 places marked:\n%+v", len(notes), notes)
	}
	line := regexp.MustCompile(`^Line (\d+), column (\d+): (.+)$`)
	var last [2]int
	for i, n := range notes {
		m := line.FindStringSubmatch(n.Text)
		if m == nil || !n.Visible || n.Href != fmt.Sprintf("#preview_mark_%d", i+1) || n.Title != m[3] {
			t.Errorf("item %d: %+v: not visible, or not \"Line L, column C: message\" linking to a mark titled with its message", i+1, n)
			continue
		}
		at := [2]int{atoi(t, m[1]), atoi(t, m[2])}
		if at[0] < last[0] || at[0] == last[0] && at[1] < last[1] {
			t.Errorf("item %d at %v comes after one at %v: not in the order of the text", i+1, at, last)
		}
		last = at
	}
	if marked < len(notes) {
		t.Errorf("%d marks for %d items", marked, len(notes))
	}
	link := fmt.Sprintf(`a[href="#preview_mark_%d"]`, len(notes))
	if err := chromedp.Do(ctx, chromedp.Click(link)); err != nil {
		t.Fatalf("following the last item's link: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => { const m = document.querySelector("mark:target");
		if (!m) return false; const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()`,
		chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Errorf("following the last item's link does not bring its mark into view: %v", err)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
