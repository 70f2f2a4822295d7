package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"healthsite/internal/article"
)

// TestDev_NewFileDoesNotBreakThePreview is an editor starting an
// article with healthsite new while the preview runs: the unfinished
// file shows its problems at its own address, every other page keeps
// working with a notice naming it, and other files' changes keep
// showing. A saved mistake in a published file leaves its last good
// version everywhere but at its address.
func TestDev_NewFileDoesNotBreakThePreview(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "knee.md", kneePage)
	url := startServe(t, nil, "-dev", "-content", dir)
	evs := events(t, url)

	if _, _, err := runCmd(t, map[string]string{"HEALTHSITE_AUTHOR": "Ann Lee"}, "new", "-content", dir, "Ankle sprain"); err != nil {
		t.Fatal(err)
	}
	nextEvent(t, evs, time.Now())
	file := filepath.ToSlash(dir) + "/ankle-sprain.md"
	code, body := getPage(t, url+"/articles/ankle-sprain/")
	if code != http.StatusInternalServerError || !strings.Contains(body, "<title>Problems in "+file+" – Healthsite</title>") || !strings.Contains(body, "TODO") {
		t.Errorf("the new file's address: %d, not its problems:\n%s", code, body)
	}
	code, body = getPage(t, url+"/")
	if code != http.StatusOK || !strings.Contains(body, "Knee pain") || strings.Contains(body, "Ankle sprain") {
		t.Errorf("index with an unfinished file: %d, or it lacks knee.md or lists the new file:\n%s", code, body)
	}
	if !strings.Contains(body, "<code>"+file+"</code> — <a href=\"/articles/ankle-sprain/\">see its problems") {
		t.Errorf("the index lacks the notice naming the new file:\n%s", body)
	}

	write(t, dir, "knee.md", strings.Replace(kneePage, "Rest, then move.", "Rest, then move gently.", 1))
	nextEvent(t, evs, time.Now())
	if code, body := getPage(t, url+"/articles/knee/"); code != http.StatusOK || !strings.Contains(body, "Rest, then move gently.") {
		t.Errorf("another file's change is not shown: %d", code)
	}

	write(t, dir, "knee.md", strings.Replace(kneePage, "date: 2024-01-10", "date: tomorrow", 1))
	nextEvent(t, evs, time.Now())
	if code, body := getPage(t, url+"/"); code != http.StatusOK || !strings.Contains(body, "Knee pain") || !strings.Contains(body, "2 files have problems") {
		t.Errorf("index with knee.md broken: %d, or it lacks knee.md's last good version or the notice:\n%s", code, body)
	}
	if code, body := getPage(t, url+"/articles/knee/"); code != http.StatusInternalServerError || !strings.Contains(body, "<strong>Line 4, column 7</strong>") {
		t.Errorf("knee.md's address: %d, not its problems:\n%s", code, body)
	}
}

const kneePage = "---\ntitle: Knee pain\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: What helps.\n---\n\nRest, then move.\n"

// TestDev_ScheduledArticleIsPreviewed: a future-dated article is shown
// in the preview with when it goes live, and listed as scheduled; a
// production server answers 404 until then.
func TestDev_ScheduledArticleIsPreviewed(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "knee.md", kneePage)
	write(t, dir, "flu.md", "---\ntitle: Flu jabs\nauthor: Ann Lee\ndate: 2099-10-08 09:00:00 +0000\nsummary: When to get one.\n---\n\nSoon.\n")
	url := startServe(t, nil, "-dev", "-content", dir)
	code, body := getPage(t, url+"/articles/flu/")
	if code != http.StatusOK || !strings.Contains(body, ">8 October 2099 at 09:00</time>") || !strings.Contains(body, "Scheduled: goes live on") {
		t.Errorf("scheduled article in the preview: %d, lacks when it goes live:\n%s", code, body)
	}
	if _, body := getPage(t, url+"/"); !strings.Contains(body, `<span class="scheduled-label">Scheduled</span>`) {
		t.Error("the preview's index does not list the scheduled article as scheduled")
	}

	prod := startServe(t, nil, "-content", dir)
	if code, _ := getPage(t, prod+"/articles/flu/"); code != http.StatusNotFound {
		t.Errorf("the scheduled article in production: %d", code)
	}
	if _, body := getPage(t, prod+"/"); strings.Contains(body, "Flu jabs") {
		t.Error("production lists the scheduled article")
	}
}

