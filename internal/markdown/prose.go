package markdown

import (
	"html"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Prose is one block of running text of a body, a paragraph or a list
// item, as readers read it: the text readability is measured on. Code,
// tables and headings are not prose.
type Prose struct {
	Text  string
	Item  bool // a list item, not a paragraph
	spans []proseSpan
}

// proseSpan maps a run of Text to the source it came from.
type proseSpan struct {
	text, src int // where the run starts in Text and in the source
	// copied: the run is the source's bytes as they are; not a
	// typographer's quote or a line break, which stand for a source
	// of another length.
	copied bool
}

// Offset returns the source offset of the byte at i in Text, or of the
// nearest byte before it that came from the source (a typographic
// quote or a line break stands where its source was).
func (p Prose) Offset(i int) int {
	k := sort.Search(len(p.spans), func(k int) bool { return p.spans[k].text > i }) - 1
	if k < 0 {
		if len(p.spans) == 0 {
			return 0
		}
		return p.spans[0].src
	}
	return p.spans[k].src + i - p.spans[k].text
}

// End returns the source offset just after the byte before i in Text:
// where a run of Text that ends at i ends in the source. A typographer's
// quote or dash at the end counts as one byte of the source.
func (p Prose) End(i int) int {
	if i <= 0 {
		return p.Offset(0)
	}
	k := sort.Search(len(p.spans), func(k int) bool { return p.spans[k].text > i-1 }) - 1
	if k < 0 {
		return p.Offset(0)
	}
	if s := p.spans[k]; !s.copied {
		return s.src + 1
	}
	return p.spans[k].src + i - p.spans[k].text
}

// prose collects the body's prose blocks from doc.
func prose(doc ast.Node, src []byte) []Prose {
	var out []Prose
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Heading, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *east.Table:
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock:
			p := proseOf(n, src)
			_, p.Item = n.Parent().(*ast.ListItem)
			if strings.TrimSpace(p.Text) != "" {
				out = append(out, p)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// proseOf is the text of the block n with where each run of it was.
func proseOf(n ast.Node, src []byte) Prose {
	var b strings.Builder
	var spans []proseSpan
	at := func(off int, copied bool) { spans = append(spans, proseSpan{text: b.Len(), src: off, copied: copied}) }
	last := 0 // the source offset after the last text written
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			at(c.Segment.Start, true)
			b.Write(c.Value(src))
			last = c.Segment.Stop
			if c.SoftLineBreak() || c.HardLineBreak() {
				at(last, false)
				b.WriteByte(' ')
			}
		case *ast.String:
			at(last, false)
			if c.IsCode() { // the typographer's entities, such as &ldquo;
				b.WriteString(html.UnescapeString(string(c.Value)))
			} else {
				b.Write(c.Value)
			}
		case *ast.AutoLink:
			at(last, false)
			b.Write(c.Label(src))
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return Prose{Text: b.String(), spans: spans}
}
