package importer

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestParseDate_FormsOfRealSites(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	for _, tc := range []struct {
		in, want string
	}{
		{"2019-01-04 09:00:00 -0500", "2019-01-04 09:00:00 -0500"},
		{"2015-06-29 1:00:19 -0400", "2015-06-29 01:00:19 -0400"},
		{"2024-4-09", "2024-04-09"},
		{"August 27, 2020", "2020-08-27"},
		{"November 21st, 2024", "2024-11-21"},
		{"2nd March 2021", "2021-03-02"},
		{"2023-10-08T09:00:00+01:00", "2023-10-08 09:00:00 +0100"},
		{"2023-10-08T09:00:00Z", "2023-10-08 09:00:00 +0000"},
		{"2023-10-08 09:30", "2023-10-08 09:30:00 -0400"},
		{"2023/10/08", "2023-10-08"},
	} {
		d, ok := parseDate(tc.in, ny)
		if !ok || d.String() != tc.want {
			t.Errorf("parseDate(%q) = %q, %v; want %q", tc.in, d.String(), ok, tc.want)
		}
	}
	for _, bad := range []string{"", "soon", "0001-01-01", "0001-02-01 00:00:00 +0000", "32 January 2020"} {
		if d, ok := parseDate(bad, time.UTC); ok {
			t.Errorf("parseDate(%q) = %s, want no date", bad, d)
		}
	}
}

func TestAuthors_Shapes(t *testing.T) {
	for _, tc := range []struct {
		meta map[string]any
		want string
	}{
		{map[string]any{"author": "By Ann Lee"}, "Ann Lee"},
		{map[string]any{"authors": []any{"[Ann Lee](https://x.org) (NIH)", "Bo Chan"}}, "Ann Lee|Bo Chan"},
		{map[string]any{"by": "Ann Lee and Bo Chan"}, "Ann Lee|Bo Chan"},
		{map[string]any{"author": map[string]any{"name": "Cy Dee", "email": "c@x.org"}}, "Cy Dee"},
		{map[string]any{"author": []any{map[string]any{"name": "Cy Dee"}}, "authors": "Cy Dee"}, "Cy Dee"},
		{map[string]any{"author": "Ann Lee (Riverside Clinic)"}, "Ann Lee"},
	} {
		if got := strings.Join(authors(tc.meta), "|"); got != tc.want {
			t.Errorf("authors(%v) = %q, want %q", tc.meta, got, tc.want)
		}
	}
}

// convertOne imports a folder holding the one file name with src.
func convertOne(t *testing.T, kind, name, src string, opts Options) (string, *Report) {
	t.Helper()
	opts.From = kind
	res, err := Convert(fstest.MapFS{name: {Data: []byte(src)}}, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Report.Files {
		if f.Dest != "" {
			return string(res.Files[f.Dest]), res.Report
		}
	}
	return "", res.Report
}

func TestConvert_Bodies(t *testing.T) {
	for _, tc := range []struct {
		name, kind, file, src string
		want, notWant         []string
	}{
		{"shortcode in a link definition", Hugo, "content/a.md", "---\ntitle: A\ndate: 2024-01-01\nauthor: X\n---\n\nSee [b][1].\n\n[1]: {{< relref \"a.md#top\" >}}\n",
			[]string{"[1]: /articles/a/#top"}, []string{"{{"}},
		{"self-closing and paired callouts", Hugo, "content/a.md", "---\ntitle: A\n---\n\n{{< warning title=\"Careful\" >}}\nHot\n{{< /warning >}}\n\n{{% notice tip %}}\nDrink\n{{% /notice %}}\n\n{{< box />}}\n",
			[]string{"> [!WARNING]\n> **Careful**", "> [!TIP]\n> Drink"}, []string{"{{", "box"}},
		{"nested paired shortcodes", Hugo, "content/a.md", "---\ntitle: A\n---\n\n{{< note >}}\nOuter {{< note >}}inner{{< /note >}} end\n{{< /note >}}\n",
			[]string{"> [!NOTE]", "inner"}, []string{"{{"}},
		{"escaped shortcode stays as code", Hugo, "content/a.md", "---\ntitle: A\n---\n\nWrite {{</* note */>}} to make a box.\n",
			[]string{"`{{< note >}}`"}, nil},
		{"Liquid comment, assign and if", Jekyll, "_posts/2020-01-01-a.md", "---\ntitle: A\nauthor: X\n---\n\n{% comment %}hidden{% endcomment %}{% assign x = 1 %}{% if x %}Shown{% endif %}\n",
			[]string{"Shown"}, []string{"hidden", "{%", "assign"}},
		{"a lone brace pair", Folder, "a.md", "---\ntitle: A\n---\n\nTemplates use {{ and }} a lot.\n",
			nil, []string{"{{"}},
		{"blank lines and CRLF before the fence", Hugo, "content/a.md", "\r\n\r\n---\r\ntitle: A\r\n---\r\n\r\nText.\r\n",
			[]string{"title: A", "Text."}, []string{"\r"}},
		{"raw HTML alert box", Folder, "a.md", "---\ntitle: A\n---\n\n<div class=\"alert alert-danger\">\n  <p>Stop <b>now</b>.</p>\n</div>\n",
			[]string{"> [!CAUTION]\n> Stop **now**."}, []string{"<div", "<p>"}},
		{"an embedded video", Folder, "a.md", "---\ntitle: A\n---\n\n<iframe src=\"https://www.youtube.com/embed/abc123\"></iframe>\n",
			[]string{"https://www.youtube.com/watch?v=abc123"}, []string{"iframe"}},
		{"title from the first heading", Folder, "a.md", "# Knee pain\n\nText.\n",
			[]string{"title: Knee pain", "\nText."}, []string{"# Knee"}},
		{"Hugo keeps Go templates in code as examples", Hugo, "content/a.md", "---\ntitle: A\n---\n\n```go-html-template\n{{ replace $s \"a\" \"b\" }} → b\n```\n\nWrite `{{ .Title }}` or {{< param \"title\" >}}.\n",
			[]string{"{{ replace $s \"a\" \"b\" }} → b", "`{{ .Title }}`", "or A."}, []string{"{{<"}},
		{"a reference link to a page not imported", Jekyll, "_posts/2020-01-01-a.md", "---\ntitle: A\nauthor: X\n---\n\nSee the [History][] and [old notes][h] and [History].\n\n[History]: /docs/history/#v1\n[h]: /docs/history/#v1 \"Old\"\n",
			[]string{"See the History and old notes and History."}, []string{"[History]", "/docs/history", "[h]"}},
		{"kramdown attributes that make a box", Jekyll, "_posts/2020-01-01-a.md", "---\ntitle: A\nauthor: X\n---\n\nFirst.\n\n**Careful:** hot\nwater.\n{: .note .warning }\n\nLast.\n{:.lead}\n",
			[]string{"> [!WARNING]\n> **Careful:** hot\n> water.", "First.", "Last."}, []string{"{:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, rep := convertOne(t, tc.kind, tc.file, tc.src, Options{})
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("the output lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(got, w) {
					t.Errorf("the output holds %q:\n%s", w, got)
				}
			}
			if got == "" {
				var b strings.Builder
				rep.Write(&b)
				t.Errorf("nothing imported:\n%s", b.String())
			}
		})
	}
}

