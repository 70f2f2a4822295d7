package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"go.yaml.in/yaml/v3"
)

// frontMatterFormats are the front matter an imported file may have:
// YAML, TOML and JSON as Hugo and Jekyll write them, and the JSON in an
// HTML comment of the Go website's pages (<!--{ ... }-->).
func frontMatterFormats() []*frontmatter.Format {
	goComment := frontmatter.NewFormat("<!--{", "}-->", func(data []byte, v any) error {
		data = bytes.TrimSpace(data)
		data = bytes.TrimSuffix(bytes.TrimPrefix(data, []byte("<!--")), []byte("-->"))
		return json.Unmarshal(data, v)
	})
	goComment.UnmarshalDelims = true
	jsonObject := frontmatter.NewFormat("{", "}", json.Unmarshal)
	jsonObject.UnmarshalDelims = true
	jsonObject.RequiresNewLine = true
	return []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", yaml.Unmarshal),
		frontmatter.NewFormat("---yaml", "---", yaml.Unmarshal),
		frontmatter.NewFormat("+++", "+++", toml.Unmarshal),
		frontmatter.NewFormat("---toml", "---", toml.Unmarshal),
		frontmatter.NewFormat(";;;", ";;;", json.Unmarshal),
		frontmatter.NewFormat("---json", "---", json.Unmarshal),
		goComment,
		jsonObject,
	}
}

// splitFrontMatter returns the front matter of src with its keys in
// lower case, the body, and the line the body starts on. A file without
// front matter is all body. src has \n line ends.
func splitFrontMatter(src []byte) (meta map[string]any, body string, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	var m map[string]any
	rest, err := frontmatter.Parse(bytes.NewReader(src), &m, frontMatterFormats()...)
	if err != nil {
		return nil, "", 0, fmt.Errorf("the front matter cannot be read: %v", shortError(err))
	}
	if m == nil {
		m = map[string]any{}
	}
	head := len(src) - len(rest)
	if head < 0 || !bytes.HasSuffix(src, rest) {
		return nil, "", 0, errors.New("the front matter cannot be told from the text")
	}
	bodyLine = 1 + bytes.Count(src[:head], []byte("\n"))
	meta, _ = lowerKeys(m).(map[string]any)
	if meta == nil {
		meta = map[string]any{}
	}
	return meta, string(rest), bodyLine, nil
}

// shortError is the first line of a library's error.
func shortError(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// text is a front matter value as one line of text; "" for a list, a
// map or nothing.
func text(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case nil, []any, map[string]any:
		return ""
	case fmt.Stringer:
		return strings.TrimSpace(x.String())
	}
	return strings.TrimSpace(fmt.Sprint(v))
}

// list is a front matter value as a list of text: a list, or one item,
// or a comma-separated line (Jekyll's tags: a, b is a list of two).
func list(v any, split string) []string {
	var out []string
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if m, ok := e.(map[string]any); ok {
				e = m["name"]
			}
			if s := text(e); s != "" {
				out = append(out, s)
			}
		}
	case map[string]any:
		if s := text(x["name"]); s != "" {
			out = append(out, s)
		}
	default:
		s := text(v)
		if s == "" {
			return nil
		}
		if split == "" {
			return []string{s}
		}
		for _, part := range strings.Split(s, split) {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

// boolValue reads true, false, "true", "yes", "no".
func boolValue(v any) (value, ok bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "true", "yes", "on":
			return true, true
		case "false", "no", "off":
			return false, true
		}
	}
	return false, false
}

var (
	markdownLinkName = regexp.MustCompile(`^\[([^\]]+)\]\([^)]*\)`)
	trailingOrg      = regexp.MustCompile(`\s*\([^)]*\)\s*$`)
	leadingBy        = regexp.MustCompile(`(?i)^by\s+`)
)

// authorName cleans one author as sites write them: a Markdown link
// with the organisation after it ("[Ann Lee](https://…) (NIH)") is the
// name alone, and "By Ann Lee" is Ann Lee.
func authorName(s string) string {
	s = strings.TrimSpace(s)
	if m := markdownLinkName.FindStringSubmatch(s); m != nil {
		s = m[1]
	} else {
		s = trailingOrg.ReplaceAllString(s, "")
	}
	return strings.TrimSpace(leadingBy.ReplaceAllString(s, ""))
}

// authors reads every author key, in order, without repeats.
func authors(meta map[string]any) []string {
	var out []string
	seen := map[string]bool{}
	for _, k := range []string{"authors", "author", "by"} {
		for _, a := range list(meta[k], "") {
			for _, one := range strings.Split(a, " and ") {
				if name := authorName(one); name != "" && !seen[name] {
					seen[name] = true
					out = append(out, name)
				}
			}
		}
	}
	return out
}
