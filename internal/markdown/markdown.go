// Package markdown turns an article body into safe HTML, its outline and
// its plain text. One Renderer is built once and shared: goldmark parsers
// and renderers are safe for concurrent use once configured.
package markdown

import (
	"bytes"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Heading is one section heading of a document, for a table of contents.
type Heading struct {
	Level int    // 2 to 6: level 1 is kept for the page title
	ID    string // the id attribute, unique within the document
	Text  string // plain text of the heading
}

// Link is a link or image in a document, for checking where it points.
type Link struct {
	Dest     string // the URL as written, entities decoded; for an image Options.Image found too
	Image    bool   // an image rather than a link
	Alt      string // an image's alternative text
	Offset   int    // byte offset in the source of the link's opening [ (or ![)
	Resolved bool   // an image that Options.Image found
}

// Image is where an image of the content is served, and its size.
type Image struct {
	URL           string
	Width, Height int // 0 when unknown
}

// Options tune one rendering.
type Options struct {
	// Image resolves an image source as written in the Markdown to the
	// image's URL and size; ok is false when it is not one the site has.
	// Sources it does not resolve are left as written. May be nil.
	Image func(dest string) (img Image, ok bool)
	// CalloutLabels are the titles of callouts by type (note, tip,
	// important, warning, caution) in the article's language; a type
	// not given has its English title.
	CalloutLabels map[string]string

	// Prose asks for Document.Prose, which only checking the text needs.
	Prose bool
	// Mark, when set, is given the document's prose before it is
	// rendered, and returns the runs of the source to mark in the HTML,
	// for the editor's preview. Document.Prose is then filled in too.
	Mark func([]Prose) []Mark
}

// Document is a rendered Markdown body.
type Document struct {
	HTML           string    // safe HTML: no raw HTML, no unsafe URLs
	Headings       []Heading // every heading, in order
	Links          []Link    // every link and image with a safe URL, in order
	Unsafe         []Link    // every link and image whose URL was dropped as unsafe, in order
	IDs            []string  // every id attribute in HTML: headings, footnotes and marks
	Text           string    // plain text of the whole body, for word counts and search
	FirstParagraph string    // plain text of the first paragraph, a fallback summary
	Notices        []Notice  // what readers will not see as written, in order
	Prose          []Prose   // the paragraphs and list items, in order, when Options.Prose asks
}

// Renderer renders Markdown. The zero value is not usable; call New.
type Renderer struct {
	md goldmark.Markdown
}

// New returns the site's one Markdown configuration: GitHub Flavored
// Markdown, footnotes, typographic punctuation and automatic heading IDs.
// Raw HTML is never rendered and links may only use safe schemes.
func New() *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(
			// GitHub Flavored Markdown, spelled out so that table cells are
			// aligned with an attribute: a style attribute would need
			// 'unsafe-inline' in the Content-Security-Policy.
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			extension.Linkify,
			extension.TaskList,
			extension.Footnote,
			extension.Typographer,
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(safety{}, 100), util.Prioritized(callouts{}, 200), util.Prioritized(tables{}, 300)),
		),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(calloutRenderer{}, 500), util.Prioritized(tableRenderer{}, 500), util.Prioritized(markRenderer{}, 500))),
		// Deliberately without gmhtml.WithUnsafe: raw HTML in a body is
		// replaced by a comment, never passed through.
	)
	return &Renderer{md: md}
}

// reservedIDs are the element ids the templates give, around an
// article's, a standalone page's or a profile's Markdown: the one list
// of them, which internal/site's TestIDs_FrameAndHeadingsCannotCollide
// checks every page against. Headings never take them: a section
// titled "Main" gets the id main-1.
var reservedIDs = []string{"main", "related-heading", "contents", "sources", "topics", "search-q", "problems-heading",
	"written-heading", "reviewed-heading", "suggestions-heading", "page-search-q", "search-heading", "search-results"}

// ReservedIDs returns the ids of the page frame, which headings never take.
func ReservedIDs() []string { return slices.Clone(reservedIDs) }

// Render parses src and renders it.
func (r *Renderer) Render(src []byte) (*Document, error) {
	return r.RenderWith(src, Options{})
}

