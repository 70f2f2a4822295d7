package site

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"healthsite/internal/markdown"
)

// TestIDs_FrameAndHeadingsCannotCollide builds every kind of page that
// holds Markdown (an article with every part its page can show, a
// standalone page, a profile's bio), with headings titled after every
// id the page around them uses. markdown.ReservedIDs is the one list of
// those ids: every id a template gives outside the Markdown must be on
// it, and no heading takes one, so that no id is on a page twice (a
// "Contents" heading would otherwise steal the table of contents'
// link, or "Main" the skip link's target).
func TestIDs_FrameAndHeadingsCannotCollide(t *testing.T) {
	reserved := markdown.ReservedIDs()
	var headings strings.Builder
	for _, id := range append(reserved, "written-heading", "reviewed-heading", "search-results", "search-heading") {
		headings.WriteString("\n## " + strings.ReplaceAll(id, "-", " ") + "\n\nText.\n")
	}
	body := "Intro[^1].\n" + headings.String() + "\n[^1]: A note.\n"
	s := buildFS(t, fstest.MapFS{
		"a.md": {Data: []byte("---\ntitle: A\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: S.\ntags: [knees]\n" +
			"reviewed_by: Dr Elena Marsh\nreviewed: 2024-02-20\nsources:\n  - title: NICE\n    url: https://www.nice.org.uk/\n---\n" + body)},
		"b.md":           {Data: []byte("---\ntitle: B\nauthor: Ann Lee\ndate: 2024-01-11\nsummary: S.\ntags: [knees]\n---\n\nText.\n")},
		"pages/about.md": {Data: []byte("---\ntitle: About\n---\n" + body)},
		"authors.yaml":   {Data: []byte("Ann Lee:\n  credentials: RN\n  bio: |\n" + indent(body, "    ") + "Dr Elena Marsh:\n  credentials: DPT\n  bio: A physiotherapist.\n")},
	})
	for _, path := range []string{"/articles/a/", "/about/", "/authors/ann-lee/"} {
		page := s.Page(path)
		if page == nil {
			t.Fatalf("no page at %s", path)
		}
		doc := parseHTML(t, page.Body())
		seen := map[string]int{}
		for n := range doc.Descendants() {
			id := attrOf(n, "id")
			if n.Type != html.ElementNode || id == "" {
				continue
			}
			seen[id]++
			if !inProse(n) && !slices.Contains(reserved, id) {
				t.Errorf("%s: the page gives the id %q, which markdown.ReservedIDs lacks: a heading could take it too", path, id)
			}
		}
		for id, n := range seen {
			if n > 1 {
				t.Errorf("%s: the id %q is on the page %d times", path, id, n)
			}
		}
		if len(seen) < len(reserved) {
			t.Errorf("%s: only %d ids, the headings did not render", path, len(seen))
		}
	}
}

// inProse says whether n is inside rendered Markdown.
func inProse(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if slices.Contains(strings.Fields(attrOf(p, "class")), "prose") {
			return true
		}
	}
	return false
}

func indent(s, by string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		if strings.TrimSpace(line) != "" {
			b.WriteString(by)
		}
		b.WriteString(line)
	}
	return b.String()
}