func TestConvert_AuthorAndDateFillWhatIsLacking(t *testing.T) {
	opts := Options{Author: "Clinic Team", Date: time.Date(2024, 2, 20, 0, 0, 0, 0, time.UTC)}
	for _, tc := range []struct {
		name, file, src string
		want            []string
		notes           []string
	}{
		{"both lacking", "a.md", "---\ntitle: A\n---\n\nText.\n",
			[]string{"author: Clinic Team", "date: 2024-02-20"}, []string{"-author gave Clinic Team", "-date gave 2024-02-20"}},
		{"a placeholder file-name date", "_posts/0001-02-01-a.md", "---\ntitle: A\nauthor: Ann\n---\n\nText.\n",
			[]string{"author: Ann", "date: 2024-02-20"}, []string{"-date gave"}},
		{"nothing lacking", "a.md", "---\ntitle: A\nauthor: Ann\ndate: 2020-01-01\n---\n\nText.\n",
			[]string{"author: Ann", "date: 2020-01-01"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kind := Folder
			if strings.HasPrefix(tc.file, "_posts/") {
				kind = Jekyll
			}
			got, rep := convertOne(t, kind, tc.file, tc.src, opts)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("the output lacks %q:\n%s", w, got)
				}
			}
			if strings.Contains(got, "draft") {
				t.Errorf("filled in, yet a draft:\n%s", got)
			}
			var b strings.Builder
			rep.Write(&b)
			for _, n := range tc.notes {
				if !strings.Contains(b.String(), n) {
					t.Errorf("the report lacks %q:\n%s", n, b.String())
				}
			}
			if tc.notes == nil && strings.Contains(b.String(), "gave") {
				t.Errorf("the report names a fill that was not needed:\n%s", b.String())
			}
		})
	}
}

// FuzzConvert feeds any text as a file to the front matter, date and
// shortcode parsers: the import must not fail or panic, and must either
// import the file or say why not.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: A\ndate: November 21st, 2024\n---\n{{< note >}}x{{< /note >}}",
		"+++\ntitle = \"A\"\n+++\n{{% warning %}}{{< ref \"b\" >}}",
		"<!--{\n\"Title\": \"A\"\n}-->\n{% raw %}{{ x }}{% endraw %}",
		"---\ntitle: A\n---\n{{< figure src=\"a.png\" >}} {% include x.html %} <div class=\"alert\">y</div>",
		"{{<", "{%", "{{</* */>}}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, kind := range []string{Hugo, Jekyll} {
			name := "content/a.md"
			if kind == Jekyll {
				name = "_posts/2020-01-01-a.md"
			}
			res, err := Convert(fstest.MapFS{name: {Data: []byte(src)}}, Options{From: kind})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Report.Files) != 1 {
				t.Fatalf("%d outcomes for one file", len(res.Report.Files))
			}
			if o := res.Report.Files[0]; (o.Dest == "") == (o.Reason == "") {
				t.Fatalf("outcome %+v: neither imported nor given a reason", o)
			}
		}
	})
}
