package article

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	yaml "go.yaml.in/yaml/v3"
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
	body, err = frontmatter.Parse(bytes.NewReader(src), &b, formats()...)
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

// firstNonBlankLine returns the first line of src that is not blank,
// trimmed, and its 1-based number.
func firstNonBlankLine(src []byte) (string, int) {
	for i, line := range strings.Split(string(src), "\n") {
		if t := strings.TrimSpace(line); t != "" {
			return t, i + 1
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

// syntaxHelp turns the parsers' messages into words for editors: each
// entry maps part of a parser's message to what it means and the fix.
var syntaxHelp = map[format][]struct{ match, means, fix string }{
	formatYAML: {
		{"found unexpected end of stream", "a quote opened here is never closed", "end the value with the same quote mark it starts with"},
		{"mapping values are not allowed in this context", "a colon inside a value", `put the whole value in double quotes, like summary: "Neck pain: what helps"`},
		{"did not find expected key", "this line is indented differently from the ones around it", "start every field at the beginning of its line, and indent list items with spaces"},
		{"found character that cannot start any token", "a character that cannot start a value here (often a tab, or a value starting with @ or `)", "indent with spaces, and put the value in double quotes"},
		{"could not find expected ':'", "a line without a colon", "write each field as name: value"},
		{"found a tab character", "a tab used for indentation", "indent with spaces instead of tabs"},
		{"did not find expected ',' or ']'", "a list opened with [ is never closed", "close the list with ], and separate its items with commas"},
		{"did not find expected ',' or '}'", "a group opened with { is never closed", "close the group with }, and separate its fields with commas"},
	},
	formatJSON: {
		{"after array element", "a list opened with [ is never closed, or a comma is missing between two of its items", "close the list with ], and separate its items with commas"},
		{"after object key:value pair", "a comma is missing between two fields", "end every field but the last with a comma"},
		{"after object key", "a colon is missing after a field name", `write each field as "name": value`},
		{"looking for beginning of object key string", "a field name without double quotes, or a comma after the last field", `write each field as "name": value, with no comma after the last one`},
		{"looking for beginning of value", "a value that is not quoted text, a number, true, false, a list or null", `put text in double quotes, like "summary": "What helps"`},
	},
	formatTOML: {
		{"expected value but found", "a value that is not quoted text, a number, a date, true, false or a list", `put text in double quotes, like summary = "What helps"`},
	},
}

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

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// yamlParserProblems are the problems of go.yaml.in/yaml/v3's parser (as
// opposed to its scanner). The library reports their line 0-based, so
// "line 3" means the fourth line; scanner problems are 1-based already.
var yamlParserProblems = []string{
	"did not find expected <stream-start>",
	"did not find expected <document start>",
	"found undefined tag handle",
	"did not find expected node content",
	"did not find expected '-' indicator",
	"did not find expected key",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found duplicate %TAG directive",
}

// tabIndent finds the first line, from line on, that is indented with a
// tab, and returns its number and the tab's column; 0, 0 when none is.
// The YAML library reports such a tab on the line of the value before it.
func tabIndent(lines []string, line int) (int, int) {
	for i := max(line, 1) - 1; i < len(lines); i++ {
		indent := lines[i][:len(lines[i])-len(strings.TrimLeft(lines[i], " \t"))]
		if j := strings.IndexByte(indent, '\t'); j >= 0 && strings.TrimSpace(lines[i]) != "" {
			return i + 1, j + 1
		}
	}
	return 0, 0
}

// quoteEndsEarly reports a value on a line of YAML that starts with a
// quote mark which closes before the value ends, as the apostrophe of
// title: 'It's fine' does, with the column of that closing quote.
func quoteEndsEarly(line string) (*syntaxError, bool) {
	start := len(line) - len(strings.TrimLeft(line, " "))
	if rest, ok := strings.CutPrefix(line[start:], "- "); ok {
		start = len(line) - len(rest)
	} else if i := strings.Index(line, ": "); i >= 0 {
		start = i + 2
	} else {
		return nil, false
	}
	start += len(line[start:]) - len(strings.TrimLeft(line[start:], " "))
	v := strings.TrimRight(line[start:], " ")
	if v == "" || v[0] != '"' && v[0] != '\'' {
		return nil, false
	}
	q := v[0]
	end := closingQuote(v)
	if end < 0 || strings.TrimSpace(v[end+1:]) == "" || strings.HasPrefix(strings.TrimSpace(v[end+1:]), "#") {
		return nil, false
	}
	double := func(s string) string {
		return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
	}
	single := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	field := strings.TrimSpace(line[:start]) + " "
	se := &syntaxError{col: utf8.RuneCountInString(line[:start+end]) + 1}
	switch inner := v[1 : len(v)-1]; {
	case v[len(v)-1] != q || len(v) < 3:
		se.msg = fmt.Sprintf("YAML syntax error: the quote ends early: the value goes on after this closing %c", q)
		quoted := double(v)
		if q == '"' {
			quoted = single(v)
		}
		se.fix = "put the whole value in quotes: " + field + quoted
	case q == '\'':
		se.msg = "YAML syntax error: the quote ends early: this apostrophe closes the single quotes the value starts with"
		se.fix = fmt.Sprintf("write it in double quotes, %s%s, or double the apostrophe: %s%s", field, double(inner), field, single(inner))
	default:
		se.msg = `YAML syntax error: the quote ends early: this " closes the double quotes the value starts with`
		se.fix = fmt.Sprintf(`write it in single quotes, %s%s, or put a \ before each " inside: %s%s`, field, single(inner), field, double(inner))
	}
	return se, true
}

// quoteProblems are the YAML library's messages for a value with more
// text after its closing quote.
var quoteProblems = []string{
	"did not find expected key",
	"did not find expected '-' indicator",
	"could not find expected ':'",
	"did not find expected <document start>",
}

// lineNumbers returns 1 to n.
func lineNumbers(n int) []int {
	out := make([]int, 0, max(n, 0))
	for i := 1; i <= n; i++ {
		out = append(out, i)
	}
	return out
}

// unclosedQuote finds the first "key: value" line of a YAML block whose
// value opens a quote that the line does not close, and returns its line
// and the column of the quote; 0, 0 when there is none.
func unclosedQuote(data []byte) (int, int) {
	for i, line := range strings.Split(string(data), "\n") {
		_, value, ok := strings.Cut(line, ": ")
		v := strings.TrimSpace(value)
		if !ok || v == "" || (v[0] != '"' && v[0] != '\'') {
			continue
		}
		if closingQuote(v) < 0 {
			return i + 1, utf8.RuneCountInString(line[:strings.Index(line, ": ")+2+strings.Index(value, string(v[0]))]) + 1
		}
	}
	return 0, 0
}

func decodeYAML(data []byte) (*node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := err.Error()
		line := 1
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			msg = m[2]
			if m[1] != "" {
				line, _ = strconv.Atoi(m[1])
				if slices.Contains(yamlParserProblems, msg) {
					line++
				}
			}
		}
		col := 1
		lines := strings.Split(string(data), "\n")
		switch {
		case msg == "found unexpected end of stream":
			// The parser notices an unclosed quote only at the end of the
			// block; point at the value whose quote is never closed.
			if l, c := unclosedQuote(data); l > 0 {
				line, col = l, c
			}
		case msg == "did not find expected node content" && line > len(strings.Split(strings.TrimRight(string(data), " \t\n"), "\n")):
			// The block ends inside a [ list or { group.
			if open, l, c := yamlFlowOpenAtEnd(lines); open != "" {
				return nil, &syntaxError{line: l, col: c, msg: "YAML syntax error: the front matter ends before this value is finished", fix: closeFix(open)}
			}
		case strings.HasPrefix(msg, "found a tab character"):
			if l, c := tabIndent(lines, line); l > 0 {
				line, col = l, c
			}
		case slices.Contains(quoteProblems, msg):
			// A quote that closes early leaves the parser looking for the
			// next key; the line it gives is the value's.
			for _, l := range append([]int{line}, lineNumbers(line-1)...) {
				if l >= 1 && l <= len(lines) {
					if se, ok := quoteEndsEarly(lines[l-1]); ok {
						se.line = l
						return nil, se
					}
				}
			}
		}
		return nil, &syntaxError{line: line, col: col, msg: "YAML syntax error: " + msg}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &node{kind: kindMap, line: 1, col: 1}, nil
	}
	c := &yamlConverter{budget: len(data) + 1000}
	n := c.convert(doc.Content[0], 0, nil)
	if c.aliasLine != 0 {
		return nil, &syntaxError{line: c.aliasLine, col: c.aliasCol, msg: "YAML aliases (*name) expand to too many values", fix: "write the values out instead of using & and *"}
	}
	return n, nil
}

// yamlConverter turns yaml.Nodes into nodes. Aliases are expanded, so a
// few lines of nested aliases could make billions of nodes: budget caps
// the nodes made, which without aliases never exceed the bytes read.
type yamlConverter struct {
	budget              int
	aliasLine, aliasCol int // where the budget ran out
}

// convert converts y; alias is the first alias followed to reach it.
func (c *yamlConverter) convert(y *yaml.Node, depth int, alias *yaml.Node) *node {
	if alias == nil && y.Kind == yaml.AliasNode {
		alias = y
	}
	if c.budget--; c.budget < 0 {
		if c.aliasLine == 0 {
			at := cmp.Or(alias, y)
			c.aliasLine, c.aliasCol = max(at.Line, 1), at.Column
		}
		return &node{kind: kindNull, line: y.Line, col: y.Column}
	}
	for y.Kind == yaml.AliasNode && y.Alias != nil && depth < 32 {
		y = y.Alias
		depth++
	}
	n := &node{line: y.Line, col: y.Column, text: y.Value}
	switch y.Kind {
	case yaml.MappingNode:
		n.kind = kindMap
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			n.fields = append(n.fields, &field{key: k.Value, line: k.Line, col: k.Column, value: c.convert(v, depth+1, alias)})
		}
	case yaml.SequenceNode:
		n.kind = kindList
		for _, it := range y.Content {
			n.items = append(n.items, c.convert(it, depth+1, alias))
		}
	case yaml.ScalarNode:
		switch y.ShortTag() {
		case "!!null":
			n.kind = kindNull
		case "!!int", "!!float":
			n.kind = kindNumber
		case "!!bool":
			n.kind = kindBool
		default: // !!str, !!timestamp, !!binary: kept as written
			n.kind = kindString
		}
	default:
		n.kind = kindNull
	}
	return n
}

