package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"healthsite/internal/article"
	"healthsite/internal/site"
)

// xssPayloads are the ways an editor's text, by mistake or malice,
// could try to put something active into a page. Each goes into an
// article's body and into every text field of its front matter.
var xssPayloads = []string{
	`<script>alert(1)</script>`,
	`<SCRIPT SRC=https://evil.example/x.js></SCRIPT>`,
	`<img src=x onerror=alert(1)>`,
	`<svg onload=alert(1)>`,
	`<body onload=alert(1)>`,
	`[a](javascript:alert(1))`,
	`[a](JaVaScRiPt:alert(1))`,
	`[a](jav&#x09;ascript:alert(1))`,
	`[a](&#106;avascript:alert(1))`,
	`[a](&#x6A;&#x61;vascript:alert(1))`,
	`[a](<java	script:alert(1)>)`,
	`[a](  javascript:alert(1))`,
	`[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
	`[a](vbscript:msgbox(1))`,
	`![x](javascript:alert(1))`,
	`![x](data:image/svg+xml,<svg onload=alert(1)>)`,
	`[a](https://example.org "t\" onmouseover=\"alert(1)")`,
	"[a][r]\n\n[r]: javascript:alert(1)",
	"[a][r]\n\n[r]: https://example.org \"t\\\" onclick=\\\"alert(1)\"",
	`<javascript:alert(1)>`,
	`<https://example.org/"onmouseover="alert(1)>`,
	`www.example.org/<script>alert(1)</script>`,
	`<style>body{display:none}</style>`,
	`<iframe src="https://evil.example"></iframe>`,
	`<object data="x.swf"></object><embed src="x.swf">`,
	`<base href="https://evil.example/">`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
	`<a href="javascript:alert(1)">x</a>`,
	`<a href="&#x6A;avascript:alert(1)">x</a>`,
	`<div style="background:url(javascript:alert(1))">x</div>`,
	`"><script>alert(1)</script>`,
	`'><img src=x onerror=alert(1)>`,
	`</script><script>alert(1)</script>`,
	`</title><script>alert(1)</script>`,
	`</textarea><script>alert(1)</script>`,
	`<!--<script>alert(1)//-->`,
	`<form action="javascript:alert(1)"><button>x</button></form>`,
	`]]><script>alert(1)</script>`,
	`&lt;script&gt;alert(1)&lt;/script&gt;`,
	"\u2028\u2029</script><script>alert(1)</script>",
	`{{.}}${alert(1)}<%= alert(1) %>`,
}

// TestXSS_NothingActiveAnywhere builds a site with one article per
// payload, the payload in its body and in every front-matter text
// field, and looks at every page, feed, search result and JSON-LD
// block: no element, attribute or URL that could run anything, and
// every JSON-LD block still parses as JSON.
func TestXSS_NothingActiveAnywhere(t *testing.T) {
	fsys := fstest.MapFS{}
	for i, p := range xssPayloads {
		fm := map[string]any{
			"title":       fmt.Sprintf("Payload %d %s", i, p),
			"author":      []string{"Writer " + p, "Second Writer"},
			"date":        "2024-01-01",
			"summary":     "Summary " + p,
			"description": "Description " + p,
			"tags":        []string{"topic " + p, "xss"},
			"image_alt":   "Alt " + p,
			"reviewed_by": "Dr Reviewer " + p,
			"reviewed":    "2024-01-02",
			"sources": []map[string]any{
				{"title": "Source " + p, "url": fmt.Sprintf("https://example.org/source-%d", i), "publisher": "Publisher " + p, "year": 2021},
			},
		}
		js, err := json.MarshalIndent(fm, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		body := fmt.Sprintf("Payload number %d in a paragraph: %s\n\n## Heading %s\n\n- item %s\n\n> %s\n\n| a | b |\n| --- | --- |\n| %s | x |\n",
			i, p, strings.ReplaceAll(p, "\n", " "), strings.ReplaceAll(p, "\n", " "), strings.ReplaceAll(p, "\n", " "), strings.ReplaceAll(p, "\n", " "))
		fsys[fmt.Sprintf("payload-%02d.md", i)] = &fstest.MapFile{Data: []byte(string(js) + "\n\n" + body)}
	}
	fsys["site.yaml"] = &fstest.MapFile{Data: []byte("name: 'Site </title><script>alert(1)</script>'\ntagline: '\"><img src=x onerror=alert(1)>'\ndescription: '</script><script>alert(1)</script>'\nbase_url: https://health.example.org\n")}
	lib, err := article.Load(fsys, article.Options{})
	if err != nil {
		t.Fatalf("the payload articles do not load: %v", err)
	}
	st, err := site.Build(lib, site.Options{Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles() != len(xssPayloads) {
		t.Fatalf("%d articles published, want %d", st.Articles(), len(xssPayloads))
	}
	srv := New(st.Complete(t.Context()), slog.New(slog.DiscardHandler), Options{})
	get := func(path string) []byte {
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		return w.Body.Bytes()
	}

	checked := 0
	for _, path := range st.Paths() {
		p := st.Page(path)
		switch {
		case strings.HasPrefix(p.ContentType, "text/html"):
			checkInactive(t, path, p.Body())
		case path == "/feed.xml" || path == "/atom.xml" || path == "/feed.json":
			feed, err := gofeed.NewParser().Parse(bytes.NewReader(p.Body()))
			if err != nil {
				t.Fatalf("%s does not parse: %v", path, err)
			}
			if len(feed.Items) == 0 {
				t.Fatalf("%s has no items", path)
			}
			for _, it := range feed.Items {
				checkInactive(t, path+" item "+it.Title, []byte(it.Content))
				// An RSS description is HTML to feed readers; Atom's
				// summary is declared text, JSON Feed's is plain text.
				if path == "/feed.xml" {
					checkInactive(t, path+" description of "+it.Title, []byte(it.Description))
				}
			}
			if path == "/feed.xml" {
				checkInactive(t, path+" channel description", []byte(feed.Description))
			}
		default:
			continue
		}
		checked++
	}
	for _, q := range []string{"payload", "script alert", "onerror", "javascript", xssPayloads[0], xssPayloads[30]} {
		path := "/search?q=" + url.QueryEscape(q)
		body := get(path)
		if !bytes.Contains(body, []byte("<h1")) {
			t.Fatalf("%s: no page", path)
		}
		checkInactive(t, path, body)
		checked++
	}
	checkInactive(t, "the 404 page", get("/no-such-page"))
	// A missing page's suggestions are made per request, from its
	// address: every payload as an address, which names its payload
	// article (titled "Payload 7 …"), so the page lists it.
	for i, p := range xssPayloads {
		path := fmt.Sprintf("/articles/payload-%d-%s/", i, url.PathEscape(p))
		body := get(path)
		if !bytes.Contains(body, []byte(`class="suggestions"`)) {
			t.Fatalf("404 for payload %d: no suggestions, so the page made per request is not checked", i)
		}
		checkInactive(t, "the 404 page of "+path, body)
		checked++
	}
	t.Logf("%d payloads, in %d pages, feeds, search results and 404 pages: nothing active", len(xssPayloads), checked+1)
}

// checkInactive parses body as a browser would and reports anything
// that could run: a script other than JSON-LD data (which must parse
// as JSON), an element that loads or redirects, an event handler or
// style attribute, or a URL with a scheme other than http, https,
// mailto and tel.
func checkInactive(t *testing.T, where string, body []byte) {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				t.Errorf("%s: %v", where, z.Err())
			}
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		attr := map[string]string{}
		for _, a := range tok.Attr {
			key := strings.ToLower(a.Key)
			attr[key] = a.Val
			if strings.HasPrefix(key, "on") || key == "style" || key == "srcdoc" || key == "formaction" {
				t.Errorf("%s: attribute %s=%q on <%s>", where, a.Key, a.Val, tok.Data)
			}
			switch key {
			case "href", "src", "action", "data", "poster", "background", "cite":
				if !safeScheme(a.Val) {
					t.Errorf("%s: <%s %s=%q>", where, tok.Data, key, a.Val)
				}
			}
		}
		switch tok.Data {
		case "script":
			if attr["type"] != "application/ld+json" {
				t.Errorf("%s: a <script> element %v", where, tok.Attr)
				continue
			}
			if z.Next() != html.TextToken {
				t.Errorf("%s: an empty JSON-LD block", where)
				continue
			}
			var v any
			if err := json.Unmarshal(z.Text(), &v); err != nil {
				t.Errorf("%s: a JSON-LD block does not parse: %v\n%s", where, err, z.Text())
			}
		case "form":
			// The site's own search form, and nothing else.
			if attr["action"] != site.SearchPath || !strings.EqualFold(attr["method"], "get") {
				t.Errorf("%s: a <form> %v", where, tok.Attr)
			}
		case "style", "iframe", "object", "embed", "base", "frame", "frameset", "applet":
			t.Errorf("%s: a <%s> element", where, tok.Data)
		case "meta":
			if strings.EqualFold(attr["http-equiv"], "refresh") {
				t.Errorf("%s: a meta refresh", where)
			}
		case "link":
			if rel := strings.ToLower(attr["rel"]); rel == "import" || rel == "preload" && attr["as"] == "script" {
				t.Errorf("%s: <link rel=%s>", where, rel)
			}
		}
	}
}

// safeScheme reports whether a URL, as a browser reads it, is relative
// or uses http, https, mailto or tel.
func safeScheme(u string) bool {
	u = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return -1
		}
		return r
	}, u)
	u = strings.TrimSpace(u)
	colon := strings.IndexByte(u, ':')
	if colon < 0 {
		return true
	}
	if i := strings.IndexAny(u, "/?#"); i >= 0 && i < colon {
		return true
	}
	switch strings.ToLower(u[:colon]) {
	case "http", "https", "mailto", "tel":
		return true
	}
	return false
}
