package article

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// tomlHints are the syntaxHints for BurntSushi/toml's messages; TestParserMessages
// fails when an upgrade of the library changes one of them.
var tomlHints = []syntaxHint{
	{"expected value but found", "a value that is not quoted text, a number, a date, true, false or a list", `put text in double quotes, like summary = "What helps"`},
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

// tomlPos is where a TOML key and its value are written.
type tomlPos struct{ line, col, valueCol int }

var (
	// tomlAssign matches a line that assigns a bare or quoted key.
	tomlAssign = regexp.MustCompile(`^(\s*)("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=\s*`)
	// tomlHeader matches a [key] or [[key]] table header.
	tomlHeader = regexp.MustCompile(`^\s*\[\[?\s*("[^"]*"|[A-Za-z0-9_-]+)\s*\]`)
	// tomlArrayHeader matches a [[key]] header of an array of tables.
	tomlArrayHeader = regexp.MustCompile(`^\s*\[\[\s*("[^"]*"|[A-Za-z0-9_-]+)\s*\]\]`)
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
// keeps the positions of keys to itself (MetaData exports only their
// names and types; only a ParseError has a Position), so the lines are
// searched, once, for `key =` before the first table, or a `[key]` or
// `[[key]]` header. YAML and JSON positions come from their decoders.
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
	var out []int
	for i, l := range lines {
		if m := tomlArrayHeader.FindStringSubmatch(l); m != nil && unquoteTOMLKey(m[1]) == key {
			out = append(out, i+1)
		}
	}
	return out
}
