package importer

import (
	"net/url"
	"regexp"
	"strings"
)

// body converts one file's text, noting what it changed at the line
// of the source file.
type body struct {
	c    *conversion
	d    *doc
	line int       // the source line of the text's first line
	raw  *rawStore // text kept as it is until the end
}

func (b *body) note(offset int, text string, format string, args ...any) {
	b.c.report.note(b.d.source, b.line+strings.Count(text[:min(offset, len(text))], "\n"), format, args...)
}

// shortcode is one {{< name args >}} or {{% name args %}}.
type shortcode struct {
	name   string
	close  bool              // {{< /name >}}
	self   bool              // {{< name />}}
	args   []string          // positional
	named  map[string]string // name="value"
	markup bool              // {{% %}}: the inner text is Markdown
}

var scArg = regexp.MustCompile(`(?s)^\s*(?:([\w-]+)\s*=\s*)?("(?:[^"\\]|\\.)*"|` + "`[^`]*`" + `|'[^']*'|[^\s"]+)`)

// parseShortcode reads the inside of {{< ... >}}.
func parseShortcode(inner string, markup bool) shortcode {
	sc := shortcode{named: map[string]string{}, markup: markup}
	inner = strings.TrimSpace(inner)
	if strings.HasSuffix(inner, "/") {
		sc.self = true
		inner = strings.TrimSpace(strings.TrimSuffix(inner, "/"))
	}
	if strings.HasPrefix(inner, "/") {
		sc.close = true
		inner = strings.TrimSpace(inner[1:])
	}
	name, rest, _ := strings.Cut(inner, " ")
	sc.name = strings.ToLower(strings.TrimSpace(name))
	for rest = strings.TrimSpace(rest); rest != ""; rest = strings.TrimSpace(rest) {
		m := scArg.FindStringSubmatch(rest)
		if m == nil {
			break
		}
		v := m[2]
		if len(v) >= 2 && (v[0] == '"' || v[0] == '`' || v[0] == '\'') {
			v = v[1 : len(v)-1]
			v = strings.ReplaceAll(v, `\"`, `"`)
		}
		if m[1] != "" {
			sc.named[strings.ToLower(m[1])] = v
		} else {
			sc.args = append(sc.args, v)
		}
		rest = rest[len(m[0]):]
	}
	return sc
}

// arg is the named argument, or else the positional one at i.
func (sc shortcode) arg(name string, i int) string {
	if v, ok := sc.named[name]; ok {
		return v
	}
	if i >= 0 && i < len(sc.args) {
		return sc.args[i]
	}
	return ""
}

// pairedShortcodes are the shortcodes that wrap text.
var pairedShortcodes = map[string]bool{
	"note": true, "warning": true, "tip": true, "caution": true, "important": true, "info": true, "danger": true,
	"box": true, "alert": true, "callout": true, "notice": true, "admonition": true, "hint": true, "aside": true,
	"details": true, "highlight": true, "center": true, "raw": true, "html": true, "markdown": true, "comment": true,
	"columns": true, "column": true, "tab": true, "tabs": true, "expand": true, "collapse": true, "panel": true, "blockquote": true, "quote": true,
}

// calloutKinds are the callout each box of a source site becomes.
var calloutKinds = map[string]string{
	"note": "NOTE", "info": "NOTE", "box": "NOTE", "notice": "NOTE", "aside": "NOTE", "panel": "NOTE", "callout": "NOTE", "admonition": "NOTE",
	"tip": "TIP", "hint": "TIP", "success": "TIP",
	"important": "IMPORTANT", "primary": "IMPORTANT",
	"warning": "WARNING", "warn": "WARNING", "alert": "WARNING", "attention": "WARNING",
	"caution": "CAUTION", "danger": "CAUTION", "error": "CAUTION",
}

// calloutFor is the callout kind a word (a shortcode's name or type
// argument, an HTML class) stands for, or "".
func calloutFor(words ...string) string {
	for _, w := range words {
		w = strings.ToLower(w)
		for _, part := range regexp.MustCompile(`[^a-z]+`).Split(w, -1) {
			if k := calloutKinds[part]; k != "" && part != "note" && part != "alert" && part != "callout" && part != "admonition" && part != "notice" && part != "box" && part != "panel" {
				return k
			}
		}
	}
	for _, w := range words {
		w = strings.ToLower(w)
		for _, part := range regexp.MustCompile(`[^a-z]+`).Split(w, -1) {
			if k := calloutKinds[part]; k != "" {
				return k
			}
		}
	}
	return ""
}

