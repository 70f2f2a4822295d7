package main

import (
	"strings"
	"testing"

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

// readMarks collects the plain-language marks of the open page, and
// the grade box's text, or "" without one.
const readMarks = `(() => {
  const marks = [...document.querySelectorAll("article mark.plain-warning")].map(m => {
    const r = m.getBoundingClientRect();
    const bg = getComputedStyle(m).backgroundColor;
    return {text: m.textContent, title: m.title, visible: r.width > 0 && r.height > 0 && bg !== "rgba(0, 0, 0, 0)" && bg !== "transparent"};
  });
  const box = document.querySelector("article .plain-box");
  return {marks, box: box ? box.textContent.trim() : ""};
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
	}
	look := func(url string) found {
		ctx := newBrowser(t, 1024, 768)
		if err := chromedp.Do(ctx, chromedp.Navigate(url+"/articles/knee/"), chromedp.WaitVisible(`h1`)); err != nil {
			t.Fatalf("browser: %v", err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[found](readMarks))
		if err != nil {
			t.Fatalf("reading the marks: %v", err)
		}
		return got
	}
	preview := look(startServe(t, nil, "-dev", "-content", dir))
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
	if served := look(startServe(t, nil, "-content", dir)); len(served.Marks) > 0 || served.Box != "" {
		t.Errorf("the page readers get carries marks %+v, box %q", served.Marks, served.Box)
	}
}
