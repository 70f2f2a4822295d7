package article

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
)

// format is a front matter syntax.
type format string

const (
	formatYAML format = "YAML"
	formatTOML format = "TOML"
	formatJSON format = "JSON"
)

// block is a front matter block found in a file.
type block struct {
	format format
	data   []byte
	delims bool // data includes the delimiter lines (JSON's braces)
}

// formats are the front matter fences adrg/frontmatter recognises. Each
// only captures the raw block: decoding happens here, with positions,
// so that every problem can be placed on a line of the file.
func formats() []*frontmatter.Format {
	capture := func(f format, delims bool) frontmatter.UnmarshalFunc {
		return func(data []byte, v any) error {
			*v.(*block) = block{format: f, data: data, delims: delims}
			return nil
		}
	}
	json := frontmatter.NewFormat("{", "}", capture(formatJSON, true))
	json.UnmarshalDelims = true
	json.RequiresNewLine = true
	return []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", capture(formatYAML, false)),
		frontmatter.NewFormat("---yaml", "---", capture(formatYAML, false)),
		frontmatter.NewFormat("+++", "+++", capture(formatTOML, false)),
		frontmatter.NewFormat("---toml", "---", capture(formatTOML, false)),
		frontmatter.NewFormat(";;;", ";;;", capture(formatJSON, false)),
		frontmatter.NewFormat("---json", "---", capture(formatJSON, false)),
		json,
	}
}

// openingFences maps each opening fence to the line that closes it, for
// the message about a block that is never closed.
var openingFences = map[string]string{
	"---": "---", "---yaml": "---", "+++": "+++", "---toml": "---",
	";;;": ";;;", "---json": "---", "{": "}",
}

// split separates src (already free of a BOM and CRLF) into its front
// matter and its body. dataLine is the line of the file on which the
// block's data starts, bodyLine the line on which the body starts.
// found is false when the file has no front matter; fence is then the
// opening fence of a block that was never closed, if there is one.
func split(src []byte) (b block, body []byte, dataLine, bodyLine int, fence string, err error) {
	if end, ok := frontMatterEnd(src); ok {
		// The parser copies all it reads: give it only the block, and
		// take the body, the rest, as it is in src. It reads through a
		// bufio.Reader, and takes one of at least 4 KiB as it is.
		r := blockReaders.Get().(*bufio.Reader)
		r.Reset(bytes.NewReader(src[:end]))
		if _, err = frontmatter.Parse(r, &b, formats()...); err == nil && b.data != nil {
			body = src[end:]
		}
		r.Reset(nil)
		blockReaders.Put(r)
	}
	if b.data == nil {
		body, err = frontmatter.Parse(bytes.NewReader(src), &b, formats()...)
	}
	if err != nil {
		return block{}, nil, 0, 0, "", err
	}
	first, firstLine := firstNonBlankLine(src)
	if b.data == nil {
		if _, ok := openingFences[first]; ok {
			return block{}, src, 0, 1, first, nil
		}
		return block{}, src, 0, 1, "", nil
	}
	dataLine = firstLine + 1
	if b.delims {
		dataLine = firstLine
	}
	bodyLine = bytes.Count(src[:len(src)-len(body)], []byte("\n")) + 1
	return b, body, dataLine, bodyLine, "", nil
}

// blockReaders are the readers split gives the parser.
var blockReaders = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 4096) }}

// frontMatterEnd returns where the front matter of src ends, just after
// its closing fence's line, as the parser reads it: the first line that
// is not blank, trimmed, is an opening fence, and the first line after
// it that is its closing one, trimmed. ok is false when there is none,
// and for the block of JSON between { and }, which closes only at a
// blank line.
func frontMatterEnd(src []byte) (end int, ok bool) {
	closing := ""
	for line := range bytes.Lines(src) {
		end += len(line)
		t := string(bytes.TrimSpace(line))
		switch {
		case closing != "":
			if t == closing {
				return end, true
			}
		case t == "":
		case t == "{":
			return 0, false
		default:
			if closing = openingFences[t]; closing == "" {
				return 0, false
			}
		}
	}
	return 0, false
}

