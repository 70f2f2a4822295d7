package site

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"healthsite/internal/article"
)

// TestNameSlug_LinkChecksAgreeWithPages: a link to the page of a topic
// or author, at the address the site gives it, is never reported by the
// checks, and a link to a topic no article has always is.
func TestNameSlug_LinkChecksAgreeWithPages(t *testing.T) {
	names := []string{"Back pain", "C++", "C#", "Dr. O'Neill", "背痛", "???", "Café au lait"}
	var links []string
	for _, n := range names {
		links = append(links, fmt.Sprintf("[t](%s) [a](%s)", TagPath(n), AuthorPath(n)))
	}
	links = append(links, "[gone](/tags/no-such-topic/)")
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = fmt.Sprintf("%q", n)
	}
	list := strings.Join(quoted, ", ")
	fsys := fstest.MapFS{"a.md": {Data: []byte("---\ntitle: A\nauthor: [" + list + "]\ndate: 2024-01-01\nsummary: S.\ntags: [" + list + "]\n---\n\n" + strings.Join(links, "\n\n") + "\n")}}
	r := article.Check(fsys, article.Options{})
	if len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Message, "/tags/no-such-topic/ leads to no topic") {
		t.Errorf("problems %v, want one, for /tags/no-such-topic/", r.Problems)
	}
	delete(fsys, "a.md")
	fsys["a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\nauthor: [" + list + "]\ndate: 2024-01-01\nsummary: S.\ntags: [" + list + "]\n---\n\nText.\n")}
	s := buildFS(t, fsys)
	for _, n := range names {
		if s.Page(TagPath(n)) == nil || s.Page(AuthorPath(n)) == nil {
			t.Errorf("no page at %s or %s", TagPath(n), AuthorPath(n))
		}
	}
}
