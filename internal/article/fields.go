package article

import (
	"fmt"
	"strings"
	"time"
)

// Presence says whether an article must give a field.
type Presence int

// The presences of a field.
const (
	Optional Presence = iota // may be left out
	Expected                 // a warning when left out: something stands in for it
	Required                 // an error when left out or empty
)

// String is the word the README's field table uses.
func (p Presence) String() string {
	switch p {
	case Required:
		return "yes"
	case Expected:
		return "expected"
	}
	return "no"
}

// FieldKind is the kind of value a field holds; it follows from the
// Article field the value is read into.
type FieldKind int

// The kinds of field value.
const (
	KindText    FieldKind = iota // one line of text
	KindList                     // a list of text, or one item written alone
	KindDate                     // a date, or a date and time
	KindBool                     // true or false
	KindSources                  // a list of sources, each with title: and url:
)

// String is the name of the kind in the README's field table.
func (k FieldKind) String() string {
	return [...]string{"text", "list", "date", "true or false", "list of sources"}[k]
}

// Field is one field of an article's front matter. Fields lists them
// all, so that the known names, the typo suggestions, the required
// checks, what healthsite new writes and the README's table are one
// list: a new field is a row there, a field of Article, and the code
// that uses it.
type Field struct {
	Name     string
	Presence Presence
	Example  string // a value as written after "name: "
	Help     string // what it is, one line of Markdown
	InNew    bool   // healthsite new writes it into a new article
	// into is the field of a that the value is read into: a *string,
	// *[]string, *time.Time, *bool or *[]Source.
	into func(a *Article) any
}

// Kind is the kind of value f holds.
func (f Field) Kind() FieldKind {
	switch f.into(&Article{}).(type) {
	case *[]string:
		return KindList
	case *time.Time:
		return KindDate
	case *bool:
		return KindBool
	case *[]Source:
		return KindSources
	}
	return KindText
}

// Line is the field as a front matter line, with its example value.
func (f Field) Line() string { return f.Name + ": " + f.Example }

// Fields returns the fields of an article's front matter, in the order
// messages list them and healthsite new writes them.
func Fields() []Field {
	return []Field{
		{"title", Required, `"Neck pain at work"`, "the article's title", true, func(a *Article) any { return &a.Title }},
		{"author", Required, "Jane Doe", "a name, or a list of names: `author: [Ann Lee, Bo Chan]`", true, func(a *Article) any { return &a.Authors }},
		{"date", Required, "2023-10-08", "first publication: `2023-10-08`, `2023-10-08T09:00:00+01:00` or `2023-10-08 09:00:00 -0500`; a date in the future schedules the article", true, func(a *Article) any { return &a.Date }},
		{"summary", Expected, `"One or two sentences for the index page"`, "one or two sentences for the index; without it the first paragraph stands in", true, func(a *Article) any { return &a.Summary }},
		{"slug", Optional, "neck-pain", "the web address, instead of the file name: lowercase letters, digits and hyphens", false, func(a *Article) any { return &a.Slug }},
		{"updated", Optional, "2024-02-20", "when the text last changed", true, func(a *Article) any { return &a.Updated }},
		{"tags", Optional, "[back pain, exercise]", "a list of topics", true, func(a *Article) any { return &a.Tags }},
		{"draft", Optional, "true", "`true` keeps the article off the site; its problems are warnings until you set `false`", true, func(a *Article) any { return &a.Draft }},
		{"description", Optional, `"Why neck pain starts at a desk, and what helps"`, "the text search engines show; the summary otherwise", true, func(a *Article) any { return &a.Description }},
		{"image", Optional, "images/knee.jpg", "a picture for the top of the page and link previews, in the content folder", true, func(a *Article) any { return &a.Image }},
		{"image_alt", Optional, `"A therapist pressing on a shoulder"`, "what the picture shows, for readers who cannot see it", true, func(a *Article) any { return &a.ImageAlt }},
		{"reviewed_by", Optional, `"Dr Elena Marsh, DPT"`, "the clinical reviewer, with credentials", true, func(a *Article) any { return &a.ReviewedBy }},
		{"reviewed", Optional, "2024-02-20", "the date of the last clinical review", true, func(a *Article) any { return &a.Reviewed }},
		{"next_review", Optional, "2025-02-20", "the date the next review is due; the site's review period after the last one otherwise", true, func(a *Article) any { return &a.NextReview }},
		{"translation_of", Optional, "knee-pain", "in a language's folder (`content/es/`): the slug of the article in the main language that this one translates; a file named like the original needs none", false, func(a *Article) any { return &a.TranslationOf }},
		{"aliases", Optional, "[/2019/01/neck-pain.html]", "old addresses of the article on this site, each starting with /, which lead to it", false, func(a *Article) any { return &a.Aliases }},
		{"sources", Optional, `[{title: "NICE guideline", url: "https://www.nice.org.uk/"}]`, "a list of references, each with `title`, `url` and optionally `publisher`, `year`, `doi`, `pmid`", true, func(a *Article) any { return &a.Sources }},
	}
}

// fieldNames are the names of Fields, in order.
func fieldNames() []string { return newSchema().names }

// schema is Fields made once for a load, with the lookups that reading
// every article's front matter needs: making the table again for each
// field of each article cost a 1,000-article check 8 MB.
type schema struct {
	fields []Field
	names  []string       // the fields' names, in order
	index  map[string]int // a field's place in fields, by name
}

func newSchema() *schema {
	s := &schema{fields: Fields(), index: map[string]int{}}
	for i, f := range s.fields {
		s.names = append(s.names, f.Name)
		s.index[f.Name] = i
	}
	return s
}

// named returns the field called name; there is one for each name that
// code asks for, which the tests pin.
func (s *schema) named(name string) Field {
	i, ok := s.index[name]
	if !ok {
		panic(fmt.Sprintf("no front matter field %q", name))
	}
	return s.fields[i]
}

// fieldTable is the README's table of the fields, in Markdown.
func fieldTable() string {
	var b strings.Builder
	b.WriteString("| field | required | value | example | what it is |\n| --- | --- | --- | --- | --- |\n")
	for _, f := range Fields() {
		fmt.Fprintf(&b, "| `%s` | %s | %s | `%s` | %s |\n", f.Name, f.Presence, f.Kind(), f.Line(), f.Help)
	}
	return b.String()
}
