package article

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Fixes as the messages write them, so that the expected messages below
// read as they appear to an editor.
const (
	dateFix = "(write it year-month-day, as 2023-10-08, or with the time, as 2023-10-08T09:00:00+01:00 or 2023-10-08 09:00:00 -0500)"
	octFix  = "is not written year-month-day (did you mean 2023-10-08?)"
)

// knownList is the list of fields an unknown field's message offers:
// the field table's names, so that a new field is one row there.
var knownList = strings.Join(fieldNames(), ", ")

// mapFS makes a content folder of name, content pairs.
func mapFS(nameContent ...string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for i := 0; i+1 < len(nameContent); i += 2 {
		fsys[nameContent[i]] = &fstest.MapFile{Data: []byte(nameContent[i+1])}
	}
	return fsys
}

// errorLines formats every problem in err, one string each.
func errorLines(err error) []string {
	var out []string
	for _, e := range Errors(err) {
		out = append(out, e.Error())
	}
	return out
}

func warningLines(lib *Library) []string {
	var out []string
	for _, w := range lib.Warnings() {
		out = append(out, w.Error())
	}
	return out
}

// mustLoad loads fsys and fails the test on any error or warning.
func mustLoad(t *testing.T, fsys fstest.MapFS, opts Options) *Library {
	t.Helper()
	lib, err := Load(fsys, opts)
	if err != nil {
		t.Fatalf("Load: unexpected error:\n%v", err)
	}
	if w := warningLines(lib); len(w) > 0 {
		t.Fatalf("Load: unexpected warnings:\n%s", strings.Join(w, "\n"))
	}
	return lib
}