func decodeTOML(data []byte) (*node, error) {
	var m map[string]any
	lines := strings.Split(string(data), "\n")
	md, err := toml.Decode(string(data), &m)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, col := pe.Position.Line, pe.Position.Col
			if line >= 1 && line <= len(lines) && col >= 1 {
				// BurntSushi/toml counts bytes; columns here count characters.
				l := lines[line-1]
				col = utf8.RuneCountInString(l[:min(col-1, len(l))]) + 1
			}
			if se := tomlDateError(lines, line); se != nil {
				return nil, se
			}
			if strings.Contains(pe.Message, "EOF") || strings.Contains(pe.Message, "end of file") {
				return nil, tomlEndError(data, line, col, pe.Message)
			}
			return nil, &syntaxError{line: max(line, 1), col: col, msg: "TOML syntax error: " + pe.Message}
		}
		return nil, &syntaxError{line: 1, msg: "TOML syntax error: " + err.Error()}
	}
	root := &node{kind: kindMap, line: 1, col: 1}
	pos := tomlTopKeys(lines)
	seen := map[string]bool{}
	for _, key := range md.Keys() {
		if len(key) != 1 || seen[key[0]] {
			continue // nested keys are reached through their parent
		}
		name := key[0]
		seen[name] = true
		kp, ok := pos[name]
		if !ok {
			kp = tomlPos{1, 1, 1}
		}
		root.fields = append(root.fields, &field{key: name, line: kp.line, col: kp.col, value: fromTOML(m[name], kp.line, kp.valueCol, lines, name)})
	}
	return root, nil
}

