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