// wantErrors loads fsys and checks that the load fails with exactly want,
// in order, and that the joined error reads the same.
func wantErrors(t *testing.T, fsys fstest.MapFS, opts Options, want ...string) {
	t.Helper()
	lib, err := Load(fsys, opts)
	if err == nil {
		t.Fatalf("Load succeeded (warnings %q), want errors:\n%s", warningLines(lib), strings.Join(want, "\n"))
	}
	if lib != nil {
		t.Errorf("Load returned a library along with the error")
	}
	if diff := cmp.Diff(want, errorLines(err)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if got, want := err.Error(), strings.Join(want, "\n"); got != want {
		t.Errorf("err.Error() =\n%s\nwant\n%s", got, want)
	}
	for _, e := range Errors(err) {
		if e.Severity != SeverityError {
			t.Errorf("%v: severity %v among the errors", e, e.Severity)
		}
	}
}

// article makes a YAML article file from front matter lines; the body is
// one paragraph.
func article(lines ...string) string {
	return "---\n" + strings.Join(lines, "\n") + "\n---\n\nThe article text.\n"
}

// neckPain is the article every front matter format below describes.
var neckPain = &Article{
	Lang:        "en",
	Path:        "neck.md",
	Slug:        "neck-pain",
	Title:       "Neck pain: a guide",
	Authors:     []string{"Jane Doe", "Sam Lee"},
	Date:        time.Date(2023, 10, 8, 0, 0, 0, 0, time.UTC),
	Updated:     time.Date(2023, 11, 1, 8, 0, 0, 0, time.UTC),
	Summary:     "Why necks hurt, and what helps.",
	Description: "Why necks hurt, and what helps.",
	Tags:        []string{"neck", "posture"},
	Draft:       true,
	Image:       "/static/neck.jpg",
	ImageAlt:    "A person stretching their neck",
	ReviewedBy:  "Dr Asha Patel, PT",
	Reviewed:    time.Date(2023, 10, 20, 0, 0, 0, 0, time.UTC),
	NextReview:  time.Date(2024, 10, 20, 0, 0, 0, 0, time.UTC),
	Sources: []Source{
		{Title: "Neck pain guideline", URL: "https://example.org/neck", Publisher: "NICE", Year: 2021, DOI: "10.1000/xyz123", PMID: "12345678"},
		{Title: "A second source", URL: "https://example.org/second"},
	},
}

const neckPainBody = "Neck pain is common.\n\n## What helps\n\nMoving gently, most days.\n"

const neckPainYAML = `---
title: "Neck pain: a guide"
author: [Jane Doe, Sam Lee]
date: 2023-10-08
updated: 2023-11-01T09:00:00+01:00
summary: Why necks hurt, and what helps.
tags: [neck, posture, neck]
draft: true
slug: neck-pain
image: /static/neck.jpg
image_alt: A person stretching their neck
reviewed_by: Dr Asha Patel, PT
reviewed: 2023-10-20
next_review: "2024-10-20"
sources:
  - title: Neck pain guideline
    url: https://example.org/neck
    publisher: NICE
    year: 2021
    doi: 10.1000/xyz123
    pmid: "12345678"
  - title: A second source
    url: https://example.org/second
---

` + neckPainBody

const neckPainTOML = `+++
title = "Neck pain: a guide"
author = ["Jane Doe", "Sam Lee"]
date = 2023-10-08
updated = 2023-11-01T09:00:00+01:00
summary = "Why necks hurt, and what helps."
tags = ["neck", "posture", "neck"]
draft = true
slug = "neck-pain"
image = "/static/neck.jpg"
image_alt = "A person stretching their neck"
reviewed_by = "Dr Asha Patel, PT"
reviewed = 2023-10-20
next_review = "2024-10-20"

[[sources]]
title = "Neck pain guideline"
url = "https://example.org/neck"
publisher = "NICE"
year = 2021
doi = "10.1000/xyz123"
pmid = 12345678

[[sources]]
title = "A second source"
url = "https://example.org/second"
+++

` + neckPainBody

const neckPainJSON = `{
  "title": "Neck pain: a guide",
  "author": ["Jane Doe", "Sam Lee"],
  "date": "2023-10-08",
  "updated": "2023-11-01T09:00:00+01:00",
  "summary": "Why necks hurt, and what helps.",
  "tags": ["neck", "posture", "neck"],
  "draft": true,
  "slug": "neck-pain",
  "image": "/static/neck.jpg",
  "image_alt": "A person stretching their neck",
  "reviewed_by": "Dr Asha Patel, PT",
  "reviewed": "2023-10-20",
  "next_review": "2024-10-20",
  "sources": [
    {
      "title": "Neck pain guideline",
      "url": "https://example.org/neck",
      "publisher": "NICE",
      "year": 2021,
      "doi": "10.1000/xyz123",
      "pmid": "12345678"
    },
    {"title": "A second source", "url": "https://example.org/second"}
  ]
}

` + neckPainBody

var formatCases = []struct{ name, src string }{
	{"YAML", neckPainYAML},
	{"TOML", neckPainTOML},
	{"JSON", neckPainJSON},
	{"YAMLAfterBlankLines", "\n\n" + neckPainYAML},
	{"TOMLInDashes", strings.Replace(strings.Replace(neckPainTOML, "+++\n", "---toml\n", 1), "+++\n", "---\n", 1)},
}

func TestLoad_FrontMatterFormatsGiveTheSameArticle(t *testing.T) {
	var html string
	for _, tc := range formatCases {
		t.Run(tc.name, func(t *testing.T) {
			lib := mustLoad(t, mapFS("neck.md", tc.src), Options{})
			got := lib.Articles()
			if len(got) != 1 {
				t.Fatalf("got %d articles, want 1", len(got))
			}
			a := got[0]
			if diff := cmp.Diff(neckPain, a, cmpopts.IgnoreFields(Article{}, "HTML", "Headings", "Text", "Words"), cmpopts.IgnoreUnexported(Article{})); diff != "" {
				t.Errorf("article (-want +got):\n%s", diff)
			}
			if want := "Neck pain is common.\n\nWhat helps\n\nMoving gently, most days."; strings.TrimSpace(a.Text) != want {
				t.Errorf("Text = %q, want %q", a.Text, want)
			}
			if a.Words != 10 || a.ReadingTime() != 1 {
				t.Errorf("Words = %d, ReadingTime = %d; want 10 and 1", a.Words, a.ReadingTime())
			}
			if len(a.Headings) != 1 || a.Headings[0].Text != "What helps" {
				t.Errorf("Headings = %+v, want one: What helps", a.Headings)
			}
			if html == "" {
				html = a.HTML
			} else if a.HTML != html {
				t.Errorf("HTML differs from the YAML article's:\n%s\nwant\n%s", a.HTML, html)
			}
			if lib.Article("neck-pain") != a {
				t.Errorf(`Article("neck-pain") is not the loaded article`)
			}
		})
	}
}

func TestLoad_ByteOrderMark(t *testing.T) {
	lib := mustLoad(t, mapFS("neck.md", "\ufeff"+neckPainYAML), Options{})
	if diff := cmp.Diff(neckPain, lib.Articles()[0], cmpopts.IgnoreFields(Article{}, "HTML", "Headings", "Text", "Words"), cmpopts.IgnoreUnexported(Article{})); diff != "" {
		t.Errorf("article (-want +got):\n%s", diff)
	}
	// The mark is not a character the editor sees: columns leave it out.
	wantErrors(t, mapFS("x.md", "\ufeff---\xff\n"), Options{},
		"x.md:1:4: error: the file is not valid UTF-8 text: byte 0xff cannot be read (save the file as UTF-8 in your editor, or retype the character here)")
	wantErrors(t, mapFS("x.md", "\ufeff"+article("title: T", "author: A", "date: 8th Oct 2023")), Options{},
		`x.md:4:7: error: date "8th Oct 2023" `+octFix)
}

func TestLoad_CRLFLineEndings(t *testing.T) {
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	for _, tc := range formatCases[:3] {
		t.Run(tc.name, func(t *testing.T) {
			lib := mustLoad(t, mapFS("neck.md", crlf(tc.src)), Options{})
			a := lib.Articles()[0]
			if diff := cmp.Diff(neckPain, a, cmpopts.IgnoreFields(Article{}, "HTML", "Headings", "Text", "Words"), cmpopts.IgnoreUnexported(Article{})); diff != "" {
				t.Errorf("article (-want +got):\n%s", diff)
			}
			if strings.Contains(a.HTML+a.Text, "\r") {
				t.Errorf("a carriage return is left in the article: HTML %q, Text %q", a.HTML, a.Text)
			}
		})
	}
	// An error on line 4 of a CRLF file is reported on line 4.
	tests := []struct{ name, src, want string }{
		{"YAML", article("title: T", "author: A", "date: 8th Oct 2023", "summary: S"),
			`x.md:4:7: error: date "8th Oct 2023" ` + octFix},
		{"TOML", "+++\ntitle = \"T\"\nauthor = \"A\"\ndate = \"8th Oct 2023\"\nsummary = \"S\"\n+++\nText.\n",
			`x.md:4:8: error: date "8th Oct 2023" ` + octFix},
		{"JSON", "{\n  \"title\": \"T\",\n  \"author\": \"A\",\n  \"date\": \"8th Oct 2023\",\n  \"summary\": \"S\"\n}\n\nText.\n",
			`x.md:4:11: error: date "8th Oct 2023" ` + octFix},
		{"YAMLSyntax", "---\ntitle: T\nauthor: A\ndate: 2023-10-08\nsummary: 'S' x\n---\nText.\n",
			`x.md:5:12: error: YAML syntax error: the quote ends early: the value goes on after this closing ' (put the whole value in quotes: summary: "'S' x")`},
		{"Body", "---\ntitle: T\nauthor: A\ndate: 2023-10-08\nsummary: S\n---\n\nText \xff.\n",
			"x.md:8:6: error: the file is not valid UTF-8 text: byte 0xff cannot be read (save the file as UTF-8 in your editor, or retype the character here)"},
	}
	for _, tc := range tests {
		t.Run("Position"+tc.name, func(t *testing.T) {
			wantErrors(t, mapFS("x.md", crlf(tc.src)), Options{}, tc.want)
		})
	}
}

func TestLoad_OldMacLineEndings(t *testing.T) {
	cr := func(s string) string { return strings.ReplaceAll(s, "\n", "\r") }
	lib := mustLoad(t, mapFS("neck.md", cr(neckPainYAML)), Options{})
	if diff := cmp.Diff(neckPain, lib.Articles()[0], cmpopts.IgnoreFields(Article{}, "HTML", "Headings", "Text", "Words"), cmpopts.IgnoreUnexported(Article{})); diff != "" {
		t.Errorf("article (-want +got):\n%s", diff)
	}
	// A stray CR ends a line for YAML and Markdown, so it does here too.
	wantErrors(t, mapFS("x.md", "---\ntitle: T\rauthor: A\ndate: 8th Oct 2023\nsummary: S\n---\nText.\n"), Options{},
		`x.md:4:7: error: date "8th Oct 2023" `+octFix)
	wantErrors(t, mapFS("x.md", "---\ntitle: T\rsummary: \"S\r---\nText.\n"), Options{},
		`x.md:3:10: error: YAML syntax error: a quote opened here is never closed (end the value with the same quote mark it starts with)`)
}

// requiredFieldCases are front matters with a required field missing,
// empty or of the wrong type, and the one message each gives.
var requiredFieldCases = []struct {
	name string
	src  string
	want []string
}{
	{"TitleMissing", article("author: A", "date: 2023-10-08", "summary: S"),
		[]string{`x.md:1:1: error: title is missing (add a line such as title: "Neck pain at work" to the front matter)`}},
	{"AuthorMissing", article("title: T", "date: 2023-10-08", "summary: S"),
		[]string{"x.md:1:1: error: author is missing (add a line such as author: Jane Doe to the front matter)"}},
	{"DateMissing", article("title: T", "author: A", "summary: S"),
		[]string{"x.md:1:1: error: date is missing (add a line such as date: 2023-10-08 to the front matter)"}},
	{"AllMissing", article("summary: S"), []string{
		`x.md:1:1: error: title is missing (add a line such as title: "Neck pain at work" to the front matter)`,
		"x.md:1:1: error: author is missing (add a line such as author: Jane Doe to the front matter)",
		"x.md:1:1: error: date is missing (add a line such as date: 2023-10-08 to the front matter)",
	}},
	{"MissingInTOMLAreAtTheFence", "\n+++\nsummary = \"S\"\n+++\nText.\n", []string{
		`x.md:2:1: error: title is missing (add a line such as title: "Neck pain at work" to the front matter)`,
		"x.md:2:1: error: author is missing (add a line such as author: Jane Doe to the front matter)",
		"x.md:2:1: error: date is missing (add a line such as date: 2023-10-08 to the front matter)",
	}},
	{"MissingInJSONAreAtTheBrace", "{\n  \"title\": \"T\",\n  \"summary\": \"S\"\n}\n\nText.\n", []string{
		"x.md:1:1: error: author is missing (add a line such as author: Jane Doe to the front matter)",
		"x.md:1:1: error: date is missing (add a line such as date: 2023-10-08 to the front matter)",
	}},
	{"TitleEmpty", article("title:", "author: A", "date: 2023-10-08", "summary: S"),
		[]string{`x.md:2:1: error: title is empty (write it after title:, e.g. title: "Neck pain at work")`}},
	{"TitleEmptyQuotes", article(`title: "  "`, "author: A", "date: 2023-10-08", "summary: S"),
		[]string{`x.md:2:1: error: title is empty (write it after title:, e.g. title: "Neck pain at work")`}},
	{"TitleList", article("title: [Neck, pain]", "author: A", "date: 2023-10-08", "summary: S"),
		[]string{"x.md:2:8: error: title must be text, not a list (write it on one line after title:, in quotes if it holds a colon)"}},
	{"TitleWithColonUnquoted", article("title:", "  Neck: pain", "author: A", "date: 2023-10-08", "summary: S"),
		[]string{"x.md:3:3: error: title must be text, not a group of fields (write it on one line after title:, in quotes if it holds a colon)"}},
	{"AuthorEmpty", article("title: T", "author:", "date: 2023-10-08", "summary: S"),
		[]string{"x.md:3:1: error: author is empty (write it after author:, e.g. author: Jane Doe)"}},
	{"AuthorEmptyQuotes", article("title: T", `author: ""`, "date: 2023-10-08", "summary: S"),
		[]string{"x.md:3:1: error: author is empty (write it after author:, e.g. author: Jane Doe)"}},
	{"AuthorEmptyList", article("title: T", "author: []", "date: 2023-10-08", "summary: S"),
		[]string{"x.md:3:1: error: author lists no names (write at least one, e.g. author: Jane Doe)"}},
	{"AuthorListOfBlanks", article("title: T", `author: ["", " "]`, "date: 2023-10-08", "summary: S"),
		[]string{"x.md:3:1: error: author lists no names (write at least one, e.g. author: Jane Doe)"}},
	{"AuthorGroup", article("title: T", "author:", "  name: Jane Doe", "date: 2023-10-08", "summary: S"),
		[]string{"x.md:4:3: error: author must be a list of text, not a group of fields (write it like author: [first, second])"}},
	{"AuthorListOfGroups", article("title: T", "author: [{name: Jane Doe}]", "date: 2023-10-08", "summary: S"),
		[]string{"x.md:3:10: error: each item of author must be text, not a group of fields (write it like author: [first, second])"}},
	{"DateEmpty", article("title: T", "author: A", "date:", "summary: S"),
		[]string{"x.md:4:6: error: date is empty " + dateFix}},
	{"DateEmptyQuotes", article("title: T", "author: A", `date: ""`, "summary: S"),
		[]string{"x.md:4:7: error: date is empty " + dateFix}},
	{"DateList", article("title: T", "author: A", "date: [2023-10-08]", "summary: S"),
		[]string{"x.md:4:7: error: date must be a date, not a list " + dateFix}},
	{"DateNumber", article("title: T", "author: A", "date: 20231008", "summary: S"),
		[]string{"x.md:4:7: error: date must be a date, not a number " + dateFix}},
	{"DateTOMLTimeOfDay", "+++\ntitle = \"T\"\nauthor = \"A\"\ndate = 09:00:00\nsummary = \"S\"\n+++\nText.\n",
		[]string{"x.md:4:8: error: date is a time of day without a date " + dateFix}},
}

func TestLoad_RequiredFields(t *testing.T) {
	for _, tc := range requiredFieldCases {
		t.Run(tc.name, func(t *testing.T) {
			wantErrors(t, mapFS("x.md", tc.src), Options{}, tc.want...)
		})
	}
}

func TestLoad_RequiredFieldsAccepted(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		title   string
		authors []string
		date    time.Time
	}{
		{"NumberTitleIsText", article("title: 1984", "author: A", "date: 2023-10-08", "summary: S"),
			"1984", []string{"A"}, time.Date(2023, 10, 8, 0, 0, 0, 0, time.UTC)},
		{"BooleanTitleIsText", article("title: yes", "author: A", "date: 2023-10-08", "summary: S"),
			"yes", []string{"A"}, time.Date(2023, 10, 8, 0, 0, 0, 0, time.UTC)},
		{"JSONNumberTitleIsText", "{\n\"title\": 1984, \"author\": \"A\", \"date\": \"2023-10-08\", \"summary\": \"S\"\n}\n\nText.\n",
			"1984", []string{"A"}, time.Date(2023, 10, 8, 0, 0, 0, 0, time.UTC)},
		{"TOMLNumberTitleIsText", "+++\ntitle = 1984\nauthor = \"A\"\ndate = 2023-10-08\nsummary = \"S\"\n+++\nText.\n",
			"1984", []string{"A"}, time.Date(2023, 10, 8, 0, 0, 0, 0, time.UTC)},
		{"AuthorList", article("title: T", "author:", "  - Jane Doe", "  - Sam Lee", "  - Jane Doe", "date: 2023-10-08", "summary: S"),
			"T", []string{"Jane Doe", "Sam Lee"}, time.Date(2023, 10, 8, 0, 0, 0, 0, time.UTC)},
		{"AuthorFlowList", article("title: T", "author: [Jane Doe, Sam Lee]", "date: 2023-10-08", "summary: S"),
			"T", []string{"Jane Doe", "Sam Lee"}, time.Date(2023, 10, 8, 0, 0, 0, 0, time.UTC)},
		{"DateTime", article("title: T", "author: A", "date: 2023-10-08T09:30:00+01:00", "summary: S"),
			"T", []string{"A"}, time.Date(2023, 10, 8, 8, 30, 0, 0, time.UTC)},
		{"DateTimeWithSpaces", article("title: T", "author: A", "date: 2023-10-08 09:30:00 -0500", "summary: S"),
			"T", []string{"A"}, time.Date(2023, 10, 8, 14, 30, 0, 0, time.UTC)},
		{"TOMLLocalDateTime", "+++\ntitle = \"T\"\nauthor = \"A\"\ndate = 2023-10-08T09:30:00\nsummary = \"S\"\n+++\nText.\n",
			"T", []string{"A"}, time.Date(2023, 10, 8, 9, 30, 0, 0, time.UTC)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := mustLoad(t, mapFS("x.md", tc.src), Options{}).Articles()[0]
			if a.Title != tc.title {
				t.Errorf("Title = %q, want %q", a.Title, tc.title)
			}
			if diff := cmp.Diff(tc.authors, a.Authors); diff != "" {
				t.Errorf("Authors (-want +got):\n%s", diff)
			}
			if !a.Date.Equal(tc.date) {
				t.Errorf("Date = %v, want %v", a.Date, tc.date)
			}
		})
	}
}

