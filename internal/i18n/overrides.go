package i18n

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// pluralForms are CLDR's plural categories, as a plural key's suffix
// names them in a site string: min_read.one.
var pluralForms = []string{"zero", "one", "two", "few", "many", "other"}

// overrides turns the site's strings into messages over the catalogues,
// marking each text given in l.given, and returns a problem for each
// string that names no text (with the nearest key suggested) or a
// plural form of a text that has none.
func overrides(l *Language, english []*goi18n.Message, strs map[string]string) ([]*goi18n.Message, []Problem) {
	byID := map[string]*goi18n.Message{}
	for _, m := range english {
		byID[m.ID] = m
	}
	msgs := map[string]*goi18n.Message{}
	var problems []Problem
	keys := make([]string, 0, len(strs))
	for k := range strs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, key := range keys {
		id, form, _ := strings.Cut(key, ".")
		en, ok := byID[id]
		if !ok {
			problems = append(problems, Problem{Key: key, Message: unknownKey(key, l.keys)})
			continue
		}
		plural := en.One != ""
		if form != "" && (!plural || !slices.Contains(pluralForms, form)) {
			problems = append(problems, Problem{Key: key, Message: badForm(key, id, plural)})
			continue
		}
		m := msgs[id]
		if m == nil {
			m = &goi18n.Message{ID: id}
			msgs[id] = m
		}
		setForm(m, form, strs[key])
	}
	out := make([]*goi18n.Message, 0, len(msgs))
	for _, id := range slices.Sorted(maps.Keys(msgs)) {
		m := msgs[id]
		if m.Other == "" {
			problems = append(problems, Problem{Key: id + ".one", Message: fmt.Sprintf("%s is a text that changes with a number: give %s.other too, the form for most numbers (or %s alone, for every number)", id, id, id)})
			continue
		}
		l.given[id] = true
		out = append(out, m)
	}
	return out, problems
}

// setForm sets the plural form of m to s; no form sets the text for
// every number.
func setForm(m *goi18n.Message, form, s string) {
	switch form {
	case "":
		for _, f := range []*string{&m.Zero, &m.One, &m.Two, &m.Few, &m.Many} {
			if *f == "" {
				*f = s
			}
		}
		m.Other = s
	case "zero":
		m.Zero = s
	case "one":
		m.One = s
	case "two":
		m.Two = s
	case "few":
		m.Few = s
	case "many":
		m.Many = s
	case "other":
		m.Other = s
	}
}

// unknownKey says that key names no interface text, suggesting the
// nearest one.
func unknownKey(key string, keys []string) string {
	best, dist := "", len(key)/2+2
	for _, k := range keys {
		if d := editDistance(strings.ToLower(key), k); d < dist {
			best, dist = k, d
		}
	}
	if best != "" {
		return fmt.Sprintf("%q is not an interface text (did you mean %s?)", key, best)
	}
	return fmt.Sprintf("%q is not an interface text (the README lists every key)", key)
}

// badForm says that a key's suffix is not a plural form the text has.
func badForm(key, id string, plural bool) string {
	if !plural {
		return fmt.Sprintf("%q: %s does not change with a number (write %s: without a form after it)", key, id, id)
	}
	return fmt.Sprintf("%q: the forms of %s are %s (write e.g. %s.one)", key, id, strings.Join(pluralForms, ", "), id)
}

// editDistance is the Levenshtein distance between a and b, in
// characters.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}
