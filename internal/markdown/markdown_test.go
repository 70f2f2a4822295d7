package markdown

import (
	"flag"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/net/html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden .html files from the current output")

// TestRender_Golden renders every testdata/*.md and compares the HTML with
// the .html file beside it. Run with -update to accept new output.
func TestRender_Golden(t *testing.T) {
	r := New()
	files, err := filepath.Glob("testdata/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, in := range files {
		t.Run(filepath.Base(in), func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := r.Render(src)
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(in, ".md") + ".html"
			if *update {
				if err := os.WriteFile(golden, []byte(doc.HTML), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), doc.HTML); diff != "" {
				t.Errorf("HTML differs from %s (-want +got):\n%s", golden, diff)
			}
		})
	}
}

// TestRender_Safe pins the safety promises independently of the golden
// files, so that an -update cannot silently accept an unsafe output.
func TestRender_Safe(t *testing.T) {
	r := New()
	for _, name := range []string{"rawhtml.md", "unsafe-links.md"} {
		src, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := r.Render(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := checkSafeHTML(doc.HTML); err != nil {
			t.Errorf("%s: %v\n%s", name, err, doc.HTML)
		}
		for _, raw := range []string{"<div", "<span", "<img src=x"} {
			if strings.Contains(doc.HTML, raw) {
				t.Errorf("%s: raw HTML %q passed through:\n%s", name, raw, doc.HTML)
			}
		}
	}
	// The unsafe links keep their text, so no words are lost.
	doc, _ := r.Render([]byte("[read this](javascript:alert(1)) and ![a chart](vbscript:x)"))
	if want := "<p>read this and a chart</p>\n"; doc.HTML != want {
		t.Errorf("unsafe link and image: got %q, want %q", doc.HTML, want)
	}
}

func TestRender_Headings(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []Heading
	}{
		{
			name: "ids from text, duplicates numbered",
			src:  "## How a session feels\n\n### Neck & back\n\n## How a session feels\n",
			want: []Heading{
				{Level: 2, ID: "how-a-session-feels", Text: "How a session feels"},
				{Level: 3, ID: "neck--back", Text: "Neck & back"},
				{Level: 2, ID: "how-a-session-feels-1", Text: "How a session feels"},
			},
		},
		{
			name: "level 1 shifted down with its children",
			src:  "# Top\n\n## Below\n",
			want: []Heading{
				{Level: 2, ID: "top", Text: "Top"},
				{Level: 3, ID: "below", Text: "Below"},
			},
		},
		{
			name: "inline markup reduced to text",
			src:  "## What *it* helps — `and` why\n",
			want: []Heading{{Level: 2, ID: "what-it-helps--and-why", Text: "What it helps — and why"}},
		},
		{
			name: "ids of the page frame are never taken",
			src:  "## Main\n\n## Related heading\n",
			want: []Heading{
				{Level: 2, ID: "main-1", Text: "Main"},
				{Level: 2, ID: "related-heading-1", Text: "Related heading"},
			},
		},
		{name: "none", src: "Just a paragraph.\n", want: nil},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := r.Render([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, doc.Headings); diff != "" {
				t.Errorf("headings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRender_Text(t *testing.T) {
	src := "Intro with **bold** and a [link](/x/).\nSecond line.\n\n## Section\n\n- one\n- \"two\"\n\n| a | b |\n|---|---|\n| c | d |\n\n<b>raw</b> kept out\n"
	doc, err := New().Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Intro with bold and a link. Second line."; doc.FirstParagraph != want {
		t.Errorf("FirstParagraph = %q, want %q", doc.FirstParagraph, want)
	}
	for _, want := range []string{"Intro with bold", "Section", "one", "\u201ctwo\u201d", "a", "d"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("Text lacks %q: %q", want, doc.Text)
		}
	}
	if strings.Contains(doc.Text, "<b>") || strings.Contains(doc.Text, "&") {
		t.Errorf("Text holds markup or entities: %q", doc.Text)
	}
}

func TestSafeURL(t *testing.T) {
	tests := []struct {
		url   string
		image bool
		want  bool
	}{
		{"https://www.nhs.uk/", false, true},
		{"http://example.org/a:b", false, true},
		{"HTTPS://EXAMPLE.ORG", false, true},
		{"/articles/x/", false, true},
		{"../x/", false, true},
		{"x/y:z", false, true},
		{"#section", false, true},
		{"?q=a:b", false, true},
		{"mailto:a@example.org", false, true},
		{"tel:+44123", false, true},
		{"mailto:a@example.org", true, false},
		{"javascript:alert(1)", false, false},
		{"JaVaScRiPt:alert(1)", false, false},
		{" \x01javascript:alert(1)", false, false},
		{"java\tscript:alert(1)", false, false},
		{"jav&#x61;script:alert(1)", false, false},
		{"&#106;avascript:alert(1)", false, false},
		{"vbscript:x", false, false},
		{"data:text/html,x", false, false},
		{"data:image/png;base64,AAAA", true, false},
		{"file:///etc/passwd", false, false},
		{"ftp://example.org", false, false},
	}
	for _, tt := range tests {
		if got := SafeURL(tt.url, tt.image); got != tt.want {
			t.Errorf("SafeURL(%q, image=%v) = %v, want %v", tt.url, tt.image, got, tt.want)
		}
	}
}

// FuzzRender checks that no input makes the renderer fail or produce
// invalid UTF-8, a script element, an event handler attribute, a style
// attribute or a URL with a scheme other than the allowed ones.
func FuzzRender(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.md")
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	r := New()
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := r.Render(src)
		if err != nil {
			t.Fatal(err)
		}
		if utf8.Valid(src) && !utf8.ValidString(doc.HTML) {
			t.Fatalf("invalid UTF-8 output for %q", src)
		}
		if err := checkSafeHTML(doc.HTML); err != nil {
			t.Fatalf("%v\ninput: %q\noutput:\n%s", err, src, doc.HTML)
		}
	})
}

