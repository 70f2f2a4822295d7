package site

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"healthsite/content"
	"healthsite/internal/article"
)

// fingerprint matches the content hash in an asset's URL.
var fingerprint = regexp.MustCompile(`(/static/[\w-]+)\.[0-9a-f]{8}\.`)

var update = flag.Bool("update", false, "rewrite the golden pages in testdata from the current output")

func shippedLibrary(t testing.TB) *article.Library {
	t.Helper()
	lib, err := article.Load(content.FS, article.Options{Root: "content"})
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func buildShipped(t testing.TB) *Site {
	t.Helper()
	s, err := Build(shippedLibrary(t), Options{BaseURL: "https://health.example.org", Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestBuild_GoldenPages compares whole pages of the shipped site with
// testdata/*.html. Run go test -update after an intended change, and
// read the diff before committing it.
func TestBuild_GoldenPages(t *testing.T) {
	s := buildShipped(t)
	pages := map[string]*Page{
		"index.html":   s.Page("/"),
		"article.html": s.Page("/articles/myofascial-release-therapy/"),
		"404.html":     s.NotFound(),
		"500.html":     s.ServerError(),
		"author.html":  s.Page("/authors/dr-elena-marsh/"),
		"about.html":   s.Page("/about/"),
	}
	for name, p := range pages {
		t.Run(name, func(t *testing.T) { checkGolden(t, name, p) })
	}
}

// checkGolden compares page p with testdata/name, or with -update
// writes it there.
func checkGolden(t *testing.T, name string, p *Page) {
	t.Helper()
	if p == nil {
		t.Fatal("page missing")
	}
	golden := filepath.Join("testdata", name)
	// Line breaks between tags make the golden files diffable, and
	// fingerprints are masked so that a stylesheet change does not
	// change every golden page.
	got := strings.ReplaceAll(string(p.Body()), "><", ">\n<")
	got = fingerprint.ReplaceAllString(got, "$1.HASH.")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", golden, diff)
	}
}

// library makes n articles, one a day from 1 January 2024, with tags
// from tagsOf.
func library(t testing.TB, n int, tagsOf func(i int) string) *article.Library {
	t.Helper()
	fsys := fstest.MapFS{}
	for i := 1; i <= n; i++ {
		date := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i-1)
		fsys[fmt.Sprintf("a%03d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\ntitle: Article %d\nauthor: Writer %d\ndate: %s\nsummary: Summary %d.\ntags: [%s]\n---\n\nBody of article %d.\n",
			i, i%3, date.Format("2006-01-02"), i, tagsOf(i), i))}
	}
	lib, err := article.Load(fsys, article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func TestBuild_PaginatesTenAPage(t *testing.T) {
	lib := library(t, 23, func(int) string { return "" })
	s, err := Build(lib, Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path       string
		first      string
		count      int
		prev, next string
	}{
		{"/", "Article 23", 10, "", "/page/2/"},
		{"/page/2/", "Article 13", 10, "/", "/page/3/"},
		{"/page/3/", "Article 3", 3, "/page/2/", ""},
	}
	for _, tt := range tests {
		p := s.Page(tt.path)
		if p == nil {
			t.Fatalf("no page %s", tt.path)
		}
		body := string(p.Body())
		if got := strings.Count(body, `class="teaser"`); got != tt.count {
			t.Errorf("%s has %d teasers, want %d", tt.path, got, tt.count)
		}
		if i := strings.Index(body, `class="teaser"`); i < 0 || !strings.Contains(body[i:i+400], ">"+tt.first+"<") {
			t.Errorf("%s does not start with %s", tt.path, tt.first)
		}
		for rel, want := range map[string]string{"prev": tt.prev, "next": tt.next} {
			link := fmt.Sprintf(`href="%s" rel="%s"`, want, rel)
			if want == "" && strings.Contains(body, `rel="`+rel+`"`) || want != "" && !strings.Contains(body, link) {
				t.Errorf("%s: want rel=%s link to %q", tt.path, rel, want)
			}
		}
	}
	if s.Page("/page/4/") != nil {
		t.Error("a page past the end exists")
	}
	if to, ok := s.Redirect("/page/1/"); !ok || to != "/" {
		t.Errorf("/page/1/ redirects to %q, want /", to)
	}
}

func TestBuild_HidesDraftsAndScheduled(t *testing.T) {
	fsys := fstest.MapFS{
		"live.md":      {Data: []byte("---\ntitle: Live\nauthor: A\ndate: 2024-01-01\nsummary: S.\n---\n\nText.\n")},
		"draft.md":     {Data: []byte("---\ntitle: Draft\nauthor: A\ndate: 2024-01-01\nsummary: S.\ndraft: true\n---\n\nText.\n")},
		"scheduled.md": {Data: []byte("---\ntitle: Later\nauthor: A\ndate: 2024-06-01T09:00:00Z\nsummary: S.\n---\n\nText.\n")},
	}
	lib, err := article.Load(fsys, article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	s, err := Build(lib, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if s.Page("/articles/live/") == nil || s.Page("/articles/draft/") != nil || s.Page("/articles/scheduled/") != nil {
		t.Errorf("published pages: %v", s.Paths())
	}
	if want := time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC); !s.NextChange().Equal(want) {
		t.Errorf("NextChange = %v, want %v", s.NextChange(), want)
	}
	preview, err := Build(lib, Options{Now: now, Dev: true})
	if err != nil {
		t.Fatal(err)
	}
	draft := preview.Page("/articles/draft/")
	if draft == nil || !strings.Contains(string(draft.Body()), `<p class="draft-banner" role="status">`) {
		t.Error("drafts are not shown, with their banner, in development")
	}
	if s.Page("/").Body() != nil && strings.Contains(string(s.Page("/").Body()), "Draft") {
		t.Error("the published index mentions a draft")
	}
	later, err := Build(lib, Options{Now: time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if later.Page("/articles/scheduled/") == nil || !later.NextChange().IsZero() {
		t.Error("a scheduled article is not published on time")
	}
}

func TestRelated_SharedTagsThenNewest(t *testing.T) {
	tags := map[int]string{1: "neck, back", 2: "back", 3: "knee", 4: "neck, back", 5: "neck", 6: "Back"}
	lib := library(t, 6, func(i int) string { return tags[i] })
	published := lib.Published(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), false)
	self := lib.Article("a001")
	var got []string
	for _, a := range newRelatedIndex(published).related(self, 3) {
		got = append(got, a.Slug)
	}
	// a004 shares two tags; then one shared tag, newest first (tags
	// compare without case); never a001 itself.
	want := []string{"a004", "a006", "a005"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("related (-want +got):\n%s", diff)
	}
	if n := len(newRelatedIndex([]*article.Article{self}).related(self, 3)); n != 0 {
		t.Errorf("an article alone has %d related", n)
	}
}

func TestBuild_PagesAreConsistent(t *testing.T) {
	s := buildShipped(t)
	for _, path := range s.Paths() {
		p := s.Page(path)
		if p.Path != path || p.ETag == "" || p.ContentType == "" || len(p.Body()) == 0 {
			t.Errorf("page %s: %+v", path, p)
		}
	}
	// Every language's articles count: three in English, three in Spanish.
	if s.Articles() != 6 || !slices.Equal(s.ArticlesByLanguage(), []LanguageArticles{{"en-GB", 3}, {"es", 3}}) {
		t.Errorf("Articles() = %d, ArticlesByLanguage() = %v", s.Articles(), s.ArticlesByLanguage())
	}
	if got := s.Page("/articles/mastering-myofascial-release-therapy/"); got == nil || !strings.Contains(string(got.Body()), `<link rel="canonical" href="https://health.example.org/articles/mastering-myofascial-release-therapy/">`) {
		t.Error("canonical URL missing or wrong")
	}
}

func TestBuild_RejectsBadBaseURL(t *testing.T) {
	lib := library(t, 1, func(int) string { return "" })
	_, err := Build(lib, Options{BaseURL: "health.example.org"})
	if err == nil || !strings.Contains(err.Error(), "not an absolute http or https address") {
		t.Errorf("err = %v", err)
	}
}

func TestBuild_ContentImagesServedWithTheirSize(t *testing.T) {
	png, err := os.ReadFile("../article/testdata/check/images/knee.png")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"images/knee.png": {Data: png},
		"knees/bent.md": {Data: []byte("---\ntitle: Bent knees\nauthor: A\ndate: 2024-01-01\nsummary: S.\nimage: ../images/knee.png\nimage_alt: A bent knee\n---\n\n" +
			"![A knee](../images/knee.png)\n")},
	}
	lib, err := article.Load(fsys, article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Build(lib, Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	img := lib.Images()[0]
	if !regexp.MustCompile(`^/static/content/images/knee\.[0-9a-f]{8}\.png$`).MatchString(img.URL) {
		t.Errorf("image URL %q is not fingerprinted", img.URL)
	}
	p := s.Page(img.URL)
	if p == nil || p.ContentType != "image/png" || !p.Immutable || string(p.Body()) != string(png) {
		t.Fatalf("image page: %+v", p)
	}
	body := string(s.Page("/articles/bent/").Body())
	for _, want := range []string{
		`<img src="` + img.URL + `" alt="A knee" loading="lazy" decoding="async" width="12" height="8">`,
		`<img src="` + img.URL + `" alt="A bent knee" width="12" height="8" decoding="async">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

// TestBuild_LastModifiedFollowsTheBytes checks that a page keeps its
// Last-Modified time across versions while its bytes stay the same, and
// takes the new build's time when they change, whatever the articles'
// dates say: a client revalidating with If-Modified-Since alone must
// never keep a stale copy.
func TestBuild_LastModifiedFollowsTheBytes(t *testing.T) {
	lib := library(t, 3, func(int) string { return "" })
	t1 := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	v1, err := Build(lib, Options{Now: t1})
	if err != nil {
		t.Fatal(err)
	}
	if got := v1.Page("/articles/a001/").Modified; !got.Equal(t1) {
		t.Errorf("first version: Modified %v, want the build time %v", got, t1)
	}
	t2 := t1.Add(time.Hour)
	v2, err := Build(lib, Options{Now: t2, Previous: v1})
	if err != nil {
		t.Fatal(err)
	}
	if got := v2.Page("/articles/a001/").Modified; !got.Equal(t1) {
		t.Errorf("unchanged page: Modified %v, want %v", got, t1)
	}
	// A different base URL changes every page's bytes (canonical links).
	v3, err := Build(lib, Options{Now: t2, Previous: v2, BaseURL: "https://other.example.org"})
	if err != nil {
		t.Fatal(err)
	}
	if got := v3.Page("/articles/a001/").Modified; !got.Equal(t2) {
		t.Errorf("changed page: Modified %v, want %v", got, t2)
	}
}
