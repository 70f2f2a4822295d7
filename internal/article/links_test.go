package article

import (
	"strings"
	"testing"
)

// TestLoad_LinksOfAndToFilesWithErrors checks that a file with an error
// of its own still has its links checked, and that a link to a file with
// errors is not reported as leading nowhere: that file's errors are.
func TestLoad_LinksOfAndToFilesWithErrors(t *testing.T) {
	const (
		good      = "title: Good\nauthor: A\ndate: 2024-01-10\nsummary: S.\n"
		badDate   = "title: Bad\nauthor: A\ndate: 10th January\nsummary: S.\n"
		badYAML   = "title: Bad\nauthor: A\ndate: 2024-01-10\nsummary: \"S.\n"
		badDateAt = `error: date "10th January" has no year (write the year first, then the month and the day: YYYY-01-10)`
		badYAMLAt = "error: YAML syntax error: a quote opened here is never closed (end the value with the same quote mark it starts with)"
		nowhere   = "error: the link to /articles/nowhere/ leads to no article (check the address: an article's is /articles/ and its file name without .md)"
	)
	file := func(front, body string) string { return "---\n" + front + "---\n\n" + body + "\n" }
	tests := []struct {
		name string
		fsys []string
		opts Options
		want []string
	}{
		{"BrokenLinkInFileWithBadDate", []string{
			"a.md", file(badDate, "See [this](/articles/nowhere/)."),
		}, Options{}, []string{
			"a.md:4:7: " + badDateAt,
			"a.md:8:5: " + nowhere,
		}},
		{"BrokenSectionLinkInFileWithBadDate", []string{
			"a.md", file(badDate, "See [below](#how).\n\n## Why"),
		}, Options{}, []string{
			"a.md:4:7: " + badDateAt,
			"a.md:8:5: error: the link to #how leads to no section of that page (the sections are #why)",
		}},
		{"BrokenLinkInFileWithSyntaxError", []string{
			"a.md", file(badYAML, "See [this](/articles/nowhere/)."),
		}, Options{}, []string{
			"a.md:5:10: " + badYAMLAt,
			"a.md:8:5: " + nowhere,
		}},
		{"LinkToFileWithBadDate", []string{
			"a.md", file(good, "See [b](/articles/b/)."),
			"b.md", file(badDate, "Text."),
		}, Options{}, []string{
			"b.md:4:7: " + badDateAt,
		}},
		{"LinkToSectionOfFileWithBadDate", []string{
			"a.md", file(good, "See [how](/articles/b/#how) and [what](/articles/b/#what)."),
			"b.md", file(badDate, "Text.\n\n## How"),
		}, Options{}, []string{
			"a.md:8:33: error: the link to /articles/b/#what leads to no section of that page (the sections are #how)",
			"b.md:4:7: " + badDateAt,
		}},
		{"LinkToFileWithSyntaxError", []string{
			"a.md", file(good, "See [b](/articles/b/#how)."),
			"b.md", file(badYAML, "Text.\n\n## How"),
		}, Options{}, []string{
			"b.md:5:10: " + badYAMLAt,
		}},
		{"LinkToSlugOfFileWithSyntaxError", []string{
			"a.md", file(good, "See [b](/articles/back-pain/)."),
			"b.md", file("slug: back-pain\n"+badYAML, "Text."),
		}, Options{}, []string{
			"b.md:6:10: " + badYAMLAt,
		}},
		{"LinkToSlugOfFileWithBadDate", []string{
			"a.md", file(good, "See [b](/articles/back-pain/)."),
			"b.md", file("slug: back-pain\n"+badDate, "Text."),
		}, Options{}, []string{
			"b.md:5:7: " + badDateAt,
		}},
		{"LinkToFileWithoutFrontMatter", []string{
			"a.md", file(good, "See [b](/articles/b/)."),
			"b.md", "Just text.\n",
		}, Options{}, []string{
			"b.md:1:1: error: the file has no front matter (start it with a line of ---, then title:, author: and date: lines, then another line of ---)",
		}},
		{"LinkToFileTooBig", []string{
			"a.md", file(good, "See [b](/articles/b/)."),
			"b.md", file(good, strings.Repeat("Text that is far too long. ", 100)),
		}, Options{MaxFileSize: 1 << 10}, []string{
			"b.md: error: the file is 2 KiB, over the limit of 1 KiB (split it into several articles, or raise the limit)",
		}},
		{"MisspeltLinkToFileWithErrors", []string{
			"a.md", file(good, "See [b](/articles/neck-pian/)."),
			"neck-pain.md", file(badDate, "Text."),
		}, Options{}, []string{
			"a.md:8:5: error: the link to /articles/neck-pian/ leads to no article (did you mean /articles/neck-pain/?)",
			"neck-pain.md:4:7: " + badDateAt,
		}},
		{"SameAddressAsFileWithErrors", []string{
			"a.md", file("slug: b\n"+good, "Text."),
			"b.md", file(badDate, "Text."),
		}, Options{}, []string{
			"b.md:1:1: error: the web address /articles/b/ is also used by a.md (give one of the two files another name, or a different slug:)",
			"b.md:4:7: " + badDateAt,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantErrors(t, mapFS(tc.fsys...), tc.opts, tc.want...)
		})
	}
}