// tomlDateError explains a TOML syntax error on line (counted from 1)
// that is a date TOML cannot read, such as date = 2024-02-30 or
// date = 20/02/2024, as a date in YAML is explained; nil when the line
// holds no such date. It reads the line, not the decoder's message, so
// that it does not depend on the library's wording.
func tomlDateError(lines []string, line int) *syntaxError {
	if line < 1 || line > len(lines) {
		return nil
	}
	l := lines[line-1]
	key, pos, ok := tomlAssignment(l)
	if !ok {
		return nil
	}
	value := strings.TrimSpace(l[tomlAssign.FindStringIndex(l)[1]:])
	if i := strings.Index(value, "#"); i >= 0 {
		value = strings.TrimSpace(value[:i])
	}
	if value == "" || value[0] < '0' || value[0] > '9' {
		return nil
	}
	if date, _, ok := strings.Cut(value, "T"); ok && len(date) >= 8 {
		value = date
	} else if date, _, ok := strings.Cut(value, " "); ok && len(date) >= 8 {
		value = date
	}
	why := explainDate(value, dateAdvice())
	if strings.HasPrefix(why, "is not a date (") {
		return nil
	}
	i := strings.LastIndex(why, " (")
	return &syntaxError{line: line, col: pos.valueCol, msg: fmt.Sprintf("%s %q %s", key, value, why[:i]), fix: strings.TrimSuffix(why[i+2:], ")")}
}

