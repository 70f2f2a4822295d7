package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"healthsite/content"
	"healthsite/internal/article"
)

// parseFlags parses the flags of a subcommand that takes no other
// arguments; help is true when -h asked for the usage, printed already.
func parseFlags(fset *flag.FlagSet, args []string) (help bool, err error) {
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return true, nil
		}
		return false, err
	}
	if fset.NArg() > 0 {
		return false, fmt.Errorf("unexpected arguments %q (%s takes only flags)", fset.Args(), fset.Name())
	}
	return false, nil
}

// exitError ends the program with a status and nothing more to say:
// what went wrong was printed already.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// runCheck implements `healthsite check`: every problem of every file,
// one a line, then a summary. Exit status 1 on errors, and on warnings
// too with -strict.
func runCheck(args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var cfg config
	fset := flag.NewFlagSet("check", flag.ContinueOnError)
	fset.SetOutput(stderr)
	cfg.flags(fset, getenv, false)
	strict := fset.Bool("strict", false, "treat warnings as errors: exit 1 on any problem")
	maxSize := fset.Int64("max-size", article.DefaultMaxFileSize, "largest article file accepted, in `bytes`")
	budget := fset.Duration("render-budget", article.DefaultRenderBudget, "longest one article may take to render")
	reviews := fset.Bool("reviews", false, "list every article's clinical review dates, soonest due first, instead of checking")
	fset.Usage = func() {
		fmt.Fprint(stderr, "Usage: healthsite check [-content DIR] [-strict] [-max-size BYTES]\n\nChecks every article and site.yaml, and lists each problem as path:line:col.\n\n")
		fset.PrintDefaults()
	}
	if help, err := parseFlags(fset, args); help || err != nil {
		return err
	}
	start := time.Now()
	src, err := openContent(cfg.ContentDir)
	if err != nil {
		return err
	}
	defer src.close()
	opts := article.Options{Root: src.root, MaxFileSize: *maxSize, RenderBudget: *budget, Now: start}
	if *reviews {
		return listReviews(src, opts, stdout, stderr)
	}
	r := article.Check(src.fsys, opts)
	for _, e := range r.Problems {
		fmt.Fprintln(stdout, e)
	}
	errs, warns := r.Count(article.SeverityError), r.Count(article.SeverityWarning)
	fmt.Fprintf(stdout, "%s, %s, %s (%s)\n", plural(r.Files, "file"), plural(errs, "error"), plural(warns, "warning"), time.Since(start).Round(time.Microsecond))
	if errs > 0 || *strict && warns > 0 {
		return exitError{1}
	}
	return nil
}

// listReviews implements check -reviews: one line per article with its
// clinical review dates, those never reviewed first, then the soonest
// due, so that the next review to book is at the top.
func listReviews(src *source, opts article.Options, stdout, stderr io.Writer) error {
	lib, err := article.Load(src.fsys, opts)
	if err != nil {
		for _, e := range article.Errors(err) {
			fmt.Fprintln(stderr, e)
		}
		return exitError{1}
	}
	arts := lib.Articles()
	slices.SortStableFunc(arts, func(a, b *article.Article) int {
		if (a.ReviewedBy == "") != (b.ReviewedBy == "") {
			if a.ReviewedBy == "" {
				return -1
			}
			return 1
		}
		return cmp.Or(a.NextReview.Compare(b.NextReview), strings.Compare(a.Path, b.Path))
	})
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STATUS\tNEXT REVIEW\tLAST REVIEW\tREVIEWER\tFILE\tTITLE")
	overdue := 0
	for _, a := range arts {
		if a.ReviewedBy == "" {
			fmt.Fprintf(tw, "not reviewed\t-\t-\t-\t%s\t%s\n", a.Path, a.Title)
			continue
		}
		status := "due in " + plural(int(a.NextReview.Sub(opts.Now).Hours()/24), "day")
		if opts.Now.After(a.NextReview) {
			status = "OVERDUE"
			overdue++
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", status, a.NextReview.Format("2006-01-02"), a.Reviewed.Format("2006-01-02"), a.ReviewedBy, a.Path, a.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s, %d overdue for review\n", plural(len(arts), "article"), overdue)
	return nil
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// source is a content folder, opened.
type source struct {
	fsys  fs.FS
	root  string // the folder's name in messages
	close func()
}

// openContent opens dir, or the built-in articles when dir is empty.
// A folder is read through os.Root, so that nothing outside it is ever
// read, even through a symbolic link.
func openContent(dir string) (*source, error) {
	if dir == "" {
		return &source{fsys: content.FS, root: "content", close: func() {}}, nil
	}
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("-content: %w", err)
	}
	return &source{fsys: r.FS(), root: filepath.ToSlash(filepath.Clean(dir)), close: func() { r.Close() }}, nil
}
