package main

import (
	"cmp"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"healthsite/internal/article"
)

// exitError ends the program with a status and nothing more to say:
// what went wrong was printed already.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// runCheck implements `healthsite check`: every problem of every file,
// one a line, then a summary; with -format json the same as one JSON
// document. Exit status 1 on errors, and on warnings too with -strict.
func runCheck(args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fset, o := checkFlags(getenv, stderr)
	if help, err := parseFlags(fset, args); help || err != nil {
		return err
	}
	if o.format != "text" && o.format != "json" {
		return fmt.Errorf("-format %q is not a format check writes (use -format text or -format json)", o.format)
	}
	choice, err := o.content(fset)
	if err != nil {
		return err
	}
	if o.format == "json" {
		fmt.Fprintln(stderr, choice) // stdout holds the document alone
	} else {
		fmt.Fprintln(stdout, choice)
	}
	start := time.Now()
	src, err := choice.open()
	if err != nil {
		return err
	}
	defer src.close()
	opts := src.options(start)
	opts.MaxFileSize, opts.RenderBudget, opts.Plain = o.maxSize, o.budget, true
	if o.reviews {
		return listReviews(src, opts, o.format, choice.Name(), stdout, stderr)
	}
	r := article.Check(src.fsys, opts)
	if e := sampleWarning(choice, r.Settings); e != nil {
		r.Problems = append(r.Problems, e)
		slices.SortStableFunc(r.Problems, func(a, b *article.Error) int {
			return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
		})
	}
	var scheduled []*article.Article
	for _, a := range slices.Backward(r.Articles) { // soonest first
		if !a.Draft && a.Date.After(start) {
			scheduled = append(scheduled, a)
		}
	}
	errs, warns := r.Count(article.SeverityError), r.Count(article.SeverityWarning)
	if o.reading && o.format == "text" {
		return listReading(stdout, r)
	}
	if o.format == "json" {
		err = writeCheckJSON(stdout, choice.Name(), r, scheduled)
	} else {
		writeCheckText(stdout, r, scheduled, start)
	}
	if err != nil {
		return err
	}
	if errs > 0 || o.strict && warns > 0 {
		return exitError{1}
	}
	return nil
}

// writeCheckText writes check's report for a person: each problem, each
// scheduled article, then the counts.
func writeCheckText(w io.Writer, r *article.Report, scheduled []*article.Article, start time.Time) {
	for _, e := range r.Problems {
		fmt.Fprintln(w, e)
	}
	for _, a := range scheduled {
		fmt.Fprintf(w, "%s: note: scheduled, goes live on %s (%s); until then only the preview (serve -dev) shows it\n", a.Path, a.Date.Format("Monday 2 January 2006 at 15:04 MST"), until(a.Date.Sub(start)))
	}
	files := plural(r.Files, "file")
	if r.Skipped > 0 {
		// Never "0 files" for a folder of Markdown kept out by its names.
		files += fmt.Sprintf(" (and %s not published: see the warnings)", plural(r.Skipped, "Markdown file"))
	}
	summary := fmt.Sprintf("%s, %s, %s", files, plural(r.Count(article.SeverityError), "error"), plural(r.Count(article.SeverityWarning), "warning"))
	if len(scheduled) > 0 {
		summary += fmt.Sprintf(", %s scheduled", plural(len(scheduled), "article"))
	}
	fmt.Fprintf(w, "%s (%s)\n", summary, time.Since(start).Round(time.Microsecond))
}

// checkOptions are the flags of check.
type checkOptions struct {
	config
	strict  bool
	maxSize int64
	budget  time.Duration
	reviews bool
	reading bool
	format  string
}

// checkFlags defines the flags of check.
func checkFlags(getenv func(string) string, stderr io.Writer) (*flag.FlagSet, *checkOptions) {
	var o checkOptions
	fset := newFlagSet("check", stderr)
	o.flags(fset, getenv, false, false)
	fset.BoolVar(&o.strict, "strict", false, "treat warnings as errors: exit 1 on any problem")
	fset.Int64Var(&o.maxSize, "max-size", article.DefaultMaxFileSize, "largest article file accepted, in `bytes`")
	fset.DurationVar(&o.budget, "render-budget", article.DefaultRenderBudget, "longest one article may take to render")
	fset.BoolVar(&o.reviews, "reviews", false, "list every article's clinical review dates, soonest due first, instead of checking")
	fset.BoolVar(&o.reading, "readability", false, "list every article's reading grade, reading age and words, hardest first, instead of the problems")
	fset.StringVar(&o.format, "format", "text", "`text` for people, or json for tools (an editor, CI annotations): the same problems as one JSON document on stdout")
	return fset, &o
}

