package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"healthsite/internal/article"
	"healthsite/internal/export"
	"healthsite/internal/site"
)

// runBuild implements `healthsite build -out DIR`: the site as static
// files, byte for byte what serve sends, with .gz and .br files beside
// each page.
func runBuild(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	start := time.Now()
	var cfg config
	fset := flag.NewFlagSet("build", flag.ContinueOnError)
	fset.SetOutput(stderr)
	cfg.flags(fset, getenv, false)
	out := fset.String("out", "", "write the site into `DIR` (replaced whole; required)")
	force := fset.Bool("force", false, "replace -out even if it holds files that an earlier build did not write")
	fset.Usage = func() {
		fmt.Fprint(stderr, "Usage: healthsite build [-content DIR] [-base-url URL] -out DIR [-force]\n\nWrites every page of the site as files, for nginx, a CDN or an object store.\n\n")
		fset.PrintDefaults()
	}
	if help, err := parseFlags(fset, args); help || err != nil {
		return err
	}
	if *out == "" {
		fset.Usage()
		return errors.New("build needs -out DIR: the folder to write the site into")
	}
	if cfg.BaseURL != "" {
		if _, err := article.ParseBaseURL(cfg.BaseURL); err != nil {
			return fmt.Errorf("-base-url: %w", err)
		}
	}
	lib, err := loadContent(cfg.ContentDir, start, func(e *article.Error) { fmt.Fprintln(stderr, e) })
	if err != nil {
		if problems := article.Errors(err); len(problems) > 0 {
			for _, e := range problems {
				fmt.Fprintln(stderr, e)
			}
			return errors.New("content has errors (see above); nothing was written")
		}
		return err
	}
	st, err := site.Build(lib, site.Options{BaseURL: cfg.BaseURL, Now: start, NoSearch: true})
	if err != nil {
		return err
	}
	if err := st.Compress(ctx); err != nil {
		return err
	}
	stats, err := export.Write(st, *out, export.Options{Force: *force})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "healthsite: wrote %d articles, %d pages in %d files (%.1f MiB) to %s in %s\n",
		st.Articles(), stats.Pages, stats.Files, float64(stats.Bytes)/(1<<20), *out, time.Since(start).Round(time.Millisecond))
	return nil
}
