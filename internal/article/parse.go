package article

import (
	"bytes"
	"cmp"
	"errors"
	"io/fs"
	pathpkg "path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"healthsite/internal/markdown"
)

// Placeholder starts the text that healthsite new writes where an
// editor must fill something in; any field still starting with it is an
// error, so that no template text is ever published.
const Placeholder = "TODO:"

// dateForms are the accepted ways to write a date, with an example each.
var dateForms = []struct{ layout, example string }{
	{"2006-01-02", "2023-10-08"},
	{time.RFC3339, "2023-10-08T09:00:00+01:00"},
	{"2006-01-02 15:04:05 -0700", "2023-10-08 09:00:00 -0500"},
}

// cleanSource checks that src is UTF-8, removes a byte-order mark, and
// turns Windows (CRLF) and old Mac (CR) line endings into LF, so that
// lines are counted as Markdown, YAML and editors count them.
func cleanSource(src []byte, p *problems) ([]byte, bool) {
	// The mark goes first, so that it is not counted in a column below.
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	if !utf8.Valid(src) {
		off := 0
		for off < len(src) {
			r, size := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		before := src[:off]
		line := bytes.Count(before, []byte("\n")) + 1
		col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
		p.errorf(line, col, "the file is not valid UTF-8 text: byte 0x%02x cannot be read (save the file as UTF-8 in your editor, or retype the character here)", src[off])
		return nil, false
	}
	return src, true
}

// reportDecodeError turns a front matter syntax error into a problem.
func reportDecodeError(p *problems, err error) {
	var se *syntaxError
	if errors.As(err, &se) {
		fix := cmp.Or(se.fix, "check the quotes, colons and indentation on this line and the one before")
		p.errorf(se.line, se.col, "%s (%s)", se.msg, fix)
		return
	}
	p.errorf(0, 0, "cannot read the front matter: %s", plainWords.Replace(err.Error()))
}

// checkKeys reports duplicate and unknown keys of n and returns the
// fields that are known, each once, and the known names that unknown
// keys were taken for: a field misspelt is reported once, as misspelt,
// not as missing too.
func checkKeys(p *problems, n *node, known []string) (fields []*field, meant map[string]bool) {
	var out []*field
	meant = map[string]bool{}
	first := map[string]*field{}
	for _, f := range n.fields {
		if prev, ok := first[f.key]; ok {
			p.errorf(f.line, f.col, "%s is given twice, here and on line %d (keep one of them)", f.key, prev.line)
			continue
		}
		first[f.key] = f
		if slices.Contains(known, f.key) {
			out = append(out, f)
			continue
		}
		if s := suggest(f.key, known); s != "" {
			p.errorf(f.line, f.col, "unknown field %q (did you mean %q?)", f.key, s)
			meant[s] = true
			continue
		}
		p.warnf(f.line, f.col, "unknown field %q is ignored (remove it, or use one of: %s)", f.key, strings.Join(known, ", "))
	}
	return out, meant
}

// suggest returns the known name within edit distance 2 of key, if any.
func suggest(key string, known []string) string {
	best, bestD := "", 3
	low := strings.ToLower(key)
	for _, k := range known {
		if d := editDistance(low, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// textValue reads a field that holds one line of text. Numbers and
// booleans are text too: a title of 1984 is a fine title.
func textValue(p *problems, f *field) (string, bool) {
	v := f.value
	switch v.kind {
	case kindString, kindNumber, kindBool:
		return strings.TrimSpace(v.text), true
	case kindTime:
		return v.text, true
	case kindNull:
		return "", true
	}
	p.errorf(v.line, v.col, "%s must be text, not %s (write it on one line after %s:, in quotes if it holds a colon)", f.key, v.kind, f.key)
	return "", false
}

// listValue reads a field that holds a list of text, or a single text.
func listValue(p *problems, f *field) ([]string, bool) {
	v := f.value
	items := v.items
	switch v.kind {
	case kindNull:
		return nil, true
	case kindString, kindNumber, kindBool:
		items = []*node{v}
	case kindList:
	default:
		p.errorf(v.line, v.col, "%s must be a list of text, not %s (write it like %s: [first, second])", f.key, v.kind, f.key)
		return nil, false
	}
	var out []string
	for _, it := range items {
		switch it.kind {
		case kindString, kindNumber, kindBool:
			if s := strings.TrimSpace(it.text); s != "" && !slices.Contains(out, s) {
				out = append(out, s)
			}
		default:
			p.errorf(it.line, it.col, "each item of %s must be text, not %s (write it like %s: [first, second])", f.key, it.kind, f.key)
			return nil, false
		}
	}
	return out, true
}

// dateAdvice is the advice naming the forms a date may be written in.
func dateAdvice() string {
	forms := make([]string, len(dateForms))
	for i, d := range dateForms {
		forms[i] = d.example
	}
	return "write it year-month-day, as " + forms[0] + ", or with the time, as " + strings.Join(forms[1:len(forms)-1], ", ") + " or " + forms[len(forms)-1]
}

// dateValue reads a date field. A date without a time zone is read in loc.
func dateValue(p *problems, f *field, loc *time.Location) (time.Time, bool) {
	v := f.value
	fix := dateAdvice()
	switch v.kind {
	case kindTime:
		t := v.time
		switch t.Location().String() {
		case "date-local", "datetime-local":
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, loc)
		case "time-local":
			p.errorf(v.line, v.col, "%s is a time of day without a date (%s)", f.key, fix)
			return time.Time{}, false
		}
		return t, true
	case kindString:
		s := strings.TrimSpace(v.text)
		if s == "" {
			p.errorf(v.line, v.col, "%s is empty (%s)", f.key, fix)
			return time.Time{}, false
		}
		for _, d := range dateForms {
			if d.layout == "2006-01-02" {
				if t, err := time.ParseInLocation(d.layout, s, loc); err == nil {
					return t, true
				}
				continue
			}
			if t, err := time.Parse(d.layout, s); err == nil {
				return t, true
			}
		}
		if t, err := time.ParseInLocation("2006-01-02 15:04", s, loc); err == nil {
			// A time without seconds or zone: say the full form, at the
			// site's offset on that day, or the day alone.
			p.errorf(v.line, v.col, "%s %q has a time without seconds and without a time zone (write %s, at the site's time zone, or the day alone: %s)", f.key, s, t.Format("2006-01-02T15:04:05-07:00"), t.Format("2006-01-02"))
			return time.Time{}, false
		}
		p.errorf(v.line, v.col, "%s %q %s", f.key, s, explainDate(s, fix))
	case kindNull:
		p.errorf(v.line, v.col, "%s is empty (%s)", f.key, fix)
	default:
		p.errorf(v.line, v.col, "%s must be a date, not %s (%s)", f.key, v.kind, fix)
	}
	return time.Time{}, false
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// slugLine finds the value of a slug field in front matter that cannot
// be read as a whole: YAML, TOML or JSON, quoted or not.
var slugLine = regexp.MustCompile(`(?m)^\s*["']?slug["']?\s*[:=]\s*["']?([^"'\s,#]+)`)

// Slugify makes a URL name of s: lowercase ASCII letters and digits
// joined by single hyphens. Accented Latin letters lose their accents
// (ü is u, é is e) and a few letters are spelled out (ß is ss, æ is ae,
// ø is o). It may return "".
func Slugify(s string) string {
	var b strings.Builder
	hyphen := false
	letter := func(r rune) {
		if hyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		hyphen = false
		b.WriteRune(r)
	}
	// NFKD splits a letter from its accents, and a ligature such as ﬁ
	// into its letters.
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			letter(r)
		case unicode.Is(unicode.Mn, r):
			// An accent, split from its letter above.
		case spelledLetters[r] != "":
			for _, l := range spelledLetters[r] {
				letter(l)
			}
		case r == '\'' || r == '\u2019':
			// "Editor's" reads better as "editors" than "editor-s".
		default:
			hyphen = true
		}
	}
	return b.String()
}

// spelledLetters are the Latin letters that NFKD does not split into an
// ASCII letter and accents, as they are usually written in ASCII.
var spelledLetters = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ð': "d", 'þ': "th",
	'ł': "l", 'ı': "i", 'ħ': "h", 'ŧ': "t", 'ŀ': "l", 'ſ': "s", 'ŋ': "ng",
}

// parseArticle reads one article file and returns every problem found,
// and the article. When a problem is an error the article is not for
// publishing, but holds what could be read of it (its address, and the
// links and sections of its text) so that links from it and to it are
// still checked.
func (l *loader) parseArticle(file string, src []byte) (*Article, []*Error) {
	path, name := displayPath(l.root, file), pathpkg.Base(file)
	p := &problems{path: path}
	a := &Article{Path: path, Slug: Slugify(strings.TrimSuffix(name, pathExt(name)))}
	src, ok := cleanSource(src, p)
	if !ok {
		return a, p.list
	}
	b, body, dataLine, bodyLine, fence, err := split(src)
	if err != nil {
		p.errorf(0, 0, "cannot read the file: %v", err)
		return a, p.list
	}
	if b.data == nil {
		if fence != "" {
			_, line := firstNonBlankLine(src)
			if fence == "{" {
				// JSON ends at a } followed by a blank line: one without
				// the blank line is not seen as the end.
				if close := closingBrace(src, line); close > 0 {
					p.errorf(close, 1, "the JSON front matter ends with } and then a blank line (add an empty line after the } on this line, before the article text)")
					return a, p.list
				}
			}
			p.errorf(line, 1, "the front matter opened with %s is never closed (add a line with only %s after the last field, before the article text)", fence, openingFences[fence])
		} else {
			p.errorf(1, 1, "the file has no front matter (start it with a line of ---, then title:, author: and date: lines, then another line of ---)")
		}
		return a, p.list
	}
	fenceLine := max(dataLine-1, 1)
	if b.delims {
		fenceLine = dataLine
	}
	// fields is nil when the front matter cannot be read; the text below
	// it is checked all the same.
	var fields map[string]*field
	var misspelt map[string]bool // fields written misspelt, reported as such
	switch n, err := decode(b, dataLine); {
	case err != nil:
		reportDecodeError(p, err)
	case n.kind != kindMap:
		p.errorf(n.line, n.col, "the front matter must be a set of fields such as title: (it is %s)", n.kind)
	default:
		a.Slug = ""
		fields, misspelt = l.readFields(a, file, name, n, fenceLine, b.format, p)
		a.slugKnown = a.Slug != ""
	}
	if fields == nil {
		// The address is the file name's, unless a slug: line that
		// could not be read says otherwise.
		if m := slugLine.FindSubmatch(b.data); m != nil {
			if s := Slugify(string(m[1])); s != "" && s != a.Slug {
				a.aliases = append(a.aliases, s)
			}
		}
	}

	doc, err := renderWithin(l.md, body, imageOptions(l.images, file), l.budget)
	if err != nil {
		p.errorf(textLine(body, bodyLine), 1, "%v", err)
		return a, p.list
	}
	a.HTML, a.Headings, a.Text = doc.HTML, doc.Headings, doc.Text
	a.rendered = true
	// Screen reader users move by heading level; a skipped level reads
	// as a missing section.
	skippedHeadings(p, body, bodyLine, doc)
	a.ids = doc.IDs
	reportNotices(p, newPositions(body, bodyLine), doc.Notices, a.Title)
	pos := newPositions(body, bodyLine)
	for _, link := range doc.Unsafe {
		line, col := pos.at(link.Offset)
		if link.Image {
			p.warnf(line, col, "the image %q is not shown: a page shows only pictures kept in the content folder (save it there and write a path such as images/knee.jpg)", link.Dest)
			continue
		}
		p.warnf(line, col, "the link to %q is shown as plain text: only http, https, mailto and tel addresses and paths on the site can be links (write the full address, starting with https://)", link.Dest)
	}
	for _, link := range doc.Links {
		line, col := pos.at(link.Offset)
		if !link.Image {
			a.links = append(a.links, linkAt{dest: link.Dest, line: line, col: col})
			continue
		}
		dest := link.Dest
		if strings.TrimSpace(link.Alt) == "" {
			p.warnf(line, col, "the image %s has no alternative text, so readers who cannot see it learn nothing (describe it between the brackets: ![A therapist pressing on a shoulder](%s))", dest, dest)
		}
		switch _, ok := resolveImage(l.images, file, dest); {
		case !ok && !link.Resolved:
			l.missingImage(p, line, col, file, dest)
		case isExternal(dest):
			externalImage(p, line, col, dest)
		}
	}
	a.Words = len(strings.Fields(doc.Text))
	switch text := strings.TrimSpace(doc.Text); {
	case text == "":
		p.errorf(textLine(body, bodyLine), 1, "the article has no text (write the article below the front matter)")
	case strings.HasPrefix(text, Placeholder):
		line, col := newPositions(body, bodyLine).at(bytes.Index(body, []byte(Placeholder)))
		p.errorf(line, col, "the article text starts with the placeholder %s (write the article in its place)", Placeholder)
	}
	if a.Summary == "" && fields != nil && fields["summary"] == nil {
		a.Summary = doc.FirstParagraph
	}
	if a.Summary == doc.FirstParagraph && fields != nil && fields["summary"] == nil && !misspelt["summary"] {
		p.warnf(fenceLine, 1, "summary is missing, so the first paragraph stands in for it (add a line such as %s)", fieldNamed("summary").Line())
	}
	if a.Description == "" {
		a.Description = a.Summary
	}
	return a, p.list
}

// readFields reads the fields of the front matter n into a, and returns
// them by name, with the fields written misspelt, which are reported as
// such and not as missing too.
func (l *loader) readFields(a *Article, file, name string, n *node, fenceLine int, syntax format, p *problems) (map[string]*field, map[string]bool) {
	fields, misspelt, rejected := l.readValues(a, n, syntax, p)
	checkRequired(a, fields, misspelt, rejected, fenceLine, p)
	checkTextValues(n, fields, p)
	l.checkReview(a, fields, misspelt, fenceLine, p)
	if f := fields["updated"]; f != nil && !a.Updated.IsZero() && !a.Date.IsZero() && a.Updated.Before(a.Date) {
		p.errorf(f.value.line, f.value.col, "updated %s is before the date %s (an update comes after first publication; fix one of the two)", a.Updated.Format("2006-01-02"), a.Date.Format("2006-01-02"))
	}
	if a.Slug == "" {
		a.Slug = Slugify(strings.TrimSuffix(name, pathExt(name)))
		if a.Slug == "" {
			p.errorf(fenceLine, 1, "the file name %q gives no web address (rename the file with letters or digits, or add a line such as slug: neck-pain)", name)
		}
	}
	l.leadImage(a, file, fields, misspelt, p)
	return fields, misspelt
}

// readValues reads the value of each known field of n into a, as its
// row of Fields says, and returns the fields by name, those written
// misspelt, and those whose value was reported as wrong.
func (l *loader) readValues(a *Article, n *node, syntax format, p *problems) (fields map[string]*field, misspelt, rejected map[string]bool) {
	fields, rejected = map[string]*field{}, map[string]bool{}
	known, misspelt := checkKeys(p, n, fieldNames())
	for _, f := range known {
		fields[f.key] = f
		ok := readValue(p, f, fieldNamed(f.key).into(a), l.settings.Location)
		switch v := f.value; f.key {
		case "slug":
			if ok && !slugPattern.MatchString(a.Slug) {
				p.errorf(v.line, v.col, "slug %q may hold only lowercase letters, digits and single hyphens (write slug: %s)", a.Slug, cmp.Or(Slugify(a.Slug), "my-article"))
			}
		case "tags":
			if v.kind == kindString && strings.Contains(v.text, ",") {
				p.warnf(v.line, v.col, "tags is one topic named %q (for several topics, write %s)", strings.TrimSpace(v.text), tagList(syntax, v.text))
			}
		}
		rejected[f.key] = !ok
	}
	return fields, misspelt, rejected
}

// readValue reads the value of f into dst, a pointer to a field of an
// Article, and reports whether it could. A date left empty is not
// given, as healthsite new writes it; a required one is reported empty.
func readValue(p *problems, f *field, dst any, loc *time.Location) bool {
	ok := true
	switch dst := dst.(type) {
	case *string:
		var s string
		if s, ok = textValue(p, f); ok {
			*dst = s
		}
	case *[]string:
		*dst, ok = listValue(p, f)
	case *time.Time:
		if f.value.kind == kindNull && fieldNamed(f.key).Presence != Required {
			break
		}
		*dst, ok = dateValue(p, f, loc)
	case *bool:
		switch v := f.value; v.kind {
		case kindBool:
			*dst = v.text == "true"
		case kindNull:
		default:
			p.errorf(v.line, v.col, "%s must be true or false, not %q (write %s: true to hide the article, or remove the line)", f.key, v.text, f.key)
		}
	case *[]Source:
		*dst = sourcesValue(p, f)
	}
	return ok
}

// checkRequired reports each required field that is missing or empty,
// unless it was reported as misspelt or its value as wrong already.
func checkRequired(a *Article, fields map[string]*field, misspelt, rejected map[string]bool, fenceLine int, p *problems) {
	for _, r := range Fields() {
		if r.Presence != Required {
			continue
		}
		f, ok := fields[r.Name]
		empty, noItems := false, false
		if ok {
			empty = f.value.kind == kindNull
			switch dst := r.into(a).(type) {
			case *string:
				empty = empty || *dst == ""
			case *[]string:
				empty = empty || len(*dst) == 0 && f.value.kind != kindList
				noItems = len(*dst) == 0
			}
		}
		switch {
		case !ok && misspelt[r.Name]:
			// Reported as a misspelling already.
		case !ok:
			p.errorf(fenceLine, 1, "%s is missing (add a line such as %s to the front matter)", r.Name, r.Line())
		case rejected[r.Name]:
			// Its value has been reported already.
		case empty:
			p.errorf(f.line, f.col, "%s is empty (write it after %s:, e.g. %s)", r.Name, r.Name, r.Line())
		case noItems:
			p.errorf(f.line, f.col, "%s lists no names (write at least one, e.g. %s)", r.Name, r.Line())
		}
	}
}

// checkTextValues reports text values of the known fields of n that
// still hold the placeholder of healthsite new, or are shown with curly
// quotes around them.
func checkTextValues(n *node, fields map[string]*field, p *problems) {
	for _, f := range n.fields {
		v := f.value
		if v.kind != kindString && v.kind != kindList || fields[f.key] != f {
			continue
		}
		for _, it := range append([]*node{v}, v.items...) {
			if it.kind == kindString && strings.HasPrefix(strings.TrimSpace(it.text), Placeholder) {
				p.errorf(it.line, it.col, "%s still holds the placeholder %q (replace it with the real text)", f.key, it.text)
			}
			if inner, ok := curlyQuoted(it.text); it.kind == kindString && ok {
				straight := `"` + inner + `"`
				if it == v {
					straight = f.key + ": " + straight
				}
				p.warnf(it.line, it.col, "%s is shown with the curly quotes around it, %s, which are not read as quote marks (type straight quotes \" instead: %s, or leave them out)", f.key, strings.TrimSpace(it.text), straight)
			}
		}
	}
}

// checkReview checks the clinical review: a reviewer and a date go
// together, and the next review comes after the last one; without a
// date of its own it is due a review period after the last.
func (l *loader) checkReview(a *Article, fields map[string]*field, misspelt map[string]bool, fenceLine int, p *problems) {
	fReviewed, fBy, fNext := fields["reviewed"], fields["reviewed_by"], fields["next_review"]
	switch {
	case a.ReviewedBy != "" && a.Reviewed.IsZero() && fReviewed == nil && !misspelt["reviewed"]:
		p.errorf(fBy.line, fBy.col, "reviewed_by has no date of review (add a line such as reviewed: 2024-02-20)")
	case !a.Reviewed.IsZero() && a.ReviewedBy == "" && fBy != nil && fBy.value.kind == kindNull || !a.Reviewed.IsZero() && fBy == nil && !misspelt["reviewed_by"]:
		p.errorf(fReviewed.line, fReviewed.col, "reviewed has no reviewer (add a line such as reviewed_by: \"Dr Elena Marsh, DPT\")")
	}
	if !a.Reviewed.IsZero() && !a.NextReview.IsZero() && !a.Reviewed.Before(a.NextReview) {
		p.errorf(fNext.value.line, fNext.value.col, "next_review %s is not after the last review on %s (the next review comes later; fix one of the two)", a.NextReview.Format("2006-01-02"), a.Reviewed.Format("2006-01-02"))
	}
	if !a.NextReview.IsZero() && a.Reviewed.IsZero() && fNext != nil {
		p.errorf(fNext.line, fNext.col, "next_review is set but the article has no review (add reviewed: and reviewed_by:, or remove next_review)")
	}
	l.requireReview(a, fields, misspelt, fenceLine, p)
	if !a.Reviewed.IsZero() && a.NextReview.IsZero() {
		a.NextReview = a.Reviewed.AddDate(0, l.settings.ReviewMonths, 0)
	}
	if !a.NextReview.IsZero() && !l.now.IsZero() && l.now.After(a.NextReview) && fReviewed != nil {
		p.warnf(fReviewed.line, fReviewed.col, "the review is overdue: the next one was due on %s (review the article, then update reviewed:)", a.NextReview.Format("2006-01-02"))
	}
}

// leadImage checks the lead image and finds it in the content folder.
func (l *loader) leadImage(a *Article, file string, fields map[string]*field, misspelt map[string]bool, p *problems) {
	if f := fields["image"]; a.Image != "" && !markdown.SafeURL(a.Image, true) {
		p.errorf(f.value.line, f.value.col, "image %q is not a web address or a path to a picture (write a path such as images/knee.jpg)", a.Image)
		a.Image = ""
	}
	if a.Image == "" {
		return
	}
	f := fields["image"]
	switch img, ok := resolveImage(l.images, file, a.Image); {
	case !ok:
		l.missingImage(p, f.value.line, f.value.col, file, a.Image)
	case img != nil:
		a.LeadImage = img
	case isExternal(a.Image):
		externalImage(p, f.value.line, f.value.col, a.Image)
	}
	if a.ImageAlt == "" && !misspelt["image_alt"] {
		p.warnf(f.line, f.col, "image has no image_alt, so readers who cannot see it learn nothing (add a line such as image_alt: \"A therapist pressing on a shoulder\")")
	}
}

// headingLine finds the line of the heading with the given text, or
// the body's first line when it cannot.
func headingLine(body []byte, bodyLine int, text string) int {
	for i, line := range strings.Split(string(body), "\n") {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "#") && strings.Contains(t, text) {
			return bodyLine + i
		}
	}
	return bodyLine
}