func TestLoad_BadDateListsAcceptedForms(t *testing.T) {
	tests := []struct {
		name, src string
		line, col int
	}{
		{"YAML", article("title: T", "author: A", "date: 8th Oct 2023", "summary: S"), 4, 7},
		{"YAMLIndentedValue", article("title: T", "author: A", "date:     8th Oct 2023", "summary: S"), 4, 11},
		{"TOML", "+++\ntitle = \"T\"\nauthor = \"A\"\ndate   =   \"8th Oct 2023\"\nsummary = \"S\"\n+++\nText.\n", 4, 12},
		{"JSON", "{\n  \"title\": \"T\",\n  \"author\": \"A\",\n  \"date\": \"8th Oct 2023\",\n  \"summary\": \"S\"\n}\n\nText.\n", 4, 11},
		// Columns count characters, not bytes: é is one column.
		{"JSONAfterAccent", "{\n  \"title\": \"Café\", \"date\": \"8th Oct 2023\",\n  \"author\": \"A\", \"summary\": \"S\"\n}\n\nText.\n", 2, 28},
		{"TOMLAfterAccent", "+++\n\"café\" = 1\ntitle = \"T\"\nauthor = \"A\"\n\"naïve\" = 2\ndate = \"8th Oct 2023\"\nsummary = \"S\"\n+++\nText.\n", 6, 8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lib, err := Load(mapFS("x.md", tc.src), Options{})
			if err == nil {
				t.Fatalf("Load succeeded (warnings %q), want a date error", warningLines(lib))
			}
			errs := Errors(err)
			if len(errs) != 1 {
				t.Fatalf("got %d errors, want 1:\n%v", len(errs), err)
			}
			e := errs[0]
			line := strings.Split(tc.src, "\n")[tc.line-1]
			want := &Error{Path: "x.md", Line: tc.line, Col: tc.col, Severity: SeverityError,
				Message: `date "8th Oct 2023" ` + octFix, Text: line}
			if diff := cmp.Diff(want, e); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			if at := string([]rune(line)[tc.col-1:]); !strings.HasPrefix(at, `"8th`) && !strings.HasPrefix(at, "8th") {
				t.Errorf("%d:%d points at %q, not at the value", tc.line, tc.col, at)
			}
		})
	}
}