// RenderWith parses src and renders it with opts. Every image is loaded
// lazily, and has its width and height when opts.Image knows them, so
// that the page does not jump as images arrive.
func (r *Renderer) RenderWith(src []byte, opts Options) (*Document, error) {
	ctx := parser.NewContext()
	for _, id := range reservedIDs {
		ctx.IDs().Put([]byte(id))
	}
	doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	written := prepare(doc, opts)
	var prosed []Prose
	if opts.Prose || opts.Mark != nil {
		prosed = prose(doc, src) // before marks change the tree
	}
	if opts.Mark != nil {
		if marks := opts.Mark(prosed); len(marks) > 0 {
			applyMarks(doc, marks)
		}
	}
	var buf bytes.Buffer
	if err := r.md.Renderer().Render(&buf, src, doc); err != nil {
		return nil, fmt.Errorf("rendering markdown: %w", err)
	}
	out := &Document{HTML: buf.String(), Prose: prosed}
	if dropped, ok := ctx.Get(droppedLinks).([]Link); ok {
		out.Unsafe = dropped
	}
	out.Notices = takeNotices(ctx)
	if err := out.collect(doc, src, written); err != nil {
		return nil, err
	}
	return out, nil
}

// prepare gives the parsed doc what rendering needs beyond the source:
// callouts their labels, images their lazy loading and, where opts
// finds them, their addresses and sizes. It returns the sources, as
// written, of the images it resolved.
func prepare(doc ast.Node, opts Options) map[ast.Node]string {
	written := map[ast.Node]string{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*Callout); ok && entering {
			c.Label = opts.CalloutLabels[c.Alert]
		}
		img, ok := n.(*ast.Image)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		img.SetAttributeString("loading", []byte("lazy"))
		img.SetAttributeString("decoding", []byte("async"))
		if opts.Image == nil {
			return ast.WalkContinue, nil
		}
		if found, ok := opts.Image(string(img.Destination)); ok {
			written[n] = string(img.Destination)
			img.Destination = []byte(found.URL)
			if found.Width > 0 && found.Height > 0 {
				img.SetAttributeString("width", []byte(strconv.Itoa(found.Width)))
				img.SetAttributeString("height", []byte(strconv.Itoa(found.Height)))
			}
		}
		return ast.WalkContinue, nil
	})
	return written
}

// collect fills in what the rendered doc holds besides its HTML: its
// headings, ids, links and images (those resolved by their sources as
// written), first paragraph and plain text.
func (out *Document) collect(doc ast.Node, src []byte, written map[ast.Node]string) error {
	var body strings.Builder
	// The plain text is about as long as the source: one allocation
	// instead of a doubling for every few paragraphs.
	body.Grow(len(src))
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			idb, _ := id.([]byte)
			out.Headings = append(out.Headings, Heading{Level: n.Level, ID: string(idb), Text: plainText(n, src)})
			out.IDs = append(out.IDs, string(idb))
		case *ast.Link:
			out.Links = append(out.Links, Link{Dest: string(n.Destination), Offset: opening(src, offsetOf(n, src), "[")})
		case *ast.Image:
			dest, resolved := written[n]
			if !resolved {
				dest = string(n.Destination)
			}
			out.Links = append(out.Links, Link{Dest: dest, Image: true, Alt: plainText(n, src), Offset: opening(src, offsetOf(n, src), "!["), Resolved: resolved})
		case *markNode:
			if n.id != "" {
				out.IDs = append(out.IDs, n.id)
			}
		case *east.FootnoteLink:
			out.IDs = append(out.IDs, "fnref:"+strconv.Itoa(n.Index))
		case *east.Footnote:
			out.IDs = append(out.IDs, "fn:"+strconv.Itoa(n.Index))
		case *ast.Paragraph:
			if out.FirstParagraph == "" && n.Parent() == doc {
				out.FirstParagraph = plainText(n, src)
			}
		}
		if isLeafBlock(n) {
			if body.Len() > 0 {
				body.WriteString("\n\n")
			}
			body.WriteString(plainText(n, src))
		}
		return ast.WalkContinue, nil
	})
	out.Text = body.String()
	return err
}

// offsetOf returns the source offset where inline node n's text starts:
// goldmark keeps positions on text segments and blocks, not on links.
func offsetOf(n ast.Node, src []byte) int {
	for c := range descendants(n) {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	if t, ok := n.PreviousSibling().(*ast.Text); ok {
		return t.Segment.Stop + 2 // an image with empty alt text: after the text before it
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start + 2
		}
	}
	return 1
}

// opening finds the marker ("[" or "![") that opens the link whose text
// starts at off, looking back a little way; off itself if it is not found.
func opening(src []byte, off int, marker string) int {
	off = min(off, len(src))
	for i := off - len(marker); i >= 0 && i >= off-64; i-- {
		if string(src[i:i+len(marker)]) == marker {
			return i
		}
	}
	return off
}

// descendants yields the nodes below n, depth first.
func descendants(n ast.Node) func(func(ast.Node) bool) {
	return func(yield func(ast.Node) bool) {
		var walk func(ast.Node) bool
		walk = func(n ast.Node) bool {
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if !yield(c) || !walk(c) {
					return false
				}
			}
			return true
		}
		walk(n)
	}
}

