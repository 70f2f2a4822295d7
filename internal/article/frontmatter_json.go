package article

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// jsonHints are the syntaxHints for encoding/json's messages; TestParserMessages
// fails when an upgrade of the library changes one of them.
var jsonHints = []syntaxHint{
	{"after array element", "a list opened with [ is never closed, or a comma is missing between two of its items", "close the list with ], and separate its items with commas"},
	{"after object key:value pair", "a comma is missing between two fields", "end every field but the last with a comma"},
	{"after object key", "a colon is missing after a field name", `write each field as "name": value`},
	{"looking for beginning of object key string", "a field name without double quotes, or a comma after the last field", `write each field as "name": value, with no comma after the last one`},
	{"looking for beginning of value", "a value that is not quoted text, a number, true, false, a list or null", `put text in double quotes, like "summary": "What helps"`},
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
