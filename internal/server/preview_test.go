package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"healthsite/internal/article"
	"healthsite/internal/site"
)

const (
	previewKnee = "---\ntitle: Knee pain\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: What helps.\n---\n\nRest, then move.\n"
	// As healthsite new leaves it: TODO where the editor has to write.
	previewNew = "---\ntitle: Ankle sprain\nauthor: Ann Lee\ndate: TODO\nsummary: TODO\n---\n\nTODO\n"
)

// previewSite builds fsys as the preview does, with no last good version.
func previewSite(t *testing.T, fsys fstest.MapFS) *site.Site {
	t.Helper()
	lib, problems := article.LoadPartial(fsys, article.Options{Root: "content"}, nil)
	st, err := site.Build(lib, site.Options{Dev: true, Problems: problems, Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func previewFS(nameContent ...string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for i := 0; i+1 < len(nameContent); i += 2 {
		fsys[nameContent[i]] = &fstest.MapFile{Data: []byte(nameContent[i+1])}
	}
	return fsys
}

// TestPreview_FileWithProblemsShowsThemAtItsAddress: the new file's
// address answers its problems, never cached; every other page answers
// as usual, with the notice.
func TestPreview_FileWithProblemsShowsThemAtItsAddress(t *testing.T) {
	st := previewSite(t, previewFS("knee.md", previewKnee, "ankle-sprain.md", previewNew))
	url := newHTTPTestServer(t, New(st.Complete(t.Context()), slog.New(slog.DiscardHandler), Options{Dev: true}))

	resp, body := get(t, url+"/articles/ankle-sprain/")
	if resp.StatusCode != http.StatusInternalServerError || resp.Header.Get("Cache-Control") != "no-store" ||
		!strings.Contains(body, "<title>Problems in content/ankle-sprain.md – Healthsite</title>") {
		t.Errorf("the file's address: %d, Cache-Control %q:\n%s", resp.StatusCode, resp.Header.Get("Cache-Control"), body)
	}
	for _, path := range []string{"/", "/articles/knee/", "/search?q=knee", "/no-such-page"} {
		resp, body := get(t, url+path)
		if resp.StatusCode >= 500 || !strings.Contains(body, `<a href="/articles/ankle-sprain/">see its problems`) {
			t.Errorf("%s: %d, notice shown: %v", path, resp.StatusCode, strings.Contains(body, "problems-notice"))
		}
	}
	if resp, body := get(t, url+site.DevProblemsPath); resp.StatusCode != http.StatusInternalServerError || !strings.Contains(body, `date &#34;TODO&#34; is not a date`) {
		t.Errorf("%s: %d", site.DevProblemsPath, resp.StatusCode)
	}
}

// TestPreview_SiteErrorsWithoutAGoodVersionShowEverywhere: with
// site.yaml broken on a first load there is nothing to preview: every
// page is the problems page, styled by the site's stylesheet.
func TestPreview_SiteErrorsWithoutAGoodVersionShowEverywhere(t *testing.T) {
	st := previewSite(t, previewFS("knee.md", previewKnee, article.SettingsFile, "language: not a tag\n"))
	url := newHTTPTestServer(t, New(st.Complete(t.Context()), slog.New(slog.DiscardHandler), Options{Dev: true}))
	for _, path := range []string{"/", "/articles/knee/", "/search?q=knee", "/no-such-page", "/articles"} {
		resp, body := get(t, url+path)
		if resp.StatusCode != http.StatusInternalServerError || !strings.Contains(body, `language &#34;not a tag&#34; is not a language tag`) {
			t.Errorf("%s: %d, not the problems page", path, resp.StatusCode)
		}
	}
	_, body := get(t, url+"/")
	i := strings.Index(body, `href="/static/style.`)
	css := body[i+len(`href="`):]
	css = css[:strings.IndexByte(css, '"')]
	if resp, _ := get(t, url+css); resp.StatusCode != http.StatusOK {
		t.Errorf("the problems page's stylesheet %s: %d", css, resp.StatusCode)
	}
}

// TestServe_ProductionShowsNoProblemPages: outside the preview the
// problem pages and their list are not served, even from a site built
// with them.
func TestServe_ProductionShowsNoProblemPages(t *testing.T) {
	st := previewSite(t, previewFS("knee.md", previewKnee, "ankle-sprain.md", previewNew))
	url := newHTTPTestServer(t, New(st.Complete(t.Context()), slog.New(slog.DiscardHandler), Options{}))
	for _, path := range []string{"/articles/ankle-sprain/", site.DevProblemsPath} {
		if resp, _ := get(t, url+path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s in production: %d", path, resp.StatusCode)
		}
	}
}

// TestPublisher_PreviewSwapsInAVersionWithProblems: in the preview a
// broken file does not fail the reload; the version that shows it is
// swapped in and open pages are told to reload.
func TestPublisher_PreviewSwapsInAVersionWithProblems(t *testing.T) {
	fsys := previewFS("knee.md", previewKnee)
	var last *article.Library
	build := func(now time.Time, prev *site.Site) (*site.Site, error) {
		lib, problems := article.LoadPartial(fsys, article.Options{Root: "content"}, last)
		if problems == nil || len(problems.Site) == 0 {
			last = lib
		}
		return site.Build(lib, site.Options{Dev: true, Problems: problems, Now: now, Previous: prev})
	}
	clock := &fakeClock{now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	first, err := build(clock.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := New(first.Complete(t.Context()), slog.New(slog.DiscardHandler), Options{Dev: true})
	pub := NewPublisher(srv, build, clock, slog.New(slog.DiscardHandler))
	seen, changed := srv.changes.wait()

	fsys["knee.md"].Data = []byte(strings.Replace(previewKnee, "2024-01-10", "tomorrow", 1))
	if err := pub.Reload(context.Background(), "test"); err != nil {
		t.Fatalf("the preview's reload failed: %v", err)
	}
	select {
	case <-changed:
	default:
		t.Fatal("open pages are not told to reload")
	}
	if now, _ := srv.changes.wait(); now == seen {
		t.Error("the version did not change")
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Knee pain") || !strings.Contains(rec.Body.String(), "problems-notice") {
		t.Errorf("index after the broken save: %d, lacks the last good article or the notice", rec.Code)
	}
}

// TestPreview_FailedBuildShowsEveryProblemEverywhere: a version that
// cannot be built at all (a stylesheet that cannot be read, say) is
// reported on every page, with each problem placed in words.
func TestPreview_FailedBuildShowsEveryProblemEverywhere(t *testing.T) {
	st := previewSite(t, previewFS("knee.md", previewKnee))
	srv := New(st.Complete(t.Context()), slog.New(slog.DiscardHandler), Options{Dev: true})
	srv.setProblems(errors.Join(
		&article.Error{Path: "content/knee.md", Line: 4, Col: 7, Message: "date is wrong", Text: "date: tomorrow"},
		errors.New("static: cannot read style.css"),
	))
	url := newHTTPTestServer(t, srv)
	resp, body := get(t, url+"/articles/knee/")
	for _, want := range []string{"The latest change has 2 problems", "<strong>Line 4, column 7</strong>", "date: <mark>t</mark>omorrow", "static: cannot read style.css"} {
		if resp.StatusCode != http.StatusInternalServerError || !strings.Contains(body, want) {
			t.Errorf("%d, lacks %q", resp.StatusCode, want)
		}
	}
}

// TestPreview_ProblemsPagesAreNotLoggedAsServerErrors: the preview's
// problems pages answer 500, so that no tool takes them for the page,
// but the editor's terminal says the preview is showing problems, not
// that the server broke.
func TestPreview_ProblemsPagesAreNotLoggedAsServerErrors(t *testing.T) {
	tests := []struct {
		name string
		site func(t *testing.T) *Server
		path string
	}{
		{"FileProblems", func(t *testing.T) *Server {
			return New(previewSite(t, previewFS("knee.md", previewKnee, "ankle-sprain.md", previewNew)).Complete(t.Context()), nil, Options{Dev: true})
		}, "/articles/ankle-sprain/"},
		{"EveryProblem", func(t *testing.T) *Server {
			return New(previewSite(t, previewFS("knee.md", previewKnee, "ankle-sprain.md", previewNew)).Complete(t.Context()), nil, Options{Dev: true})
		}, site.DevProblemsPath},
		{"FailedBuild", func(t *testing.T) *Server {
			srv := New(previewSite(t, previewFS("knee.md", previewKnee)).Complete(t.Context()), nil, Options{Dev: true})
			srv.setProblems(&article.Error{Path: "content/knee.md", Line: 1, Message: "broken"})
			return srv
		}, "/"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var logged strings.Builder
			srv := tc.site(t)
			srv.log = slog.New(slog.NewTextHandler(&logged, nil))
			url := newHTTPTestServer(t, srv)
			if resp, _ := get(t, url+tc.path); resp.StatusCode != http.StatusInternalServerError {
				t.Fatalf("%s: %d, not the problems page", tc.path, resp.StatusCode)
			}
			line := logged.String()
			if strings.Contains(line, "level=ERROR") || !strings.Contains(line, "level=WARN") || !strings.Contains(line, `msg="showing problems"`) || !strings.Contains(line, "path="+tc.path) {
				t.Errorf("logged as:\n%s", line)
			}
		})
	}
}
