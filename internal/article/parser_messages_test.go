package article

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	yaml "go.yaml.in/yaml/v3"
)

// parserSamples are front matter that makes each parser say what the
// code matches in its messages, by format and matched text.
var parserSamples = map[format]map[string]string{
	formatYAML: {
		"found unexpected end of stream":                 "title: \"Neck pain\n",
		"mapping values are not allowed in this context": "summary: Neck pain: what helps\n",
		"did not find expected key":                      "title: 'It's fine'\nauthor: A\n",
		"found character that cannot start any token":    "title: @home\n",
		"could not find expected ':'":                    "title: T\nauthor\n",
		"found a tab character":                          "a: 1\n\tb: 2\n",
		"did not find expected ',' or ']'":               "tags: [a, b\ndate: x\n",
		"did not find expected ',' or '}'":               "x: {a: b\ny: c\n",
		"did not find expected node content":             "tags: [a,\n",
		"did not find expected '-' indicator":            "- 'It's'\n- b\n",
		"line 2: ":                                       "title: T\nauthor\n",
	},
	formatTOML: {
		"expected value but found":              "title = Jane\n",
		"EOF":                                   "tags = [\"a\",\n",
		"expected a top-level item to end with": "title = \"A\" B\n",
		"expected value":                        "title =",
	},
	formatJSON: {
		"after array element":                        `{"tags": ["a" "b"]}`,
		"after object key:value pair":                `{"a": "b" "c": "d"}`,
		"after object key":                           `{"a" "b"}`,
		"looking for beginning of object key string": `{a: 1}`,
		"looking for beginning of value":             `{"a": b}`,
	},
}

// parserMessage is the raw message of f's parser for data.
func parserMessage(f format, data string) string {
	var err error
	switch f {
	case formatYAML:
		var n yaml.Node
		err = yaml.Unmarshal([]byte(data), &n)
	case formatTOML:
		var m map[string]any
		_, err = toml.Decode(data, &m)
	case formatJSON:
		var v any
		err = json.NewDecoder(bytes.NewReader([]byte(data))).Decode(&v)
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestParserMessages pins the parsers' wording that the advice for
// editors is chosen by: each text matched has a sample, and the parser
// still says it. When a library upgrade changes its wording, this fails,
// rather than the messages falling back to the parser's own words.
func TestParserMessages(t *testing.T) {
	matched := map[format][]string{}
	for f, hints := range syntaxHelp {
		for _, h := range hints {
			matched[f] = append(matched[f], h.match)
		}
	}
	matched[formatYAML] = append(matched[formatYAML], quoteProblems...)
	matched[formatYAML] = append(matched[formatYAML], "did not find expected node content", "line 2: ")
	matched[formatTOML] = append(matched[formatTOML], "EOF", "expected a top-level item to end with", "expected value")
	for f, texts := range matched {
		for _, text := range texts {
			sample, ok := parserSamples[f][text]
			if !ok {
				// The one text matched that no front matter found so far
				// makes the parser say: kept for safety, not pinned.
				if text != "did not find expected <document start>" {
					t.Errorf("%s: no sample for %q", f, text)
				}
				continue
			}
			if got := parserMessage(f, sample); !strings.Contains(got, text) {
				t.Errorf("%s parser on %q says %q, which lacks %q", f, sample, got, text)
			}
		}
	}
	if m := yamlLine.FindStringSubmatch(parserMessage(formatYAML, "title: T\nauthor\n")); m == nil || m[1] != "2" {
		t.Errorf("the YAML parser's message is not in the form yamlLine reads: %q", parserMessage(formatYAML, "title: T\nauthor\n"))
	}
}
