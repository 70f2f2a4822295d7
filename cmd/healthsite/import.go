package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"healthsite/internal/importer"
)

// importFlags defines the flags of import.
func importFlags(_ func(string) string, stderr io.Writer) (*flag.FlagSet, *importer.Options, *string) {
	var opts importer.Options
	fset := newFlagSet("import", stderr)
	fset.StringVar(&opts.From, "from", "", "the kind of site: `hugo` or jekyll (default: found from its files, else a plain folder of Markdown)")
	fset.StringVar(&opts.Author, "author", "", "the author of the files that name none, as `NAME`")
	date := fset.String("date", "", "the date of the files that give none, as `YYYY-MM-DD`")
	return fset, &opts, date
}

// runImport implements healthsite import SRC DST: it converts the site
// in SRC into content in DST and prints what became of every file.
func runImport(args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fset, opts, date := importFlags(getenv, stderr)
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fset.NArg() != 2 {
		return errors.New("import needs the folder of the old site and a new folder for the content, e.g. healthsite import ../old-site content")
	}
	if *date != "" {
		t, err := time.Parse("2006-01-02", *date)
		if err != nil {
			return fmt.Errorf("-date %q is not a date (write it like 2024-02-20)", *date)
		}
		opts.Date = t
	}
	src, dst := fset.Arg(0), fset.Arg(1)
	res, err := importer.Import(src, dst, *opts)
	if res != nil {
		fmt.Fprintf(stdout, "importing the %s site in %s into %s\n", res.Kind, src, dst)
		res.Report.Write(stdout)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "next: healthsite check -content %s\n", dst)
	return nil
}
