package article

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// checkLines checks fsys and returns every problem, formatted.
func checkLines(t *testing.T, nameContent ...string) []string {
	t.Helper()
	var out []string
	for _, e := range Check(mapFS(nameContent...), Options{}).Problems {
		out = append(out, e.Error())
	}
	return out
}

// TestCheck_TextThatDisappears: what an editor writes that readers would
// not see as written is a warning at its place, with the Markdown to use.
func TestCheck_TextThatDisappears(t *testing.T) {
	front := "---\ntitle: Knee pain\nauthor: A\ndate: 2024-01-01\nsummary: S.\n---\n\n"
	tests := []struct {
		name, body string
		want       []string
	}{
		{"HTMLBlock", "Intro.\n\n<div>Call 999 if you cannot walk.</div>\n", []string{
			"x.md:10:1: warning: the HTML <div> is not shown as HTML, only its text as a plain paragraph: articles are written in Markdown (write the text on its own, without tags; for a box that stands out, start its lines with > [!WARNING])"}},
		{"Script", "Intro.\n\n<script>alert(1)</script>\n", []string{
			"x.md:10:1: warning: the HTML <script> is not shown: pages never run scripts or styles of their own (remove it)"}},
		{"Image", "Intro.\n\n  <img src=\"knee.jpg\">\n", []string{
			`x.md:10:1: warning: the HTML <img> is not shown: articles are written in Markdown (for a picture, write ![what it shows](images/knee.jpg))`}},
		{"InlineHTML", "Call <strong>999</strong> now.\n", []string{
			"x.md:8:6: warning: the HTML tag <strong> is left out, and the text around it is shown without it: articles are written in Markdown (for bold, write **the words**)"}},
		{"CommentIsFine", "Intro.\n\n<!-- ask Dr Marsh -->\n", nil},
		{"UnknownCallout", "> [!DANGER]\n> Stop.\n", []string{
			"x.md:8:3: warning: [!DANGER] is not a type of callout, so it shows as text and the box is lost (did you mean [!CAUTION] or [!WARNING]? the five types are [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION])"}},
		{"MisspeltCallout", "> [!WARNNG]\n> Stop.\n", []string{
			"x.md:8:3: warning: [!WARNNG] is not a type of callout, so it shows as text and the box is lost (did you mean [!WARNING]? the five types are [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION])"}},
		{"ShortenedCallout", "> [!WARN]\n> Stop.\n", []string{
			"x.md:8:3: warning: [!WARN] is not a type of callout, so it shows as text and the box is lost (did you mean [!WARNING]? the five types are [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION])"}},
		{"ColonInCallout", "> [!NOTE:]\n> Rest.\n", []string{
			"x.md:8:3: warning: [!NOTE:] is not a callout marker, so it shows as text and the box is lost (write [!NOTE] exactly, with the ! inside the brackets and nothing else, on a line of its own)"}},
		{"CalloutWithoutBang", "> [WARNING]\n> Stop.\n", []string{
			"x.md:8:3: warning: [WARNING] is not a callout marker, so it shows as text and the box is lost (write [!WARNING] exactly, with the ! inside the brackets and nothing else, on a line of its own)"}},
		{"CalloutBangOutside", "> ![WARNING]\n> Stop.\n", []string{
			"x.md:8:3: warning: ![WARNING] is not a callout marker, so it shows as text and the box is lost (write [!WARNING] exactly, with the ! inside the brackets and nothing else, on a line of its own)"}},
		{"EmptyCallout", "> [!WARNING]\n\nStop.\n", []string{
			"x.md:8:3: warning: the [!WARNING] callout has no text, so readers see an empty box (write its text on the next line, starting it with > as well)"}},
		{"StrangeCallout", "> [!PURPLE]\n> Stop.\n", []string{
			"x.md:8:3: warning: [!PURPLE] is not a type of callout, so it shows as text and the box is lost (write one of the five types: [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION])"}},
		{"TopHeading", "Intro.\n\n# Exercises\n\n## Squats\n", []string{
			`x.md:10:1: warning: the heading "Exercises" is a top-level heading (#), which only the title may be, so every heading of the article moves down a level (write ## Exercises)`}},
		{"TitleRepeated", "# Knee pain\n\nIntro.\n", []string{
			`x.md:8:1: warning: the heading "Knee pain" repeats the title, which the page shows already, and moves every heading of the article down a level (remove this line)`}},
		{"HeadingWithoutSpace", "Intro.\n\n##What helps\n", []string{
			`x.md:10:1: warning: "##What helps" is shown as text, not as a heading, because no space follows the # (write ## What helps)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, checkLines(t, "x.md", front+tt.body)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCheck_TagsWithoutBrackets: a comma in a single tag is two topics
// meant as one, in every front matter syntax.
func TestCheck_TagsWithoutBrackets(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"YAML", "---\ntitle: T\nauthor: A\ndate: 2024-01-01\nsummary: S.\ntags: knee pain, running\n---\n\nText.\n",
			`x.md:6:7: warning: tags is one topic named "knee pain, running" (for several topics, write tags: [knee pain, running])`},
		{"YAMLQuoted", "---\ntitle: T\nauthor: A\ndate: 2024-01-01\nsummary: S.\ntags: \"knee pain,running\"\n---\n\nText.\n",
			`x.md:6:7: warning: tags is one topic named "knee pain,running" (for several topics, write tags: [knee pain, running])`},
		{"TOML", "+++\ntitle = \"T\"\nauthor = \"A\"\ndate = 2024-01-01\nsummary = \"S.\"\ntags = \"knee pain, running\"\n+++\n\nText.\n",
			`x.md:6:8: warning: tags is one topic named "knee pain, running" (for several topics, write tags = ["knee pain", "running"])`},
		{"JSON", "{\n\"title\": \"T\", \"author\": \"A\", \"date\": \"2024-01-01\", \"summary\": \"S.\",\n\"tags\": \"knee pain, running\"\n}\n\nText.\n",
			`x.md:3:9: warning: tags is one topic named "knee pain, running" (for several topics, write "tags": ["knee pain", "running"])`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff([]string{tt.want}, checkLines(t, "x.md", tt.src)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
	if got := checkLines(t, "x.md", "---\ntitle: T\nauthor: A\ndate: 2024-01-01\nsummary: S.\ntags: [knee pain, running]\n---\n\nText.\n"); got != nil {
		t.Errorf("a list of tags has problems: %q", got)
	}
}

// TestCheck_CurlyQuotes: quotes curled by Word or a Mac are named as
// such, with the value in straight quotes to write instead.
func TestCheck_CurlyQuotes(t *testing.T) {
	rest := "author: A\ndate: 2024-01-01\nsummary: S.\n---\n\nText.\n"
	tests := []struct{ name, src, want string }{
		{"Double", "---\ntitle: “Neck pain: what helps”\n" + rest,
			`x.md:2:8: error: YAML syntax error: the value starts with the curly quote “, which is not a quote mark in YAML (type straight quotes " instead: title: "Neck pain: what helps"; Word, Mac and phone keyboards curl quotes as you type unless smart quotes are turned off)`},
		{"SingleWithApostrophe", "---\ntitle: ‘Neck pain: it’s common’\n" + rest,
			`x.md:2:8: error: YAML syntax error: the value starts with the curly quote ‘, which is not a quote mark in YAML (type straight quotes " instead: title: "Neck pain: it’s common"; Word, Mac and phone keyboards curl quotes as you type unless smart quotes are turned off)`},
		{"TOML", "+++\ntitle = “Neck pain”\nauthor = \"A\"\ndate = 2024-01-01\nsummary = \"S.\"\n+++\n\nText.\n",
			`x.md:2:9: error: TOML syntax error: the value starts with the curly quote “, which is not a quote mark in TOML (type straight quotes " instead: title = "Neck pain"; Word, Mac and phone keyboards curl quotes as you type unless smart quotes are turned off)`},
		{"ReadAsText", "---\ntitle: “Neck pain”\n" + rest,
			`x.md:2:8: warning: title is shown with the curly quotes around it, “Neck pain”, which are not read as quote marks (type straight quotes " instead: title: "Neck pain", or leave them out)`},
		{"InAList", "---\ntitle: T\ntags: [‘knee’, hip]\n" + rest,
			`x.md:3:8: warning: tags is shown with the curly quotes around it, ‘knee’, which are not read as quote marks (type straight quotes " instead: "knee", or leave them out)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff([]string{tt.want}, checkLines(t, "x.md", tt.src)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
	// An apostrophe or quotes inside the text are fine.
	if got := checkLines(t, "x.md", "---\ntitle: It’s “fine”, really\n"+rest); got != nil {
		t.Errorf("quotes inside a title: %q", got)
	}
}

// TestCheck_DatesSayWhatWasMeant: a date in another form gets the
// year-month-day it means when that is clear, both readings when it is
// not, and what the calendar allows when the day is not on it.
func TestCheck_DatesSayWhatWasMeant(t *testing.T) {
	tests := []struct{ date, want string }{
		{"8th Oct 2023", "is not written year-month-day (did you mean 2023-10-08?)"},
		{"October 8, 2023", "is not written year-month-day (did you mean 2023-10-08?)"},
		{"20/02/2024", "is not written year-month-day (did you mean 2024-02-20?)"},
		{"02/20/2024", "is not written year-month-day (did you mean 2024-02-20?)"},
		{"03/04/2024", "is not written year-month-day, and could be 3 April or 4 March (write 2024-04-03 for 3 April, or 2024-03-04 for 4 March)"},
		{"2024/02/20", "is not written year-month-day with hyphens (did you mean 2024-02-20?)"},
		{"2024-2-3", "is not written year-month-day with two digits for the month and the day (did you mean 2024-02-03?)"},
		{"2024-20-02", "has no month 20: dates are year-month-day (did you mean 2024-02-20?)"},
		{"2024-02-30", "is not a day of the calendar: February has 29 days at most (check the day)"},
		{"2023-02-29", "is not a day of the calendar: 2023 is not a leap year, so February has 28 days (check the day)"},
		{"2024-04-31", "is not a day of the calendar: April has 30 days (check the day)"},
		{"31 April 2024", "is not a day of the calendar: April has 30 days (check the day, and write it year-month-day, like 2023-10-08)"},
		{"10th January", "has no year (write the year first, then the month and the day: YYYY-01-10)"},
		{"soon", "is not a date (write it year-month-day, as 2023-10-08, or with the time, as 2023-10-08T09:00:00+01:00 or 2023-10-08 09:00:00 -0500)"},
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			got := checkLines(t, "x.md", article("title: T", "author: A", `date: "`+tt.date+`"`, "summary: S"))
			want := []string{`x.md:4:7: error: date "` + tt.date + `" ` + tt.want}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCheck_TOMLDatesSayWhatWasMeant: a date TOML cannot read gets the
// same help as in YAML, at the value, not a decoder's message.
func TestCheck_TOMLDatesSayWhatWasMeant(t *testing.T) {
	tests := []struct{ date, want string }{
		{"2024-02-30", "is not a day of the calendar: February has 29 days at most (check the day)"},
		{"2023-02-29", "is not a day of the calendar: 2023 is not a leap year, so February has 28 days (check the day)"},
		{"2024-02-30T09:00:00Z", "is not a day of the calendar: February has 29 days at most (check the day)"},
		{"2024-2-3", "is not written year-month-day with two digits for the month and the day (did you mean 2024-02-03?)"},
		{"2024-20-02  # moved", "has no month 20: dates are year-month-day (did you mean 2024-02-20?)"},
		{"20/02/2024", "is not written year-month-day (did you mean 2024-02-20?)"},
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			src := "+++\ntitle = \"T\"\nauthor = \"A\"\ndate = " + tt.date + "\nsummary = \"S\"\n+++\nText.\n"
			value, _, _ := strings.Cut(tt.date, "T")
			value, _, _ = strings.Cut(value, " ")
			want := []string{`x.md:4:8: error: date "` + value + `" ` + tt.want}
			if diff := cmp.Diff(want, checkLines(t, "x.md", src)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCheck_UnpublishedNames: .markdown is published like .md; other
// files that look like articles are named, with the fix; hidden names
// stay quiet.
func TestCheck_UnpublishedNames(t *testing.T) {
	good := article("title: Knee", "author: A", "date: 2024-01-01", "summary: S")
	fsys := mapFS("knee.markdown", good, "BACK.MD", good, "Knee.txt", "notes", "neck.mdown", good,
		"leaflet.docx", "PK", "_drafts.txt", "x", ".notes.txt", "x", "leaflet.pdf", "%PDF", "images/knee.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>`)
	lib, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if lib.Article("knee") == nil || lib.Article("back") == nil {
		t.Errorf("knee.markdown or BACK.MD not published: %v", lib.Articles())
	}
	var got []string
	for _, w := range lib.Warnings() {
		got = append(got, w.Error())
	}
	want := []string{
		"Knee.txt: warning: Knee.txt is not published: only .md and .markdown files are articles (rename it Knee.md to publish it, or start its name with _ to keep it out of the site)",
		"leaflet.docx: warning: leaflet.docx is a word-processor document, which is not published (copy its text into a plain text file named leaflet.md, with the front matter of an article, or start its name with _ to keep it out of the site)",
		"neck.mdown: warning: neck.mdown is not published: only .md and .markdown files are articles (rename it neck.md to publish it, or start its name with _ to keep it out of the site)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}

// TestCheck_LinksToFilesAndNearNames: a link to an article's Markdown
// file, or to an address that nearly names an article, topic or author,
// gets the address it means.
func TestCheck_LinksToFilesAndNearNames(t *testing.T) {
	therapy := article("title: Demystifying myofascial release therapy", "author: Dr. Jo O'Neill", "date: 2024-01-01", "summary: S", "tags: [Knee pain, C++]")
	linking := func(links ...string) string {
		return article("title: Links", "author: A", "date: 2024-01-01", "summary: S") + strings.Join(links, "\n\n") + "\n"
	}
	tests := []struct{ link, want string }{
		{"(myofascial-release-therapy.md)", "error: the link to myofascial-release-therapy.md leads to the Markdown file, which is not published (link to the article's address: /articles/myofascial-release-therapy/)"},
		{"(../myofascial-release-therapy.md#how)", "error: the link to ../myofascial-release-therapy.md#how leads to the Markdown file, which is not published (link to the article's address: /articles/myofascial-release-therapy/)"},
		{"(myofascial-release-therapie.md)", "error: the link to myofascial-release-therapie.md leads to a Markdown file, which is not published, and no article is written in a file of that name (did you mean the article /articles/myofascial-release-therapy/?)"},
		{"(/articles/myofascial-release/)", "error: the link to /articles/myofascial-release/ leads to no article (did you mean /articles/myofascial-release-therapy/?)"},
		{"(/articles/myofacial-release/)", "error: the link to /articles/myofacial-release/ leads to no article (did you mean /articles/myofascial-release-therapy/?)"},
		{"(/articles/demystifying-myofascial-release/)", "error: the link to /articles/demystifying-myofascial-release/ leads to no article (did you mean /articles/myofascial-release-therapy/?)"},
		{"(/tags/knee/)", "error: the link to /tags/knee/ leads to no topic: no article has the tag \"knee\" (did you mean /tags/knee-pain/?)"},
		{"(/tags/hip/)", "error: the link to /tags/hip/ leads to no topic: no article has the tag \"hip\" (link to one of the topics listed at /tags/, or add the tag to an article's tags:)"},
		{"(/tags/Knee%20Pain/)", "warning: the link to /tags/Knee%20Pain/ is not the address of the topic \"Knee pain\" (write /tags/knee-pain/)"},
		{"(/authors/nobody/)", "error: the link to /authors/nobody/ leads to no author: no article is by \"nobody\" (link to one of the authors listed at /authors/)"},
		{"(/authors/dr-jo-oneil/)", "error: the link to /authors/dr-jo-oneil/ leads to no author: no article is by \"dr-jo-oneil\" (did you mean /authors/dr-jo-oneill/?)"},
		// The very addresses the pages have are fine.
		{"(/tags/knee-pain/) [b](/tags/c-plus-plus/) [c](/authors/dr-jo-oneill/) [d](/tags/) [e](/authors/)", ""},
	}
	for _, tt := range tests {
		t.Run(tt.link, func(t *testing.T) {
			got := checkLines(t, "myofascial-release-therapy.md", therapy, "links.md", linking("[x]"+tt.link))
			var want []string
			if tt.want != "" {
				want = []string{"links.md:9:1: " + tt.want}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCheck_ImageCase: an image named in another case than the file's
// is reported with the name to write: servers and CDNs tell them apart.
func TestCheck_ImageCase(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>`
	got := checkLines(t, "images/knee.svg", svg, "guides/x.md", article("title: T", "author: A", "date: 2024-01-01", "summary: S", "image: ../Images/Knee.SVG", "image_alt: A knee")+"![A knee](../images/KNEE.svg) ![A knee](/images/Knee.svg)\n")
	want := []string{
		"guides/x.md:6:8: error: the image ../Images/Knee.SVG is not in the content folder, but images/knee.svg is: names are case-sensitive on web servers (write ../images/knee.svg)",
		"guides/x.md:11:1: error: the image ../images/KNEE.svg is not in the content folder, but images/knee.svg is: names are case-sensitive on web servers (write ../images/knee.svg)",
		"guides/x.md:11:31: error: the image /images/Knee.svg is not in the content folder, but images/knee.svg is: names are case-sensitive on web servers (write /images/knee.svg)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// TestCheck_LinkToReviewerPage: a reviewer with a profile has a page
// among the authors', and a link to it is not broken.
func TestCheck_LinkToReviewerPage(t *testing.T) {
	got := checkLines(t,
		"authors/elena-marsh.md", "---\nname: Dr Elena Marsh\ncredentials: DPT\n---\n\nElena treats backs.\n",
		"a.md", article("title: T", "author: A", "date: 2024-01-01", "summary: S", `reviewed_by: "Dr Elena Marsh, DPT"`, "reviewed: 2024-01-02")+
			"[Elena](/authors/dr-elena-marsh/) and [nobody](/authors/elena/)\n")
	want := []string{`a.md:11:39: error: the link to /authors/elena/ leads to no author: no article is by "elena" (did you mean /authors/dr-elena-marsh/?)`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// TestCheck_SkippedHeadingInTheLevelsTyped: a skipped heading level is
// told in the number of # the editor typed, not in the levels the page
// shows after a top-level heading moved every heading down.
func TestCheck_SkippedHeadingInTheLevelsTyped(t *testing.T) {
	front := "---\ntitle: Knee pain\nauthor: A\ndate: 2024-01-01\nsummary: S.\n---\n\n"
	tests := []struct {
		name, body string
		want       []string
	}{
		{"Plain", "## Big\n\n#### Deep\n", []string{
			`x.md:10:1: warning: the heading "Deep" is level 4 (####) right after level 2 (##) (write ### Deep, so that no level is skipped)`}},
		{"AfterTopHeading", "# Big\n\n### Deep\n", []string{
			`x.md:8:1: warning: the heading "Big" is a top-level heading (#), which only the title may be, so every heading of the article moves down a level (write ## Big)`,
			`x.md:10:1: warning: the heading "Deep" is level 3 (###) right after the top-level heading "Big" (#) (write that one as ## Big, as said for it; then ### Deep follows it rightly)`}},
		{"FarAfterTopHeading", "# Big\n\n#### Deep\n", []string{
			`x.md:8:1: warning: the heading "Big" is a top-level heading (#), which only the title may be, so every heading of the article moves down a level (write ## Big)`,
			`x.md:10:1: warning: the heading "Deep" is level 4 (####) right after the top-level heading "Big" (#) (write that one as ## Big, as said for it, and this one as ### Deep)`}},
		{"FirstAfterTheTitle", "### Deep\n", []string{
			`x.md:8:1: warning: the heading "Deep" is level 3 (###) right after level 1 (#) (write ## Deep, so that no level is skipped)`}},
		{"ShiftedButAfterSecondLevel", "# Big\n\n## Mid\n\n#### Deep\n", []string{
			`x.md:8:1: warning: the heading "Big" is a top-level heading (#), which only the title may be, so every heading of the article moves down a level (write ## Big)`,
			`x.md:12:1: warning: the heading "Deep" is level 4 (####) right after level 2 (##) (write ### Deep, so that no level is skipped)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, checkLines(t, "x.md", front+tt.body)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCheck_PageImageAltQuotesThePathWritten: the alternative-text
// warning of a page or a profile names the image as the editor wrote it,
// as an article's does, not the address the site serves it at.
func TestCheck_PageImageAltQuotesThePathWritten(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>`
	tests := []struct{ file, src, want string }{
		{"pages/contact.md", "---\ntitle: Contact\n---\n\n![](/images/knee.svg)\n\nWrite to us.\n",
			"pages/contact.md:5:1: warning: the image /images/knee.svg has no alternative text, so readers who cannot see it learn nothing (describe it between the brackets: ![A therapist pressing on a shoulder](/images/knee.svg))"},
		{"authors/a.md", "---\nname: A\n---\n\nBio ![](../images/knee.svg)\n",
			"authors/a.md:5:5: warning: the image ../images/knee.svg has no alternative text, so readers who cannot see it learn nothing (describe it between the brackets: ![A therapist pressing on a shoulder](../images/knee.svg))"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := checkLines(t, "images/knee.svg", svg, "x.md", article("title: T", "author: A", "date: 2024-01-01", "summary: S")+"Text.\n", tt.file, tt.src)
			if diff := cmp.Diff([]string{tt.want}, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCheck_MisspeltFieldIsOneMessage: a misspelt field that is expected
// or required is reported once, as misspelt, not as missing too.
func TestCheck_MisspeltFieldIsOneMessage(t *testing.T) {
	tests := []struct {
		name, site, src string
		want            []string
	}{
		{"Sumary", "", article("title: T", "author: A", "date: 2024-01-01", "sumary: x"),
			[]string{`x.md:5:1: error: unknown field "sumary" (did you mean "summary"?)`}},
		{"Capitalised", "", article("title: T", "author: A", "date: 2024-01-01", "Summary: x"),
			[]string{`x.md:5:1: error: unknown field "Summary" (did you mean "summary"?)`}},
		{"ReviewedBy", "require_review: true\n", article("title: T", "author: A", "date: 2024-01-01", "summary: S", "reviewd_by: Dr B", "reviewed: 2024-01-02",
			"sources:", "  - title: S", "    url: https://example.org/"),
			[]string{`x.md:6:1: error: unknown field "reviewd_by" (did you mean "reviewed_by"?)`}},
		{"Sources", "require_review: true\n", article("title: T", "author: A", "date: 2024-01-01", "summary: S", "reviewed_by: Dr B", "reviewed: 2024-01-02",
			"sorces:", "  - title: S", "    url: https://example.org/"),
			[]string{`x.md:8:1: error: unknown field "sorces" (did you mean "sources"?)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := []string{"x.md", tt.src}
			if tt.site != "" {
				files = append(files, "site.yaml", tt.site)
			}
			if diff := cmp.Diff(tt.want, checkLines(t, files...)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCheck_MessagesWithTheirFix: problems that were told without a fix,
// or with a fix that was wrong, get the one to make.
func TestCheck_MessagesWithTheirFix(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>`
	tests := []struct {
		name  string
		files []string
		want  []string
	}{
		{"DateWithShortTime", []string{"site.yaml", "timezone: Europe/London\n", "x.md", article("title: T", "author: A", "date: 2024-07-20 09:00", "summary: S")},
			[]string{`x.md:4:7: error: date "2024-07-20 09:00" has a time without seconds and without a time zone (write 2024-07-20T09:00:00+01:00, at the site's time zone, or the day alone: 2024-07-20)`}},
		{"ImageNearMiss", []string{"images/knee.svg", svg, "x.md", article("title: T", "author: A", "date: 2024-01-01", "summary: S") + "![A knee](images/kne.svg)\n"},
			[]string{"x.md:9:1: error: the image images/kne.svg is not in the content folder (did you mean images/knee.svg?)"}},
		{"ImageAboveTheFolder", []string{"images/knee.svg", svg, "x.md", article("title: T", "author: A", "date: 2024-01-01", "summary: S") + "![A knee](../images/knee.svg)\n"},
			[]string{"x.md:9:1: error: the image ../images/knee.svg leads out of the content folder, where the site cannot show it (write images/knee.svg)"}},
		{"ImageMissingCleanPath", []string{"guides/x.md", article("title: T", "author: A", "date: 2024-01-01", "summary: S") + "![A knee](../images/knee.svg)\n"},
			[]string{"guides/x.md:9:1: error: the image ../images/knee.svg is not in the content folder (put the file at images/knee.svg, or correct the name; names are case-sensitive)"}},
		{"PageAsText", []string{"pages/Privacy.txt", "Private.\n"},
			[]string{"pages/Privacy.txt: warning: Privacy.txt is not published: only .md and .markdown files are pages (rename it Privacy.md to publish it, or start its name with _ to keep it out of the site)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, checkLines(t, tt.files...)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCheck_SymbolicLinksAreNamedInTheirMessage: a link that is not read
// is reported with the file's own name as the subject of the sentence,
// as every other message about a file is.
func TestCheck_SymbolicLinksAreNamedInTheirMessage(t *testing.T) {
	fsys := fstest.MapFS{
		"good.md":       {Data: []byte("---\ntitle: T\nauthor: A\ndate: 2024-01-01\nsummary: S.\n---\n\nText.\n")},
		"escape.md":     {Data: []byte("nowhere.md"), Mode: fs.ModeSymlink},
		"guides":        {Data: []byte("elsewhere"), Mode: fs.ModeSymlink},
		"elsewhere":     {Mode: fs.ModeDir | 0o755},
		"elsewhere/_.x": {Data: []byte("x")},
	}
	var got []string
	for _, e := range Check(fsys, Options{Root: "content"}).Problems {
		got = append(got, e.Error())
	}
	want := []string{
		"content/escape.md: error: escape.md is a symbolic link that leads outside the content folder, or to nothing, so it is not read (copy the file into the folder instead of linking to it)",
		"content/guides: warning: guides is a symbolic link to a folder, which is not followed, so the articles in it are not published (move the folder here instead of linking to it)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