// tomlEndError explains a TOML block that ends in the middle of a value
// (BurntSushi/toml says "unexpected EOF"): it points at the list, group
// or string that is still open, and says how to close it.
func tomlEndError(data []byte, line, col int, raw string) *syntaxError {
	const prefix = "TOML syntax error: "
	if strings.HasPrefix(raw, "expected a top-level item to end with") {
		// Not the end at all: more text after a value, as in title = "A" B.
		return &syntaxError{line: max(line, 1), col: col, msg: prefix + "there is more on this line after the value", fix: `put each field on a line of its own, and text in double quotes, like summary = "What helps"`}
	}
	open, l, c := openAtEnd(string(data), 1, `"'`, true)
	if open == "" {
		fix := `write each field as name = value, like summary = "What helps"`
		if strings.Contains(raw, "expected value") {
			fix = `write the value after the =, like summary = "What helps"`
		}
		return &syntaxError{line: max(line, 1), col: col, msg: prefix + "the front matter ends before this field is finished", fix: fix}
	}
	fix := closeFix(open)
	if open == "{" {
		fix += ", on the same line" // TOML's inline tables are one line
	}
	return &syntaxError{line: l, col: c, msg: prefix + "the front matter ends before this value is finished", fix: fix}
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

// yamlFlowOpenAtEnd finds a [ list or { group, written in a YAML block,
// that is still open at the block's end, and returns it as openAtEnd does.
func yamlFlowOpenAtEnd(lines []string) (open string, line, col int) {
	for i, l := range lines {
		start := len(l) - len(strings.TrimLeft(l, " -"))
		if j := strings.Index(l, ": "); j >= 0 {
			start = j + 2
		}
		start += len(l[start:]) - len(strings.TrimLeft(l[start:], " "))
		if start >= len(l) || l[start] != '[' && l[start] != '{' {
			continue
		}
		rest := strings.Join(append([]string{l[start:]}, lines[i+1:]...), "\n")
		if open, line, col := openAtEnd(rest, i+1, `"'`, false); open != "" {
			if line == i+1 {
				col += utf8.RuneCountInString(l[:start])
			}
			return open, line, col
		}
	}
	return "", 0, 0
}

// tomlPos is where a TOML key and its value are written.
type tomlPos struct{ line, col, valueCol int }

var (
	// tomlAssign matches a line that assigns a bare or quoted key.
	tomlAssign = regexp.MustCompile(`^(\s*)("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=\s*`)
	// tomlHeader matches a [key] or [[key]] table header.
	tomlHeader = regexp.MustCompile(`^\s*\[\[?\s*("[^"]*"|[A-Za-z0-9_-]+)\s*\]`)
)

func unquoteTOMLKey(k string) string {
	if len(k) >= 2 && (k[0] == '"' || k[0] == '\'') {
		return k[1 : len(k)-1]
	}
	return k
}

// tomlAssignment returns the key a line assigns and where, if it does.
func tomlAssignment(l string) (string, tomlPos, bool) {
	m := tomlAssign.FindStringSubmatchIndex(l)
	if m == nil {
		return "", tomlPos{}, false
	}
	return unquoteTOMLKey(l[m[4]:m[5]]), tomlPos{col: m[3] + 1, valueCol: utf8.RuneCountInString(l[:m[1]]) + 1}, true
}

// tomlTopKeys finds where each top-level key is written: BurntSushi/toml
// does not report positions of keys, so the lines are searched, once, for
// `key =` before the first table, or a `[key]`/`[[key]]` header.
func tomlTopKeys(lines []string) map[string]tomlPos {
	out := map[string]tomlPos{}
	inTable := false
	for i, l := range lines {
		if m := tomlHeader.FindStringSubmatchIndex(l); m != nil {
			k := unquoteTOMLKey(l[m[2]:m[3]])
			if _, ok := out[k]; !ok {
				col := strings.Index(l, "[") + 1
				out[k] = tomlPos{i + 1, col, col}
			}
		}
		if strings.HasPrefix(strings.TrimSpace(l), "[") {
			inTable = true
			continue
		}
		if k, p, ok := tomlAssignment(l); ok && !inTable {
			if _, seen := out[k]; !seen {
				p.line = i + 1
				out[k] = p
			}
		}
	}
	return out
}

// tomlTableKeys finds where the keys of the table whose header is on
// line are assigned: on the lines after it, up to the next header. A
// table written inline is on one line, so its keys are not searched.
func tomlTableKeys(lines []string, line int) map[string]tomlPos {
	out := map[string]tomlPos{}
	if line < 1 || line > len(lines) || !strings.HasPrefix(strings.TrimSpace(lines[line-1]), "[") {
		return out
	}
	for i := line; i < len(lines); i++ {
		if strings.HasPrefix(strings.TrimSpace(lines[i]), "[") {
			break
		}
		if k, p, ok := tomlAssignment(lines[i]); ok {
			if _, seen := out[k]; !seen {
				p.line = i + 1
				out[k] = p
			}
		}
	}
	return out
}

func fromTOML(v any, line, col int, lines []string, key string) *node {
	n := &node{line: line, col: col}
	switch v := v.(type) {
	case string:
		n.kind, n.text = kindString, v
	case int64:
		n.kind, n.text = kindNumber, strconv.FormatInt(v, 10)
	case float64:
		n.kind, n.text = kindNumber, strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		n.kind, n.text = kindBool, strconv.FormatBool(v)
	case time.Time:
		n.kind, n.time = kindTime, v
		n.text = v.Format(time.RFC3339)
	case []any:
		n.kind = kindList
		for _, it := range v {
			n.items = append(n.items, fromTOML(it, line, col, lines, key))
		}
	case []map[string]any:
		// An array of tables: each item is placed at its own [[key]] header.
		n.kind = kindList
		heads := tomlHeaders(lines, key)
		for i, it := range v {
			l := line
			if i < len(heads) {
				l = heads[i]
			}
			n.items = append(n.items, fromTOML(it, l, 1, lines, key))
		}
	case map[string]any:
		n.kind = kindMap
		pos := tomlTableKeys(lines, line)
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		// Map order is random; keep the written order where it can be found.
		written := func(k string) int {
			if p, ok := pos[k]; ok {
				return p.line
			}
			return len(lines) + 1
		}
		slices.SortFunc(keys, func(a, b string) int {
			return cmp.Or(cmp.Compare(written(a), written(b)), cmp.Compare(a, b))
		})
		for _, k := range keys {
			kp, ok := pos[k]
			if !ok {
				kp = tomlPos{line, col, col}
			}
			n.fields = append(n.fields, &field{key: k, line: kp.line, col: kp.col, value: fromTOML(v[k], kp.line, kp.valueCol, lines, k)})
		}
	default:
		n.kind = kindNull
	}
	return n
}

// tomlHeaders returns the lines of every [[key]] header.
func tomlHeaders(lines []string, key string) []int {
	re := regexp.MustCompile(`^\s*\[\[\s*"?` + regexp.QuoteMeta(key) + `"?\s*\]\]`)
	var out []int
	for i, l := range lines {
		if re.MatchString(l) {
			out = append(out, i+1)
		}
	}
	return out
}

func decodeJSON(data []byte) (*node, error) {
	d := &jsonDecoder{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	d.dec.UseNumber()
	n, err := d.value()
	if err != nil {
		return nil, err
	}
	if _, err := d.dec.Token(); err != io.EOF {
		line, col := d.pos(int(d.dec.InputOffset()))
		return nil, &syntaxError{line: line, col: col, msg: "JSON syntax error: unexpected text after the closing }"}
	}
	return n, nil
}

// jsonDecoder reads JSON tokens and remembers where each value starts.
type jsonDecoder struct {
	data  []byte
	dec   *json.Decoder
	depth int // of the [ and { being read

	// The last offset converted by pos, and its line and column: values
	// are read in order, so each conversion goes on from the last one.
	off, line, col int
}

// maxJSONDepth is how deep lists and groups may nest in JSON front
// matter: far more than any article needs, few enough to read quickly.
const maxJSONDepth = 100

// pos converts a byte offset into a 1-based line and column; the column
// counts characters, as YAML's do.
func (d *jsonDecoder) pos(off int) (int, int) {
	off = min(off, len(d.data))
	if d.line == 0 || off < d.off {
		d.off, d.line, d.col = 0, 1, 1
	}
	for d.off < off {
		if d.data[d.off] == '\n' {
			d.line, d.col = d.line+1, 1
			d.off++
			continue
		}
		_, size := utf8.DecodeRune(d.data[d.off:])
		d.off += size
		d.col++
	}
	return d.line, d.col
}

// start returns the offset at which the next token begins.
func (d *jsonDecoder) start() int {
	off := int(d.dec.InputOffset())
	for off < len(d.data) && strings.IndexByte(" \t\r\n,:", d.data[off]) >= 0 {
		off++
	}
	return off
}

func (d *jsonDecoder) fail(err error) error {
	var se *json.SyntaxError
	off := int(d.dec.InputOffset())
	if errors.As(err, &se) {
		off = int(se.Offset)
	}
	line, col := d.pos(off)
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		se := &syntaxError{line: line, col: col, msg: "JSON syntax error: the front matter ends before this value is finished", fix: "a } or ] is missing"}
		if open, l, c := openAtEnd(string(d.data), 1, `"`, false); open != "" {
			se.line, se.col, se.fix = l, c, closeFix(open)
		}
		return se
	}
	return &syntaxError{line: line, col: col, msg: "JSON syntax error: " + err.Error()}
}

func (d *jsonDecoder) value() (*node, error) {
	line, col := d.pos(d.start())
	tok, err := d.dec.Token()
	if err != nil {
		return nil, d.fail(err)
	}
	n := &node{line: line, col: col}
	switch tok := tok.(type) {
	case json.Delim:
		if d.depth++; d.depth > maxJSONDepth {
			return nil, &syntaxError{line: line, col: col, msg: fmt.Sprintf("JSON front matter nests [ and { more than %d deep", maxJSONDepth), fix: "an article's fields need at most three levels; remove the extra brackets"}
		}
		defer func() { d.depth-- }()
		switch tok {
		case '{':
			n.kind = kindMap
			for d.dec.More() {
				kl, kc := d.pos(d.start())
				kt, err := d.dec.Token()
				if err != nil {
					return nil, d.fail(err)
				}
				key, ok := kt.(string)
				if !ok {
					return nil, &syntaxError{line: kl, col: kc, msg: fmt.Sprintf("JSON syntax error: expected a quoted key, found %v", kt)}
				}
				v, err := d.value()
				if err != nil {
					return nil, err
				}
				n.fields = append(n.fields, &field{key: key, line: kl, col: kc, value: v})
			}
		case '[':
			n.kind = kindList
			for d.dec.More() {
				v, err := d.value()
				if err != nil {
					return nil, err
				}
				n.items = append(n.items, v)
			}
		}
		if _, err := d.dec.Token(); err != nil { // the closing } or ]
			return nil, d.fail(err)
		}
	case string:
		n.kind, n.text = kindString, tok
	case json.Number:
		n.kind, n.text = kindNumber, tok.String()
	case bool:
		n.kind, n.text = kindBool, strconv.FormatBool(tok)
	case nil:
		n.kind = kindNull
	}
	return n, nil
}

// closingQuote returns the index of the quote that closes the YAML
// scalar v, which starts with ' or ", or -1 if none does: a backslash
// escapes the next character in double quotes, and ” is an apostrophe
// inside single quotes.
func closingQuote(v string) int {
	q := v[0]
	for j := 1; j < len(v); j++ {
		if q == '"' && v[j] == '\\' {
			j++
			continue
		}
		if v[j] == q {
			if q == '\'' && j+1 < len(v) && v[j+1] == '\'' {
				j++
				continue
			}
			return j
		}
	}
	return -1
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
