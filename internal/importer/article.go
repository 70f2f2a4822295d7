package importer

import (
	"fmt"
	"path"
	"regexp"
	"strings"
)

// convert makes the healthsite file of d, or says why it cannot.
func (c *conversion) convert(d *doc) {
	v := d.values
	b := &body{c: c, d: d, line: d.bodyLine}
	raw := &rawStore{}
	b.raw = raw
	text := b.templates(d.body)
	if c.kind == Jekyll {
		text = b.attributes(text)
	}
	if ext := strings.ToLower(path.Ext(d.source)); ext == ".html" || ext == ".htm" {
		text = b.htmlToMarkdown(text)
	} else {
		text = b.html(text)
	}
	text = b.links(text)
	text = b.leftovers(text)
	text = raw.restore(text)
	text = strings.TrimSpace(blankRuns.ReplaceAllString(text, "\n\n"))

	switch {
	case d.list && (strings.TrimSpace(d.body) == "" || text == ""):
		d.skip, d.empty = "is a Hugo list page with no text of its own: healthsite makes the list itself, from the articles' tags and dates", true
		return
	case strings.TrimSpace(d.body) == "":
		d.skip, d.empty = "has no text", true
		return
	case text == "":
		d.skip, d.empty = "is a template stub: it holds only template code, which shows nothing once converted", true
		return
	}
	if d.oldName != "" {
		c.report.note(d.source, 0, "the old site's %s page becomes the page /%s/ (healthsite makes its own home page and page-not-found page)", d.oldName, d.slug)
	}
	if text = c.title(d, v, text); text == "" {
		d.skip, d.empty = "holds a heading and nothing else", true
		return
	}
	c.fill(d, v)
	if t := text; strings.HasPrefix(t, "TODO:") {
		text = "To do: " + strings.TrimPrefix(t, "TODO:")
	}
	if img := text2(d.meta["image"]); img != "" && d.kind == asArticle {
		if to, ok := c.copyImage(d, strings.TrimPrefix(img, c.cfg.basePath)); ok {
			v["image"] = to
			if alt := text2(d.meta["image_alt"]); alt != "" {
				v["image_alt"] = alt
			}
		} else {
			c.report.note(d.source, 0, "image %s is not in the source folder, so it is left out", img)
		}
	}
	if d.original != nil && d.original.skip == "" && d.original.slug != d.slug {
		// A translation of the same file name as its original needs
		// no translation_of.
		v["translation_of"] = d.original.slug
	}
	d.dest = d.destPath()
	c.files[d.dest] = append(frontMatter(v, d.kind == asPage), []byte("\n"+text+"\n")...)
}

func text2(v any) string { return text(v) }

// title gives v a title when d's front matter has none, and returns
// text without the heading that shows the title already. An untitled
// file takes its first heading, else a title made of its file name,
// noted as guessed so that the editor reads it.
func (c *conversion) title(d *doc, v values, text string) string {
	h := firstHeading.FindStringSubmatch(text)
	if _, ok := v["title"]; ok {
		if h != nil && strings.EqualFold(plainLine(h[1]), v["title"].(string)) {
			// The page shows the title already.
			text = strings.TrimSpace(text[len(h[0]):])
		}
		return text
	}
	switch {
	case h != nil:
		v["title"] = plainLine(h[1])
		c.report.note(d.source, 0, "has no title: its first heading, %q, is the title", v["title"])
		return strings.TrimSpace(text[len(h[0]):])
	case d.slug == "welcome":
		v["title"] = "Welcome"
	default:
		v["title"] = humanize(d.slug)
	}
	c.report.note(d.source, 0, "has no title and no heading: %q is a guess from its file name (write title: in it if it is wrong)", v["title"])
	return text
}

var (
	firstHeading = regexp.MustCompile(`^#\s+(.+?)\s*#*\s*(\n|$)`)
	blankRuns    = regexp.MustCompile(`\n[ \t]*\n([ \t]*\n)+`)
)

// humanize makes a title of a file name's words: neck-pain is "Neck pain".
func humanize(slug string) string {
	s := strings.ReplaceAll(slug, "-", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// rawStore keeps text that must come out as it went in (Liquid's raw
// blocks) out of the later passes.
type rawStore struct{ parts []string }

func (r *rawStore) keep(s string) string {
	r.parts = append(r.parts, s)
	return fmt.Sprintf("\ue000%d\ue001", len(r.parts)-1)
}

var rawMark = regexp.MustCompile("\ue000(\\d+)\ue001")

func (r *rawStore) restore(s string) string {
	return rawMark.ReplaceAllStringFunc(s, func(m string) string {
		var i int
		fmt.Sscanf(m[len("\ue000"):], "%d", &i)
		if i < len(r.parts) {
			return r.parts[i]
		}
		return ""
	})
}

// leftovers removes template syntax that survived, outside code, so
// that none shows on a page.
func (b *body) leftovers(s string) string {
	lines := strings.Split(s, "\n")
	fence := ""
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
			continue
		}
		if strings.HasPrefix(l, "    ") || strings.Contains(l, "`") {
			continue
		}
		for _, open := range []string{"{{", "{%"} {
			if strings.Contains(l, open) {
				b.c.report.note(b.d.source, 0, "%q was left after converting, and is removed", open)
				l = strings.ReplaceAll(l, open, open[1:])
			}
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}