func TestLoad_OtherFieldValues(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"UpdatedBeforeDate", article("title: T", "author: A", "date: 2023-10-08", "updated: 2023-01-01", "summary: S"),
			[]string{"x.md:5:10: error: updated 2023-01-01 is before the date 2023-10-08 (an update comes after first publication; fix one of the two)"}},
		{"BadSlug", article("title: T", "author: A", "date: 2023-10-08", "slug: Neck Pain!", "summary: S"),
			[]string{`x.md:5:7: error: slug "Neck Pain!" may hold only lowercase letters, digits and single hyphens (write slug: neck-pain)`}},
		{"DraftNotBoolean", article("title: T", "author: A", "date: 2023-10-08", "draft: maybe", "summary: S"),
			[]string{`x.md:5:8: error: draft must be true or false, not "maybe" (write draft: true to hide the article, or remove the line)`}},
		{"TagsGroup", article("title: T", "author: A", "date: 2023-10-08", "tags: {a: b}", "summary: S"),
			[]string{"x.md:5:7: error: tags must be a list of text, not a group of fields (write it like tags: [first, second])"}},
		{"DuplicateKey", article("title: T", "author: A", "date: 2023-10-08", "title: U", "summary: S"),
			[]string{"x.md:5:1: error: title is given twice, here and on line 2 (keep one of them)"}},
		{"NoText", "---\ntitle: T\nauthor: A\ndate: 2023-10-08\nsummary: S\n---\n\n",
			[]string{"x.md:7:1: error: the article has no text (write the article below the front matter)"}},
		{"FileNameWithoutLetters", "", nil}, // filled in below: needs its own file name
		{"Sources", article("title: T", "author: A", "date: 2023-10-08", "summary: S",
			"sources:",
			"  - title: One",
			"    url: example.org/one",
			"    year: twenty",
			"  - url: https://example.org/two",
			"    tittle: Two",
			"  - just text"), []string{
			`x.md:8:10: error: source url "example.org/one" is not a web address (write the full address, starting with https://)`,
			`x.md:9:11: error: source year "twenty" is not a year (write four digits, e.g. year: 2021)`,
			`x.md:11:5: error: unknown field "tittle" (did you mean "title"?)`,
			`x.md:12:5: error: each source needs title: and url: fields, not text (write - title: "…" and url: https://… on the next line)`,
		}},
		{"SourcesTOML", "+++\ntitle = \"T\"\nauthor = \"A\"\ndate = 2023-10-08\nsummary = \"S\"\n\n" +
			"[[sources]]\ntitle = \"One\"\nurl = \"example.org/one\"\n\n" +
			"[[sources]]\nurl = \"https://example.org/two\"\nyear = 12\n+++\nText.\n", []string{
			`x.md:9:7: error: source url "example.org/one" is not a web address (write the full address, starting with https://)`,
			"x.md:11:1: error: a source has no title (add title: to it)",
			`x.md:13:8: error: source year "12" is not a year (write four digits, e.g. year: 2021)`,
		}},
		{"SourcesNotAList", article("title: T", "author: A", "date: 2023-10-08", "summary: S", "sources: https://example.org"),
			[]string{"x.md:6:10: error: sources must be a list, each item with title: and url: (see the example in the README)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.src == "" {
				wantErrors(t, mapFS("---.md", article("title: T", "author: A", "date: 2023-10-08", "summary: S")), Options{},
					`---.md:1:1: error: the file name "---.md" gives no web address (rename the file with letters or digits, or add a line such as slug: neck-pain)`)
				return
			}
			wantErrors(t, mapFS("x.md", tc.src), Options{}, tc.want...)
		})
	}
}

func TestLoad_SeveralBrokenFilesReportedTogether(t *testing.T) {
	fsys := mapFS(
		"good.md", article("title: Good", "author: A", "date: 2023-10-08", "summary: S"),
		"b.md", article("title:", "author: A", "date: 8th Oct 2023", "summary: S"),
		"sub/c.md", "no front matter here\n",
		"a.md", article("title: A", "author: A", "date: 2023-10-08", "sumary: S"),
		"site.yaml", "name: Clinic\ntimezone: Mars/Olympus\n",
		"sub/d.md", "{\n  \"title\": \"T\"\n  \"author\": \"A\"\n}\n\nText.\n",
	)
	wantErrors(t, fsys, Options{},
		`a.md:5:1: error: unknown field "sumary" (did you mean "summary"?)`,
		`b.md:2:1: error: title is empty (write it after title:, e.g. title: "Neck pain at work")`,
		`b.md:4:7: error: date "8th Oct 2023" `+octFix,
		`site.yaml:2:11: error: timezone "Mars/Olympus" is not a time zone name (write e.g. Europe/London, America/New_York or UTC)`,
		"sub/c.md:1:1: error: the file has no front matter (start it with a line of ---, then title:, author: and date: lines, then another line of ---)",
		`sub/d.md:3:3: error: JSON syntax error: a comma is missing between two fields (end every field but the last with a comma)`,
	)
	// Warnings of the files are not errors, and do not appear among them.
	_, err := Load(fsys, Options{})
	for _, e := range Errors(err) {
		if e.Path == "" || e.Line <= 0 {
			t.Errorf("%v: has no path or line", e)
		}
	}
}

