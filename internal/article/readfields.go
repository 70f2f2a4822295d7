package article

import (
	"cmp"
	"strings"
	"time"

	"healthsite/internal/markdown"
)

// readFields reads the fields of the front matter n into a, and returns
// them by name, with the fields written misspelt, which are reported as
// such and not as missing too.
func (l *loader) readFields(a *Article, file, name string, n *node, fenceLine int, syntax format, p *problems) (map[string]*field, map[string]bool) {
	fields, misspelt, rejected := l.readValues(a, n, syntax, p)
	checkRequired(a, l.schema.fields, fields, misspelt, rejected, fenceLine, p)
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
	a.translationLine, a.translationCol = fenceLine, 1
	if f := fields["translation_of"]; f != nil {
		a.translationLine, a.translationCol = f.value.line, f.value.col
	}
	return fields, misspelt
}

// readValues reads the value of each known field of n into a, as its
// row of Fields says, and returns the fields by name, those written
// misspelt, and those whose value was reported as wrong.
func (l *loader) readValues(a *Article, n *node, syntax format, p *problems) (fields map[string]*field, misspelt, rejected map[string]bool) {
	fields, rejected = map[string]*field{}, map[string]bool{}
	known, misspelt := checkKeys(p, n, l.schema.names)
	for _, f := range known {
		fields[f.key] = f
		ok := readValue(p, f, l.schema.named(f.key), a, l.settings.Location)
		switch v := f.value; f.key {
		case "slug":
			if ok && !slugPattern.MatchString(a.Slug) {
				p.errorf(v.line, v.col, "slug %q may hold only lowercase letters, digits and single hyphens (write slug: %s)", a.Slug, cmp.Or(Slugify(a.Slug), "my-article"))
			}
		case "aliases":
			for _, alias := range a.Aliases {
				if !strings.HasPrefix(alias, "/") || strings.HasPrefix(alias, "//") || strings.ContainsAny(alias, "?# ") {
					p.errorf(v.line, v.col, "aliases %q is not an old address of this site (write it as a path starting with /, such as /2019/01/neck-pain.html, without the site's name)", alias)
				}
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

// readValue reads the value of f into a's field that row names, and
// reports whether it could. A date left empty is not given, as
// healthsite new writes it; a required one is reported empty.
func readValue(p *problems, f *field, row Field, a *Article, loc *time.Location) bool {
	ok := true
	switch dst := row.into(a).(type) {
	case *string:
		var s string
		if s, ok = textValue(p, f); ok {
			*dst = s
		}
	case *[]string:
		*dst, ok = listValue(p, f)
	case *time.Time:
		if f.value.kind == kindNull && row.Presence != Required {
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
func checkRequired(a *Article, rows []Field, fields map[string]*field, misspelt, rejected map[string]bool, fenceLine int, p *problems) {
	for _, r := range rows {
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
	switch img, ok := l.resolveImage(file, a.Image); {
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
