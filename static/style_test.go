package static

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestStyle_NoSelectorEndsInAUniversalOne keeps the stylesheet cheap to
// match: a selector whose last part names no element, class, id or
// attribute (":last-child", "> *", ":not(.x)") is tested against every
// element of every page on each style recalculation. The callouts once
// had three such rules. Only the page-wide resets and :root may, on purpose.
func TestStyle_NoSelectorEndsInAUniversalOne(t *testing.T) {
	css, err := os.ReadFile("style.css")
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{"*": true, "*::before": true, "*::after": true, ":root": true}
	text := regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(string(css), "")
	// The text before each "{" that is not an at-rule is a selector list.
	names := regexp.MustCompile(`[a-zA-Z]|[.#\[]`)
	for _, m := range regexp.MustCompile(`([^{};]+)\{`).FindAllStringSubmatch(text, -1) {
		list := strings.TrimSpace(m[1])
		if strings.HasPrefix(list, "@") {
			continue
		}
		for _, sel := range strings.Split(list, ",") {
			sel = strings.TrimSpace(sel)
			parts := regexp.MustCompile(`\s*[>+~ ]\s*`).Split(sel, -1)
			last := parts[len(parts)-1]
			// What is left of the last part once pseudo-classes and
			// pseudo-elements (and their arguments) are taken off.
			bare := regexp.MustCompile(`::?[a-z-]+(\([^)]*\))?`).ReplaceAllString(last, "")
			if !names.MatchString(strings.TrimPrefix(bare, "*")) && !allowed[sel] {
				t.Errorf("selector %q ends in %q, which every element is tested against", sel, last)
			}
		}
	}
}

// TestStyle_LogicalProperties keeps the layout mirrorable: on a page
// with dir="rtl" (Arabic, Hebrew, Persian, Urdu) the start of a line is
// on the right, so margins, paddings, borders and positions are written
// by start and end (margin-inline-start, inset-inline-start,
// text-align: start), never by left and right. The exceptions say why
// in the stylesheet: a table column aligned as its Markdown asks, and
// the scroll shadows at both edges of a wide table.
func TestStyle_LogicalProperties(t *testing.T) {
	css, err := os.ReadFile("style.css")
	if err != nil {
		t.Fatal(err)
	}
	text := regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(string(css), "")
	physical := regexp.MustCompile(`(?m)(^|[{;\s])((margin|padding|border|inset|scroll-margin|scroll-padding)-(left|right)[a-z-]*|left|right|float|clear)\s*:[^;}]*|text-align\s*:\s*(left|right)`)
	allowed := map[string]bool{
		`[align="right"] { text-align: right`: true,
	}
	for _, m := range regexp.MustCompile(`([^{}]+)\{([^}]*)\}`).FindAllStringSubmatch(text, -1) {
		sel, body := strings.TrimSpace(m[1]), m[2]
		for _, p := range physical.FindAllString(body, -1) {
			p = strings.TrimSpace(strings.TrimLeft(p, "{;"))
			if strings.HasPrefix(p, "float: none") || allowed[sel[strings.LastIndex(sel, " ")+1:]+" { "+p] {
				continue
			}
			t.Errorf("%s { %s }: write it by start and end (margin-inline-start, inset-inline-end, text-align: start), so that it mirrors on right-to-left pages", sel, p)
		}
	}
	// The test finds what it looks for.
	if !physical.MatchString("a { margin-left: 1rem }") || !physical.MatchString("a { left: 0 }") || !physical.MatchString("a { text-align: left }") {
		t.Error("the pattern misses physical properties")
	}
}
