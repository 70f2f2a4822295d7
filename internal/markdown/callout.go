package markdown

import (
	"cmp"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Callouts are GitHub's alert syntax: a block quote whose first line is
// [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION]:
//
//	> [!CAUTION]
//	> Stop if the pain is sharp or shooting.
//
// renders as a labelled aside, styled like an NHS care card.

// KindCallout is the AST kind of a callout.
var KindCallout = ast.NewNodeKind("Callout")

// Callout is a block quote turned into a labelled aside.
type Callout struct {
	ast.BaseBlock
	Alert string // note, tip, important, warning or caution
	// Label is the title shown and read out, in the page's language;
	// "" for the English one.
	Label string
}

// Kind implements ast.Node.
func (*Callout) Kind() ast.NodeKind { return KindCallout }

// Dump implements ast.Node.
func (c *Callout) Dump(src []byte, level int) {
	ast.DumpHelper(c, src, level, map[string]string{"Alert": c.Alert}, nil)
}

// calloutLabels are the words shown, and read out, for each type, in
// English: Options.CalloutLabels gives those of other languages.
var calloutLabels = map[string]string{
	"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution",
}

// CalloutTypes are the types of callout, as written after [!.
func CalloutTypes() []string { return []string{"NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"} }

var calloutMarker = regexp.MustCompile(`^\[!(?i:(NOTE|TIP|IMPORTANT|WARNING|CAUTION))\]\s*$`)

// anyMarker is what an editor writes meaning a callout: [!WORD], and
// perhaps text after it.
var anyMarker = regexp.MustCompile(`^\[!([\p{L}\p{N}_-]+)\][ \t]*(.*)$`)

// nearMarker is a marker of one of the five types written nearly right:
// [WARNING], ![WARNING], [!NOTE:], [! TIP ]. It is checked only where
// anyMarker did not match, and not when a ( follows, which makes a link.
var nearMarker = regexp.MustCompile(`^!?\[!?[ \t]*(\p{L}+)[ \t]*[:.;,!]*[ \t]*\]([^(]|$)`)

// callouts is the parser transformer that finds callouts.
type callouts struct{}

// Transform implements parser.ASTTransformer.
func (callouts) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		para, ok := q.FirstChild().(*ast.Paragraph)
		if !ok || para.Lines().Len() == 0 {
			continue
		}
		first := para.Lines().At(0)
		m := calloutMarker.FindSubmatch(util.TrimRightSpace(first.Value(src)))
		if m == nil {
			noticeMarker(pc, util.TrimRightSpace(first.Value(src)), first.Start)
			continue
		}
		// Drop the marker line's inline nodes; the rest of the
		// paragraph is the callout's first paragraph.
		for c := para.FirstChild(); c != nil; {
			next := c.NextSibling()
			if t, ok := c.(*ast.Text); ok && t.Segment.Start >= first.Stop {
				break
			}
			if t, ok := c.(*ast.Text); ok && t.Segment.Start < first.Start {
				break
			}
			para.RemoveChild(para, c)
			c = next
		}
		lines := para.Lines()
		rest := text.NewSegments()
		for i := 1; i < lines.Len(); i++ {
			rest.Append(lines.At(i))
		}
		para.SetLines(rest)
		c := &Callout{Alert: strings.ToLower(string(m[1]))}
		for child := q.FirstChild(); child != nil; {
			next := child.NextSibling()
			if child == para && !para.HasChildren() {
				q.RemoveChild(q, child)
			} else {
				c.AppendChild(c, child)
			}
			child = next
		}
		q.Parent().ReplaceChild(q.Parent(), q, c)
		if !c.HasChildren() {
			addNotice(pc, Notice{Kind: NoticeCalloutEmpty, Offset: first.Start, Text: strings.ToUpper(c.Alert)})
		}
	}
}

// noticeMarker reports the first line of a block quote, at offset, that
// is meant as a callout marker but is not one.
func noticeMarker(pc parser.Context, line []byte, offset int) {
	if m := anyMarker.FindSubmatch(line); m != nil {
		n := Notice{Kind: NoticeCallout, Offset: offset}
		if _, known := calloutLabels[strings.ToLower(string(m[1]))]; known {
			n.Kept = string(m[2])
		} else {
			n.Text = string(m[1])
		}
		addNotice(pc, n)
		return
	}
	if m := nearMarker.FindSubmatch(line); m != nil {
		if _, known := calloutLabels[strings.ToLower(string(m[1]))]; known {
			written := strings.TrimSpace(string(m[0][:len(m[0])-len(m[2])]))
			addNotice(pc, Notice{Kind: NoticeCalloutForm, Offset: offset, Text: written, Kept: strings.ToUpper(string(m[1]))})
		}
	}
}

// calloutRenderer renders callouts.
type calloutRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		c := n.(*Callout)
		// A site string may hold any character: escaped like any text.
		label := html.EscapeString(cmp.Or(c.Label, calloutLabels[c.Alert]))
		if entering {
			_, _ = w.WriteString(`<aside class="callout callout-` + c.Alert + `" aria-label="` + label + `">` + "\n")
			_, _ = w.WriteString(`<p class="callout-label"><strong>` + label + `</strong></p>` + "\n")
		} else {
			_, _ = w.WriteString("</aside>\n")
		}
		return ast.WalkContinue, nil
	})
}
