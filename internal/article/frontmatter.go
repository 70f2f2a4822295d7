package article

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

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
			return nil, se
		}
		return nil, err
	}
	shiftLines(n, dataLine-1)
	return n, nil
}

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

func decodeYAML(data []byte) (*node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := err.Error()
		line := 1
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			if m[1] != "" {
				line, _ = strconv.Atoi(m[1])
			}
			msg = m[2]
		}
		return nil, &syntaxError{line: line, msg: "YAML syntax error: " + msg}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &node{kind: kindMap, line: 1, col: 1}, nil
	}
	return fromYAML(doc.Content[0], 0), nil
}

func fromYAML(y *yaml.Node, depth int) *node {
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
			n.fields = append(n.fields, &field{key: k.Value, line: k.Line, col: k.Column, value: fromYAML(v, depth+1)})
		}
	case yaml.SequenceNode:
		n.kind = kindList
		for _, c := range y.Content {
			n.items = append(n.items, fromYAML(c, depth+1))
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
	md, err := toml.Decode(string(data), &m)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &syntaxError{line: pe.Position.Line, col: pe.Position.Col, msg: "TOML syntax error: " + pe.Message}
		}
		return nil, &syntaxError{line: 1, msg: "TOML syntax error: " + err.Error()}
	}
	lines := strings.Split(string(data), "\n")
	root := &node{kind: kindMap, line: 1, col: 1}
	seen := map[string]bool{}
	for _, key := range md.Keys() {
		if len(key) != 1 || seen[key[0]] {
			continue // nested keys are reached through their parent
		}
		name := key[0]
		seen[name] = true
		line, col := tomlKeyPos(lines, name)
		root.fields = append(root.fields, &field{key: name, line: line, col: col, value: fromTOML(m[name], line, col, lines, name)})
	}
	return root, nil
}

// tomlKeyPos finds where a top-level key is written: BurntSushi/toml
// does not report positions of keys, so the lines are searched for
// `key =` before the first table, or a `[key]`/`[[key]]` header.
func tomlKeyPos(lines []string, key string) (int, int) {
	quoted := regexp.QuoteMeta(key)
	assign := regexp.MustCompile(`^\s*(?:` + quoted + `|"` + quoted + `"|'` + quoted + `')\s*=`)
	header := regexp.MustCompile(`^\s*\[\[?\s*(?:` + quoted + `|"` + quoted + `")\s*\]`)
	inTable := false
	for i, l := range lines {
		if header.MatchString(l) {
			return i + 1, strings.Index(l, "[") + 1
		}
		if strings.HasPrefix(strings.TrimSpace(l), "[") {
			inTable = true
		}
		if !inTable && assign.MatchString(l) {
			return i + 1, len(l) - len(strings.TrimLeft(l, " \t")) + 1
		}
	}
	return 1, 1
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
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		// Map order is random; keep the written order where it can be found.
		for _, k := range sortedByFirstUse(keys, lines, line) {
			n.fields = append(n.fields, &field{key: k, line: line, col: col, value: fromTOML(v[k], line, col, lines, k)})
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

// sortedByFirstUse orders keys by the first line at or after from on
// which each is assigned, so that fields are reported in written order.
func sortedByFirstUse(keys []string, lines []string, from int) []string {
	pos := func(k string) int {
		for i := max(from-1, 0); i < len(lines); i++ {
			if t := strings.TrimSpace(lines[i]); strings.HasPrefix(t, k) {
				return i
			}
		}
		return len(lines)
	}
	out := append([]string(nil), keys...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && (pos(out[j]) < pos(out[j-1]) || pos(out[j]) == pos(out[j-1]) && out[j] < out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
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
	data []byte
	dec  *json.Decoder
}

// pos converts a byte offset into a 1-based line and column.
func (d *jsonDecoder) pos(off int) (int, int) {
	off = min(off, len(d.data))
	before := d.data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := off - bytes.LastIndexByte(before, '\n')
	return line, col
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
	msg := err.Error()
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "unexpected end of the front matter (a } or ] is missing)"
	}
	return &syntaxError{line: line, col: col, msg: "JSON syntax error: " + msg}
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