func TestLoad_FrontMatterProblems(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"None", "# Neck pain\n\nText.\n",
			"x.md:1:1: error: the file has no front matter (start it with a line of ---, then title:, author: and date: lines, then another line of ---)"},
		{"Empty", "",
			"x.md:1:1: error: the file has no front matter (start it with a line of ---, then title:, author: and date: lines, then another line of ---)"},
		{"FieldsWithoutFences", "title: T\nauthor: A\ndate: 2023-10-08\n\nText.\n",
			"x.md:1:1: error: the file has no front matter (start it with a line of ---, then title:, author: and date: lines, then another line of ---)"},
		{"YAMLNeverClosed", "---\ntitle: T\nauthor: A\ndate: 2023-10-08\n\nText.\n",
			"x.md:1:1: error: the front matter opened with --- is never closed (add a line with only --- after the last field, before the article text)"},
		{"YAMLNeverClosedAfterBlankLines", "\n\n---\ntitle: T\n",
			"x.md:3:1: error: the front matter opened with --- is never closed (add a line with only --- after the last field, before the article text)"},
		{"TOMLNeverClosed", "+++\ntitle = \"T\"\n\nText.\n",
			"x.md:1:1: error: the front matter opened with +++ is never closed (add a line with only +++ after the last field, before the article text)"},
		{"JSONNeverClosed", "{\n  \"title\": \"T\"\n\nText.\n",
			"x.md:1:1: error: the front matter opened with { is never closed (add a line with only } after the last field, before the article text)"},
		{"JSONWithoutBlankLine", "{\n  \"title\": \"T\",\n  \"author\": \"A\",\n  \"date\": \"2023-10-08\"\n}\nText.\n",
			"x.md:5:1: error: the JSON front matter ends with } and then a blank line (add an empty line after the } on this line, before the article text)"},
		{"NotFields", "---\n- title\n- author\n---\nText.\n",
			"x.md:2:1: error: the front matter must be a set of fields such as title: (it is a list)"},
		{"YAMLColonInValue", "---\ntitle: T\nauthor: Jane: Doe\ndate: 2023-10-08\n---\nText.\n",
			`x.md:3:1: error: YAML syntax error: a colon inside a value (put the whole value in double quotes, like summary: "Neck pain: what helps")`},
		{"YAMLIndented", "---\ntitle: T\n  author: A\ndate: 2023-10-08\n---\nText.\n",
			`x.md:3:1: error: YAML syntax error: a colon inside a value (put the whole value in double quotes, like summary: "Neck pain: what helps")`},
		{"YAMLTab", "---\ntitle: T\n\tauthor: A\ndate: 2023-10-08\n---\nText.\n",
			`x.md:3:1: error: YAML syntax error: a tab used for indentation (indent with spaces instead of tabs)`},
		{"YAMLUnclosedQuote", "---\ntitle: T\nauthor: A\ndate: 2023-10-08\nsummary: \"S\n---\nText.\n",
			`x.md:5:10: error: YAML syntax error: a quote opened here is never closed (end the value with the same quote mark it starts with)`},
		// go.yaml.in/yaml/v3 gives parser errors a 0-based line.
		{"YAMLTextAfterQuote", "---\ntitle: T\nauthor: A\ndate: 2023-10-08\nsummary: 'S' and more\n---\nText.\n",
			`x.md:5:12: error: YAML syntax error: the quote ends early: the value goes on after this closing ' (put the whole value in quotes: summary: "'S' and more")`},
		{"YAMLBadListItem", "---\ntitle: T\ntags:\n  - a\n  - b\n  c\nauthor: A\n---\nText.\n",
			`x.md:6:1: error: YAML syntax error: a line without a colon (write each field as name: value)`},
		// An unclosed list is reported where it opens.
		{"YAMLUnclosedList", "---\ntitle: T\nauthor: A\ndate: 2023-10-08\ntags: [a, b\nsummary: S\n---\nText.\n",
			`x.md:5:1: error: YAML syntax error: a list opened with [ is never closed (close the list with ], and separate its items with commas)`},
		{"YAMLListOpenAtEnd", "---\ntitle: T\nauthor: A\ndate: 2023-10-08\ntags: [\n---\nText.\n",
			`x.md:5:7: error: YAML syntax error: the front matter ends before this value is finished (close the [ … ] list with ], and separate its items with commas)`},
		{"YAMLNestedGroupOpenAtEnd", "---\ntitle: T\nauthor: A\ndate: 2023-10-08\ntags: [a, {b: c\n---\nText.\n",
			`x.md:5:1: error: YAML syntax error: a group opened with { is never closed (close the group with }, and separate its fields with commas)`},
		{"JSONListOpenAtEnd", "{\n  \"title\": \"T\",\n  \"tags\": [\"a\", {\"b\": 1\n}\n\nText.\n",
			`x.md:3:11: error: JSON syntax error: the front matter ends before this value is finished (close the [ … ] list with ], and separate its items with commas)`},
		{"TOMLUnquotedText", "+++\ntitle = \"T\"\nauthor = Jane\ndate = 2023-10-08\n+++\nText.\n",
			`x.md:3:10: error: TOML syntax error: a value that is not quoted text, a number, a date, true, false or a list (put text in double quotes, like summary = "What helps")`},
		{"TOMLAfterBlankLines", "\n\n+++\ntitle = \"T\"\nauthor = \"A\"\ndate = 2023-10-08\nsummary: \"S\"\n+++\nText.\n",
			`x.md:7:8: error: TOML syntax error: expected '.' or '=', but got ':' instead (check the quotes and = signs: text needs double quotes, like summary = "What helps")`},
		{"TOMLColumnCountsCharacters", "+++\ntitle = \"Café\"; date = 1\n+++\nText.\n",
			`x.md:2:15: error: TOML syntax error: there is more on this line after the value (put each field on a line of its own, and text in double quotes, like summary = "What helps")`},
		// BurntSushi/toml says "unexpected EOF": the message says what is
		// left open, and points at where it opens.
		{"TOMLUnclosedList", "+++\ntitle = [\n+++\n\nText.\n",
			`x.md:2:9: error: TOML syntax error: the front matter ends before this value is finished (close the [ … ] list with ], and separate its items with commas)`},
		{"TOMLUnclosedListAcrossLines", "+++\ntitle = \"T\"\ntags = [\n  \"a\",\n  \"b\"\n+++\n\nText.\n",
			`x.md:3:8: error: TOML syntax error: the front matter ends before this value is finished (close the [ … ] list with ], and separate its items with commas)`},
		{"TOMLUnclosedNestedList", "+++\ntitle = \"T\"\ntags = [[\"a\"], [\"b\",\n+++\n\nText.\n",
			`x.md:3:16: error: TOML syntax error: the front matter ends before this value is finished (close the [ … ] list with ], and separate its items with commas)`},
		{"TOMLUnclosedMultilineString", "+++\ntitle = \"T\"\nsummary = \"\"\"\nWhat helps.\n+++\n\nText.\n",
			`x.md:3:11: error: TOML syntax error: the front matter ends before this value is finished (close the """ string with """)`},
		{"TOMLUnclosedLiteralString", "+++\ntitle = \"Café\"\nsummary = '''\nWhat helps.\n+++\n\nText.\n",
			`x.md:3:11: error: TOML syntax error: the front matter ends before this value is finished (close the ''' string with ''')`},
		{"JSONMissingComma", "{\n  \"title\": \"T\",\n  \"author\": \"A\"\n  \"date\": \"2023-10-08\"\n}\n\nText.\n",
			`x.md:4:3: error: JSON syntax error: a comma is missing between two fields (end every field but the last with a comma)`},
		{"JSONTrailingComma", "{\n  \"title\": \"T\",\n  \"author\": \"A\",\n  \"date\": \"2023-10-08\",\n}\n\nText.\n",
			`x.md:5:1: error: JSON syntax error: a field name without double quotes, or a comma after the last field (write each field as "name": value, with no comma after the last one)`},
		{"JSONUnclosedList", "{\n  \"title\": \"T\",\n  \"tags\": [\"a\"\n}\n\nText.\n",
			`x.md:4:1: error: JSON syntax error: a list opened with [ is never closed, or a comma is missing between two of its items (close the list with ], and separate its items with commas)`},
		{"JSONTooDeep", "{\n\"x\": " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n}\n\nText.\n",
			"x.md:2:105: error: JSON front matter nests [ and { more than 100 deep (an article's fields need at most three levels; remove the extra brackets)"},
		{"YAMLAliasBomb", yamlAliasBomb,
			"x.md:5:8: error: YAML aliases (*name) expand to too many values (write the values out instead of using & and *)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantErrors(t, mapFS("x.md", tc.src), Options{}, tc.want)
		})
	}
}

// yamlAliasBomb would expand to 9^10 values: the load must refuse it
// rather than run out of memory.
var yamlAliasBomb = func() string {
	var b strings.Builder
	b.WriteString("---\na: &a [x, x, x, x, x, x, x, x, x]\n")
	prev := "a"
	for _, c := range "bcdefghij" {
		name := string(c)
		b.WriteString(name + ": &" + name + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+",", 9), ",") + "]\n")
		prev = name
	}
	b.WriteString("title: T\nauthor: A\ndate: 2023-10-08\n---\nText.\n")
	return b.String()
}()

func TestLoad_UnknownFields(t *testing.T) {
	// A misspelt field is reported once, as misspelt: not as missing too.
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"Sumary", article("title: T", "author: A", "date: 2023-10-08", "sumary: S"),
			[]string{`x.md:5:1: error: unknown field "sumary" (did you mean "summary"?)`}},
		{"Auther", article("title: T", "auther: A", "date: 2023-10-08", "summary: S"), []string{
			`x.md:3:1: error: unknown field "auther" (did you mean "author"?)`,
		}},
		{"Tittle", article("tittle: T", "author: A", "date: 2023-10-08", "summary: S"), []string{
			`x.md:2:1: error: unknown field "tittle" (did you mean "title"?)`,
		}},
		{"Capitalised", article("Title: T", "author: A", "date: 2023-10-08", "summary: S"), []string{
			`x.md:2:1: error: unknown field "Title" (did you mean "title"?)`,
		}},
		{"TOML", "+++\ntitle = \"T\"\nauthor = \"A\"\ndate = 2023-10-08\n  sumary = \"S\"\n+++\nText.\n",
			[]string{`x.md:5:3: error: unknown field "sumary" (did you mean "summary"?)`}},
		{"JSON", "{\n  \"title\": \"T\",\n  \"author\": \"A\",\n  \"date\": \"2023-10-08\",\n  \"sumary\": \"S\"\n}\n\nText.\n",
			[]string{`x.md:5:3: error: unknown field "sumary" (did you mean "summary"?)`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantErrors(t, mapFS("x.md", tc.src), Options{}, tc.want...)
		})
	}
}

