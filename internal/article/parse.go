package article

import (
	"bytes"
	"cmp"
	"errors"
	"io/fs"
	pathpkg "path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"healthsite/internal/markdown"
)

// Placeholder starts the text that healthsite new writes where an
// editor must fill something in; any field still starting with it is an
// error, so that no template text is ever published.
const Placeholder = "TODO:"

// cleanSource checks that src is UTF-8, removes a byte-order mark, and
// turns Windows (CRLF) and old Mac (CR) line endings into LF, so that
// lines are counted as Markdown, YAML and editors count them.
func cleanSource(src []byte, p *problems) ([]byte, bool) {
	// The mark goes first, so that it is not counted in a column below.
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	// ReplaceAll copies even when nothing matches: most files have no
	// carriage return, and they are read as they are.
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	if !utf8.Valid(src) {
		off := 0
		for off < len(src) {
			r, size := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		before := src[:off]
		line := bytes.Count(before, []byte("\n")) + 1
		col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
		p.errorf(line, col, "the file is not valid UTF-8 text: byte 0x%02x cannot be read (save the file as UTF-8 in your editor, or retype the character here)", src[off])
		return nil, false
	}
	return src, true
}

// reportDecodeError turns a front matter syntax error into a problem.
func reportDecodeError(p *problems, err error) {
	var se *syntaxError
	if errors.As(err, &se) {
		fix := cmp.Or(se.fix, "check the quotes, colons and indentation on this line and the one before")
		p.errorf(se.line, se.col, "%s (%s)", se.msg, fix)
		return
	}
	p.errorf(0, 0, "cannot read the front matter: %s", plainWords.Replace(err.Error()))
}

// checkKeys reports duplicate and unknown keys of n and returns the
// fields that are known, each once, and the known names that unknown
// keys were taken for: a field misspelt is reported once, as misspelt,
// not as missing too.
func checkKeys(p *problems, n *node, known []string) (fields []*field, meant map[string]bool) {
	var out []*field
	meant = map[string]bool{}
	first := map[string]*field{}
	for _, f := range n.fields {
		if prev, ok := first[f.key]; ok {
			p.errorf(f.line, f.col, "%s is given twice, here and on line %d (keep one of them)", f.key, prev.line)
			continue
		}
		first[f.key] = f
		if slices.Contains(known, f.key) {
			out = append(out, f)
			continue
		}
		if s := suggest(f.key, known); s != "" {
			p.errorf(f.line, f.col, "unknown field %q (did you mean %q?)", f.key, s)
			meant[s] = true
			continue
		}
		p.warnf(f.line, f.col, "unknown field %q is ignored (remove it, or use one of: %s)", f.key, strings.Join(known, ", "))
	}
	return out, meant
}

// suggest returns the known name within edit distance 2 of key, if any.
func suggest(key string, known []string) string {
	best, bestD := "", 3
	low := strings.ToLower(key)
	for _, k := range known {
		if d := editDistance(low, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// parseArticle reads one article file and returns every problem found,
// and the article. When a problem is an error the article is not for
// publishing, but holds what could be read of it (its address, and the
// links and sections of its text) so that links from it and to it are
// still checked.
func (l *loader) parseArticle(file string, src []byte) (*Article, []*Error) {
	path, name := displayPath(l.root, file), pathpkg.Base(file)
	p := &problems{path: path}
	a := &Article{Path: path, Slug: Slugify(strings.TrimSuffix(name, pathExt(name)))}
	a.Lang, _ = l.settings.splitLanguage(file)
	src, ok := cleanSource(src, p)
	if !ok {
		return a, p.list
	}
	fm, ok := l.readFrontMatter(a, file, src, p)
	if !ok {
		return a, p.list
	}
	opts := l.renderOptions(file)
	var plain *plainResult
	if l.plain {
		// While the body renders, so that the preview's HTML can mark
		// what it finds; into a result of its own, which is read only
		// once the render is done in time.
		lang := cmp.Or(a.Lang, l.settings.Language)
		opts.Mark = func(prose []markdown.Prose) []markdown.Mark {
			r := l.readPlain(lang, prose, fm.body, fm.bodyLine, path)
			plain = &r
			if !l.marks {
				return nil
			}
			return r.marks
		}
	}
	doc, err := l.render(fm.body, opts)
	if err != nil {
		p.errorf(textLine(fm.body, fm.bodyLine), 1, "%v", err)
		return a, p.list
	}
	if plain != nil {
		a.Reading = plain.reading
		a.Reading.keepMarked(doc.IDs)
		p.list = append(p.list, plain.problems...)
	}
	a.HTML, a.Headings, a.Text = doc.HTML, doc.Headings, doc.Text
	a.rendered = true
	a.ids = doc.IDs
	l.checkBody(a, file, fm, doc, p)
	if a.Summary == "" && fm.fields != nil && fm.fields["summary"] == nil {
		a.Summary = doc.FirstParagraph
	}
	if a.Summary == doc.FirstParagraph && fm.fields != nil && fm.fields["summary"] == nil && !fm.misspelt["summary"] {
		p.warnf(fm.fenceLine, 1, "summary is missing, so the first paragraph stands in for it (add a line such as %s)", l.schema.named("summary").Line())
	}
	if a.Description == "" {
		a.Description = a.Summary
	}
	return a, p.list
}

// frontMatter is what parseArticle read of a file's front matter, and
// where its body is.
type frontMatter struct {
	fields    map[string]*field // nil when the front matter cannot be read
	misspelt  map[string]bool   // fields written misspelt, reported as such
	fenceLine int               // where missing fields are reported
	body      []byte
	bodyLine  int
}

// readFrontMatter reads the front matter of src into a. It returns
// false when the file has no front matter to read past, so that its
// text cannot be found either.
func (l *loader) readFrontMatter(a *Article, file string, src []byte, p *problems) (frontMatter, bool) {
	b, body, dataLine, bodyLine, fence, err := split(src)
	if err != nil {
		p.errorf(0, 0, "cannot read the file: %v", err)
		return frontMatter{}, false
	}
	if b.data == nil {
		noFrontMatter(src, fence, p)
		return frontMatter{}, false
	}
	fm := frontMatter{fenceLine: max(dataLine-1, 1), body: body, bodyLine: bodyLine}
	if b.delims {
		fm.fenceLine = dataLine
	}
	// fields stay nil when the front matter cannot be read; the text
	// below it is checked all the same.
	switch n, err := decode(b, dataLine); {
	case err != nil:
		reportDecodeError(p, err)
	case n.kind != kindMap:
		p.errorf(n.line, n.col, "the front matter must be a set of fields such as title: (it is %s)", n.kind)
	default:
		a.Slug = ""
		fm.fields, fm.misspelt = l.readFields(a, file, pathpkg.Base(file), n, fm.fenceLine, b.format, p)
		a.slugKnown = a.Slug != ""
	}
	if fm.fields == nil {
		// The address is the file name's, unless a slug: line that
		// could not be read says otherwise.
		if m := slugLine.FindSubmatch(b.data); m != nil {
			if s := Slugify(string(m[1])); s != "" && s != a.Slug {
				a.aliases = append(a.aliases, s)
			}
		}
	}
	return fm, true
}

// noFrontMatter reports a file without front matter, or whose front
// matter, opened with fence, is never closed.
func noFrontMatter(src []byte, fence string, p *problems) {
	if fence == "" {
		p.errorf(1, 1, "the file has no front matter (start it with a line of ---, then title:, author: and date: lines, then another line of ---)")
		return
	}
	_, line := firstNonBlankLine(src)
	if fence == "{" {
		// JSON ends at a } followed by a blank line: one without the
		// blank line is not seen as the end.
		if close := closingBrace(src, line); close > 0 {
			p.errorf(close, 1, "the JSON front matter ends with } and then a blank line (add an empty line after the } on this line, before the article text)")
			return
		}
	}
	p.errorf(line, 1, "the front matter opened with %s is never closed (add a line with only %s after the last field, before the article text)", fence, openingFences[fence])
}

// checkBody reports what readers will not see of the rendered body as
// it was written, its images, and an empty or placeholder text, and
// keeps its links for checking.
func (l *loader) checkBody(a *Article, file string, fm frontMatter, doc *markdown.Document, p *problems) {
	body, bodyLine := fm.body, fm.bodyLine
	// Screen reader users move by heading level; a skipped level reads
	// as a missing section.
	skippedHeadings(p, body, bodyLine, doc)
	reportNotices(p, newPositions(body, bodyLine), doc.Notices, a.Title)
	pos := newPositions(body, bodyLine)
	for _, link := range doc.Unsafe {
		line, col := pos.at(link.Offset)
		if link.Image {
			p.warnf(line, col, "the image %q is not shown: a page shows only pictures kept in the content folder (save it there and write a path such as images/knee.jpg)", link.Dest)
			continue
		}
		p.warnf(line, col, "the link to %q is shown as plain text: only http, https, mailto and tel addresses and paths on the site can be links (write the full address, starting with https://)", link.Dest)
	}
	for _, link := range doc.Links {
		line, col := pos.at(link.Offset)
		if !link.Image {
			a.links = append(a.links, linkAt{dest: link.Dest, line: line, col: col})
			continue
		}
		dest := link.Dest
		if strings.TrimSpace(link.Alt) == "" {
			p.warnf(line, col, "the image %s has no alternative text, so readers who cannot see it learn nothing (describe it between the brackets: ![A therapist pressing on a shoulder](%s))", dest, dest)
		}
		switch _, ok := l.resolveImage(file, dest); {
		case !ok && !link.Resolved:
			l.missingImage(p, line, col, file, dest)
		case isExternal(dest):
			externalImage(p, line, col, dest)
		}
	}
	a.Words = countWords(doc.Text)
	switch text := strings.TrimSpace(doc.Text); {
	case text == "":
		p.errorf(textLine(body, bodyLine), 1, "the article has no text (write the article below the front matter)")
	case strings.HasPrefix(text, Placeholder):
		line, col := newPositions(body, bodyLine).at(bytes.Index(body, []byte(Placeholder)))
		p.errorf(line, col, "the article text starts with the placeholder %s (write the article in its place)", Placeholder)
	}
}

// headingLine finds the line of the heading with the given text, or
// the body's first line when it cannot.
func headingLine(body []byte, bodyLine int, text string) int {
	for i, line := range strings.Split(string(body), "\n") {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "#") && strings.Contains(t, text) {
			return bodyLine + i
		}
	}
	return bodyLine
}

// textLine is the line of the file on which the body's text starts,
// after any blank lines.
func textLine(body []byte, bodyLine int) int {
	trimmed := bytes.TrimLeft(body, " \t\n")
	line := bodyLine + bytes.Count(body[:len(body)-len(trimmed)], []byte("\n"))
	if len(trimmed) == 0 {
		return bodyLine
	}
	return line
}

// positions converts byte offsets of a body into lines and columns of
// its file. Offsets are usually asked for in increasing order, which it
// makes cheap.
type positions struct {
	body      []byte
	firstLine int
	off       int // offset of the start of line
	line      int
}

func newPositions(body []byte, firstLine int) *positions {
	return &positions{body: body, firstLine: firstLine, line: firstLine}
}

// at returns the 1-based line and column (in characters) of offset.
func (p *positions) at(offset int) (int, int) {
	offset = min(max(offset, 0), len(p.body))
	if offset < p.off {
		p.off, p.line = 0, p.firstLine
	}
	for {
		nl := bytes.IndexByte(p.body[p.off:offset], '\n')
		if nl < 0 {
			break
		}
		p.off += nl + 1
		p.line++
	}
	return p.line, utf8.RuneCount(p.body[p.off:offset]) + 1
}

// closingBrace returns the number of the first line after line that
// holds only an unindented }, or 0 when there is none.
func closingBrace(src []byte, line int) int {
	for i, l := range strings.Split(string(src), "\n") {
		if i+1 > line && strings.TrimRight(l, " \t") == "}" {
			return i + 1
		}
	}
	return 0
}

// unwrapPathError drops the path from an fs.PathError: messages name
// the file already.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// displayPath joins the folder name an editor knows with a path in it.
func displayPath(root, name string) string {
	if root == "" || root == "." {
		return name
	}
	return strings.TrimSuffix(root, "/") + "/" + name
}

// tagList writes the list of tags an editor meant by text, such as
// "knee pain, running", in the syntax of the front matter.
func tagList(syntax format, text string) string {
	var tags []string
	for _, t := range strings.Split(text, ",") {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	switch syntax {
	case formatTOML:
		return `tags = ["` + strings.Join(tags, `", "`) + `"]`
	case formatJSON:
		return `"tags": ["` + strings.Join(tags, `", "`) + `"]`
	}
	return "tags: [" + strings.Join(tags, ", ") + "]"
}

// skippedHeadings warns of a heading that skips a level after the one
// before it. Screen reader users move by heading level; a skipped level
// reads as a missing section. The levels are told as the editor typed
// them: a top-level heading (#) moves every heading down one level on
// the page, and is reported on its own.
func skippedHeadings(p *problems, body []byte, bodyLine int, doc *markdown.Document) {
	shift := 0
	if slices.ContainsFunc(doc.Notices, func(n markdown.Notice) bool { return n.Kind == markdown.NoticeTopHeading }) {
		shift = 1
	}
	hashes := func(level int) string { return strings.Repeat("#", level) }
	for i, prev := 0, 1+shift; i < len(doc.Headings); i++ {
		h := doc.Headings[i]
		if h.Level > prev+1 {
			typed, before := h.Level-shift, prev-shift
			line := headingLine(body, bodyLine, h.Text)
			switch {
			case before == 1 && i > 0 && typed == 3:
				p.warnf(line, 1, "the heading %q is level %d (%s) right after the top-level heading %q (#) (write that one as ## %s, as said for it; then %s %s follows it rightly)", h.Text, typed, hashes(typed), doc.Headings[i-1].Text, doc.Headings[i-1].Text, hashes(typed), h.Text)
			case before == 1 && i > 0:
				p.warnf(line, 1, "the heading %q is level %d (%s) right after the top-level heading %q (#) (write that one as ## %s, as said for it, and this one as ### %s)", h.Text, typed, hashes(typed), doc.Headings[i-1].Text, doc.Headings[i-1].Text, h.Text)
			default:
				p.warnf(line, 1, "the heading %q is level %d (%s) right after level %d (%s) (write %s %s, so that no level is skipped)", h.Text, typed, hashes(typed), before, hashes(before), hashes(before+1), h.Text)
			}
		}
		prev = h.Level
	}
}

// countWords is len(strings.Fields(s)), without making the slice.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			in = false
		case !in:
			in, n = true, n+1
		}
	}
	return n
}