// callout writes text as a callout of kind, with an optional title.
func callout(kind, title, text string) string {
	var b strings.Builder
	b.WriteString("\n\n> [!" + kind + "]\n")
	if title = strings.TrimSpace(title); title != "" {
		b.WriteString("> **" + title + "**\n>\n")
	}
	for _, l := range strings.Split(strings.TrimSpace(text), "\n") {
		if h := headingLine.FindStringSubmatch(l); h != nil {
			l = "**" + h[1] + "**"
		}
		if strings.TrimSpace(l) == "" {
			b.WriteString(">\n")
		} else {
			b.WriteString("> " + l + "\n")
		}
	}
	b.WriteString("\n")
	return b.String()
}

var headingLine = regexp.MustCompile(`^\s*#{1,6}\s+(.*?)\s*#*\s*$`)

// templates replaces the template syntax of text: Hugo shortcodes and
// Jekyll's Liquid. What it cannot convert it removes, noting it at its
// line, so that none of it shows on a page.
func (b *body) templates(text string) string {
	var out strings.Builder
	var code [][2]int
	if b.c.kind == Hugo {
		code = codeRanges(text)
	}
	i := 0
	for {
		j := indexTemplate(text, i)
		if j < 0 {
			out.WriteString(text[i:])
			return out.String()
		}
		out.WriteString(text[i:j])
		if inRanges(code, j) && !strings.HasPrefix(text[j:], "{{<") && !strings.HasPrefix(text[j:], "{{%") {
			// Hugo runs shortcodes alone: a template in code is an
			// example of one, shown as written.
			out.WriteString(text[j : j+2])
			i = j + 2
			continue
		}
		n, repl := b.template(text, j)
		out.WriteString(repl)
		i = j + n
	}
}

// fenceOpen is the start of a line that opens a fenced code block.
var fenceOpen = regexp.MustCompile("^(`{3,}|~{3,})")

