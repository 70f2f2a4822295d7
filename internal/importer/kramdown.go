package importer

import (
	"regexp"
	"strings"
)

// blockAttributes is a line of kramdown's block attributes, such as
// {: .note .info }, which Jekyll's docs write under a paragraph to make
// it a box.
var blockAttributes = regexp.MustCompile(`^\s*\{:\s*([^}]*)\}\s*$`)

// attributes converts kramdown's block attribute lines, which no
// Markdown but kramdown reads and which would show as written: one that
// names a box (.note, .warning) makes the paragraph above it a callout;
// any other is removed, noted.
func (b *body) attributes(text string) string {
	lines := strings.Split(text, "\n")
	var out []string
	fence := ""
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if fence != "" || fenceOpen.MatchString(t) {
			switch {
			case fence == "":
				fence = fenceOpen.FindString(t)
			case strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "":
				fence = ""
			}
			out = append(out, l)
			continue
		}
		m := blockAttributes.FindStringSubmatch(l)
		if m == nil {
			out = append(out, l)
			continue
		}
		start := len(out)
		for start > 0 && strings.TrimSpace(out[start-1]) != "" {
			start--
		}
		kind := calloutFor(strings.Fields(strings.ReplaceAll(m[1], ".", " "))...)
		if kind == "" || start == len(out) {
			b.note(lineOffset(lines, i), text, "the kramdown attributes %s are removed (healthsite's Markdown has none)", t)
			continue
		}
		box := callout(kind, "", strings.Join(out[start:], "\n"))
		out = append(out[:start], strings.Split(strings.Trim(box, "\n"), "\n")...)
	}
	return strings.Join(out, "\n")
}

// lineOffset is the byte offset of line i of lines joined by newlines.
func lineOffset(lines []string, i int) int {
	n := 0
	for _, l := range lines[:i] {
		n += len(l) + 1
	}
	return n
}
