// Package sample generates realistic content folders of any size, the
// same for the same seed, for benchmarks and load tests: articles of
// about 5 KB with varied front matter, sections, lists, links between
// articles and some tables.
package sample

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"
	"time"
	"unicode/utf8"
)

// vocab is the words articles of one language are written with; the
// generator picks from it by index, so that an article and its
// translation, written from the same seed, have the same shape.
type vocab struct {
	topics, authors, openers, sections, words []string
	readNext                                  string // a format with the two links
}

var english = vocab{
	topics: []string{"back pain", "neck pain", "sleep", "knee pain", "posture", "stretching", "running",
		"headaches", "shoulder pain", "hip mobility", "stress", "breathing", "desk work", "recovery", "walking"},
	authors: []string{"Cecilia Hastings", "Marcus Flint", "Ann Lee", "Bo Chan", "Dr Elena Marsh", "Priya Nair",
		"Tom Okafor", "Healthsite Editorial Team"},
	openers: []string{"What helps with", "A closer look at", "Living with", "Five questions about",
		"Getting started with", "Myths and facts about", "Easing", "Understanding"},
	sections: []string{"What it is", "Why it happens", "What you can do at home", "When to see someone",
		"What the research says", "A typical week", "Common mistakes", "Questions to ask"},
	words: strings.Fields(`the muscles and joints move more freely when you keep them warm gentle
		movement every day helps most people feel better over a few weeks rather than days pain is a signal
		not a verdict slow steady practice beats short bursts of effort talk to a professional if symptoms
		change suddenly or keep you awake at night small changes to your desk chair and screen add up over
		time breathing slowly helps the body settle tension often eases after a warm shower or a short walk`),
	readNext: "Read next: [another view](%s) and [a related question](%s).\n",
}

// newest is the date of generated article 0.
func newest() time.Time { return time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC) }

// Settings is the site.yaml of a generated folder.
const Settings = "name: Sample Health\ntagline: Generated articles\nlanguage: en-GB\nbase_url: https://health.example.org\ntimezone: UTC\n"

// Articles returns a content folder of n articles and site.yaml,
// deterministic from seed. Every article links to two others. Article 0
// is the newest, and each later one is six hours older, so that every
// article of a folder of any size is already published.
func Articles(n int, seed uint64) fstest.MapFS {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	fsys := fstest.MapFS{"site.yaml": {Data: []byte(Settings)}}
	for i := range n {
		fsys[Slug(i)+".md"] = &fstest.MapFile{Data: write(r, english, "", i, n, newest().Add(-time.Duration(i)*6*time.Hour))}
	}
	return fsys
}

// Slug is the slug of generated article i.
func Slug(i int) string { return fmt.Sprintf("article-%05d", i) }

// WriteDir writes Articles(n, seed) into dir, creating it if needed.
func WriteDir(dir string, n int, seed uint64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, f := range Articles(n, seed) {
		if err := os.WriteFile(filepath.Join(dir, name), f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func sentence(r *rand.Rand, v vocab, min, max int) string {
	n := min + r.IntN(max-min+1)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = pick(r, v.words)
	}
	s := strings.Join(ws, " ")
	_, size := utf8.DecodeRuneInString(s) // the first letter, whole: "à" is two bytes
	return strings.ToUpper(s[:size]) + s[size:] + "."
}

func paragraph(r *rand.Rand, v vocab) string {
	var b strings.Builder
	for i := range 3 + r.IntN(3) {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(sentence(r, v, 8, 18))
	}
	return b.String()
}

// write is generated article i of n in the language of v, whose
// addresses start with prefix ("" for the main language, "/es" for
// Spanish).
func write(r *rand.Rand, v vocab, prefix string, i, n int, date time.Time) []byte {
	topic := pick(r, v.topics)
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\n", fmt.Sprintf("%s %s (%d)", pick(r, v.openers), topic, i))
	if r.IntN(5) == 0 {
		fmt.Fprintf(&b, "author: [%s, %s]\n", pick(r, v.authors), pick(r, v.authors[:3]))
	} else {
		fmt.Fprintf(&b, "author: %s\n", pick(r, v.authors))
	}
	fmt.Fprintf(&b, "date: %s\n", date.Format(time.RFC3339))
	fmt.Fprintf(&b, "summary: %q\n", sentence(r, v, 14, 24))
	fmt.Fprintf(&b, "tags: [%s, %s]\n", topic, pick(r, v.topics))
	if r.IntN(3) == 0 {
		fmt.Fprintf(&b, "updated: %s\n", date.AddDate(0, 1+r.IntN(6), 0).Format("2006-01-02"))
	}
	if r.IntN(4) == 0 {
		fmt.Fprintf(&b, "reviewed_by: Dr Elena Marsh, DPT\nreviewed: %s\n", date.AddDate(0, 0, 10).Format("2006-01-02"))
	}
	b.WriteString("---\n\n")
	b.WriteString(paragraph(r, v) + "\n\n")
	for s := range 4 + r.IntN(2) {
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", v.sections[(s+i)%len(v.sections)], paragraph(r, v))
		switch r.IntN(4) {
		case 0:
			for range 3 + r.IntN(3) {
				fmt.Fprintf(&b, "- %s\n", sentence(r, v, 4, 10))
			}
			b.WriteByte('\n')
		case 1:
			for k := range 3 {
				fmt.Fprintf(&b, "%d. %s\n", k+1, sentence(r, v, 5, 12))
			}
			b.WriteByte('\n')
		case 2:
			b.WriteString("| When | What to try | How long |\n| --- | --- | ---: |\n")
			for range 3 {
				fmt.Fprintf(&b, "| %s | %s | %d min |\n", pick(r, []string{"Morning", "Midday", "Evening"}), pick(r, v.words)+" "+pick(r, v.words), 5+r.IntN(20))
			}
			b.WriteByte('\n')
		}
		b.WriteString(paragraph(r, v) + "\n\n")
	}
	if n > 1 {
		prev := (i + n - 1) % n // its first section is v.sections[prev%len(v.sections)]
		anchor := strings.ToLower(strings.ReplaceAll(v.sections[prev%len(v.sections)], " ", "-"))
		fmt.Fprintf(&b, v.readNext, prefix+"/articles/"+Slug((i+1)%n)+"/", prefix+"/articles/"+Slug(prev)+"/#"+anchor)
	}
	return []byte(b.String())
}
