package markdown

import (
	"strings"
	"testing"
)

// TestProse: the paragraphs and list items are prose, with each letter
// placed where the source has it; headings, tables and code are not.
func TestProse(t *testing.T) {
	src := "## A heading\n\nThe first *paragraph*\nruns on \"here\".\n\n- an item with `code`\n- another\n\n" +
		"| a | b |\n| --- | --- |\n| cell | cell |\n\n```\nfenced code\n```\n\n> [!NOTE]\n> A callout, with a [link](/articles/x/).\n"
	doc, err := New().RenderWith([]byte(src), Options{Prose: true})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, p := range doc.Prose {
		texts = append(texts, p.Text)
		for i := 0; i < len(p.Text); i++ {
			c := p.Text[i]
			if c >= 'a' && c <= 'z' && src[p.Offset(i)] != c {
				t.Errorf("%q: byte %d (%c) is placed at %d, where the source has %q", p.Text, i, c, p.Offset(i), src[p.Offset(i)])
				break
			}
		}
	}
	want := []string{"The first paragraph runs on “here”.", "an item with code", "another", "A callout, with a link."}
	if strings.Join(texts, "|") != strings.Join(want, "|") {
		t.Errorf("prose %q, want %q", texts, want)
	}
	if !doc.Prose[1].Item || doc.Prose[0].Item {
		t.Errorf("items: %+v", doc.Prose)
	}
	if doc, _ := New().Render([]byte(src)); doc.Prose != nil {
		t.Errorf("prose without asking for it")
	}
}
