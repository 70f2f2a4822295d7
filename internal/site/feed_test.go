package site

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"healthsite/internal/article"
)

const feedBase = "https://health.example.org"

// hostileTitle is front-matter text that would break out of markup
// written by string concatenation, or out of a CDATA section.
const hostileTitle = `Pain </title><script>alert(1)</script> ]]> & more`

// feedArticles loads n published articles, newest first: one a day
// from 1 January 2024 at 09:30 in London, every third with two
// authors, every fourth updated a week later, tagged by parity. The
// newest has hostileTitle for a title.
func feedArticles(t testing.TB, n int) (article.Settings, []*article.Article) {
	t.Helper()
	fsys := fstest.MapFS{
		article.SettingsFile: &fstest.MapFile{Data: []byte(
			"name: Riverside Health\ntagline: Plain answers\ndescription: Health articles from Riverside Clinic.\nlanguage: en-GB\nbase_url: " + feedBase + "\ntimezone: Europe/London\n")},
	}
	for i := 1; i <= n; i++ {
		date := time.Date(2024, 1, 1, 9, 30, 0, 0, time.UTC).AddDate(0, 0, i-1)
		title := fmt.Sprintf("Article %d", i)
		if i == n {
			title = hostileTitle
		}
		authors := fmt.Sprintf("Writer %d", i%3)
		if i%3 == 0 {
			authors = fmt.Sprintf("[Writer %d, Dr. Second %d]", i%3, i)
		}
		updated := ""
		if i%4 == 0 {
			updated = "updated: " + date.AddDate(0, 0, 7).Format(time.RFC3339) + "\n"
		}
		tags := "even"
		if i%2 == 1 {
			tags = "odd, back pain"
		}
		front, err := json.Marshal(title)
		if err != nil {
			t.Fatal(err)
		}
		fsys[fmt.Sprintf("a%03d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"---\ntitle: %s\nauthor: %s\ndate: %s\n%ssummary: Summary %d & <more>.\ntags: [%s]\n---\n\nBody of *article* %d.\n\n## Section\n\nMore text.\n",
			front, authors, date.Format(time.RFC3339), updated, i, tags, i)}
	}
	lib, err := article.Load(fsys, article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return lib.Settings(), lib.Published(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), false)
}

// newFeed makes the feed of n articles as Build does.
func newFeed(t testing.TB, n int) Feed {
	t.Helper()
	settings, published := feedArticles(t, n)
	f := Feed{Settings: settings, BaseURL: feedBase, Articles: published}
	for _, a := range published[:min(FeedItems, len(published))] {
		if m := a.Modified(); m.After(f.Updated) {
			f.Updated = m
		}
	}
	return f
}

// feedFormat is one of the three feeds, for table-driven tests.
type feedFormat struct {
	name     string
	render   func(Feed) ([]byte, error)
	feedType gofeed.FeedType
	typeName string // as gofeed names it in Feed.FeedType
	version  string
	self     string
	isXML    bool
}

var feedFormats = []feedFormat{
	{"RSS", Feed.RSS, gofeed.FeedTypeRSS, "rss", "2.0", feedBase + "/feed.xml", true},
	{"Atom", Feed.Atom, gofeed.FeedTypeAtom, "atom", "1.0", feedBase + "/atom.xml", true},
	{"JSON", Feed.JSON, gofeed.FeedTypeJSON, "json", "https://jsonfeed.org/version/1.1", feedBase + "/feed.json", false},
}

// parse renders f in format and parses it with gofeed, failing the test
// on any error; it also checks that XML is well formed.
func (ff feedFormat) parse(t *testing.T, f Feed) ([]byte, *gofeed.Feed) {
	t.Helper()
	body, err := ff.render(f)
	if err != nil {
		t.Fatal(err)
	}
	if ff.isXML {
		checkWellFormed(t, body)
	} else if !json.Valid(body) {
		t.Fatalf("%s feed is not valid JSON", ff.name)
	}
	if got := gofeed.DetectFeedType(bytes.NewReader(body)); got != ff.feedType {
		t.Errorf("detected feed type %v, want %v", got, ff.feedType)
	}
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("gofeed cannot parse the %s feed: %v\n%s", ff.name, err, body)
	}
	return body, parsed
}

// checkWellFormed reads every token of an XML document strictly.
func checkWellFormed(t *testing.T, body []byte) {
	t.Helper()
	if !bytes.HasPrefix(body, []byte(xml.Header)) {
		t.Errorf("no XML declaration: %.60q", body)
	}
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = true
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("not well formed: %v", err)
		}
	}
}