// textLine is the line of the file on which the body's text starts,
// after any blank lines.
func textLine(body []byte, bodyLine int) int {
	trimmed := bytes.TrimLeft(body, " \t\n")
	line := bodyLine + bytes.Count(body[:len(body)-len(trimmed)], []byte("\n"))
	if len(trimmed) == 0 {
		return bodyLine
	}
	return line
}

// positions converts byte offsets of a body into lines and columns of
// its file. Offsets are usually asked for in increasing order, which it
// makes cheap.
type positions struct {
	body      []byte
	firstLine int
	off       int // offset of the start of line
	line      int
}

func newPositions(body []byte, firstLine int) *positions {
	return &positions{body: body, firstLine: firstLine, line: firstLine}
}

// at returns the 1-based line and column (in characters) of offset.
func (p *positions) at(offset int) (int, int) {
	offset = min(max(offset, 0), len(p.body))
	if offset < p.off {
		p.off, p.line = 0, p.firstLine
	}
	for {
		nl := bytes.IndexByte(p.body[p.off:offset], '\n')
		if nl < 0 {
			break
		}
		p.off += nl + 1
		p.line++
	}
	return p.line, utf8.RuneCount(p.body[p.off:offset]) + 1
}

// sourcesValue reads the sources list: each item has a title and a URL.
func sourcesValue(p *problems, f *field) []Source {
	v := f.value
	if v.kind == kindNull {
		return nil
	}
	if v.kind != kindList {
		p.errorf(v.line, v.col, "sources must be a list, each item with title: and url: (see the example in the README)")
		return nil
	}
	var out []Source
	for _, it := range v.items {
		if it.kind != kindMap {
			p.errorf(it.line, it.col, "each source needs title: and url: fields, not %s (write - title: \"…\" and url: https://… on the next line)", it.kind)
			continue
		}
		var s Source
		seen := map[string]bool{}
		known, misspelt := checkKeys(p, it, []string{"title", "url", "publisher", "year", "doi", "pmid"})
		for _, sf := range known {
			seen[sf.key] = true
			t, ok := textValue(p, sf)
			if !ok {
				continue
			}
			switch sf.key {
			case "title":
				s.Title = t
			case "url":
				s.URL = t
				if u := strings.ToLower(t); !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
					p.errorf(sf.value.line, sf.value.col, "source url %q is not a web address (write the full address, starting with https://)", t)
				}
			case "publisher":
				s.Publisher = t
			case "year":
				y, err := strconv.Atoi(t)
				if err != nil || y < 1000 || y > 9999 {
					p.errorf(sf.value.line, sf.value.col, "source year %q is not a year (write four digits, e.g. year: 2021)", t)
				}
				s.Year = y
			case "doi":
				s.DOI = strings.TrimPrefix(strings.TrimPrefix(t, "https://doi.org/"), "doi:")
				if !strings.HasPrefix(s.DOI, "10.") || !strings.Contains(s.DOI, "/") {
					p.errorf(sf.value.line, sf.value.col, "source doi %q is not a DOI (write it like doi: 10.1136/bmj.m1234, without https://doi.org/)", t)
				}
			case "pmid":
				s.PMID = t
				if _, err := strconv.ParseUint(t, 10, 64); err != nil || len(t) > 9 {
					p.errorf(sf.value.line, sf.value.col, "source pmid %q is not a PubMed number (write the digits only, like pmid: 31465634)", t)
				}
			}
		}
		for _, k := range []string{"title", "url"} {
			if !seen[k] && !misspelt[k] {
				p.errorf(it.line, it.col, "a source has no %s (add %s: to it)", k, k)
			}
		}
		out = append(out, s)
	}
	return out
}

