package article

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	pathpkg "path"
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // time zones in settings work on machines without a zoneinfo database
)

// SettingsFile is the name of the site settings file in the content folder.
const SettingsFile = "site.yaml"

// Settings are the site-wide values an editor may change in site.yaml.
type Settings struct {
	Name        string         // site name, shown in every page's header
	Tagline     string         // a short line under the name
	Description string         // the index page's meta description
	Language    string         // BCP 47 tag for <html lang>, e.g. en-GB
	BaseURL     string         // absolute http(s) URL without a trailing slash
	Location    *time.Location // time zone of dates written without one
	// ReviewMonths is how long after a clinical review the next is due,
	// for articles that do not give next_review.
	ReviewMonths int
	// Disclaimer closes every article: it informs, and does not diagnose.
	Disclaimer string
	// RequireReview makes an article that is not a draft an error
	// unless it names its clinical reviewer, the review's date, and
	// its sources (require_review: true).
	RequireReview bool
	// Sample marks the site as a demonstration: every page says that
	// its articles, authors and reviewers are made up (sample: true).
	// It is off for real sites.
	Sample bool
	// ReadingGrade is the US school grade articles should read at, at
	// most (reading_grade; DefaultReadingGrade when 0). SentenceWords and
	// ParagraphWords are the longest sentence and paragraph, in words,
	// before check warns (sentence_words, paragraph_words).
	ReadingGrade, SentenceWords, ParagraphWords int
	// Languages are the further languages, beyond Language, in the
	// order site.yaml lists them; none for a site of one language.
	Languages []Language
	// Ignore are the paths in the content folder, such as _drafts,
	// that are left out on purpose: no notice says that they are.
	Ignore []string
	// Strings replace interface texts of the language's catalogue, by
	// key (strings: in site.yaml; see internal/i18n).
	Strings map[string]string
}

// DefaultDisclaimer is the closing note of articles when site.yaml
// does not give one.
const DefaultDisclaimer = "This article is for general information. It does not diagnose or treat any condition and is not a substitute for advice from a doctor or other qualified health professional who knows your situation. If you are worried about your health, contact your doctor; in an emergency, call your local emergency number."

// DefaultSettings are used for what site.yaml does not say.
func DefaultSettings() Settings {
	return Settings{
		Name:         "Healthsite",
		Language:     "en",
		BaseURL:      "http://localhost:8080",
		Location:     time.UTC,
		ReviewMonths: 36,
		Disclaimer:   DefaultDisclaimer,
		ReadingGrade: DefaultReadingGrade, SentenceWords: DefaultSentenceWords, ParagraphWords: DefaultParagraphWords,
	}
}

var reviewPeriod = regexp.MustCompile(`^(\d+)\s*(years?|months?)$`)

var languageTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// ParseBaseURL checks that s is an absolute http or https URL with a host
// and no query or fragment, and returns it without a trailing slash.
func ParseBaseURL(s string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("base URL %q is not an absolute http or https address (write it like https://health.example.org)", s)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil || strings.Trim(u.Path, "/") != "" || u.RawPath != "" {
		return "", fmt.Errorf("base URL %q may have only a scheme and a host, with no path, query or user name (write it like https://health.example.org; the site is served at the root of its host)", s)
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}

// readSetting reads the setting f, whose value as text is v, into s.
func readSetting(s *Settings, f *field, v string, p *problems) {
	switch f.key {
	case "name":
		if v == "" {
			p.errorf(f.line, f.col, "name is empty (write the site's name, e.g. name: Riverside Clinic)")
			return
		}
		s.Name = v
	case "tagline":
		s.Tagline = v
	case "description":
		s.Description = v
	case "language":
		if !languageTag.MatchString(v) {
			p.errorf(f.value.line, f.value.col, "language %q is not a language tag (write e.g. en, en-GB or fr)", v)
			return
		}
		s.Language = v
	case "base_url":
		u, err := ParseBaseURL(v)
		if err != nil {
			p.errorf(f.value.line, f.value.col, "%v", err)
			return
		}
		s.BaseURL = u
	case "disclaimer":
		if v != "" {
			s.Disclaimer = v
		}
	case "require_review", "sample":
		b, ok := boolSetting(p, f)
		switch {
		case !ok:
		case f.key == "sample":
			s.Sample = b
		default:
			s.RequireReview = b
		}
	case "reading_grade", "sentence_words", "paragraph_words":
		readTarget(s, f, v, p)
	case "review_period":
		if months, ok := reviewMonths(v); ok {
			s.ReviewMonths = months
		} else {
			p.errorf(f.value.line, f.value.col, "review_period %q is not a period (write it like 3 years or 18 months, at most 10 years)", v)
		}
	case "timezone":
		loc, err := time.LoadLocation(v)
		if err != nil || v == "" || v == "Local" {
			fix := "write e.g. Europe/London, America/New_York or UTC"
			if z := nearestZone(v); z != "" {
				fix = "did you mean " + z + "?"
			}
			p.errorf(f.value.line, f.value.col, "timezone %q is not a time zone name (%s)", v, fix)
			return
		}
		s.Location = loc
	}
}

// reviewMonths reads a review period such as "3 years" or "18 months",
// of 10 years at most, in months.
func reviewMonths(v string) (int, bool) {
	m := reviewPeriod.FindStringSubmatch(strings.ToLower(v))
	if m == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(m[1])
	if n <= 0 || n > 120 && strings.HasPrefix(m[2], "month") || n > 10 && strings.HasPrefix(m[2], "year") {
		return 0, false
	}
	if strings.HasPrefix(m[2], "year") {
		n *= 12
	}
	return n, true
}

// ReadSettings reads site.yaml at the top of fsys, the content folder
// root names in messages, and returns the settings with its problems;
// the defaults where it has errors or does not exist.
func ReadSettings(fsys fs.FS, root string) (Settings, []*Error) { return loadSettings(fsys, root) }

// loadSettings reads site.yaml at the root of fsys, if there is one.
func loadSettings(fsys fs.FS, root string) (Settings, []*Error) {
	s := DefaultSettings()
	path := displayPath(root, SettingsFile)
	p := &problems{path: path}
	src, err := fs.ReadFile(fsys, SettingsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		p.errorf(0, 0, "cannot read the file: %v (check that it is a readable file)", unwrapPathError(err))
		return s, p.list
	}
	raw := src
	defer func() { quoteLines(raw, p.list) }()
	src, ok := cleanSource(src, p)
	if !ok {
		return s, p.list
	}
	n, err := decode(block{format: formatYAML, data: src}, 1)
	if err != nil {
		reportDecodeError(p, err)
		return s, p.list
	}
	if n.kind != kindMap {
		p.errorf(n.line, n.col, "settings must be written as name: value lines (see the example in the README)")
		return s, p.list
	}
	known := []string{"name", "tagline", "description", "language", "base_url", "timezone", "review_period", "disclaimer", "require_review", "sample", "languages", "strings", "reading_grade", "sentence_words", "paragraph_words", "ignore"}
	fields, _ := checkKeys(p, n, known)
	var langs *field // read last: it depends on language:
	for _, f := range fields {
		if f.key == "languages" {
			langs = f
			continue
		}
		if f.key == "strings" {
			s.Strings = readStrings(f, p)
			continue
		}
		if f.key == "ignore" {
			if l, ok := listValue(p, f); ok {
				for _, name := range l {
					s.Ignore = append(s.Ignore, strings.Trim(pathpkg.Clean("/"+name), "/"))
				}
			}
			continue
		}
		if v, ok := textValue(p, f); ok {
			readSetting(&s, f, v, p)
		}
	}
	if langs != nil {
		readLanguages(&s, langs, p)
	}
	checkStrings(p, s, fields)
	return s, p.list
}

// readTarget reads one of the plain-language targets: a whole number in
// the range that makes sense for it.
func readTarget(s *Settings, f *field, v string, p *problems) {
	lo, hi, dst, example := 1, 18, &s.ReadingGrade, "reading_grade: 8, a US school grade; 6 is a reading age of 11"
	switch f.key {
	case "sentence_words":
		lo, hi, dst, example = 8, 100, &s.SentenceWords, "sentence_words: 25"
	case "paragraph_words":
		lo, hi, dst, example = 20, 1000, &s.ParagraphWords, "paragraph_words: 100"
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		p.errorf(f.value.line, f.value.col, "%s %q is not a whole number from %d to %d (write e.g. %s)", f.key, v, lo, hi, example)
		return
	}
	*dst = n
}