func TestFeeds_ParseWithGofeed(t *testing.T) {
	f := newFeed(t, 25)
	for _, ff := range feedFormats {
		t.Run(ff.name, func(t *testing.T) {
			_, got := ff.parse(t, f)
			if got.FeedType != ff.typeName || got.FeedVersion != ff.version {
				t.Errorf("feed is %s %s, want %s %s", got.FeedType, got.FeedVersion, ff.typeName, ff.version)
			}
			if got.Title != "Riverside Health" {
				t.Errorf("title %q", got.Title)
			}
			if got.Link != feedBase+"/" {
				t.Errorf("link %q, want %q", got.Link, feedBase+"/")
			}
			if got.FeedLink != ff.self {
				t.Errorf("self link %q, want %q", got.FeedLink, ff.self)
			}
			if got.Language != "en-GB" {
				t.Errorf("language %q, want en-GB", got.Language)
			}
			if got.Description == "" {
				t.Error("no description")
			}
			if ff.feedType != gofeed.FeedTypeJSON { // JSON Feed has no feed-level date
				if got.UpdatedParsed == nil || !got.UpdatedParsed.Equal(f.Updated) {
					t.Errorf("updated %v, want %v", got.UpdatedParsed, f.Updated)
				}
			}
			if len(got.Items) != FeedItems {
				t.Fatalf("%d items, want %d of %d", len(got.Items), FeedItems, len(f.Articles))
			}
			for i, item := range got.Items {
				a := f.Articles[i]
				link := feedBase + "/articles/" + a.Slug + "/"
				if item.Title != a.Title {
					t.Errorf("item %d title %q, want %q", i, item.Title, a.Title)
				}
				if item.Link != link {
					t.Errorf("item %d link %q, want %q", i, item.Link, link)
				}
				if item.GUID != link {
					t.Errorf("item %d id %q, want %q", i, item.GUID, link)
				}
				if item.PublishedParsed == nil || !item.PublishedParsed.Equal(a.Date) {
					t.Errorf("item %d published %v, want %v", i, item.PublishedParsed, a.Date)
				}
				if item.UpdatedParsed == nil || !item.UpdatedParsed.Equal(a.Modified()) {
					t.Errorf("item %d updated %v, want %v", i, item.UpdatedParsed, a.Modified())
				}
				if item.Content != a.HTML || !strings.Contains(item.Content, "<em>article</em>") {
					t.Errorf("item %d content %q, want %q", i, item.Content, a.HTML)
				}
				// RSS descriptions are HTML to readers: the plain-text
				// summary is escaped.
				summary := item.Description
				if ff.name == "RSS" {
					summary = html.UnescapeString(summary)
				}
				if summary != a.Summary {
					t.Errorf("item %d summary %q, want %q", i, item.Description, a.Summary)
				}
				if !slices.Equal(item.Categories, a.Tags) {
					t.Errorf("item %d categories %q, want %q", i, item.Categories, a.Tags)
				}
				if got := itemAuthors(ff, item); !slices.Equal(got, a.Authors) {
					t.Errorf("item %d authors %q, want %q", i, got, a.Authors)
				}
			}
		})
	}
}

// itemAuthors are the author names gofeed found in item. Its RSS
// translator keeps only the first, so RSS names are read from the
// dc:creator elements themselves.
func itemAuthors(ff feedFormat, item *gofeed.Item) []string {
	if ff.feedType == gofeed.FeedTypeRSS {
		if item.DublinCoreExt == nil {
			return nil
		}
		return item.DublinCoreExt.Creator
	}
	var names []string
	for _, p := range item.Authors {
		names = append(names, p.Name)
	}
	return names
}

func TestFeeds_HostileTextIsEscaped(t *testing.T) {
	f := newFeed(t, 3)
	if f.Articles[0].Title != hostileTitle {
		t.Fatalf("the newest article is %q, want the hostile title", f.Articles[0].Title)
	}
	for _, ff := range feedFormats {
		t.Run(ff.name, func(t *testing.T) {
			body, got := ff.parse(t, f)
			for _, raw := range []string{"<script>", "</title><", "]]>", "& more", "<![CDATA["} {
				if bytes.Contains(body, []byte(raw)) {
					t.Errorf("%q appears unescaped in the feed", raw)
				}
			}
			if got.Items[0].Title != hostileTitle {
				t.Errorf("title %q, want %q", got.Items[0].Title, hostileTitle)
			}
			want := "Summary 3 & <more>."
			if ff.name == "RSS" {
				want = "Summary 3 &amp; &lt;more&gt;." // HTML to feed readers
			}
			if got.Items[0].Description != want {
				t.Errorf("summary %q, want %q", got.Items[0].Description, want)
			}
		})
	}
}