func TestLoad_UnknownFieldFarFromAnyIsAWarning(t *testing.T) {
	lib, err := Load(mapFS("x.md", article("title: T", "author: A", "date: 2023-10-08", "summary: S", "colour: red", "layout: wide")), Options{})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := []string{
		`x.md:6:1: warning: unknown field "colour" is ignored (remove it, or use one of: ` + knownList + `)`,
		`x.md:7:1: warning: unknown field "layout" is ignored (remove it, or use one of: ` + knownList + `)`,
	}
	if diff := cmp.Diff(want, warningLines(lib)); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	for _, w := range lib.Warnings() {
		if w.Severity != SeverityWarning {
			t.Errorf("%v: severity %v, want warning", w, w.Severity)
		}
	}
	if len(lib.Articles()) != 1 {
		t.Errorf("got %d articles, want 1", len(lib.Articles()))
	}
}

func TestLoad_DuplicateSlugNamesBothFiles(t *testing.T) {
	tests := []struct {
		name  string
		fsys  fstest.MapFS
		opts  Options
		wants string
	}{
		{"SameFileNameInTwoFolders", mapFS(
			"a/neck-pain.md", article("title: One", "author: A", "date: 2023-10-08", "summary: S"),
			"b/neck-pain.md", article("title: Two", "author: A", "date: 2023-10-09", "summary: S"),
		), Options{}, "b/neck-pain.md:1:1: error: the web address /articles/neck-pain/ is also used by a/neck-pain.md (give one of the two files another name, or a different slug:)"},
		{"SlugFieldMatchesFileName", mapFS(
			"neck-pain.md", article("title: One", "author: A", "date: 2023-10-08", "summary: S"),
			"other.md", article("title: Two", "author: A", "date: 2023-10-09", "slug: neck-pain", "summary: S"),
		), Options{Root: "content"}, "content/other.md:1:1: error: the web address /articles/neck-pain/ is also used by content/neck-pain.md (give one of the two files another name, or a different slug:)"},
		{"FileNamesDifferingInCase", mapFS(
			"Neck-Pain.md", article("title: One", "author: A", "date: 2023-10-08", "summary: S"),
			"neck_pain.md", article("title: Two", "author: A", "date: 2023-10-09", "summary: S"),
		), Options{}, "neck_pain.md:1:1: error: the web address /articles/neck-pain/ is also used by Neck-Pain.md (give one of the two files another name, or a different slug:)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantErrors(t, tc.fsys, tc.opts, tc.wants)
		})
	}
}

func TestLoad_InvalidUTF8(t *testing.T) {
	const fix = " (save the file as UTF-8 in your editor, or retype the character here)"
	tests := []struct{ name, src, want string }{
		{"InFrontMatter", article("title: T", "author: A", "date: 2023-10-08", "summary: caf\xe9 au lait"),
			"x.md:5:13: error: the file is not valid UTF-8 text: byte 0xe9 cannot be read" + fix},
		{"AfterMultibyteCharacters", article("title: Ça va", "author: Zoë", "date: 2023-10-08", "summary: naïve \xc3("),
			"x.md:5:16: error: the file is not valid UTF-8 text: byte 0xc3 cannot be read" + fix},
		{"InBody", "---\ntitle: T\nauthor: A\ndate: 2023-10-08\nsummary: S\n---\n\nOne.\n\nTwo \xff.\n",
			"x.md:10:5: error: the file is not valid UTF-8 text: byte 0xff cannot be read" + fix},
		{"FirstByte", "\x80---\n", "x.md:1:1: error: the file is not valid UTF-8 text: byte 0x80 cannot be read" + fix},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantErrors(t, mapFS("x.md", tc.src), Options{}, tc.want)
		})
	}
}

func TestLoad_MissingSummaryUsesFirstParagraph(t *testing.T) {
	src := "---\ntitle: T\nauthor: A\ndate: 2023-10-08\n---\n\n## Heading first\n\nThe *first* paragraph,\nover two lines.\n\nThe second.\n"
	lib, err := Load(mapFS("x.md", src), Options{})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := []string{`x.md:1:1: warning: summary is missing, so the first paragraph stands in for it (add a line such as summary: "One or two sentences for the index page")`}
	if diff := cmp.Diff(want, warningLines(lib)); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	a := lib.Articles()[0]
	if want := "The first paragraph, over two lines."; a.Summary != want || a.Description != want {
		t.Errorf("Summary = %q, Description = %q; want both %q", a.Summary, a.Description, want)
	}

	// An empty summary line is the editor's choice: no stand-in, no warning.
	lib = mustLoad(t, mapFS("x.md", article("title: T", "author: A", "date: 2023-10-08", "summary:")), Options{})
	if a := lib.Articles()[0]; a.Summary != "" {
		t.Errorf("Summary = %q, want empty", a.Summary)
	}
	// A description of its own is kept.
	lib = mustLoad(t, mapFS("x.md", article("title: T", "author: A", "date: 2023-10-08", "summary: S", "description: D")), Options{})
	if a := lib.Articles()[0]; a.Summary != "S" || a.Description != "D" {
		t.Errorf("Summary, Description = %q, %q; want S, D", a.Summary, a.Description)
	}
}

func TestLoad_Settings(t *testing.T) {
	src := "name: Riverside Clinic\ntagline: Care, explained\ndescription: Articles on care.\nlanguage: en-GB\nbase_url: https://health.example.org/\ntimezone: Europe/London\nreview_period: 18 months\ndisclaimer: Ask your GP.\nreading_grade: 6\nsentence_words: 20\nparagraph_words: 80\n"
	lib := mustLoad(t, mapFS("site.yaml", src, "x.md", article("title: T", "author: A", "date: 2023-07-01", "summary: S")), Options{})
	s := lib.Settings()
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	want := Settings{Name: "Riverside Clinic", Tagline: "Care, explained", Description: "Articles on care.", Language: "en-GB", BaseURL: "https://health.example.org", Location: london, ReviewMonths: 18, Disclaimer: "Ask your GP.",
		ReadingGrade: 6, SentenceWords: 20, ParagraphWords: 80}
	if diff := cmp.Diff(want, s, cmp.Comparer(func(a, b *time.Location) bool { return a.String() == b.String() })); diff != "" {
		t.Errorf("settings (-want +got):\n%s", diff)
	}
	// Dates without a zone are read in the site's.
	if got, want := lib.Articles()[0].Date, time.Date(2023, 7, 1, 0, 0, 0, 0, london); !got.Equal(want) {
		t.Errorf("Date = %v, want %v", got, want)
	}
}

func TestLoad_SettingsMissingFileGivesDefaults(t *testing.T) {
	lib := mustLoad(t, mapFS("x.md", article("title: T", "author: A", "date: 2023-10-08", "summary: S")), Options{})
	if diff := cmp.Diff(DefaultSettings(), lib.Settings(), cmp.Comparer(func(a, b *time.Location) bool { return a == b })); diff != "" {
		t.Errorf("settings (-want +got):\n%s", diff)
	}
	lib = mustLoad(t, mapFS(), Options{})
	if got := lib.Settings(); got.Name != "Healthsite" || got.Location != time.UTC || len(lib.Articles()) != 0 {
		t.Errorf("empty folder: settings %+v, %d articles", got, len(lib.Articles()))
	}
}

