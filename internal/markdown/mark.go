package markdown

import (
	"cmp"
	"slices"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Mark is a run of the source that the editor's preview highlights in
// the HTML, with a note: a sentence or a word check warns of.
type Mark struct {
	Start, End int    // source offsets, End exclusive
	Note       string // what is wrong, shown when the mark is pointed at
	// ID, when set, is the id of the mark's first piece in the HTML, so
	// that a list of the warnings can link to each; it is then in
	// Document.IDs.
	ID string
}

// KindMark is the AST kind of a mark.
var KindMark = ast.NewNodeKind("Mark")

// markNode is one piece of a Mark: a mark that runs across emphasis or
// a link is cut into a piece in each.
type markNode struct {
	ast.BaseInline
	index int // in the marks given, so that pieces side by side join again
	note  string
	id    string // the Mark's ID, on its first piece only
}

// Kind implements ast.Node.
func (*markNode) Kind() ast.NodeKind { return KindMark }

// Dump implements ast.Node.
func (n *markNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Note": n.note}, nil)
}

// markRenderer writes a mark as <mark class="plain-warning" title="…">,
// with id="…" on the first piece of a Mark that has an ID.
type markRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (markRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindMark, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			m := n.(*markNode)
			_, _ = w.WriteString(`<mark class="plain-warning"`)
			if m.id != "" {
				_, _ = w.WriteString(` id="`)
				_, _ = w.Write(util.EscapeHTML([]byte(m.id)))
				_, _ = w.WriteString(`"`)
			}
			_, _ = w.WriteString(` title="`)
			_, _ = w.Write(util.EscapeHTML([]byte(m.note)))
			_, _ = w.WriteString(`">`)
		} else {
			_, _ = w.WriteString("</mark>")
		}
		return ast.WalkContinue, nil
	})
}

// applyMarks wraps the text of doc that marks cover in mark nodes: each
// text node is cut where a mark starts or ends, each piece is wrapped
// in the marks that cover it (the longest outside), and pieces of one
// mark side by side are joined into one. Code and images' alternative
// text are left alone: their renderers expect plain text nodes.
func applyMarks(doc ast.Node, marks []Mark) {
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.Image, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.Heading:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			texts = append(texts, n)
		}
		return ast.WalkContinue, nil
	})
	parents := map[ast.Node]bool{}
	for _, t := range texts {
		if parent := t.Parent(); wrapText(t, marks) {
			parents[parent] = true
		}
	}
	for p := range parents {
		joinMarks(p, marks)
	}
	// Each Mark's id goes on its first piece left after the joins.
	given := map[int]bool{}
	for n := range descendants(doc) {
		if m, ok := n.(*markNode); ok && !given[m.index] {
			given[m.index] = true
			m.id = marks[m.index].ID
		}
	}
}

// wrapText replaces t by its pieces, each in the marks that cover it,
// and reports whether any mark covers part of it. t's parent is kept
// as it was around the pieces.
func wrapText(t *ast.Text, marks []Mark) bool {
	s, e := t.Segment.Start, t.Segment.Stop
	cuts := []int{s, e}
	hit := false
	for _, m := range marks {
		if m.Start < e && m.End > s {
			hit = true
			cuts = append(cuts, max(m.Start, s), min(m.End, e))
		}
	}
	if !hit {
		return false
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	parent := t.Parent()
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		piece := ast.NewTextSegment(text.NewSegment(a, b))
		piece.SetRaw(t.IsRaw())
		if b == e {
			piece.SetSoftLineBreak(t.SoftLineBreak())
			piece.SetHardLineBreak(t.HardLineBreak())
		}
		var covering []int
		for k, m := range marks {
			if m.Start <= a && m.End >= b {
				covering = append(covering, k)
			}
		}
		// The longest mark outside: a word's mark within its sentence's.
		slices.SortFunc(covering, func(x, y int) int {
			return cmp.Or(cmp.Compare(marks[x].Start, marks[y].Start), cmp.Compare(marks[y].End, marks[x].End), cmp.Compare(x, y))
		})
		var node ast.Node = piece
		for k := len(covering) - 1; k >= 0; k-- {
			m := &markNode{index: covering[k], note: marks[covering[k]].Note}
			m.AppendChild(m, node)
			node = m
		}
		parent.InsertBefore(parent, t, node)
	}
	parent.RemoveChild(parent, t)
	return true
}

// joinMarks joins, among the children of parent and then within each
// mark, a mark with the next when it is a piece of the same mark, and
// takes into a mark the typographer's quotes and dashes within it (an
// apostrophe is a node of its own between two texts).
func joinMarks(parent ast.Node, marks []Mark) {
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		m, ok := c.(*markNode)
		if !ok {
			continue
		}
		for {
			next := m.NextSibling()
			if s, ok := next.(*ast.String); ok && inside(m, marks[m.index]) {
				parent.RemoveChild(parent, s)
				m.AppendChild(m, s)
				continue
			}
			if n, ok := next.(*markNode); ok && n.index == m.index {
				for gc := n.FirstChild(); gc != nil; {
					following := gc.NextSibling()
					m.AppendChild(m, gc)
					gc = following
				}
				parent.RemoveChild(parent, n)
				continue
			}
			break
		}
		joinMarks(m, marks)
	}
}

// inside reports whether the source right after the text of m still
// lies within mark: where a typographer's node that follows it stands.
func inside(m *markNode, mark Mark) bool {
	end := -1
	for c := range descendants(m) {
		if t, ok := c.(*ast.Text); ok {
			end = t.Segment.Stop
		}
	}
	return end >= 0 && end < mark.End
}