// checkSafeHTML parses h as a browser would and reports the first
// element or attribute that could run script or break the CSP.
func checkSafeHTML(h string) error {
	z := html.NewTokenizer(strings.NewReader(h))
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return nil
			}
			return z.Err()
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script", "style", "iframe", "object", "embed", "form", "base", "meta", "link":
				return fmt.Errorf("element <%s>", tok.Data)
			}
			for _, a := range tok.Attr {
				key := strings.ToLower(a.Key)
				if strings.HasPrefix(key, "on") || key == "style" || key == "srcdoc" {
					return fmt.Errorf("attribute %s=%q on <%s>", a.Key, a.Val, tok.Data)
				}
				if (key == "href" || key == "src") && !SafeURL(a.Val, key == "src") {
					return fmt.Errorf("unsafe URL %s=%q on <%s>", a.Key, a.Val, tok.Data)
				}
			}
		}
	}
}

func TestRender_LinksAndIDs(t *testing.T) {
	src := "Intro [one](/articles/x/#a) and ![](img.png)\n\n- ![alt *b*](/i.png) [**bold**](#h)\n- [bad](javascript:x)\n\nFoot[^1]\n\n[^1]: note\n"
	doc, err := New().Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	type at struct {
		Link
		Source string // the source text at Offset
	}
	var got []at
	for _, l := range doc.Links {
		got = append(got, at{l, src[l.Offset:min(l.Offset+3, len(src))]})
	}
	want := []at{
		{Link{Dest: "/articles/x/#a", Offset: 6}, "[on"},
		{Link{Dest: "img.png", Image: true, Offset: 32}, "![]"},
		{Link{Dest: "/i.png", Image: true, Alt: "alt b", Offset: 48}, "![a"},
		{Link{Dest: "#h", Offset: 67}, "[**"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("links (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"fnref:1", "fn:1"}, doc.IDs); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
}

// TestRender_Notices pins what the checks are told about, and where:
// text an editor wrote that readers would not see as meant.
func TestRender_Notices(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []Notice
	}{
		{"html block keeps its text", "Intro.\n\n<div>Call 999 if you cannot walk.</div>\n",
			[]Notice{{Kind: NoticeHTML, Offset: 8, Text: "div", Kept: "Call 999 if you cannot walk."}}},
		{"script keeps nothing", "<script>alert(1)</script>\n", []Notice{{Kind: NoticeHTML, Offset: 0, Text: "script"}}},
		{"a comment is the editor's own note", "Text.\n\n<!-- check with Dr Marsh -->\n", nil},
		{"unknown callout type", "> [!DANGER]\n> Stop.\n", []Notice{{Kind: NoticeCallout, Offset: 2, Text: "DANGER"}}},
		{"text after a known marker", "> [!TIP] Rest.\n", []Notice{{Kind: NoticeCallout, Offset: 2, Kept: "Rest."}}},
		{"a known callout is fine", "> [!warning]\n> Stop.\n", nil},
		{"colon inside the marker", "> [!NOTE:]\n> Rest.\n", []Notice{{Kind: NoticeCalloutForm, Offset: 2, Text: "[!NOTE:]", Kept: "NOTE"}}},
		{"marker without !", "> [WARNING]\n> Stop.\n", []Notice{{Kind: NoticeCalloutForm, Offset: 2, Text: "[WARNING]", Kept: "WARNING"}}},
		{"! before the marker", "> ![WARNING]\n> Stop.\n", []Notice{{Kind: NoticeCalloutForm, Offset: 2, Text: "![WARNING]", Kept: "WARNING"}}},
		{"a bracketed word that is no type", "> [Smith 2020] found it.\n", nil},
		{"a link is not a marker", "> [Note](https://example.org/) this.\n", nil},
		{"an empty callout", "> [!WARNING]\n\nAfter.\n", []Notice{{Kind: NoticeCalloutEmpty, Offset: 2, Text: "WARNING"}}},
		{"an empty callout with a blank line", "> [!TIP]\n>\n", []Notice{{Kind: NoticeCalloutEmpty, Offset: 2, Text: "TIP"}}},
		{"a level 1 heading", "Intro.\n\n# Top\n\n## Below\n", []Notice{{Kind: NoticeTopHeading, Offset: 10, Text: "Top"}}},
		{"a level 1 setext heading", "Top\n===\n", []Notice{{Kind: NoticeTopHeading, Offset: 0, Text: "Top"}}},
		{"heading without a space", "Intro.\n\n##How it helps\n", []Notice{{Kind: NoticeHeadingSpace, Offset: 8, Text: "##How it helps"}}},
		{"capitalised after one #", "#Symptoms\n", []Notice{{Kind: NoticeHeadingSpace, Offset: 0, Text: "#Symptoms"}}},
		{"a hashtag is not a heading", "#selfcare and ## alone and C#\n", nil},
		{"a line inside a paragraph", "First line\n###Second\n", []Notice{{Kind: NoticeHeadingSpace, Offset: 11, Text: "###Second"}}},
		{"inline HTML, opening tags only", "Call <B>999</B> now<br> <!-- x -->\n", []Notice{
			{Kind: NoticeInlineHTML, Offset: 5, Text: "b"}, {Kind: NoticeInlineHTML, Offset: 19, Text: "br"}}},
		{"an autolink is not HTML", "See <https://example.org> or <jane@example.org>.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := New().Render([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, doc.Notices); diff != "" {
				t.Errorf("notices (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRender_HTMLBlockText: the text of a raw HTML block is health text
// ("Call 999…") and is shown, as escaped plain paragraphs, never as HTML.
func TestRender_HTMLBlockText(t *testing.T) {
	tests := []struct{ src, want string }{
		{"<div>Call 999 if you cannot walk.</div>\n", "<p>Call 999 if you cannot walk.</p>\n"},
		{"<div class=\"box\">\n<p>One &amp; two</p>\n<p>Three <b>bold</b> &lt;script&gt;</p>\n</div>\n", "<p>One &amp; two</p>\n<p>Three bold &lt;script&gt;</p>\n"},
		{"<div><script>alert(1)</script>Kept</div>\n", "<p>Kept</p>\n"},
		{"<style>p{display:none}</style>\n", ""},
		{"<img src=x onerror=alert(1)>\n", ""},
	}
	for _, tt := range tests {
		doc, err := New().Render([]byte(tt.src))
		if err != nil {
			t.Fatal(err)
		}
		if doc.HTML != tt.want {
			t.Errorf("%q: got %q, want %q", tt.src, doc.HTML, tt.want)
		}
		if err := checkSafeHTML(doc.HTML); err != nil {
			t.Errorf("%q: %v", tt.src, err)
		}
	}
	doc, _ := New().Render([]byte("<div>Call 999 if you cannot walk.</div>\n"))
	if doc.Text != "Call 999 if you cannot walk." || doc.FirstParagraph != doc.Text {
		t.Errorf("text %q, first paragraph %q: the kept text is not searchable", doc.Text, doc.FirstParagraph)
	}
}

// TestRender_TableScrolls: every table is in a box that scrolls on a
// narrow screen, which keyboards can focus and screen readers name.
func TestRender_TableScrolls(t *testing.T) {
	tests := []struct{ src, label string }{
		{"| Technique | What it is |\n| --- | --- |\n| Direct | Firm |\n", "Table: Technique, What it is"},
		{"| A & B | *C* | D | E |\n| - | - | - | - |\n| 1 | 2 | 3 | 4 |\n", "Table: A &amp; B, C, D, …"},
		{"|  |  |\n| - | - |\n| 1 | 2 |\n", "Table"},
		{"> | \" onfocus=alert(1) x=\" |\n> | - |\n> | 1 |\n", "Table: &#34; onfocus=alert(1) x=&#34;"},
	}
	for _, tt := range tests {
		doc, err := New().Render([]byte(tt.src))
		if err != nil {
			t.Fatal(err)
		}
		want := `<div class="table-scroll" role="region" tabindex="0" aria-label="` + tt.label + `">` + "\n<table>"
		if !strings.Contains(doc.HTML, want) || !strings.Contains(doc.HTML, "</table>\n</div>\n") {
			t.Errorf("%q: no scrolling box labelled %q:\n%s", tt.src, tt.label, doc.HTML)
		}
		if err := checkSafeHTML(doc.HTML); err != nil {
			t.Errorf("%q: %v", tt.src, err)
		}
	}
}

// TestRender_CalloutLabels: a callout's title, shown and read out, is
// the one of the article's language when the options give it, and the
// English one otherwise.
func TestRender_CalloutLabels(t *testing.T) {
	src := []byte("> [!WARNING]\n> Llame al 112.\n\n> [!TIP]\n> Descanse.\n")
	doc, err := New().RenderWith(src, Options{CalloutLabels: map[string]string{"warning": "Advertencia", "tip": `Tip "<b>"`}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<aside class="callout callout-warning" aria-label="Advertencia">`,
		`<p class="callout-label"><strong>Advertencia</strong></p>`,
		// A site string is escaped like any text.
		`<aside class="callout callout-tip" aria-label="Tip &#34;&lt;b&gt;&#34;">`,
	} {
		if !strings.Contains(doc.HTML, want) {
			t.Errorf("HTML lacks %s:\n%s", want, doc.HTML)
		}
	}
}