// TestDev_SiteSettingsErrors: a preview started with site.yaml broken
// has nothing good to show, so every page is the problems page, until
// the fix; broken again later, the last good version is shown with a
// notice linking to the problems.
func TestDev_SiteSettingsErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "knee.md", kneePage)
	write(t, dir, "site.yaml", "name: Clinic\nlanguage: not a tag\n")
	url := startServe(t, nil, "-dev", "-content", dir)
	evs := events(t, url)
	if code, body := getPage(t, url+"/articles/knee/"); code != http.StatusInternalServerError || !strings.Contains(body, "nothing can be previewed") {
		t.Errorf("first load with site.yaml broken: %d, not the problems page:\n%s", code, body)
	}

	write(t, dir, "site.yaml", "name: Clinic\nlanguage: en-GB\n")
	nextEvent(t, evs, time.Now())
	if code, body := getPage(t, url+"/articles/knee/"); code != http.StatusOK || !strings.Contains(body, `lang="en-GB"`) {
		t.Errorf("after the fix: %d", code)
	}

	write(t, dir, "site.yaml", "name: Clinic\nlanguage: en GB\n")
	nextEvent(t, evs, time.Now())
	code, body := getPage(t, url+"/articles/knee/")
	if code != http.StatusOK || !strings.Contains(body, `lang="en-GB"`) || !strings.Contains(body, `<a href="/_dev/problems/">see its problems`) {
		t.Errorf("site.yaml broken again: %d, not the last good version with the notice:\n%s", code, body)
	}
	if code, body := getPage(t, url+"/_dev/problems/"); code != http.StatusInternalServerError || !strings.Contains(body, `language &#34;en GB&#34; is not a language tag`) {
		t.Errorf("/_dev/problems/: %d:\n%s", code, body)
	}
}

// TestDev_BrokenFileThatIsNotAnArticleIsHeldBackAlone: a standalone
// page, a profile, authors.yaml, synonyms.yaml, an image or a link out
// of the folder with errors holds back only itself: an article's saved change shows at once, and
// a new page or profile with errors shows its problems at its address.
func TestDev_BrokenFileThatIsNotAnArticleIsHeldBackAlone(t *testing.T) {
	tests := []struct {
		name    string
		good    string // the file's content before it breaks; "" for none
		breakIt func(t *testing.T, dir string)
		at      string // where the file's problems show; "" for only the list of every problem
	}{
		{"NewPage", "", func(t *testing.T, dir string) {
			write(t, dir, "pages/terms.md", "---\ntitle: Terms\nfooter_order: first\n---\nx")
		}, "/terms/"},
		{"BrokenPage", "pages/terms.md", func(t *testing.T, dir string) {
			write(t, dir, "pages/terms.md", "---\ntitle: Terms\nfooter_order: first\n---\nx")
		}, ""},
		{"NewProfile", "", func(t *testing.T, dir string) {
			write(t, dir, "authors/ann-lee.md", "---\nname: Ann Lee\nrol: y\n---\nAnn.\n")
		}, "/authors/ann-lee/"},
		{"AuthorsYAML", "", func(t *testing.T, dir string) {
			write(t, dir, "authors.yaml", "- name: Ann Lee\n  rol: y\n")
		}, ""},
		{"BrokenSynonyms", "", func(t *testing.T, dir string) {
			write(t, dir, "synonyms.yaml", "knee: [kneecap]\n")
		}, ""},
		{"BrokenImage", "", func(t *testing.T, dir string) {
			write(t, dir, "images/knee.png", "not a picture")
		}, ""},
		{"LinkOutOfTheFolder", "", func(t *testing.T, dir string) {
			if err := os.Symlink("/etc/passwd", filepath.Join(dir, "link.md")); err != nil {
				t.Fatal(err)
			}
		}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, sub := range []string{"pages", "authors", "images"} {
				if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			write(t, dir, "knee.md", kneePage)
			if tc.good != "" {
				write(t, dir, tc.good, "---\ntitle: Terms\n---\nOur terms.\n")
			}
			url := startServe(t, nil, "-dev", "-content", dir)
			evs := events(t, url)

			tc.breakIt(t, dir)
			nextEvent(t, evs, time.Now())
			write(t, dir, "knee.md", strings.Replace(kneePage, "Rest, then move.", "Rest, then move gently.", 1))
			nextEvent(t, evs, time.Now())

			code, body := getPage(t, url+"/articles/knee/")
			if code != http.StatusOK || !strings.Contains(body, "Rest, then move gently.") || !strings.Contains(body, "1 file has problems") {
				t.Errorf("the article's saved change: %d, not shown, or no notice:\n%s", code, body)
			}
			if strings.Contains(body, "held back") {
				t.Errorf("the notice says every edit is held back:\n%s", body)
			}
			if tc.good != "" {
				if code, body := getPage(t, url+"/terms/"); code != http.StatusOK || !strings.Contains(body, "Our terms.") {
					t.Errorf("/terms/: %d, not its last good version:\n%s", code, body)
				}
			}
			if tc.at != "" {
				if code, body := getPage(t, url+tc.at); code != http.StatusInternalServerError || !strings.Contains(body, "<title>Problems in ") {
					t.Errorf("%s: %d, not its problems:\n%s", tc.at, code, body)
				}
			}
			if _, body := getPage(t, url+"/_dev/problems/"); strings.Contains(body, "whole site") {
				t.Errorf("the list of problems says they concern the whole site:\n%s", body)
			}
		})
	}
}