// firstNonBlankLine returns the first line of src that is not blank,
// trimmed, and its 1-based number.
func firstNonBlankLine(src []byte) (string, int) {
	// Line by line over the bytes: the first line is almost always the
	// fence, and splitting a whole article to find it costs a copy of
	// the file and a slice of its lines on every load.
	n := 0
	for line := range bytes.Lines(src) {
		n++
		if t := bytes.TrimSpace(line); len(t) > 0 {
			return string(t), n
		}
	}
	return "", 0
}

// kind is the type of a front matter value.
type kind int

const (
	kindNull kind = iota
	kindString
	kindNumber
	kindBool
	kindTime // a TOML date or date-time
	kindList
	kindMap
)

func (k kind) String() string {
	return [...]string{"nothing", "text", "a number", "true or false", "a date", "a list", "a group of fields"}[k]
}

// node is a front matter value with the place it was written.
type node struct {
	kind   kind
	text   string    // a scalar as written: the string, or the number or boolean's literal
	time   time.Time // kindTime
	items  []*node   // kindList
	fields []*field  // kindMap, in the order written
	line   int
	col    int
}

// field is one key of a mapping.
type field struct {
	key   string
	line  int
	col   int
	value *node
}

// syntaxError is a front matter that does not parse, placed in the file.
type syntaxError struct {
	line, col int
	msg       string
	fix       string // how to fix it, when the usual advice does not fit
}

func (e *syntaxError) Error() string { return e.msg }

// decode parses a front matter block into a mapping. Lines are those of
// the file: dataLine is the line the block's data starts on.
func decode(b block, dataLine int) (*node, error) {
	var (
		n   *node
		err error
	)
	switch b.format {
	case formatYAML:
		n, err = decodeYAML(b.data)
	case formatTOML:
		n, err = decodeTOML(b.data)
	case formatJSON:
		n, err = decodeJSON(b.data)
	}
	if err != nil {
		var se *syntaxError
		if errors.As(err, &se) {
			se.line += dataLine - 1
			explain(b.format, se)
			curlyQuotes(b, dataLine, se)
			return nil, se
		}
		return nil, err
	}
	shiftLines(n, dataLine-1)
	return n, nil
}

// syntaxHint maps part of a parser's message to what it means, in
// words for editors, and the fix.
type syntaxHint struct{ match, means, fix string }

// syntaxHelp are the hints for each format's parser.
var syntaxHelp = map[format][]syntaxHint{formatYAML: yamlHints, formatJSON: jsonHints, formatTOML: tomlHints}

// defaultFix is the advice for a syntax error syntaxHelp does not know.
var defaultFix = map[format]string{
	formatYAML: "check the quotes, colons and indentation on this line and the one before",
	formatJSON: "check the quotes, commas and braces: every field but the last ends with a comma",
	formatTOML: `check the quotes and = signs: text needs double quotes, like summary = "What helps"`,
}

// explain rewrites a parser's syntax error in plain words.
func explain(f format, se *syntaxError) {
	prefix := string(f) + " syntax error: "
	raw, ok := strings.CutPrefix(se.msg, prefix)
	if !ok || se.fix != "" {
		return
	}
	for _, h := range syntaxHelp[f] {
		if strings.Contains(raw, h.match) {
			se.msg, se.fix = prefix+h.means, h.fix
			return
		}
	}
	se.msg, se.fix = prefix+plainWords.Replace(raw), defaultFix[f]
}

// plainWords rewrites the words of parsers' messages that mean nothing
// to an editor, for the messages syntaxHelp does not know.
var plainWords = strings.NewReplacer(
	"unexpected EOF", "the front matter ends too soon",
	"EOF", "the end of the front matter",
	"end of file", "the end of the front matter",
	"end of stream", "the end of the front matter",
)

func shiftLines(n *node, by int) {
	if n == nil {
		return
	}
	n.line += by
	for _, it := range n.items {
		shiftLines(it, by)
	}
	for _, f := range n.fields {
		f.line += by
		shiftLines(f.value, by)
	}
}

