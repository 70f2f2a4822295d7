package importer

import (
	"regexp"
	"strings"
	"time"
)

// dateLayouts are the ways real Hugo and Jekyll sites write dates,
// after ordinal suffixes (21st) are removed. Layouts with unpadded
// fields (1, 2, 15, 4, 5) also read padded ones.
var dateLayouts = []struct {
	layout string
	clock  bool // the layout gives a time of day
	zone   bool // the layout gives a time zone
}{
	{"2006-1-2", false, false},
	{time.RFC3339, true, true},
	{"2006-1-2T15:4:5Z07:00", true, true},
	{"2006-1-2 15:4:5 -0700", true, true},
	{"2006-1-2 15:4:5 -07:00", true, true},
	{"2006-1-2 15:4:5Z07:00", true, true},
	{"2006-1-2 15:4:5 MST", true, true},
	{"2006-1-2T15:4:5", true, false},
	{"2006-1-2 15:4:5", true, false},
	{"2006-1-2T15:4", true, false},
	{"2006-1-2 15:4", true, false},
	{"2006/1/2", false, false},
	{"2006/1/2 15:4:5", true, false},
	{"January 2, 2006", false, false},
	{"January 2 2006", false, false},
	{"Jan 2, 2006", false, false},
	{"Jan 2 2006", false, false},
	{"2 January 2006", false, false},
	{"2 Jan 2006", false, false},
	{"Monday, January 2, 2006", false, false},
	{"Mon, 2 Jan 2006 15:04:05 -0700", true, true},
	{"Mon, 02 Jan 2006 15:04:05 MST", true, true},
	{"January 2, 2006 15:4", true, false},
	{"January 2, 2006 3:04 PM", true, false},
}

var ordinalSuffix = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)\b`)

// date is a date read from a source file.
type date struct {
	t     time.Time
	clock bool // a time of day was given
}

// parseDate reads s in any of dateLayouts; a time without a zone is in
// loc. A year before 1000, such as Jekyll's placeholder 0001-01-01,
// is no date.
func parseDate(s string, loc *time.Location) (date, bool) {
	s = strings.Join(strings.Fields(ordinalSuffix.ReplaceAllString(strings.TrimSpace(s), "$1")), " ")
	if s == "" {
		return date{}, false
	}
	for _, l := range dateLayouts {
		var t time.Time
		var err error
		if l.zone {
			t, err = time.Parse(l.layout, s)
		} else {
			t, err = time.ParseInLocation(l.layout, s, loc)
		}
		if err != nil {
			continue
		}
		if t.Year() < 1000 {
			return date{}, false
		}
		return date{t: t, clock: l.clock && !(t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && !l.zone)}, true
	}
	return date{}, false
}

// timeDate is a date decoded by a YAML or TOML library: TOML's local
// dates and times carry a location of that name.
func timeDate(t time.Time, loc *time.Location) (date, bool) {
	if t.Year() < 1000 {
		return date{}, false
	}
	switch t.Location().String() {
	case "date-local", "local-date":
		return date{t: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)}, true
	case "datetime-local", "local-datetime", "time-local", "local-time":
		return date{t: time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, loc), clock: true}, true
	}
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Location() == time.UTC {
		return date{t: t}, true
	}
	return date{t: t, clock: true}, true
}

// String is the date as healthsite reads it: the day alone, or the day,
// time and offset.
func (d date) String() string {
	if !d.clock {
		return d.t.Format("2006-01-02")
	}
	return d.t.Format("2006-01-02 15:04:05 -0700")
}

// fileNameDate splits a Jekyll post's file name, such as
// 2019-01-04-neck-pain.md, into its date and the rest; placeholder is
// true for a year before 1000 (0001-02-01-draft.md).
var fileNameDate = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)$`)

func splitFileNameDate(stem string, loc *time.Location) (d date, rest string, found, placeholder bool) {
	m := fileNameDate.FindStringSubmatch(stem)
	if m == nil {
		return date{}, stem, false, false
	}
	d, ok := parseDate(m[1]+"-"+m[2]+"-"+m[3], loc)
	return d, m[4], ok, !ok
}