// until says how long d is from now, in words: "in 3 days".
func until(d time.Duration) string {
	switch {
	case d < time.Hour:
		return "in " + plural(max(1, int(d.Minutes())), "minute")
	case d < 48*time.Hour:
		return "in " + plural(int(d.Hours()), "hour")
	}
	return "in " + plural(int(d.Hours()/24), "day")
}

// listReviews implements check -reviews: one line per article with its
// clinical review dates, those never reviewed first, then the soonest
// due, so that the next review to book is at the top.
func listReviews(src *source, opts article.Options, format, content string, stdout, stderr io.Writer) error {
	lib, err := article.Load(src.fsys, opts)
	if err != nil {
		problems := article.Errors(err)
		if format == "json" {
			if err := writeJSON(stdout, checkDocument{Content: content, Errors: len(problems), Problems: jsonProblems(problems)}); err != nil {
				return err
			}
		} else {
			for _, e := range problems {
				fmt.Fprintln(stderr, e)
			}
		}
		return exitError{1}
	}
	var arts []*article.Article // originals and articles of their own, each followed by its translations
	for _, a := range lib.AllArticles() {
		if a.TranslationOf == "" || a.Lang == lib.Settings().Language {
			arts = append(arts, a)
		}
	}
	slices.SortStableFunc(arts, func(a, b *article.Article) int {
		if (a.ReviewedBy == "") != (b.ReviewedBy == "") {
			if a.ReviewedBy == "" {
				return -1
			}
			return 1
		}
		return cmp.Or(a.NextReview.Compare(b.NextReview), strings.Compare(a.Path, b.Path))
	})
	if format == "json" {
		return writeReviewsJSON(stdout, content, arts, opts.Now)
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STATUS\tNEXT REVIEW\tLAST REVIEW\tREVIEWER\tFILE\tTITLE")
	overdue, n := 0, 0
	for _, a := range arts {
		n++
		fmt.Fprintln(tw, reviewRow(a, opts.Now, &overdue))
		if a.Lang != lib.Settings().Language {
			continue
		}
		for _, t := range lib.Translations(a) {
			// A translation says what the original's review covers;
			// its own line says how far behind the original it is.
			n++
			status := "translation (" + t.Lang + ")"
			if changed := t.Behind(a); !changed.IsZero() {
				status = "OUT OF DATE (" + t.Lang + "): original changed " + changed.Format("2006-01-02")
			}
			fmt.Fprintf(tw, "  %s\t-\t-\t-\t%s\t%s\n", status, t.Path, t.Title)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s, %d overdue for review\n", plural(n, "article"), overdue)
	return nil
}

// reviewRow is the line of check -reviews for a, counting it in overdue
// when its review is overdue at now.
func reviewRow(a *article.Article, now time.Time, overdue *int) string {
	if a.ReviewedBy == "" {
		return fmt.Sprintf("not reviewed\t-\t-\t-\t%s\t%s", a.Path, a.Title)
	}
	status := "due in " + plural(int(a.NextReview.Sub(now).Hours()/24), "day")
	if now.After(a.NextReview) {
		status = "OVERDUE"
		*overdue++
	}
	return fmt.Sprintf("%s\t%s\t%s\t%s\t%s\t%s", status, a.NextReview.Format("2006-01-02"), a.Reviewed.Format("2006-01-02"), a.ReviewedBy, a.Path, a.Title)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// listReading implements check -readability: each article that loads
// with its reading grade, hardest first, then how many are above the
// site's target.
func listReading(w io.Writer, r *article.Report) error {
	arts := slices.Clone(r.Articles)
	slices.SortStableFunc(arts, func(a, b *article.Article) int {
		return cmp.Or(cmp.Compare(b.Reading.Grade, a.Reading.Grade), strings.Compare(a.Path, b.Path))
	})
	target := r.Settings.ReadingGrade
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "GRADE\tREADING AGE\tWORDS\tSENTENCES\tFORMULA\tFILE\tTITLE")
	above := 0
	for _, a := range arts {
		g := a.Reading
		if !g.Graded {
			fmt.Fprintf(tw, "-\t-\t%d\t%d\tnone for %s\t%s\t%s\n", g.Words, g.Sentences, a.Lang, a.Path, a.Title)
			continue
		}
		mark := ""
		if g.Grade > float64(target) {
			mark = " *"
			above++
		}
		fmt.Fprintf(tw, "%.1f%s\t%.0f\t%d\t%d\t%s\t%s\t%s\n", g.Grade, mark, g.ReadingAge, g.Words, g.Sentences, g.Formula, a.Path, a.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "%s, %d above the target of grade %d (* above; reading_grade in site.yaml sets it)\n", plural(len(arts), "article"), above, target)
	return nil
}
