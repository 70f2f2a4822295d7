package article

import (
	"fmt"
	"strings"

	"healthsite/internal/markdown"
)

// reportNotices warns of what readers will not see as the editor wrote
// it: each is shown, but differently, and "0 warnings" would hide it.
func reportNotices(p *problems, pos *positions, notices []markdown.Notice, title string) {
	for _, n := range notices {
		line, col := pos.at(n.Offset)
		switch n.Kind {
		case markdown.NoticeHTML:
			p.warnf(line, col, "%s", htmlMessage(n))
		case markdown.NoticeInlineHTML:
			instead, ok := markdownFor[n.Text]
			if !ok {
				instead = "write the text without the tag"
			}
			p.warnf(line, col, "the HTML tag <%s> is left out, and the text around it is shown without it: articles are written in Markdown (%s)", n.Text, instead)
		case markdown.NoticeCallout:
			if n.Text == "" {
				marker := strings.TrimSpace(strings.SplitN(calloutLine(pos.body, n.Offset), "]", 2)[0]) + "]"
				p.warnf(line, col, "the text after %s must start on the next line, so this is a plain quotation, not a callout (put %s on a line of its own, then > %s on the next)", marker, marker, n.Kept)
				continue
			}
			p.warnf(line, col, "[!%s] is not a type of callout, so it shows as text and the box is lost (%s)", n.Text, calloutFix(n.Text))
		case markdown.NoticeCalloutForm:
			p.warnf(line, col, "%s is not a callout marker, so it shows as text and the box is lost (write [!%s] exactly, with the ! inside the brackets and nothing else, on a line of its own)", n.Text, n.Kept)
		case markdown.NoticeCalloutEmpty:
			p.warnf(line, col, "the [!%s] callout has no text, so readers see an empty box (write its text on the next line, starting it with > as well)", n.Text)
		case markdown.NoticeTopHeading:
			if title != "" && strings.EqualFold(strings.TrimSpace(n.Text), title) {
				p.warnf(line, 1, "the heading %q repeats the title, which the page shows already, and moves every heading of the article down a level (remove this line)", n.Text)
				continue
			}
			p.warnf(line, 1, "the heading %q is a top-level heading (#), which only the title may be, so every heading of the article moves down a level (write ## %s)", n.Text, n.Text)
		case markdown.NoticeHeadingSpace:
			hashes := len(n.Text) - len(strings.TrimLeft(n.Text, "#"))
			p.warnf(line, col, "%q is shown as text, not as a heading, because no space follows the # (write %s %s)", n.Text, n.Text[:hashes], n.Text[hashes:])
		}
	}
}

// calloutLine is the line of body that starts at offset.
func calloutLine(body []byte, offset int) string {
	line, _, _ := strings.Cut(string(body[min(offset, len(body)):]), "\n")
	return line
}

// htmlMessage is the warning for a block of raw HTML, with the Markdown
// to write instead of its first tag.
func htmlMessage(n markdown.Notice) string {
	tag := n.Text
	instead, ok := markdownFor[tag]
	if !ok {
		instead = "write the text on its own, without tags; for a box that stands out, start its lines with > [!WARNING]"
	}
	switch {
	case tag == "script" || tag == "style":
		return fmt.Sprintf("the HTML <%s> is not shown: pages never run scripts or styles of their own (remove it)", tag)
	case tag == "":
		return "this HTML is not shown: articles are written in Markdown (" + instead + ")"
	case n.Kept == "":
		return fmt.Sprintf("the HTML <%s> is not shown: articles are written in Markdown (%s)", tag, instead)
	}
	return fmt.Sprintf("the HTML <%s> is not shown as HTML, only its text as a plain paragraph: articles are written in Markdown (%s)", tag, instead)
}

// markdownFor is the Markdown for what an HTML element is used for.
var markdownFor = map[string]string{
	"img":        "for a picture, write ![what it shows](images/knee.jpg)",
	"a":          "for a link, write [the words to click](https://example.org/)",
	"b":          "for bold, write **the words**",
	"strong":     "for bold, write **the words**",
	"i":          "for italics, write *the words*",
	"em":         "for italics, write *the words*",
	"p":          "write the paragraph on its own, with a blank line before and after it",
	"br":         "leave a blank line between paragraphs",
	"ul":         "for a list, start each item's line with - ",
	"ol":         "for a numbered list, start each item's line with 1. ",
	"li":         "for a list, start each item's line with - ",
	"table":      "for a table, write | Heading | Heading | lines, as in the README",
	"h1":         "for a heading, write ## and the heading",
	"h2":         "for a heading, write ## and the heading",
	"h3":         "for a heading, write ### and the heading",
	"blockquote": "for a quotation, start its lines with > ",
	"iframe":     "for a video or map, link to it: [Watch the exercise](https://example.org/video)",
	"video":      "for a video, link to it: [Watch the exercise](https://example.org/video)",
}

// calloutAliases are words editors use for a callout, and the type that
// says the same.
var calloutAliases = map[string][]string{
	"danger": {"CAUTION", "WARNING"}, "alert": {"WARNING"}, "error": {"CAUTION"}, "stop": {"CAUTION"},
	"urgent": {"CAUTION", "IMPORTANT"}, "emergency": {"CAUTION"}, "attention": {"IMPORTANT"},
	"info": {"NOTE"}, "information": {"NOTE"}, "hint": {"TIP"}, "advice": {"TIP"},
	"notice": {"NOTE"}, "remember": {"IMPORTANT"}, "key": {"IMPORTANT"},
}

// calloutFix suggests the type of callout meant by kind, and names all five.
func calloutFix(kind string) string {
	types := markdown.CalloutTypes()
	all := make([]string, len(types))
	for i, t := range types {
		all[i] = "[!" + t + "]"
	}
	list := strings.Join(all[:len(all)-1], ", ") + " or " + all[len(all)-1]
	meant := calloutAliases[strings.ToLower(kind)]
	if s := suggest(kind, lower(types)); s != "" && meant == nil {
		meant = []string{strings.ToUpper(s)}
	}
	if meant == nil {
		meant = calloutsStartingWith(kind, types)
	}
	if meant == nil {
		return "write one of the five types: " + list
	}
	var names []string
	for _, m := range meant {
		names = append(names, "[!"+m+"]")
	}
	return "did you mean " + strings.Join(names, " or ") + "? the five types are " + list
}

// calloutsStartingWith is the one type that kind, of three letters or
// more, is the start of, as WARN is of WARNING; nil when none or several.
func calloutsStartingWith(kind string, types []string) []string {
	var found []string
	for _, t := range types {
		if len(kind) >= 3 && strings.HasPrefix(t, strings.ToUpper(kind)) {
			found = append(found, t)
		}
	}
	if len(found) != 1 {
		return nil
	}
	return found
}

func lower(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.ToLower(n)
	}
	return out
}
