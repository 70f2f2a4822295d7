package importer

import (
	"regexp"
	"strings"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// newHTMLConverter is the converter of raw HTML to Markdown. Escaping is
// off because the HTML of a Markdown file often holds Markdown itself
// (kramdown's markdown="1"), which must stay Markdown.
func newHTMLConverter() *converter.Converter {
	return converter.NewConverter(
		converter.WithPlugins(base.NewBasePlugin(), commonmark.NewCommonmarkPlugin(), table.NewTablePlugin(), strikethrough.NewStrikethroughPlugin()),
		converter.WithEscapeMode(converter.EscapeModeDisabled),
	)
}

var (
	htmlTag     = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>`)
	blockStart  = regexp.MustCompile(`^\s{0,3}<([a-zA-Z][a-zA-Z0-9-]*)[\s/>]`)
	inlineTag   = regexp.MustCompile(`</?(a|b|strong|em|i|u|s|strike|del|ins|mark|small|sup|sub|span|br|img|abbr|code|kbd|font|cite|q|time|wbr)(\s[^<>]*)?/?>`)
	iframe      = regexp.MustCompile(`(?is)<iframe[^>]*\ssrc=["']([^"']+)["'][^>]*>(.*?</iframe>)?`)
	youtubeEmb  = regexp.MustCompile(`^(?:https?:)?//(?:www\.)?youtube(?:-nocookie)?\.com/embed/([\w-]+)`)
	voidTags    = map[string]bool{"img": true, "hr": true, "br": true, "input": true, "embed": true, "source": true, "meta": true, "link": true}
	lineCommand = regexp.MustCompile(`^(\s*(?:[-*+]|\d+[.)])\s+|\s*#{1,6}\s+|\s*>\s?)`)
)

// html converts the raw HTML of text to Markdown: each block of HTML
// (from a line that starts with a tag to the line that closes it), and
// inline tags in lines of Markdown. Fenced code is left alone.
func (b *body) html(text string) string {
	lines := strings.Split(text, "\n")
	var out []string
	fence := ""
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		t := strings.TrimSpace(l)
		if fence != "" {
			out = append(out, l)
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
			out = append(out, l)
			continue
		}
		if strings.HasPrefix(t, "<!--") {
			// A comment was never shown: it is dropped.
			for !strings.Contains(lines[i], "-->") && i+1 < len(lines) {
				i++
			}
			if end := strings.Index(lines[i], "-->"); end >= 0 && strings.TrimSpace(lines[i][end+3:]) != "" {
				out = append(out, lines[i][end+3:])
			}
			continue
		}
		if m := blockStart.FindStringSubmatch(l); m != nil && !inlineOnly(m[1]) {
			end := blockEnd(lines, i, strings.ToLower(m[1]))
			out = append(out, "", b.htmlBlock(strings.Join(lines[i:end+1], "\n")), "")
			i = end
			continue
		}
		if inlineTag.MatchString(l) && !strings.Contains(l, "`") {
			prefix := lineCommand.FindString(l)
			md, err := newHTMLConverter().ConvertString(strings.TrimPrefix(l, prefix))
			if err == nil {
				l = prefix + strings.TrimSpace(strings.ReplaceAll(md, "\n", " "))
			}
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// inlineOnly reports whether a line starting with the tag name is a
// line of text, such as one that starts with <strong>.
func inlineOnly(name string) bool {
	return inlineTag.MatchString("<" + strings.ToLower(name) + ">")
}

// blockEnd is the last line of the HTML block opened at lines[i] by
// the tag name: where its element closes, or the blank line before.
func blockEnd(lines []string, i int, name string) int {
	if voidTags[name] {
		for j := i; j < len(lines); j++ {
			if strings.TrimSpace(lines[j]) == "" {
				return j - 1
			}
		}
		return len(lines) - 1
	}
	open := regexp.MustCompile(`(?i)<` + regexp.QuoteMeta(name) + `[\s>]`)
	closing := regexp.MustCompile(`(?i)</` + regexp.QuoteMeta(name) + `\s*>`)
	depth := 0
	for j := i; j < len(lines); j++ {
		depth += len(open.FindAllString(lines[j], -1)) - len(closing.FindAllString(lines[j], -1))
		if depth <= 0 {
			return j
		}
	}
	for j := i; j < len(lines); j++ {
		if strings.TrimSpace(lines[j]) == "" {
			return j - 1
		}
	}
	return len(lines) - 1
}

// htmlBlock converts one block of HTML: a box with an alert's class
// becomes a callout, the rest Markdown.
func (b *body) htmlBlock(block string) string {
	block = iframe.ReplaceAllStringFunc(block, func(s string) string {
		src := iframe.FindStringSubmatch(s)[1]
		if m := youtubeEmb.FindStringSubmatch(src); m != nil {
			return `<p><a href="https://www.youtube.com/watch?v=` + m[1] + `">Watch the video on YouTube</a></p>`
		}
		if strings.HasPrefix(src, "//") {
			src = "https:" + src
		}
		return `<p><a href="` + src + `">See it on ` + hostOf(src) + `</a></p>`
	})
	nodes, err := html.ParseFragment(strings.NewReader(block), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err == nil && len(nodes) > 0 {
		var el *html.Node
		for _, n := range nodes {
			if n.Type == html.ElementNode {
				el = n
				break
			}
		}
		if el != nil {
			class := attr(el, "class") + " " + attr(el, "role")
			if kind := calloutFor(class); kind != "" && el.Data != "table" && el.Data != "ul" && el.Data != "ol" {
				var inner strings.Builder
				for c := el.FirstChild; c != nil; c = c.NextSibling {
					_ = html.Render(&inner, c)
				}
				return callout(kind, "", b.htmlToMarkdown(inner.String()))
			}
		}
	}
	return b.htmlToMarkdown(block)
}

func (b *body) htmlToMarkdown(s string) string {
	md, err := newHTMLConverter().ConvertString(s)
	if err != nil {
		return htmlTag.ReplaceAllString(s, "")
	}
	return strings.TrimSpace(md)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hostOf(u string) string {
	u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	h, _, _ := strings.Cut(u, "/")
	return strings.TrimPrefix(h, "www.")
}