func TestFeeds_Deterministic(t *testing.T) {
	f := newFeed(t, 25)
	again := newFeed(t, 25)
	for _, ff := range feedFormats {
		t.Run(ff.name, func(t *testing.T) {
			a, err := ff.render(f)
			if err != nil {
				t.Fatal(err)
			}
			b, err := ff.render(again)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Error("the same feed rendered twice differs")
			}
		})
	}
}

func TestFeeds_Empty(t *testing.T) {
	f := Feed{Settings: article.DefaultSettings(), BaseURL: feedBase}
	for _, ff := range feedFormats {
		t.Run(ff.name, func(t *testing.T) {
			body, got := ff.parse(t, f)
			if len(got.Items) != 0 {
				t.Errorf("%d items, want none", len(got.Items))
			}
			if ff.feedType == gofeed.FeedTypeJSON && !bytes.Contains(body, []byte(`"items": []`)) {
				t.Errorf("JSON Feed without items must have an empty items array:\n%s", body)
			}
		})
	}
}

// TestFeed_UpdatedDefaultsToNewestItem checks that a Feed without
// Updated dates itself by its newest item, not by the zero time.
func TestFeed_UpdatedDefaultsToNewestItem(t *testing.T) {
	f := newFeed(t, 25)
	want := f.Updated
	f.Updated = time.Time{}
	for _, ff := range feedFormats[:2] {
		t.Run(ff.name, func(t *testing.T) {
			_, got := ff.parse(t, f)
			if got.UpdatedParsed == nil || !got.UpdatedParsed.Equal(want) {
				t.Errorf("updated %v, want %v", got.UpdatedParsed, want)
			}
		})
	}
}

func TestRSS_Markup(t *testing.T) {
	body, err := newFeed(t, 2).RSS()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">`,
		`<atom:link href="https://health.example.org/feed.xml" rel="self" type="application/rss+xml"></atom:link>`,
		`<guid isPermaLink="true">https://health.example.org/articles/a001/</guid>`,
		`<pubDate>Mon, 01 Jan 2024 09:30:00 +0000</pubDate>`,
		`<content:encoded>&lt;p&gt;Body of &lt;em&gt;article&lt;/em&gt; 1.&lt;/p&gt;`,
	} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("RSS lacks %s\n%s", want, body)
		}
	}
}

func TestAtom_Markup(t *testing.T) {
	body, err := newFeed(t, 2).Atom()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">`,
		`<id>https://health.example.org/articles/a001/</id>`,
		`<published>2024-01-01T09:30:00Z</published>`,
		`<content type="html">&lt;p&gt;Body of &lt;em&gt;article&lt;/em&gt; 1.&lt;/p&gt;`,
		`<category term="back pain"></category>`,
	} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("Atom lacks %s\n%s", want, body)
		}
	}
}