// isLeafBlock reports whether n is a block whose children are inline
// text (or literal lines), which plain-text extraction reads whole.
func isLeafBlock(n ast.Node) bool {
	switch n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *ast.CodeBlock, *ast.FencedCodeBlock, *east.TableCell:
		return true
	}
	return false
}

// plainText returns the text of n and its descendants, with typographic
// entities decoded and soft line breaks as spaces.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	switch n := n.(type) {
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			b.Write(seg.Value(src))
		}
		return strings.TrimRight(b.String(), "\n")
	}
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if c.IsCode() {
				b.WriteString(html.UnescapeString(string(c.Value)))
			} else {
				b.Write(c.Value)
			}
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// safety is a parser transformer that makes a parsed document fit for
// the site: links and images with unsafe URLs lose their URL and keep
// their text, blocks of raw HTML are replaced by their text, and
// headings are shifted so that none is a level 1 heading, which belongs
// to the page title. It notices what the writer will want to know of.
type safety struct{}

// Transform implements parser.ASTTransformer.
func (safety) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var unsafe []ast.Node
	var dropped []Link
	var top []*ast.Heading
	var blocks []*ast.HTMLBlock
	minLevel := 7
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if !SafeURL(string(n.Destination), false) {
				unsafe = append(unsafe, n)
				dropped = append(dropped, Link{Dest: string(n.Destination), Offset: opening(src, offsetOf(n, src), "[")})
			}
		case *ast.Image:
			if !SafeURL(string(n.Destination), true) {
				unsafe = append(unsafe, n)
				dropped = append(dropped, Link{Dest: string(n.Destination), Image: true, Alt: plainText(n, src), Offset: opening(src, offsetOf(n, src), "![")})
			}
		case *ast.AutoLink:
			if !SafeURL(string(n.URL(src)), false) {
				unsafe = append(unsafe, n)
				// An autolink keeps no position: the first place its
				// text appears stands in.
				dropped = append(dropped, Link{Dest: string(n.URL(src)), Offset: max(bytes.Index(src, n.Label(src)), 0)})
			}
		case *ast.Heading:
			minLevel = min(minLevel, n.Level)
			if n.Level == 1 {
				top = append(top, n)
			}
		case *ast.HTMLBlock:
			blocks = append(blocks, n)
		case *ast.Paragraph:
			noticeHeadingSpace(pc, n, src)
		case *ast.RawHTML:
			noticeInlineHTML(pc, n, src)
		}
		return ast.WalkContinue, nil
	})
	for _, b := range blocks {
		replaceHTMLBlock(pc, b, src)
	}
	for _, h := range top {
		addNotice(pc, Notice{Kind: NoticeTopHeading, Offset: max(segmentStart(h), 0), Text: plainText(h, src)})
	}
	if len(dropped) > 0 {
		pc.Set(droppedLinks, dropped)
	}
	for _, n := range unsafe {
		parent := n.Parent()
		if al, ok := n.(*ast.AutoLink); ok {
			parent.ReplaceChild(parent, n, ast.NewString(al.Label(src)))
			continue
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
	if shift := 2 - minLevel; minLevel < 7 && shift > 0 {
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if h, ok := n.(*ast.Heading); ok && entering {
				h.Level = min(h.Level+shift, 6)
			}
			return ast.WalkContinue, nil
		})
	}
}

// SafeURL reports whether a link (or, with image set, an image source)
// may point at rawURL: relative URLs, fragments, and the schemes http and
// https, plus mailto and tel for links. The URL is judged the way a
// browser reads it: entities decoded, tabs, newlines and leading control
// characters ignored, and the scheme compared without regard to case.
func SafeURL(rawURL string, image bool) bool {
	u := html.UnescapeString(rawURL)
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	u = strings.TrimLeftFunc(u, func(r rune) bool { return r <= ' ' })
	colon := strings.IndexByte(u, ':')
	if colon < 0 {
		return true
	}
	if i := strings.IndexAny(u, "/?#"); i >= 0 && i < colon {
		return true // the colon is in a path, query or fragment: relative
	}
	switch strings.ToLower(u[:colon]) {
	case "http", "https":
		return true
	case "mailto", "tel":
		return !image
	}
	return false
}

// droppedLinks is where safety leaves the links it dropped, for
// RenderWith to report.
var droppedLinks = parser.NewContextKey()

// Compile-time check that safety is a transformer.
var _ parser.ASTTransformer = safety{}

var defaultRenderer = sync.OnceValue(New)

// Default returns the Renderer shared by the whole program, built on
// first use. It is never modified after that.
func Default() *Renderer { return defaultRenderer() }
