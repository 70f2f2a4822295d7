package article

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// dateForms are the accepted ways to write a date, with an example each.
var dateForms = []struct{ layout, example string }{
	{"2006-01-02", "2023-10-08"},
	{time.RFC3339, "2023-10-08T09:00:00+01:00"},
	{"2006-01-02 15:04:05 -0700", "2023-10-08 09:00:00 -0500"},
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
