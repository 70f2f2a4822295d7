package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"testing"
)

// languageSites are one-language sites in other languages than the
// shipped one: Spanish, and Arabic, written right to left.
var languageSites = []struct {
	tag, content string
	pages        []struct{ name, path string }
}{
	{"es", "../../internal/site/testdata/es", []struct{ name, path string }{
		{"index", "/"},
		{"article", "/articles/dolor-de-rodilla/"},
		{"topics", "/tags/"},
		{"author", "/authors/dra-marta-solís/"},
		{"search", "/search?q=" + url.QueryEscape("rodilla")},
		{"not-found", "/articles/dolor-de-rodila/"},
	}},
	{"ar", "../../internal/site/testdata/ar", []struct{ name, path string }{
		{"index", "/"},
		{"article", "/articles/alam-alrukba/"},
		{"topics", "/tags/"},
		{"search", "/search?q=" + url.QueryEscape("الركبة")},
		{"not-found", "/articles/alam-alrukb/"},
	}},
}

// TestAudit_AxeLanguages runs axe on the pages of a Spanish and of an
// Arabic site, in the light and the dark colour scheme: the interface
// texts in another language, and a page laid out right to left, must
// pass as the English pages do (lang on <html>, names for every control
// and landmark, contrast).
func TestAudit_AxeLanguages(t *testing.T) {
	axeSource, err := os.ReadFile(ciTool(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	tags, _ := json.Marshal(axeTags)
	script := fmt.Sprintf(axeRun, tags)
	chromiumPath(t)
	for _, lang := range languageSites {
		t.Run(lang.tag, func(t *testing.T) {
			base := startServe(t, nil, "-content", lang.content)
			ctx := newBrowser(t, 375, 900)
			for _, page := range lang.pages {
				for _, scheme := range []string{"light", "dark"} {
					t.Run(page.name+"/"+scheme, func(t *testing.T) { axeCheck(t, ctx, base+page.path, scheme, string(axeSource), script) })
				}
			}
		})
	}
}