// TestPreview_StaleReportsCurrentWarnings: when site.yaml breaks, the
// preview keeps showing the last good version, but reports the content
// as it is now: a warning fixed since is not reported again, a new one is.
func TestPreview_StaleReportsCurrentWarnings(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "knee.md", kneePage)
	write(t, dir, "Knee.txt", "notes")
	p := &preview{dir: dir}
	load := func() []string {
		var got []string
		if _, _, err := p.load(time.Now(), func(e *article.Error) { got = append(got, e.Error()) }); err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := load(); len(got) != 1 || !strings.Contains(got[0], "Knee.txt") {
		t.Fatalf("first version: reported %q, want the warning about Knee.txt", got)
	}

	if err := os.Remove(filepath.Join(dir, "Knee.txt")); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "Ankle.txt", "notes")
	write(t, dir, "site.yaml", "language: not a tag\n")
	got := strings.Join(load(), "\n")
	if strings.Contains(got, "Knee.txt") {
		t.Errorf("the warning about Knee.txt, removed since, is reported again:\n%s", got)
	}
	if !strings.Contains(got, "site.yaml") || !strings.Contains(got, "Ankle.txt") {
		t.Errorf("site.yaml's error or the new warning about Ankle.txt is not reported:\n%s", got)
	}
}

// TestDev_SpanishArticleInThePreview is an editor of a Spanish
// translation in the preview: each save reloads the open page and shows
// at /es/articles/…; a broken save shows its problems there, not at the
// English address, and every page's notice links to it; a missing page
// under /es/ is the Spanish 404 page, with the preview's script.
func TestDev_SpanishArticleInThePreview(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, article.SettingsFile, "name: Clear Health\nlanguage: en\nlanguages:\n  es: {name: Salud Clara}\n")
	write(t, dir, "knee.md", kneePage)
	if err := os.Mkdir(filepath.Join(dir, "es"), 0o755); err != nil {
		t.Fatal(err)
	}
	rodilla := "---\ntitle: Dolor de rodilla\nauthor: Ann Lee\ndate: 2024-02-01\nsummary: Qué ayuda.\ntranslation_of: knee\n---\n\nDescanse y luego muévase.\n"
	write(t, dir, "es/rodilla.md", rodilla)
	url := startServe(t, nil, "-dev", "-content", dir)
	evs := events(t, url)

	write(t, dir, "es/rodilla.md", strings.Replace(rodilla, "luego muévase.", "luego muévase con suavidad.", 1))
	nextEvent(t, evs, time.Now())
	if code, body := getPage(t, url+"/es/articles/rodilla/"); code != http.StatusOK || !strings.Contains(body, "muévase con suavidad.") || !strings.Contains(body, `<html lang="es"`) {
		t.Errorf("the saved change is not shown at /es/articles/rodilla/: %d", code)
	}

	write(t, dir, "es/rodilla.md", strings.Replace(rodilla, "date: 2024-02-01", "date: mañana", 1))
	nextEvent(t, evs, time.Now())
	file := filepath.ToSlash(dir) + "/es/rodilla.md"
	code, body := getPage(t, url+"/es/articles/rodilla/")
	if code != http.StatusInternalServerError || !strings.Contains(body, "<title>Problems in "+file+" – Clear Health</title>") || !strings.Contains(body, `date &#34;mañana&#34; is not a date`) {
		t.Errorf("/es/articles/rodilla/ with the file broken: %d, not its problems:\n%s", code, body)
	}
	if code, _ := getPage(t, url+"/articles/rodilla/"); code != http.StatusNotFound {
		t.Errorf("/articles/rodilla/, no page of the site: %d, want 404 (the problems belong at /es/articles/rodilla/)", code)
	}
	for _, p := range []string{"/", "/es/", "/articles/knee/"} {
		if code, body := getPage(t, url+p); code != http.StatusOK || !strings.Contains(body, `<a href="/es/articles/rodilla/">see its problems`) {
			t.Errorf("%s: %d, or its notice does not lead to /es/articles/rodilla/", p, code)
		}
	}
	code, body = getPage(t, url+"/es/no-existe/")
	if code != http.StatusNotFound || !strings.Contains(body, `<html lang="es"`) || !strings.Contains(body, "Página no encontrada") ||
		!strings.Contains(body, `action="/es/search"`) || !strings.Contains(body, `<script src="/static/dev.`) {
		t.Errorf("/es/no-existe/ in the preview: %d, not the Spanish 404 page with the reload script:\n%s", code, body)
	}

	write(t, dir, "es/rodilla.md", rodilla)
	nextEvent(t, evs, time.Now())
	if code, body := getPage(t, url+"/es/articles/rodilla/"); code != http.StatusOK || !strings.Contains(body, "Descanse y luego muévase.") {
		t.Errorf("fixed save: %d", code)
	}
}