// codeRanges are the byte ranges of text that are code: fenced blocks,
// and code spans within a line.
func codeRanges(text string) [][2]int {
	var out [][2]int
	fence, start, off := "", 0, 0
	for _, line := range strings.SplitAfter(text, "\n") {
		t := strings.TrimSpace(line)
		switch {
		case fence != "":
			if strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "" {
				out = append(out, [2]int{start, off + len(line)})
				fence = ""
			}
		case fenceOpen.MatchString(t):
			fence, start = fenceOpen.FindString(t), off
		default:
			out = append(out, codeSpans(line, off)...)
		}
		off += len(line)
	}
	if fence != "" {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// codeSpans are the code spans of line, which starts at off: text
// between two runs of as many backticks.
func codeSpans(line string, off int) [][2]int {
	var out [][2]int
	for i := 0; i < len(line); {
		if line[i] != '`' {
			i++
			continue
		}
		n := 1
		for i+n < len(line) && line[i+n] == '`' {
			n++
		}
		run := line[i : i+n]
		end := -1
		for k := i + n; k < len(line); {
			at := strings.Index(line[k:], run)
			if at < 0 {
				break
			}
			at += k
			if (at+n == len(line) || line[at+n] != '`') && (at == 0 || line[at-1] != '`') {
				end = at
				break
			}
			k = at + n
		}
		if end < 0 {
			i += n
			continue
		}
		out = append(out, [2]int{off + i, off + end + n})
		i = end + n
	}
	return out
}

// inRanges reports whether i is in one of ranges.
func inRanges(ranges [][2]int, i int) bool {
	for _, r := range ranges {
		if i >= r[0] && i < r[1] {
			return true
		}
	}
	return false
}

// indexTemplate is where the next {{ or {% of text from i is, or -1.
func indexTemplate(text string, i int) int {
	a := strings.Index(text[i:], "{{")
	c := strings.Index(text[i:], "{%")
	switch {
	case a < 0 && c < 0:
		return -1
	case a < 0:
		return i + c
	case c < 0:
		return i + a
	}
	return i + min(a, c)
}

// template converts the template syntax at text[j:], returning how much
// of text it took and what replaces it.
func (b *body) template(text string, j int) (int, string) {
	rest := text[j:]
	switch {
	case strings.HasPrefix(rest, "{{</*") || strings.HasPrefix(rest, "{{%/*"):
		// Hugo's way to show a shortcode as text: it stays text, in
		// code, where it cannot be taken for the site's own syntax.
		end := strings.Index(rest[5:], "*/")
		if end < 0 {
			break
		}
		end += 5
		close := strings.Index(rest[end:], "}}")
		if close < 0 {
			break
		}
		delim := rest[2:3]
		return end + close + 2, "`{{" + delim + rest[5:end] + mirror(delim) + "}}`"
	case strings.HasPrefix(rest, "{{<") || strings.HasPrefix(rest, "{{%"):
		delim := rest[2:3]
		end := strings.Index(rest[3:], mirror(delim)+"}}")
		if end < 0 {
			break
		}
		end += 3
		sc := parseShortcode(rest[3:end], delim == "%")
		n := end + 3
		if sc.close {
			b.note(j, text, "the closing shortcode {{%s /%s %s}} has no opening one, and is removed", delim, sc.name, mirror(delim))
			return n, ""
		}
		inner, hasInner := "", false
		if !sc.self {
			if at, length := findClose(text[j+n:], sc.name); at >= 0 && (pairedShortcodes[sc.name] || !knownSingle[sc.name]) {
				inner, hasInner = text[j+n:j+n+at], true
				sub := &body{c: b.c, d: b.d, raw: b.raw, line: b.line + strings.Count(text[:j+n], "\n")}
				if sc.name != "highlight" && sc.name != "raw" && sc.name != "comment" {
					inner = sub.templates(inner)
				}
				n += at + length
			}
		}
		return n, b.shortcode(sc, inner, hasInner, j, text)
	case strings.HasPrefix(rest, "{{"):
		end := strings.Index(rest[2:], "}}")
		if end < 0 {
			break
		}
		end += 2
		return end + 2, b.output(strings.Trim(rest[2:end], "- "), j, text)
	case strings.HasPrefix(rest, "{%"):
		m := liquidTag.FindStringSubmatch(rest)
		if m == nil {
			break
		}
		return b.liquid(m[1], m[2], len(m[0]), j, text)
	}
	// A lone {{ or {% that opens nothing: keep it as text, without
	// the brace that would read as template syntax.
	b.note(j, text, "%q opens no template, and its brace is removed", rest[:2])
	return 2, rest[1:2]
}

func mirror(delim string) string {
	if delim == "<" {
		return ">"
	}
	return "%"
}

// knownSingle are shortcodes that never wrap text.
var knownSingle = map[string]bool{
	"ref": true, "relref": true, "figure": true, "img": true, "image": true, "legacy-img": true, "youtube": true, "vimeo": true,
	"tweet": true, "x": true, "gist": true, "instagram": true, "param": true, "toc": true, "readfile": true,
}

// findClose finds {{< /name >}} or {{% /name %}} in text, nested ones
// of the same name skipped: where it starts and how long it is, or -1.
func findClose(text, name string) (int, int) {
	tags := regexp.MustCompile(`\{\{[<%]\s*(/?)\s*` + regexp.QuoteMeta(name) + `(?:\s[^}]*?)?\s*(/?)\s*[>%]\}\}`)
	depth := 0
	for _, m := range tags.FindAllStringSubmatchIndex(text, -1) {
		closing, self := m[3] > m[2], m[5] > m[4]
		switch {
		case self:
		case !closing:
			depth++
		case depth == 0:
			return m[0], m[1] - m[0]
		default:
			depth--
		}
	}
	return -1, 0
}

// shortcode is the Markdown for sc, wrapping inner when it has one.
func (b *body) shortcode(sc shortcode, inner string, hasInner bool, j int, text string) string {
	switch sc.name {
	case "ref", "relref":
		target := sc.arg("path", 0)
		addr, ok := b.c.refAddress(target, b.d)
		if !ok {
			b.note(j, text, "{{< %s %q >}} names no file that was imported, so the link leads to the home page (correct it)", sc.name, target)
		}
		return addr
	case "figure", "img", "image", "legacy-img":
		src := cmpOr(sc.arg("src", 0), sc.named["link"], sc.named["url"])
		alt := cmpOr(sc.named["alt"], sc.named["caption"], sc.named["title"], sc.arg("", 1))
		if src == "" {
			b.note(j, text, "the %s shortcode names no picture, and is removed", sc.name)
			return ""
		}
		md := "![" + escapeAlt(plainLine(alt)) + "](" + linkDest(src) + ")"
		if cap := plainLine(sc.named["caption"]); cap != "" && cap != alt {
			md += "\n\n*" + cap + "*"
		}
		return "\n\n" + md + "\n\n"
	case "youtube":
		id := sc.arg("id", 0)
		return "[Watch the video on YouTube](https://www.youtube.com/watch?v=" + url.QueryEscape(id) + ")"
	case "vimeo":
		return "[Watch the video on Vimeo](https://vimeo.com/" + url.PathEscape(sc.arg("id", 0)) + ")"
	case "tweet", "x":
		user, id := sc.arg("user", 0), sc.arg("id", 1)
		if id == "" {
			id, user = user, "i"
		}
		return "[See the post on X](https://x.com/" + url.PathEscape(user) + "/status/" + url.PathEscape(id) + ")"
	case "instagram":
		return "[See the post on Instagram](https://www.instagram.com/p/" + url.PathEscape(sc.arg("id", 0)) + "/)"
	case "gist":
		return "[See the code on GitHub](https://gist.github.com/" + url.PathEscape(sc.arg("user", 0)) + "/" + url.PathEscape(sc.arg("id", 1)) + ")"
	case "param":
		name := strings.ToLower(sc.arg("name", 0))
		if v := lookup(b.d.meta, name); v != "" {
			return v
		}
		if v := lookup(b.c.cfg.params, name); v != "" {
			return v
		}
		b.note(j, text, "{{< param %q >}} has no value in the page or the site's params, and is removed", name)
		return ""
	case "highlight":
		return "\n\n```" + sc.arg("lang", 0) + "\n" + strings.Trim(inner, "\n") + "\n```\n\n"
	case "comment":
		return ""
	case "toc":
		return ""
	case "details", "expand", "collapse":
		return "\n\n**" + cmpOr(sc.arg("summary", 0), sc.named["title"], "Details") + "**\n\n" + strings.TrimSpace(inner) + "\n\n"
	case "center", "raw", "html", "markdown", "columns", "column", "tab", "tabs":
		return inner
	case "blockquote", "quote":
		return callout("NOTE", sc.arg("author", -1), inner)
	}
	if pairedShortcodes[sc.name] || calloutFor(sc.name) != "" {
		kind := cmpOr(calloutFor(sc.arg("type", 0), sc.named["class"], sc.named["theme"], sc.named["style"]), calloutFor(sc.name), "NOTE")
		return callout(kind, sc.named["title"], inner)
	}
	if hasInner {
		b.note(j, text, "the shortcode %s is not known: its text is kept, without it", sc.name)
		return inner
	}
	b.note(j, text, "the shortcode {{< %s >}} is not known, and is removed (write in Markdown what it showed)", sc.name)
	return ""
}

// lookup is the text at a dotted name (params.subject) in m.
func lookup(m map[string]any, name string) string {
	var v any = m
	for _, part := range strings.Split(strings.TrimPrefix(name, "params."), ".") {
		mm, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		v = mm[part]
	}
	return text(v)
}

func cmpOr(vals ...string) string {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// escapeAlt makes s safe inside ![...].
func escapeAlt(s string) string {
	return strings.NewReplacer(`[`, `\[`, `]`, `\]`).Replace(s)
}

// linkDest makes dest safe inside (...).
func linkDest(dest string) string {
	if strings.ContainsAny(dest, " ()<>") {
		return "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(dest) + ">"
	}
	return dest
}

// refAddress is the address of the article ref names, from d.
func (c *conversion) refAddress(ref string, from *doc) (string, bool) {
	p, frag, _ := strings.Cut(ref, "#")
	t := c.findDoc(p, from)
	if t == nil || t.skip != "" {
		return "/", false
	}
	if frag != "" {
		return t.address() + "#" + frag, true
	}
	return t.address(), true
}
