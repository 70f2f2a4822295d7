package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"healthsite/content"
	"healthsite/internal/article"
	"healthsite/internal/site"
)

// shipped builds and compresses the shipped site.
func shipped(t *testing.T) *site.Site {
	t.Helper()
	return shippedAt(t, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
}

// whole returns the Site the Completion of s makes whole, as build
// writes it.
func whole(t *testing.T, s *site.Site) *site.Site {
	t.Helper()
	done := s.Complete(t.Context())
	if err := done.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	return done.Site()
}

// shippedAt builds and compresses the shipped site as of now.
func shippedAt(t *testing.T, now time.Time) *site.Site {
	t.Helper()
	lib, err := article.Load(content.FS, article.Options{Root: "content"})
	if err != nil {
		t.Fatal(err)
	}
	// As build makes it: with the static search, and the server's
	// index too, so that serve can answer the same site.
	s, err := site.Build(lib, site.Options{BaseURL: "https://health.example.org", Now: now, StaticSearch: true})
	if err != nil {
		t.Fatal(err)
	}
	s = whole(t, s)
	return s
}

func TestWrite_EveryPageAndVariantAsFiles(t *testing.T) {
	s := shipped(t)
	dir := filepath.Join(t.TempDir(), "public")
	st, err := Write(t.Context(), s, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{Marker: nil, ManifestFile: nil}
	pages := map[string]*site.Page{NotFoundFile: s.NotFound(), SearchFile: s.StaticSearchPage(), "es/" + NotFoundFile: s.NotFoundAt("/es/"), "es/" + SearchFile: s.StaticSearchPageAt("/es")}
	if s.NotFoundAt("/es/") == s.NotFound() {
		t.Fatal("the shipped site has no Spanish 404 page")
	}
	for _, p := range s.Paths() {
		pages[File(p)] = s.Page(p)
	}
	for name, p := range pages {
		for _, e := range site.Encodings() {
			if body, _, ok := p.Variant(e); ok {
				want[name+e.Ext()] = body
			}
		}
	}
	got := map[string]bool{}
	err = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		got[rel] = true
		body, ok := want[rel]
		if !ok {
			t.Errorf("%s was written, but is no page", rel)
			return nil
		}
		if rel == Marker || rel == ManifestFile {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !bytes.Equal(data, body) {
			t.Errorf("%s differs from the page's bytes", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name := range want {
		if !got[name] {
			t.Errorf("%s is missing", name)
		}
	}
	if st.Pages != len(pages) || st.Files != len(want)-2 {
		t.Errorf("stats: %d pages in %d files, want %d in %d", st.Pages, st.Files, len(pages), len(want)-2)
	}
	for _, name := range []string{"index.html", "index.html.gz", "index.html.br", "articles/myofascial-release-therapy/index.html", "feed.xml.gz", "sitemap.xml", "robots.txt", "404.html", "es/404.html", "es/404.html.gz", "search.html", "search.html.gz", "es/search.html"} {
		if !got[name] {
			t.Errorf("the export has no %s", name)
		}
	}
	// Files carry the time their page last changed, for Last-Modified.
	info, err := os.Stat(filepath.Join(dir, "index.html"))
	if err != nil || !info.ModTime().Equal(s.Page("/").Modified) {
		t.Errorf("index.html's time is %v, want %v (%v)", info.ModTime(), s.Page("/").Modified, err)
	}
}

func TestFile(t *testing.T) {
	for path, want := range map[string]string{
		"/":                      "index.html",
		"/page/2/":               "page/2/index.html",
		"/articles/neck-pain/":   "articles/neck-pain/index.html",
		"/feed.xml":              "feed.xml",
		"/static/style.ab12.css": "static/style.ab12.css",
	} {
		if got := File(path); got != want {
			t.Errorf("File(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestWrite_ReplacesOnlyItsOwnFolder(t *testing.T) {
	s := shipped(t)
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")

	// An empty folder may be used, and an earlier export replaced.
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(t.Context(), s, dir, Options{}); err != nil {
		t.Fatalf("into an empty folder: %v", err)
	}
	stale := filepath.Join(dir, "articles", "removed", "index.html")
	if err := os.MkdirAll(filepath.Dir(stale), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(t.Context(), s, dir, Options{}); err != nil {
		t.Fatalf("over an earlier export: %v", err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a page of the earlier export survived: the folder was not replaced whole")
	}

	// A folder the export did not write is refused, and left alone.
	other := filepath.Join(parent, "documents")
	if err := os.Mkdir(other, 0o755); err != nil {
		t.Fatal(err)
	}
	keep := filepath.Join(other, "thesis.txt")
	if err := os.WriteFile(keep, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Write(t.Context(), s, other, Options{})
	if err == nil || !strings.Contains(err.Error(), "-force") {
		t.Errorf("over a foreign folder: %v, want a refusal that names -force", err)
	}
	if data, _ := os.ReadFile(keep); string(data) != "precious" {
		t.Error("the refused folder was changed")
	}
	if _, err := Write(t.Context(), s, other, Options{Force: true}); err != nil {
		t.Fatalf("with Force: %v", err)
	}
	if _, err := os.Stat(filepath.Join(other, "index.html")); err != nil {
		t.Error("with Force, the folder was not replaced")
	}

	// No temporary or old folders are left beside the export.
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("%s was left beside the export", e.Name())
		}
	}
}

func TestWrite_FailureLeavesThePreviousExport(t *testing.T) {
	s := shipped(t)
	dir := filepath.Join(t.TempDir(), "public")
	if _, err := Write(t.Context(), s, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "index.html"))

	lib, err := article.Load(content.FS, article.Options{Root: "content"})
	if err != nil {
		t.Fatal(err)
	}
	broken, err := site.Build(lib, site.Options{BaseURL: "https://other.example.org"})
	if err != nil {
		t.Fatal(err)
	}
	// Stopped before it is done, as by Ctrl-C: the other site must not
	// take the previous one's place, even in part.
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := Write(ctx, broken, dir, Options{}); err == nil {
		t.Fatal("a stopped export took the previous one's place")
	}
	after, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	if !bytes.Equal(before, after) {
		t.Error("a failed export changed the previous one")
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("a failed export left %d entries beside the export", len(entries)-1)
	}
}

func TestWrite_UnchangedPagesKeepTheirTime(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	first := shipped(t)
	if _, err := Write(t.Context(), first, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	// Pretend the first export is a day old.
	day := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	for _, name := range []string{"index.html", "index.html.gz", "feed.xml"} {
		if err := os.Chtimes(filepath.Join(dir, name), day, day); err != nil {
			t.Fatal(err)
		}
	}
	// The same content again, built at another moment.
	second := shippedAt(t, time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC))
	if _, err := Write(t.Context(), second, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.html", "index.html.gz", "index.html.br"} {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil || !info.ModTime().Equal(day) {
			t.Errorf("%s: time %v, want the unchanged page's %v (%v)", name, info.ModTime(), day, err)
		}
	}
}

func TestWrite_AFailureHalfwayLeavesThePreviousExport(t *testing.T) {
	s := shipped(t)
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	if _, err := Write(t.Context(), s, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	// Without its manifest, nothing of the previous export is kept, and
	// every file is written again.
	if err := os.Remove(filepath.Join(dir, ManifestFile)); err != nil {
		t.Fatal(err)
	}
	var n atomic.Int32
	failing := func(name string, data []byte, perm os.FileMode) error {
		if n.Add(1) == 7 {
			return errors.New("disk full")
		}
		return os.WriteFile(name, data, perm)
	}
	if _, err := Write(t.Context(), s, dir, Options{writeFile: failing}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("a failing write: %v", err)
	}
	after, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil || !bytes.Equal(before, after) {
		t.Error("a failed export changed the previous one")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("a failed export left %d entries beside the export", len(entries)-1)
	}
}

func TestWrite_ThroughALinkReplacesItsTarget(t *testing.T) {
	s := shipped(t)
	parent := t.TempDir()
	target := filepath.Join(parent, "releases", "current")
	if _, err := Write(t.Context(), s, target, Options{}); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(parent, "public")
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if _, err := Write(t.Context(), s, link, Options{}); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced by a folder (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(link, "index.html")); err != nil {
		t.Error("the export is not reachable through the link")
	}
}

// TestWrite_KeepsTheLastExportsStaticFilesForAWeek: a page of the
// previous export may still be in a browser's or a CDN's cache for a
// day, naming that export's fingerprinted stylesheet, pictures and
// search index; the next export keeps those files for site.KeepRetired from
// the first export that left them out, then drops them. Pages are not
// kept: a gone article must be gone.
func TestWrite_KeepsTheLastExportsStaticFilesForAWeek(t *testing.T) {
	s := shipped(t)
	dir := filepath.Join(t.TempDir(), "public")
	if _, err := Write(t.Context(), s, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	old := map[string]string{
		"static/style.0123456789ab.css":              "old style",
		"static/search/abcdef012345/index.json.br":   "old index",
		"articles/gone/index.html":                   "an article since deleted",
		"static/images/knee.0123456789ab.jpg.unused": "old picture",
	}
	for name, body := range old {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	left := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, step := range []struct {
		at   time.Time
		kept bool
	}{
		{left, true},                         // the export that leaves them out
		{left.Add(6 * 24 * time.Hour), true}, // still within the week since then
		{left.Add(8 * 24 * time.Hour), false},
	} {
		st, err := Write(t.Context(), s, dir, Options{now: func() time.Time { return step.at }})
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		for name, body := range old {
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
			keep := step.kept && strings.HasPrefix(name, "static/")
			if keep {
				want++
			}
			switch {
			case keep && string(data) != body:
				t.Errorf("at %v: %s = %q, %v; want it kept", step.at, name, data, err)
			case !keep && err == nil:
				t.Errorf("at %v: %s is still there", step.at, name)
			}
		}
		if st.Retired != want {
			t.Errorf("at %v: Stats.Retired = %d, want %d", step.at, st.Retired, want)
		}
		record, _ := os.ReadFile(filepath.Join(dir, RetiredFile))
		if step.kept != strings.Contains(string(record), fmt.Sprintf("%d static/style.0123456789ab.css\n", left.Unix())) {
			t.Errorf("at %v: %s:\n%s", step.at, RetiredFile, record)
		}
	}
}

// TestWrite_OldAddressesLeadToTheArticles checks what an export leaves
// at the articles' old addresses: a page that sends the browser on,
// with the canonical address, at each one that names a page's file,
// and every one in MovedMap for nginx.
func TestWrite_OldAddressesLeadToTheArticles(t *testing.T) {
	s := movedSite(t)
	dir := filepath.Join(t.TempDir(), "public")
	st, err := Write(t.Context(), s, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Moved != len(s.Moved()) {
		t.Errorf("Stats.Moved = %d, want %d", st.Moved, len(s.Moved()))
	}
	for file, to := range map[string]string{
		"posts/neck-pain/index.html":          "/articles/neck-pain/",
		"2019/01/04/neck.html":                "/articles/neck-pain/",
		"old/back-pain/index.html":            "/articles/back-pain/",
		"articles/lower-back-pain/index.html": "/articles/back-pain/",
	} {
		body, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Error(err)
			continue
		}
		for _, want := range []string{
			`<meta http-equiv="refresh" content="0; url=` + to + `">`,
			`<link rel="canonical" href="https://health.example.org` + to + `">`,
			`<a href="` + to + `">`,
		} {
			if !strings.Contains(string(body), want) {
				t.Errorf("%s lacks %s:\n%s", file, want, body)
			}
		}
	}
	// An address without a slash or an extension has no file: its
	// form with the slash has the page, and nginx the redirect.
	if _, err := os.Stat(filepath.Join(dir, "old", "back-pain")); err != nil {
		t.Error(err)
	} else if info, _ := os.Stat(filepath.Join(dir, "old", "back-pain")); !info.IsDir() {
		t.Error("old/back-pain is a file")
	}
	conf, err := os.ReadFile(filepath.Join(dir, MovedMap))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		`"/posts/neck-pain/" "/articles/neck-pain/";`,
		`"/posts/neck-pain" "/articles/neck-pain/";`,
		`"/2019/01/04/neck.html" "/articles/neck-pain/";`,
		`"/old/back-pain" "/articles/back-pain/";`,
		`"/old/back-pain/" "/articles/back-pain/";`,
	} {
		if !strings.Contains(string(conf), "\n"+line+"\n") {
			t.Errorf("%s lacks the line %s:\n%s", MovedMap, line, conf)
		}
	}
}

func TestNginxString_QuotesWhatNginxReads(t *testing.T) {
	for in, want := range map[string]string{
		`/a b/`:  `"/a b/"`,
		`/a"b;/`: `"/a\"b;/"`,
		`/a\b/`:  `"/a\\b/"`,
		`/año/`:  `"/año/"`,
	} {
		if got := nginxString(in); got != want {
			t.Errorf("nginxString(%q) = %s, want %s", in, got, want)
		}
	}
}
