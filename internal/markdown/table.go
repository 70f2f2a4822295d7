package markdown

import (
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A table wider than a phone's screen scrolls sideways inside a box of
// its own rather than being clipped by the page. So that keyboard and
// screen reader users can reach and scroll it, the box can take focus
// and is a named region:
//
//	<div class="table-scroll" role="region" tabindex="0" aria-label="Table: Technique, Pressure">

// KindTableScroll is the AST kind of the box around a table.
var KindTableScroll = ast.NewNodeKind("TableScroll")

// TableScroll is the scrolling box around one table.
type TableScroll struct {
	ast.BaseBlock
	Label string // the region's accessible name, plain text
}

// Kind implements ast.Node.
func (*TableScroll) Kind() ast.NodeKind { return KindTableScroll }

// Dump implements ast.Node.
func (t *TableScroll) Dump(src []byte, level int) {
	ast.DumpHelper(t, src, level, map[string]string{"Label": t.Label}, nil)
}

// tableLabelCells is how many header cells name a table: enough to tell
// two tables of one page apart, short enough to hear.
const tableLabelCells = 3

// tables is the parser transformer that puts each table in a box.
type tables struct{}

// Transform implements parser.ASTTransformer.
func (tables) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var found []*east.Table
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*east.Table); ok && entering {
			found = append(found, t)
		}
		return ast.WalkContinue, nil
	})
	for _, t := range found {
		box := &TableScroll{Label: tableLabel(t, src)}
		parent := t.Parent()
		parent.ReplaceChild(parent, t, box)
		box.AppendChild(box, t)
	}
}

// tableLabel names a table by its first header cells: GitHub tables have
// no caption.
func tableLabel(t *east.Table, src []byte) string {
	var cells []string
	if h, ok := t.FirstChild().(*east.TableHeader); ok {
		for c := h.FirstChild(); c != nil; c = c.NextSibling() {
			if s := plainText(c, src); s != "" {
				cells = append(cells, s)
			}
		}
	}
	if len(cells) == 0 {
		return "Table"
	}
	if len(cells) > tableLabelCells {
		cells = append(cells[:tableLabelCells], "…")
	}
	return "Table: " + strings.Join(cells, ", ")
}

// tableRenderer renders the boxes around tables.
type tableRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (tableRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindTableScroll, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<div class="table-scroll" role="region" tabindex="0" aria-label="` + html.EscapeString(n.(*TableScroll).Label) + `">` + "\n")
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
}
