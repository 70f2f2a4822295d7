package article

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Dates as editors write them when they do not write year-month-day.
var (
	numericDate = regexp.MustCompile(`^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})$`)
	ordinal     = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th)?$`)
)

// explainDate says what is wrong with s, a date that is in none of the
// accepted forms, and how to write it: the date meant when it is clear,
// both readings when it is not, or what the calendar allows. forms is
// the advice naming the accepted forms.
func explainDate(s, forms string) string {
	if y, m, d, ok := splitNumeric(s); ok {
		return explainNumeric(s, y, m, d, forms)
	}
	if y, m, d, ok := splitWords(s); ok {
		if msg := badDay(y, m, d); msg != "" {
			return "is not a day of the calendar: " + msg + " (check the day, and write it year-month-day, like 2023-10-08)"
		}
		return fmt.Sprintf("is not written year-month-day (did you mean %s?)", ymd(y, m, d))
	}
	if m, d, ok := splitNoYear(s); ok {
		return fmt.Sprintf("has no year (write the year first, then the month and the day: YYYY-%02d-%02d)", m, d)
	}
	return "is not a date (" + forms + ")"
}

// explainNumeric explains a date written with numbers only: year first
// (2024-2-3, 2024/02/20, 2024-02-30, 2024-20-02), or year last (20/02/2024,
// 03/04/2024), which is day first in most of the world and month first
// in the United States.
func explainNumeric(s string, a, b, c int, forms string) string {
	switch {
	case a >= 1000: // year first
		y, m, d := a, b, c
		if m > 12 && d <= 12 {
			return fmt.Sprintf("has no month %d: dates are year-month-day (did you mean %s?)", m, ymd(y, d, m))
		}
		if m < 1 || m > 12 {
			return fmt.Sprintf("has no month %d: a month is 1 to 12 (write the date year-month-day, like 2023-10-08)", m)
		}
		if msg := badDay(y, m, d); msg != "" {
			return "is not a day of the calendar: " + msg + " (check the day)"
		}
		how := "with two digits for the month and the day"
		if strings.ContainsAny(s, "/.") {
			how = "with hyphens"
		}
		return fmt.Sprintf("is not written year-month-day %s (did you mean %s?)", how, ymd(y, m, d))
	case c >= 1000: // year last
		y := c
		dayFirst, monthFirst := ymd(y, b, a), ymd(y, a, b)
		okDF, okMF := badDay(y, b, a) == "" && b <= 12, badDay(y, a, b) == "" && a <= 12
		switch {
		case okDF && okMF && a != b:
			return fmt.Sprintf("is not written year-month-day, and could be %d %s or %d %s (write %s for %d %s, or %s for %d %s)",
				a, time.Month(b), b, time.Month(a), dayFirst, a, time.Month(b), monthFirst, b, time.Month(a))
		case okDF:
			return fmt.Sprintf("is not written year-month-day (did you mean %s?)", dayFirst)
		case okMF:
			return fmt.Sprintf("is not written year-month-day (did you mean %s?)", monthFirst)
		}
		return "is not a day of the calendar (check it, and write it year-month-day, like 2023-10-08)"
	}
	return "is not a date (" + forms + ")"
}

// splitNumeric splits a date of three numbers such as 20/02/2024.
func splitNumeric(s string) (a, b, c int, ok bool) {
	m := numericDate.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, 0, false
	}
	a, _ = strconv.Atoi(m[1])
	b, _ = strconv.Atoi(m[2])
	c, _ = strconv.Atoi(m[3])
	return a, b, c, a >= 1000 || c >= 1000
}

// splitWords reads a date with the month in words, in English: 8th Oct
// 2023, 8 October 2023, October 8, 2023, 2023 Oct 8.
func splitWords(s string) (y, m, d int, ok bool) {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == ',' || r == '-' || r == '/' || r == '.'
	})
	if len(words) != 3 {
		return 0, 0, 0, false
	}
	for _, w := range words {
		switch {
		case len(w) == 4 && y == 0 && isDigits(w):
			y, _ = strconv.Atoi(w)
		case m == 0 && monthNumber(w) > 0:
			m = monthNumber(w)
		case d == 0 && ordinal.MatchString(w):
			d, _ = strconv.Atoi(ordinal.FindStringSubmatch(w)[1])
		default:
			return 0, 0, 0, false
		}
	}
	return y, m, d, y > 0 && m > 0 && d > 0
}

// splitNoYear reads a day and a month in words, such as 10th January.
func splitNoYear(s string) (m, d int, ok bool) {
	y, m, d, ok := splitWords(s + " 2000")
	return m, d, ok && y == 2000
}

// monthNumber is the number of an English month name or its first three
// letters or more (Sept too), or 0.
func monthNumber(w string) int {
	if len(w) < 3 {
		return 0
	}
	for m := time.January; m <= time.December; m++ {
		if name := strings.ToLower(m.String()); strings.HasPrefix(name, w) || w == "sept" && m == time.September {
			return int(m)
		}
	}
	return 0
}

func isDigits(s string) bool {
	return strings.Trim(s, "0123456789") == ""
}

// badDay says why day d of month m of year y is not on the calendar, or
// returns "" when it is.
func badDay(y, m, d int) string {
	if m < 1 || m > 12 {
		return fmt.Sprintf("there is no month %d", m)
	}
	days := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	switch {
	case d >= 1 && d <= days:
		return ""
	case m == 2 && d == 29:
		return fmt.Sprintf("%d is not a leap year, so February has 28 days", y)
	case m == 2:
		return "February has 29 days at most"
	}
	return fmt.Sprintf("%s has %d days", time.Month(m), days)
}

func ymd(y, m, d int) string { return fmt.Sprintf("%04d-%02d-%02d", y, m, d) }
