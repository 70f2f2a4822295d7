package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"healthsite/content"
	"healthsite/internal/article"
)

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
	fset.Usage = func() {
		fmt.Fprint(stderr, "Usage: healthsite check [-content DIR] [-strict] [-max-size BYTES]\n\nChecks every article and site.yaml, and lists each problem as path:line:col.\n\n")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fset.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q (check takes only flags)", fset.Args())
	}
	start := time.Now()
	src, err := openContent(cfg.ContentDir)
	if err != nil {
		return err
	}
	defer src.close()
	r := article.Check(src.fsys, article.Options{Root: src.root, MaxFileSize: *maxSize, RenderBudget: *budget})
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
