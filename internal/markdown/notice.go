package markdown

import (
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Notice is something in a document that readers will not see as its
// writer meant: the checks explain each one to the editor, at Offset.
type Notice struct {
	Kind   NoticeKind
	Offset int    // byte offset in the source where it is written
	Text   string // what it concerns; see each kind
	Kept   string // for NoticeHTML, the text shown in its place; "" when none
}

// NoticeKind tells what a Notice is about.
type NoticeKind int

const (
	// NoticeHTML is a block of raw HTML, which is never passed through:
	// its text is shown as plain paragraphs instead (Kept), except that of
	// scripts and styles. Text is its first tag's name, such as "div".
	NoticeHTML NoticeKind = iota + 1
	// NoticeCallout is a block quote starting with a callout marker that
	// is not one: Text is the type as written, such as "DANGER", when it
	// is not one of the five; Kept is the text after a marker of a known
	// type, which must be on a line of its own.
	NoticeCallout
	// NoticeTopHeading is a level 1 heading in the body, which moves every
	// heading of the document down a level. Text is the heading's text.
	NoticeTopHeading
	// NoticeHeadingSpace is a line such as ##Heading, a paragraph rather
	// than a heading because no space follows the #. Text is the line.
	NoticeHeadingSpace
	// NoticeInlineHTML is an HTML tag inside a paragraph, which is left
	// out while the text around it is shown. Text is the tag's name.
	NoticeInlineHTML
	// NoticeCalloutForm is a block quote whose first line is a marker of
	// one of the five types written nearly right, such as [WARNING] or
	// [!NOTE:], so it shows as text. Text is the marker as written; Kept
	// is the type meant, such as "WARNING".
	NoticeCalloutForm
	// NoticeCalloutEmpty is a callout with nothing in it but its label.
	// Text is its type, such as "WARNING".
	NoticeCalloutEmpty
)

// inlineTag is the name of an opening tag of inline raw HTML.
var inlineTag = regexp.MustCompile(`^<([A-Za-z][A-Za-z0-9-]*)`)

// noticeInlineHTML reports an opening tag of inline raw HTML; closing
// tags, comments and the like go with a tag reported already or show
// nothing anyway.
func noticeInlineHTML(pc parser.Context, n *ast.RawHTML, src []byte) {
	if n.Segments.Len() == 0 {
		return
	}
	first := n.Segments.At(0)
	if m := inlineTag.FindSubmatch(first.Value(src)); m != nil {
		addNotice(pc, Notice{Kind: NoticeInlineHTML, Offset: first.Start, Text: strings.ToLower(string(m[1]))})
	}
}

// notices is where the transformers leave their notices for RenderWith.
var notices = parser.NewContextKey()

func addNotice(pc parser.Context, n Notice) {
	list, _ := pc.Get(notices).([]Notice)
	pc.Set(notices, append(list, n))
}

// takeNotices returns the notices of pc in the order they are written.
func takeNotices(pc parser.Context) []Notice {
	list, _ := pc.Get(notices).([]Notice)
	slices.SortStableFunc(list, func(a, b Notice) int { return a.Offset - b.Offset })
	return list
}

// headingWithoutSpace is a paragraph line that was meant as a heading:
// two to six # and a letter or digit, or one # and a capital letter (a
// single # and a lowercase word is more likely a hashtag).
var headingWithoutSpace = regexp.MustCompile(`^(#{2,6}[\p{L}\p{N}]|#\p{Lu})`)

// noticeHeadingSpace reports the lines of paragraph p that look like
// headings without the space after the #.
func noticeHeadingSpace(pc parser.Context, p *ast.Paragraph, src []byte) {
	lines := p.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		line := string(seg.Value(src))
		if headingWithoutSpace.MatchString(line) {
			addNotice(pc, Notice{Kind: NoticeHeadingSpace, Offset: seg.Start, Text: strings.TrimRight(line, " \t\n")})
		}
	}
}

// replaceHTMLBlock puts the text of a raw HTML block in its place, as
// plain paragraphs, and reports it. Health pages carry safety text
// ("Call 999 if…") that an editor may have wrapped in a <div>: dropping
// it would lose it, and passing the HTML through would not be safe.
func replaceHTMLBlock(pc parser.Context, b *ast.HTMLBlock, src []byte) {
	var raw strings.Builder
	lines := b.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		raw.Write(seg.Value(src))
	}
	if b.HasClosure() {
		closure := b.ClosureLine
		raw.Write(closure.Value(src))
	}
	offset := 0
	if lines.Len() > 0 {
		offset = lines.At(0).Start
	}
	if b.HTMLBlockType == ast.HTMLBlockType2 {
		// A comment: the editor's own note, hidden on purpose.
		b.Parent().RemoveChild(b.Parent(), b)
		return
	}
	tag, paras := htmlText(raw.String())
	parent := b.Parent()
	for _, t := range paras {
		p := ast.NewParagraph()
		s := ast.NewString([]byte(t))
		s.SetRaw(true) // written escaped, as text
		p.AppendChild(p, s)
		parent.InsertBefore(parent, b, p)
	}
	parent.RemoveChild(parent, b)
	addNotice(pc, Notice{Kind: NoticeHTML, Offset: offset, Text: tag, Kept: strings.Join(paras, " ")})
}

// htmlText returns the name of the first element of fragment, and its
// text as paragraphs: one for each block element, whitespace collapsed.
// The text of scripts, styles and other elements whose content is not
// read as text is left out.
func htmlText(fragment string) (tag string, paras []string) {
	nodes, err := xhtml.ParseFragment(strings.NewReader(fragment), &xhtml.Node{Type: xhtml.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return "", nil
	}
	var cur strings.Builder
	flush := func() {
		if t := strings.Join(strings.Fields(cur.String()), " "); t != "" {
			paras = append(paras, t)
		}
		cur.Reset()
	}
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		switch n.Type {
		case xhtml.TextNode:
			cur.WriteString(n.Data)
			return
		case xhtml.CommentNode:
			return
		case xhtml.ElementNode:
			if tag == "" {
				tag = n.Data
			}
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Iframe, atom.Object, atom.Textarea, atom.Title, atom.Svg, atom.Math, atom.Select:
				return
			}
		}
		block := n.Type == xhtml.ElementNode && blockElements[n.DataAtom]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	flush()
	return tag, paras
}

// blockElements are the elements whose text starts a paragraph of its own.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Table: true, atom.Tr: true, atom.Blockquote: true, atom.Section: true, atom.Article: true, atom.Aside: true,
	atom.Header: true, atom.Footer: true, atom.Details: true, atom.Summary: true, atom.Figure: true, atom.Figcaption: true,
	atom.Pre: true, atom.Br: true, atom.Hr: true, atom.Center: true,
}

// segmentStart is the offset where block n's first line starts, or -1.
func segmentStart(n ast.Node) int {
	if l := n.Lines(); l.Len() > 0 {
		return l.At(0).Start
	}
	return -1
}
