package article

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"
)

// yamlHints are the syntaxHints for go.yaml.in/yaml/v3's messages; TestParserMessages
// fails when an upgrade of the library changes one of them.
var yamlHints = []syntaxHint{
	{"found unexpected end of stream", "a quote opened here is never closed", "end the value with the same quote mark it starts with"},
	{"mapping values are not allowed in this context", "a colon inside a value", `put the whole value in double quotes, like summary: "Neck pain: what helps"`},
	{"did not find expected key", "this line is indented differently from the ones around it", "start every field at the beginning of its line, and indent list items with spaces"},
	{"found character that cannot start any token", "a character that cannot start a value here (often a tab, or a value starting with @ or `)", "indent with spaces, and put the value in double quotes"},
	{"could not find expected ':'", "a line without a colon", "write each field as name: value"},
	{"found a tab character", "a tab used for indentation", "indent with spaces instead of tabs"},
	{"did not find expected ',' or ']'", "a list opened with [ is never closed", "close the list with ], and separate its items with commas"},
	{"did not find expected ',' or '}'", "a group opened with { is never closed", "close the group with }, and separate its fields with commas"},
}

// yamlLine is how go.yaml.in/yaml/v3 words an error: "yaml: line 3: what".
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