// openAtEnd reads the text of a block that ends in the middle of a value
// and returns what is still open at its end (a [ list, a { group, or a
// string opened with one or three quote marks) and where it opens, with
// lines counted from firstLine; "" when nothing is. Strings open with
// the quote marks in quotes; TOML's may be tripled, and its comments
// start with #.
func openAtEnd(s string, firstLine int, quotes string, toml bool) (open string, line, col int) {
	type opener struct {
		s         string
		line, col int
	}
	var stack []opener
	line, lineStart := firstLine, 0
	push := func(tok string, at int) {
		stack = append(stack, opener{tok, line, utf8.RuneCountInString(s[lineStart:at]) + 1})
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\n':
			line, lineStart = line+1, i+1
		case c == '#' && toml:
			for i+1 < len(s) && s[i+1] != '\n' {
				i++
			}
		case c == '[' || c == '{':
			push(string(c), i)
		case c == ']' || c == '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case strings.IndexByte(quotes, c) >= 0:
			q := string(c)
			if toml && strings.HasPrefix(s[i:], q+q+q) {
				q += q + q
			}
			push(q, i)
			i += len(q)
		str:
			for ; i < len(s); i++ {
				switch {
				case s[i] == '\\' && q[0] == '"':
					i++
				case s[i] == '\n' && len(q) == 1:
					i--
					break str // the parser reports a string broken by a newline itself
				case s[i] == '\n':
					line, lineStart = line+1, i+1
				case strings.HasPrefix(s[i:], q+q) && q == "'" && !toml:
					i++ // '' is an apostrophe inside YAML's single quotes
				case strings.HasPrefix(s[i:], q):
					stack = stack[:len(stack)-1]
					i += len(q) - 1
					break str
				}
			}
		}
	}
	if len(stack) == 0 {
		return "", 0, 0
	}
	o := stack[len(stack)-1]
	return o.s, o.line, o.col
}

// closeFix is how to close what openAtEnd found open.
func closeFix(open string) string {
	switch open {
	case "[":
		return "close the [ … ] list with ], and separate its items with commas"
	case "{":
		return "close the { … } group with }"
	case `"""`, "'''":
		return fmt.Sprintf("close the %s string with %s", open, open)
	}
	return fmt.Sprintf("close the %s string with %s, on the same line", open, open)
}

// curlyOpen are the quote marks word processors and Mac and phone
// keyboards type in place of ", which no front matter syntax reads as one.
const curlyOpen = "“”‘’„«"

// curlyValue finds a value that starts with a curly quote on a line of
// front matter: after "name: ", "name = " or "\"name\": ".
var curlyValue = regexp.MustCompile(`^(\s*(?:-\s+)?(?:"[^"]*"|[\w-]+)\s*[:=]\s*)([` + curlyOpen + `])(.*?)([` + curlyOpen + `]?)(\s*,?\s*)$`)

// curlyQuotes rewrites the advice for a syntax error on a line whose
// value is in curly quotes (“…”): the usual "put it in double quotes"
// reads as done already to an editor who sees quotes there.
func curlyQuotes(b block, dataLine int, se *syntaxError) {
	lines := strings.Split(string(b.data), "\n")
	i := se.line - dataLine
	if i < 0 || i >= len(lines) {
		return
	}
	m := curlyValue.FindStringSubmatch(lines[i])
	if m == nil {
		return
	}
	inner := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(m[3])
	straight := strings.TrimSpace(m[1]) + ` "` + inner + `"` + strings.TrimSpace(m[5])
	se.col = utf8.RuneCountInString(m[1]) + 1
	se.msg = fmt.Sprintf("%s syntax error: the value starts with the curly quote %s, which is not a quote mark in %s", b.format, m[2], b.format)
	se.fix = "type straight quotes \" instead: " + straight + "; Word, Mac and phone keyboards curl quotes as you type unless smart quotes are turned off"
}

// curlyQuoted reports whether text is wrapped in curly quotes, as
// “Neck pain” typed by Word or a Mac is, and returns the text inside.
func curlyQuoted(text string) (string, bool) {
	t := strings.TrimSpace(text)
	first, size := utf8.DecodeRuneInString(t)
	last, lastSize := utf8.DecodeLastRuneInString(t)
	if len(t) <= size+lastSize || !strings.ContainsRune("\u201c\u201e\u2018", first) || !strings.ContainsRune("\u201d\u201c\u2019", last) {
		return "", false
	}
	return t[size : len(t)-lastSize], true
}