func TestJSON_Fields(t *testing.T) {
	body, err := newFeed(t, 4).JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version     string `json:"version"`
		HomePageURL string `json:"home_page_url"`
		FeedURL     string `json:"feed_url"`
		Language    string `json:"language"`
		Items       []struct {
			ID            string `json:"id"`
			DatePublished string `json:"date_published"`
			DateModified  string `json:"date_modified"`
			Authors       []struct {
				Name string `json:"name"`
			} `json:"authors"`
		} `json:"items"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "https://jsonfeed.org/version/1.1" || doc.HomePageURL != feedBase+"/" || doc.FeedURL != feedBase+"/feed.json" || doc.Language != "en-GB" {
		t.Errorf("feed fields: %+v", doc)
	}
	// a003 has two authors; a004 was updated a week after publication.
	a := doc.Items[1]
	if a.ID != feedBase+"/articles/a003/" || a.DatePublished != "2024-01-03T09:30:00Z" || a.DateModified != "2024-01-03T09:30:00Z" || len(a.Authors) != 2 {
		t.Errorf("item: %+v", a)
	}
	b := doc.Items[0]
	if b.DatePublished != "2024-01-04T09:30:00Z" || b.DateModified != "2024-01-11T09:30:00Z" {
		t.Errorf("updated item: %+v", b)
	}
}

// TestFeeds_LinksAndImagesAreAbsolute checks that an article's links
// and images reach a feed reader as absolute URLs: it shows the text
// away from the site, where /articles/… would lead nowhere.
func TestFeeds_LinksAndImagesAreAbsolute(t *testing.T) {
	png, err := os.ReadFile("../article/testdata/check/images/knee.png")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"images/knee.png": {Data: png},
		"sleep.md":        {Data: []byte("---\ntitle: Sleep\nauthor: A\ndate: 2024-01-01\nsummary: S.\n---\n\nRest.\n\n## Naps\n\nShort ones.\n")},
		"knee.md": {Data: []byte("---\ntitle: Knee & sleep\nauthor: A\ndate: 2024-01-02\nsummary: S.\n---\n\n" +
			"Read [about sleep](/articles/sleep/), [its naps](/articles/sleep/#naps), [the next section](#more), " +
			"[a search](/search?q=knee&page=2) and [MedlinePlus](https://medlineplus.gov/kneeinjuriesanddisorders.html).\n\n" +
			"![A bent knee](images/knee.png)\n\n## More\n\nText.\n")},
	}
	lib, err := article.Load(fsys, article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	published := lib.Published(later, false)
	for _, base := range []string{feedBase, "https://example.org/health"} {
		f := Feed{Settings: lib.Settings(), BaseURL: base, Articles: published}
		for _, ff := range feedFormats {
			t.Run(ff.name+" "+base, func(t *testing.T) {
				_, got := ff.parse(t, f)
				item := got.Items[0]
				if item.Title != "Knee & sleep" {
					t.Fatalf("first item %q", item.Title)
				}
				doc, err := html.Parse(strings.NewReader(item.Content))
				if err != nil {
					t.Fatal(err)
				}
				var hrefs, srcs []string
				for n := range doc.Descendants() {
					for _, a := range n.Attr {
						switch a.Key {
						case "href":
							hrefs = append(hrefs, a.Val)
						case "src":
							srcs = append(srcs, a.Val)
						}
					}
				}
				want := []string{
					base + "/articles/sleep/",
					base + "/articles/sleep/#naps",
					base + "/articles/knee/#more",
					base + "/search?q=knee&page=2",
					"https://medlineplus.gov/kneeinjuriesanddisorders.html",
				}
				if !slices.Equal(hrefs, want) {
					t.Errorf("links %q, want %q", hrefs, want)
				}
				if len(srcs) != 1 || !strings.HasPrefix(srcs[0], base+"/static/") || !strings.HasSuffix(srcs[0], ".png") {
					t.Errorf("image sources %q, want one absolute URL under %s/static/", srcs, base)
				}
				for _, u := range append(hrefs, srcs...) {
					if p, err := url.Parse(u); err != nil || !p.IsAbs() {
						t.Errorf("%q is not an absolute URL", u)
					}
				}
				// The rest of the body is as the site renders it.
				if !strings.Contains(item.Content, `alt="A bent knee"`) || !strings.Contains(item.Content, `<h2 id="more">More</h2>`) {
					t.Errorf("content lost its markup:\n%s", item.Content)
				}
			})
		}
	}
}

func TestAbsoluteLinks(t *testing.T) {
	const page = "https://health.example.org/articles/knee/"
	for in, want := range map[string]string{
		`<a href="/articles/sleep/">x</a>`:          `<a href="https://health.example.org/articles/sleep/">x</a>`,
		`<a href="#naps" class="c">x</a>`:           `<a href="https://health.example.org/articles/knee/#naps" class="c">x</a>`,
		`<a href="../sleep/">x</a>`:                 `<a href="https://health.example.org/articles/sleep/">x</a>`,
		`<a href="//cdn.example.org/a.png">x</a>`:   `<a href="https://cdn.example.org/a.png">x</a>`,
		`<img src="/static/a.png" alt="A &amp; B">`: `<img src="https://health.example.org/static/a.png" alt="A &amp; B">`,
		`<a href="/search?q=a&amp;page=2">x</a>`:    `<a href="https://health.example.org/search?q=a&amp;page=2">x</a>`,
		// Untouched: absolute URLs, mail, other attributes, text.
		`<a href="https://example.org/">/articles/x/</a>`: `<a href="https://example.org/">/articles/x/</a>`,
		`<a href="mailto:a@example.org">mail</a>`:         `<a href="mailto:a@example.org">mail</a>`,
		`<p id="/x" data-src="/y">T&eacute;</p>`:          `<p id="/x" data-src="/y">T&eacute;</p>`,
		`<pre><code>&lt;a href="/x"&gt;</code></pre>`:     `<pre><code>&lt;a href="/x"&gt;</code></pre>`,
	} {
		if got := absoluteLinks(in, "https://health.example.org", page); got != want {
			t.Errorf("absoluteLinks(%s)\n = %s\nwant %s", in, got, want)
		}
	}
}