func TestLoad_SettingsErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		opts Options
		want []string
	}{
		{"BaseURLNotHTTP", "name: Clinic\nbase_url: ftp://example.org\n", Options{},
			[]string{`site.yaml:2:11: error: base URL "ftp://example.org" is not an absolute http or https address (write it like https://health.example.org)`}},
		{"BaseURLRelative", "base_url:   /health\n", Options{},
			[]string{`site.yaml:1:13: error: base URL "/health" is not an absolute http or https address (write it like https://health.example.org)`}},
		{"BaseURLQuery", "base_url: https://example.org/?a=b\n", Options{},
			[]string{`site.yaml:1:11: error: base URL "https://example.org/?a=b" may have only a scheme and a host, with no path, query or user name (write it like https://health.example.org; the site is served at the root of its host)`}},
		{"BaseURLPath", "base_url: https://example.org/health\n", Options{},
			[]string{`site.yaml:1:11: error: base URL "https://example.org/health" may have only a scheme and a host, with no path, query or user name (write it like https://health.example.org; the site is served at the root of its host)`}},
		{"Timezone", "timezone: Mars/Olympus\n", Options{},
			[]string{`site.yaml:1:11: error: timezone "Mars/Olympus" is not a time zone name (write e.g. Europe/London, America/New_York or UTC)`}},
		{"TimezoneMisspelt", "timezone: Europe/Londn\n", Options{},
			[]string{`site.yaml:1:11: error: timezone "Europe/Londn" is not a time zone name (did you mean Europe/London?)`}},
		{"TimezoneLocal", "timezone: Local\n", Options{},
			[]string{`site.yaml:1:11: error: timezone "Local" is not a time zone name (write e.g. Europe/London, America/New_York or UTC)`}},
		{"Language", "language: English\n", Options{},
			[]string{`site.yaml:1:11: error: language "English" is not a language tag (write e.g. en, en-GB or fr)`}},
		{"AllThreeWithRoot", "name: Clinic\nlanguage: en_GB\nbase_url: example.org\ntimezone: London\n", Options{Root: "content"}, []string{
			`content/site.yaml:2:11: error: language "en_GB" is not a language tag (write e.g. en, en-GB or fr)`,
			`content/site.yaml:3:11: error: base URL "example.org" is not an absolute http or https address (write it like https://health.example.org)`,
			`content/site.yaml:4:11: error: timezone "London" is not a time zone name (did you mean Europe/London?)`,
		}},
		{"NameEmpty", "name:\n", Options{},
			[]string{"site.yaml:1:1: error: name is empty (write the site's name, e.g. name: Riverside Clinic)"}},
		{"NearKey", "nmae: Clinic\n", Options{},
			[]string{`site.yaml:1:1: error: unknown field "nmae" (did you mean "name"?)`}},
		{"Syntax", "name: Clinic\nlanguage: en: GB\n", Options{},
			[]string{`site.yaml:2:1: error: YAML syntax error: a colon inside a value (put the whole value in double quotes, like summary: "Neck pain: what helps")`}},
		{"NotFields", "- name\n", Options{},
			[]string{"site.yaml:1:1: error: settings must be written as name: value lines (see the example in the README)"}},
		{"InvalidUTF8", "name: Clinic\ntagline: caf\xe9\n", Options{},
			[]string{"site.yaml:2:13: error: the file is not valid UTF-8 text: byte 0xe9 cannot be read (save the file as UTF-8 in your editor, or retype the character here)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantErrors(t, mapFS("site.yaml", tc.src), tc.opts, tc.want...)
		})
	}
}

func TestLibrary_OrderAndPublished(t *testing.T) {
	now := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)
	fsys := mapFS(
		"old.md", article("title: Old", "author: A", "date: 2023-01-01", "summary: S"),
		"new.md", article("title: New", "author: A", "date: 2023-12-01", "summary: S"),
		"same-day-b.md", article("title: B same day", "author: A", "date: 2023-06-01", "summary: S"),
		"same-day-a.md", article("title: A same day", "author: A", "date: 2023-06-01", "summary: S"),
		"draft.md", article("title: Draft", "author: A", "date: 2023-09-01", "draft: true", "summary: S"),
		"scheduled.md", article("title: Scheduled", "author: A", "date: 2024-06-01", "summary: S"),
		"future-draft.md", article("title: Future draft", "author: A", "date: 2025-01-01", "draft: true", "summary: S"),
		"today-later.md", article("title: Later today", "author: A", "date: 2024-01-01T13:00:00Z", "summary: S"),
		"_drafts/hidden.md", article("title: Hidden", "author: A", "date: 2023-01-01", "summary: S"),
		".backup.md", "not an article",
		"leaflet.pdf", "not an article",
		// Left out on purpose, so without a notice.
		"site.yaml", "ignore: [_drafts, .backup.md]\n",
	)
	lib := mustLoad(t, fsys, Options{})
	slugs := func(as []*Article) []string {
		var out []string
		for _, a := range as {
			out = append(out, a.Slug)
		}
		return out
	}
	tests := []struct {
		name string
		got  []*Article
		want []string
	}{
		{"Articles", lib.Articles(), []string{"future-draft", "scheduled", "today-later", "new", "draft", "same-day-a", "same-day-b", "old"}},
		{"Published", lib.Published(now, false), []string{"new", "same-day-a", "same-day-b", "old"}},
		{"PublishedWithDrafts", lib.Published(now, true), []string{"new", "draft", "same-day-a", "same-day-b", "old"}},
		{"PublishedLater", lib.Published(now.Add(time.Hour), false), []string{"today-later", "new", "same-day-a", "same-day-b", "old"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, slugs(tc.got)); diff != "" {
				t.Errorf("slugs (-want +got):\n%s", diff)
			}
		})
	}
	if a := lib.Article("scheduled"); a == nil || a.Published(now) {
		t.Errorf(`Article("scheduled") = %v, want an unpublished article`, a)
	}
	if a := lib.Article("hidden"); a != nil {
		t.Errorf(`Article("hidden") = %v; files under _drafts are skipped`, a.Path)
	}
	// Articles returns a copy.
	as := lib.Articles()
	as[0] = nil
	if lib.Articles()[0] == nil {
		t.Error("changing the slice from Articles changed the library")
	}
}

func TestLoad_RootPrefixesPaths(t *testing.T) {
	for _, root := range []string{"content", "content/"} {
		t.Run(root, func(t *testing.T) {
			fsys := mapFS(
				"x.md", article("title: T", "author: A", "date: 2023-10-08", "summary: S"),
				"sub/y.md", article("title: T", "author: A", "date: 2023-10-08"),
			)
			lib, err := Load(fsys, Options{Root: root})
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			var paths []string
			for _, a := range lib.Articles() {
				paths = append(paths, a.Path)
			}
			slices.Sort(paths)
			if diff := cmp.Diff([]string{"content/sub/y.md", "content/x.md"}, paths); diff != "" {
				t.Errorf("paths (-want +got):\n%s", diff)
			}
			want := []string{`content/sub/y.md:1:1: warning: summary is missing, so the first paragraph stands in for it (add a line such as summary: "One or two sentences for the index page")`}
			if diff := cmp.Diff(want, warningLines(lib)); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
			wantErrors(t, mapFS("x.md", "no front matter"), Options{Root: root},
				"content/x.md:1:1: error: the file has no front matter (start it with a line of ---, then title:, author: and date: lines, then another line of ---)")
		})
	}
}

func TestLoad_FileTooLarge(t *testing.T) {
	src := article("title: T", "author: A", "date: 2023-10-08", "summary: S") + strings.Repeat("Words and more words.\n", 200)
	wantErrors(t, mapFS("x.md", src), Options{MaxFileSize: 2 << 10},
		"x.md: error: the file is 4 KiB, over the limit of 2 KiB ("+tooBigFix+")")
	mustLoad(t, mapFS("x.md", src), Options{MaxFileSize: 8 << 10})
}

