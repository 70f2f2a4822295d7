package article

// Rules that site.yaml may add about clinical review: with
// require_review: true, no article reaches readers without a named
// reviewer, the date of the review and the sources it rests on.

// boolSetting reads a true or false setting of site.yaml.
func boolSetting(p *problems, f *field) (bool, bool) {
	v := f.value
	if v.kind == kindBool {
		return v.text == "true", true
	}
	p.errorf(v.line, v.col, "%s must be true or false, not %q (write %s: true, or %s: false)", f.key, v.text, f.key, f.key)
	return false, false
}

// requireReview reports an article that the site's require_review
// setting keeps from publication: one without a reviewer and the date
// of the review, or without sources. A problem that the usual checks
// report already (a reviewer without a date, a date that is not one)
// is not reported twice. Drafts are exempt: a draft is reviewed before
// it is published, not while it is written.
func (l *loader) requireReview(a *Article, fields map[string]*field, misspelt map[string]bool, fenceLine int, p *problems) {
	if !l.settings.RequireReview || a.Draft {
		return
	}
	given := func(key string) bool { return fields[key] != nil && fields[key].value.kind != kindNull }
	by, date := fields["reviewed_by"], fields["reviewed"]
	reported := a.ReviewedBy != "" && date == nil || // reviewed_by has no date of review
		!a.Reviewed.IsZero() && a.ReviewedBy == "" && (by == nil || by.value.kind == kindNull) || // reviewed has no reviewer
		given("reviewed") && a.Reviewed.IsZero() // not a date
	// A misspelt field is reported as such already.
	reported = reported || misspelt["reviewed_by"] || misspelt["reviewed"]
	if (a.ReviewedBy == "" || a.Reviewed.IsZero()) && !reported {
		line, col := fenceLine, 1 // no field: the front matter as a whole
		switch {
		case by != nil && a.ReviewedBy == "":
			line, col = by.line, by.col
		case date != nil && a.Reviewed.IsZero():
			line, col = date.line, date.col
		}
		p.errorf(line, col, "the site requires a clinical review (require_review: true in site.yaml), and this article has none (once a clinician has checked it, fill in reviewed_by: with their name and credentials, e.g. \"Dr Elena Marsh, DPT\", and reviewed: with the date, e.g. 2024-02-20; or set draft: true until then)")
	}
	if len(a.Sources) == 0 && !given("sources") && !misspelt["sources"] {
		line, col := fenceLine, 1
		if f := fields["sources"]; f != nil {
			line, col = f.line, f.col
		}
		p.errorf(line, col, "the site requires sources (require_review: true in site.yaml), and this article lists none (add a sources: list, each item with title: and url:, as the README shows; or set draft: true until then)")
	}
}
