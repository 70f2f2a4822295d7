package markdown

import (
	"slices"
	"strings"
	"testing"
)

// TestProse: the paragraphs and list items are prose, with each letter
// placed where the source has it; headings, tables and code are not.
func TestProse(t *testing.T) {
	src := "## A heading\n\nThe first *paragraph*\nruns on \"here\".\n\n- an item with `code`\n- another\n\n" +
		"| a | b |\n| --- | --- |\n| cell | cell |\n\n```\nfenced code\n```\n\n> [!NOTE]\n> A callout, with a [link](/articles/x/).\n"
	doc, err := New().RenderWith([]byte(src), Options{Prose: true})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, p := range doc.Prose {
		texts = append(texts, p.Text)
		for i := 0; i < len(p.Text); i++ {
			c := p.Text[i]
			if c >= 'a' && c <= 'z' && src[p.Offset(i)] != c {
				t.Errorf("%q: byte %d (%c) is placed at %d, where the source has %q", p.Text, i, c, p.Offset(i), src[p.Offset(i)])
				break
			}
		}
	}
	want := []string{"The first paragraph runs on “here”.", "an item with code", "another", "A callout, with a link."}
	if strings.Join(texts, "|") != strings.Join(want, "|") {
		t.Errorf("prose %q, want %q", texts, want)
	}
	if !doc.Prose[1].Item || doc.Prose[0].Item {
		t.Errorf("items: %+v", doc.Prose)
	}
	if doc, _ := New().Render([]byte(src)); doc.Prose != nil {
		t.Errorf("prose without asking for it")
	}
}

// TestRenderWith_Marks: the runs Options.Mark returns are marked in the
// HTML, across emphasis, links and typographic quotes, a word's mark
// within its sentence's, the note escaped; code is left alone, and the
// prose Mark is given is that of Document.Prose.
func TestRenderWith_Marks(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		marks     func(src string) []Mark // from the source
		want      string
	}{
		{"a sentence", "Rest. Don't take **two** now. Walk.\n", func(src string) []Mark {
			i := strings.Index(src, "Don't")
			return []Mark{{i, strings.Index(src, " Walk"), `long & "hard"`, "m_1"}}
		}, `<p>Rest. <mark class="plain-warning" id="m_1" title="long &amp; &quot;hard&quot;">Don&rsquo;t take </mark><strong><mark class="plain-warning" title="long &amp; &quot;hard&quot;">two</mark></strong><mark class="plain-warning" title="long &amp; &quot;hard&quot;"> now.</mark> Walk.</p>`},
		{"a word in a sentence", "You have hypertension today.\n", func(src string) []Mark {
			i := strings.Index(src, "hypertension")
			return []Mark{{0, len("You have hypertension today."), "s", "m_1"}, {i, i + len("hypertension"), "w", "m_2"}}
		}, `<p><mark class="plain-warning" id="m_1" title="s">You have <mark class="plain-warning" id="m_2" title="w">hypertension</mark> today.</mark></p>`},
		{"across lines", "One two\nthree.\n", func(src string) []Mark { return []Mark{{0, len("One two\nthree."), "s", ""}} },
			"<p><mark class=\"plain-warning\" title=\"s\">One two\nthree.</mark></p>"},
		{"not code", "Use `MRI` here.\n", func(src string) []Mark { return []Mark{{0, len(src) - 1, "s", ""}} },
			`<p><mark class="plain-warning" title="s">Use </mark><code>MRI</code><mark class="plain-warning" title="s"> here.</mark></p>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var given []Prose
			doc, err := New().RenderWith([]byte(tc.src), Options{Mark: func(p []Prose) []Mark { given = p; return tc.marks(tc.src) }})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimSpace(doc.HTML); got != tc.want {
				t.Errorf("HTML:\n%s\nwant\n%s", got, tc.want)
			}
			var ids []string
			for _, m := range tc.marks(tc.src) {
				if m.ID != "" {
					ids = append(ids, m.ID)
				}
			}
			if !slices.Equal(doc.IDs, ids) {
				t.Errorf("IDs %q, want the marks' %q", doc.IDs, ids)
			}
			if len(given) == 0 || len(doc.Prose) != len(given) || doc.Prose[0].Text != given[0].Text {
				t.Errorf("prose given %v, document's %v", given, doc.Prose)
			}
		})
	}
}

// TestProse_End: End maps the end of a run of the prose to the end of
// its source, a typographer's quote counted as one byte.
func TestProse_End(t *testing.T) {
	src := "He said \"rest.\" Then walk.\n"
	doc, err := New().RenderWith([]byte(src), Options{Prose: true})
	if err != nil {
		t.Fatal(err)
	}
	p := doc.Prose[0]
	i := strings.Index(p.Text, "”") + len("”")
	if got, want := p.End(i), strings.Index(src, " Then"); got != want {
		t.Errorf("End after the quote = %d, want %d", got, want)
	}
	if got, want := p.End(strings.Index(p.Text, " walk")), strings.Index(src, " walk"); got != want {
		t.Errorf("End(before walk) = %d, want %d", got, want)
	}
}