// TestLoad_TooBigFileHasOneFix: every file the size limit applies to
// gets the same fix, and it is one that works: not a check option that
// serve and build ignore, nor "make it shorter" alone for a file that
// a pasted picture makes big.
func TestLoad_TooBigFileHasOneFix(t *testing.T) {
	long := strings.Repeat("Words and more words.\n", 200)
	for _, tc := range []struct{ name, src string }{
		{"knee.md", article("title: T", "author: A", "date: 2023-10-08", "summary: S") + long},
		{"pages/about.md", "---\ntitle: About us\n---\n\n" + long},
		{"authors/ann-lee.md", "---\nname: Ann Lee\n---\n\n" + long},
		{AuthorsFile, "- name: Ann Lee\n  bio: |\n" + strings.ReplaceAll(long, "Words", "    Words")},
	} {
		r := Check(mapFS(tc.name, tc.src), Options{MaxFileSize: 2 << 10})
		want := fmt.Sprintf("%s: error: the file is %d KiB, over the limit of 2 KiB (shorten it, or split it into several files; a picture pasted into the text (data:image/…) belongs in images/ instead, shown with ![what it shows](images/name.jpg))", tc.name, len(tc.src)>>10)
		if got := problemLines(r.Problems); !slices.Contains(got, want) {
			t.Errorf("%s: problems\n%s\nlack\n%s", tc.name, strings.Join(got, "\n"), want)
		}
	}
}

// TestLoad_LargeFrontMatter loads front matters near the file size limit:
// placing their values must take time in proportion to their size (these
// took minutes when each key searched the whole block again).
func TestLoad_LargeFrontMatter(t *testing.T) {
	var toml, json strings.Builder
	toml.WriteString("+++\ntitle = \"T\"\nauthor = \"A\"\ndate = 2023-10-08\nsummary = \"S\"\n")
	json.WriteString("{\n\"title\": \"T\", \"author\": \"A\", \"date\": \"2023-10-08\", \"summary\": \"S\",\n\"tags\": [\n")
	for i := range 20000 {
		fmt.Fprintf(&toml, "key%d = %d\n", i, i)
		fmt.Fprintf(&json, "\"tag%d\",", i)
		if i%10 == 0 {
			json.WriteString("\n")
		}
	}
	toml.WriteString("[[sources]]\ntitle = \"S\"\nurl = \"https://example.org\"\n")
	for i := range 20000 {
		fmt.Fprintf(&toml, "k%d = %d\n", i, i)
	}
	toml.WriteString("+++\nText.\n")
	json.WriteString("\"last\"]\n}\n\nText.\n")
	for name, src := range map[string]string{"TOML": toml.String(), "JSON": json.String()} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			lib, err := Load(mapFS("x.md", src), Options{})
			if took := time.Since(start); took > 10*time.Second {
				t.Errorf("loading %d KiB took %v", len(src)>>10, took)
			}
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if name == "JSON" && len(lib.Articles()[0].Tags) != 20001 {
				t.Errorf("got %d tags, want 20001", len(lib.Articles()[0].Tags))
			}
			if name == "TOML" && len(lib.Warnings()) != 40000 {
				t.Errorf("got %d warnings, want one for each of the 40000 unknown keys", len(lib.Warnings()))
			}
		})
	}
}

func TestLoad_ShippedContent(t *testing.T) {
	lib, err := Load(os.DirFS("../../content"), Options{Root: "content"})
	if err != nil {
		t.Fatalf("Load: the shipped content has errors:\n%v", err)
	}
	if w := warningLines(lib); len(w) > 0 {
		t.Errorf("the shipped content has warnings:\n%s", strings.Join(w, "\n"))
	}
	as := lib.Articles()
	if len(as) != 3 {
		t.Fatalf("got %d articles, want 3", len(as))
	}
	for i := 1; i < len(as); i++ {
		if as[i].Date.After(as[i-1].Date) {
			t.Errorf("article %d (%s, %v) is newer than article %d (%s, %v)", i, as[i].Path, as[i].Date, i-1, as[i-1].Path, as[i-1].Date)
		}
	}
	var hastings *Article
	for _, a := range as {
		if slices.Contains(a.Authors, "Cecilia Hastings") {
			hastings = a
		}
		if a.Title == "" || a.Summary == "" || a.Words < 100 || !strings.HasPrefix(a.Path, "content/") {
			t.Errorf("%s: title %q, summary %q, %d words", a.Path, a.Title, a.Summary, a.Words)
		}
	}
	if hastings == nil {
		t.Fatal("no article by Cecilia Hastings")
	}
	if got := hastings.Date.Format("2006-01-02"); got != "2023-10-08" {
		t.Errorf("Cecilia Hastings's article is dated %s, want 2023-10-08", got)
	}
	if !strings.HasPrefix(hastings.Summary, "Hey there, ladies and gents!") {
		t.Errorf("Cecilia Hastings's summary = %q, want it to start %q", hastings.Summary, "Hey there, ladies and gents!")
	}
}

func warningsOf(lib *Library) []*Error {
	if lib == nil {
		return nil
	}
	return lib.Warnings()
}

// FuzzParseArticle loads arbitrary bytes as one article file: the load
// never panics, fails exactly when it reports an error, and places every
// problem in that file, on a line of it.
func FuzzParseArticle(f *testing.F) {
	for _, tc := range formatCases {
		f.Add([]byte(tc.src))
	}
	for _, tc := range requiredFieldCases {
		f.Add([]byte(tc.src))
	}
	for _, s := range []string{
		"", "---", "---\n---\n", "+++\n+++\n", "{\n}\n\n", "\ufeff", "\r\n", "\xff",
		strings.ReplaceAll(neckPainYAML, "\n", "\r\n"),
		yamlAliasBomb,
		"{\n\"x\": " + strings.Repeat("[", 200) + "\n}\n\nText.\n",
		"+++\ntitle = [\n+++\n\nText.\n", "+++\ntitle = \"\"\"\n+++\n\nText.\n", "+++\ntitle = {a = 1\n+++\n\nText.\n",
		"---\ntitle: [\n---\n\nText.\n", "---\ntitle: \"a\n---\n\nText.\n", "{\n\"title\": [\n}\n\nText.\n",
	} {
		f.Add([]byte(s))
	}
	const path = "content/fuzz.md"
	f.Fuzz(func(t *testing.T, src []byte) {
		lib, err := Load(mapFS("fuzz.md", string(src)), Options{Root: "content"})
		if (lib == nil) == (err == nil) {
			t.Fatalf("Load returned library %v and error %v: want exactly one", lib != nil, err)
		}
		// CRLF and a lone CR end a line, as in Markdown and YAML.
		lines := bytes.Count(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")), []byte("\n")) + bytes.Count(src, []byte("\r")) - bytes.Count(src, []byte("\r\n")) + 1
		check := func(e *Error, sev Severity) {
			if e.Path != path || e.Line < 0 || e.Line > lines || e.Col < 0 || e.Message == "" || e.Severity != sev {
				t.Errorf("problem %#v (%v): want path %s, line 0 to %d, column >= 0, severity %v and a message", e, e, path, lines, sev)
			}
		}
		// No message shows the parsers' or Go's internals.
		for _, e := range append(Errors(err), warningsOf(lib)...) {
			for _, bad := range []string{"EOF", "goroutine", "panic"} {
				if strings.Contains(e.Message, bad) {
					t.Errorf("problem %v shows %q", e, bad)
				}
			}
		}
		if err != nil {
			errs := Errors(err)
			if len(errs) == 0 {
				t.Fatalf("error %v holds no *Error", err)
			}
			for _, e := range errs {
				check(e, SeverityError)
			}
			return
		}
		for _, w := range lib.Warnings() {
			check(w, SeverityWarning)
		}
		as := lib.Articles()
		if len(as) != 1 {
			t.Fatalf("loaded without error but %d articles", len(as))
		}
		a := as[0]
		if a.Path != path || a.Title == "" || len(a.Authors) == 0 || a.Date.IsZero() || !slugPattern.MatchString(a.Slug) || lib.Article(a.Slug) != a {
			t.Errorf("loaded an incomplete article: %+v", a)
		}
		if strings.TrimSpace(a.Text) == "" {
			t.Errorf("loaded an article without text")
		}
	})
}