// closingBrace returns the number of the first line after line that
// holds only an unindented }, or 0 when there is none.
func closingBrace(src []byte, line int) int {
	for i, l := range strings.Split(string(src), "\n") {
		if i+1 > line && strings.TrimRight(l, " \t") == "}" {
			return i + 1
		}
	}
	return 0
}

func pathExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i:]
	}
	return ""
}

// unwrapPathError drops the path from an fs.PathError: messages name
// the file already.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// displayPath joins the folder name an editor knows with a path in it.
func displayPath(root, name string) string {
	if root == "" || root == "." {
		return name
	}
	return strings.TrimSuffix(root, "/") + "/" + name
}

// tagList writes the list of tags an editor meant by text, such as
// "knee pain, running", in the syntax of the front matter.
func tagList(syntax format, text string) string {
	var tags []string
	for _, t := range strings.Split(text, ",") {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	switch syntax {
	case formatTOML:
		return `tags = ["` + strings.Join(tags, `", "`) + `"]`
	case formatJSON:
		return `"tags": ["` + strings.Join(tags, `", "`) + `"]`
	}
	return "tags: [" + strings.Join(tags, ", ") + "]"
}

// skippedHeadings warns of a heading that skips a level after the one
// before it. Screen reader users move by heading level; a skipped level
// reads as a missing section. The levels are told as the editor typed
// them: a top-level heading (#) moves every heading down one level on
// the page, and is reported on its own.
func skippedHeadings(p *problems, body []byte, bodyLine int, doc *markdown.Document) {
	shift := 0
	if slices.ContainsFunc(doc.Notices, func(n markdown.Notice) bool { return n.Kind == markdown.NoticeTopHeading }) {
		shift = 1
	}
	hashes := func(level int) string { return strings.Repeat("#", level) }
	for i, prev := 0, 1+shift; i < len(doc.Headings); i++ {
		h := doc.Headings[i]
		if h.Level > prev+1 {
			typed, before := h.Level-shift, prev-shift
			line := headingLine(body, bodyLine, h.Text)
			switch {
			case before == 1 && i > 0 && typed == 3:
				p.warnf(line, 1, "the heading %q is level %d (%s) right after the top-level heading %q (#) (write that one as ## %s, as said for it; then %s %s follows it rightly)", h.Text, typed, hashes(typed), doc.Headings[i-1].Text, doc.Headings[i-1].Text, hashes(typed), h.Text)
			case before == 1 && i > 0:
				p.warnf(line, 1, "the heading %q is level %d (%s) right after the top-level heading %q (#) (write that one as ## %s, as said for it, and this one as ### %s)", h.Text, typed, hashes(typed), doc.Headings[i-1].Text, doc.Headings[i-1].Text, h.Text)
			default:
				p.warnf(line, 1, "the heading %q is level %d (%s) right after level %d (%s) (write %s %s, so that no level is skipped)", h.Text, typed, hashes(typed), before, hashes(before), hashes(before+1), h.Text)
			}
		}
		prev = h.Level
	}
}
