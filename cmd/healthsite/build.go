package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"strings"
	"time"

	"healthsite/internal/article"
	"healthsite/internal/export"
	"healthsite/internal/search"
	"healthsite/internal/site"
)

// buildOptions are the flags of build.
type buildOptions struct {
	config
	out        string
	force      bool
	allowLocal bool
	searchURL  string
	sample     bool
}

// buildFlags defines the flags of build.
func buildFlags(getenv func(string) string, stderr io.Writer) (*flag.FlagSet, *buildOptions) {
	var o buildOptions
	fset := newFlagSet("build", stderr)
	o.flags(fset, getenv, true, false)
	fset.StringVar(&o.out, "out", "", "write the site into `DIR` (brought up to date: what the build did not write is deleted; required)")
	fset.BoolVar(&o.force, "force", false, "replace -out even if it holds files that an earlier build did not write")
	fset.BoolVar(&o.allowLocal, "allow-local", false, "build with a base URL on this machine (such as http://localhost:8080), for testing the export here")
	fset.StringVar(&o.searchURL, "search-url", "", "send the search form to a running healthsite at `URL` (such as https://search.example.org/search, or /search behind the same nginx) instead of searching in the browser from a static index")
	fset.BoolVar(&o.sample, "sample", false, "build the built-in sample articles, which are made up, when there is no content folder (to try the export)")
	return fset, &o
}

// runBuild implements `healthsite build -out DIR`: the site as static
// files, byte for byte what serve sends, with .gz and .br files beside
// each page.
func runBuild(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	start := time.Now()
	fset, o := buildFlags(getenv, stderr)
	if help, err := parseFlags(fset, args); help || err != nil {
		return err
	}
	if o.out == "" {
		return errors.New("build needs -out DIR: the folder to write the site into, e.g. healthsite build -out public")
	}
	if o.BaseURL != "" {
		if _, err := article.ParseBaseURL(o.BaseURL); err != nil {
			return fmt.Errorf("-base-url: %w", err)
		}
	}
	if err := checkSearchURL(o.searchURL); err != nil {
		return err
	}
	choice, err := o.content(fset)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, choice)
	lib, err := loadContent(choice.Dir, start, nil, openCache(getenv, o.Cache, choice.Dir, "render", article.OpenRenderCache), func(e *article.Error) { fmt.Fprintln(stderr, e) })
	if err != nil {
		if problems := article.Errors(err); len(problems) > 0 {
			for _, e := range problems {
				fmt.Fprintln(stderr, e)
			}
			return errors.New("content has errors (see above); nothing was written")
		}
		return err
	}
	// A base URL given on purpose is taken as it is; site.yaml's is the
	// one a copied folder still has from a preview on this machine.
	if o.BaseURL == "" && !o.allowLocal {
		if err := localBaseURL(choice, lib.Settings().BaseURL); err != nil {
			var e *article.Error
			if !errors.As(err, &e) {
				return err
			}
			fmt.Fprintln(stderr, e)
			return errors.New("the base URL is on this machine (see above); nothing was written")
		}
	}
	base := cmp.Or(o.BaseURL, lib.Settings().BaseURL)
	if u, err := url.Parse(base); choice.Dir == "" && !o.sample && (err != nil || !isLoopback(u.Hostname())) {
		// Made-up articles, authors and a reviewer at a real address
		// would read as real health advice.
		return fmt.Errorf("build would publish the built-in sample articles, which are made up, at %s, because %s: give your own folder with -content DIR (or pass -sample to publish the sample on purpose); nothing was written", base, strings.TrimSuffix(choice.Why, "; give one with -content DIR"))
	}
	if e := sampleWarning(choice, lib.Settings()); e != nil {
		fmt.Fprintln(stderr, e)
	}
	if origin := foreignOrigin(o.searchURL, base); origin != "" {
		fmt.Fprintf(stderr, "healthsite: warning: -search-url %s is not on %s, and every page's Content-Security-Policy says form-action 'self', so browsers will refuse to send the search form there (in nginx.conf's Content-Security-Policy lines, or your CDN's headers, write form-action 'self' %s)\n", o.searchURL, base, origin)
	}
	var analyses *search.AnalysisCache // only for the static index
	if o.searchURL == "" {
		analyses = openCache(getenv, o.Cache, choice.Dir, "analysis", search.OpenAnalysisCache)
	}
	st, err := site.Build(lib, site.Options{BaseURL: o.BaseURL, Now: start, NoSearch: true,
		StaticSearch: o.searchURL == "", SearchURL: o.searchURL, Analyses: analyses})
	if err != nil {
		return err
	}
	saveCache(analyses, func(w string) { fmt.Fprintln(stderr, "healthsite: warning: "+w) })
	return writeSite(ctx, st, o, start, stdout)
}

// writeSite writes st into o.out, saying what it wrote in how long
// since start. The export compresses the pages itself, writing each
// one's files as they are made and keeping the previous export's where
// a page did not change, rather than a Completion compressing every
// page into memory first; build needs no search index (NoSearch), which
// is all else a Completion would make.
func writeSite(ctx context.Context, st *site.Site, o *buildOptions, start time.Time, stdout io.Writer) error {
	stats, err := export.Write(ctx, st, o.out, export.Options{Force: o.force})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "healthsite: wrote %s, %d pages in %d files (%.1f MiB) to %s at %s in %s\n",
		articleCount(st), stats.Pages, stats.Files, float64(stats.Bytes)/(1<<20), o.out, st.BaseURL(), time.Since(start).Round(time.Millisecond))
	if stats.Reused > 0 {
		fmt.Fprintf(stdout, "healthsite: kept %d files of the previous build as they were, their pages unchanged\n", stats.Reused)
	}
	if stats.Retired > 0 {
		fmt.Fprintf(stdout, "healthsite: kept %d files of earlier builds under %s/static/ for a week, for their pages still in caches (listed in %s)\n",
			stats.Retired, o.out, export.RetiredFile)
	}
	if stats.Moved > 0 {
		fmt.Fprintf(stdout, "healthsite: %d old addresses of articles lead to them: a page at each, and %s for nginx.conf (reload nginx)\n",
			stats.Moved, export.MovedMap)
	}
	return nil
}

// baseURLLine finds the base_url line of site.yaml, for placing the
// message about it.
var baseURLLine = regexp.MustCompile(`(?m)^base_url[ \t]*:[ \t]*`)

// localBaseURL is the error of a build whose base URL, from site.yaml
// or its default, names this machine: every link in the sitemap, the
// feeds, the canonical links and the link previews would lead readers
// to their own computer. It is placed at site.yaml's base_url line.
func localBaseURL(choice contentChoice, base string) error {
	u, err := url.Parse(base)
	if err != nil || !isLoopback(u.Hostname()) {
		return nil
	}
	const why = "a local address: the sitemap, feeds and canonical links would point at this machine"
	const allow = "-allow-local to build for testing on this machine"
	if choice.Dir == "" {
		return fmt.Errorf("the built-in sample site's base URL is %s, %s (pass -base-url https://your-site.example; %s)", base, why, allow)
	}
	src, err := choice.open()
	if err != nil {
		return err
	}
	defer src.close()
	e := &article.Error{Path: path.Join(src.root, article.SettingsFile), Severity: article.SeverityError}
	data, err := fs.ReadFile(src.fsys, article.SettingsFile)
	switch loc := baseURLLine.FindIndex(data); {
	case err != nil:
		e.Message = fmt.Sprintf("there is no site.yaml, so the base URL is %s, %s (create %s with a line base_url: https://your-site.example, or pass -base-url https://your-site.example; %s)", base, why, e.Path, allow)
	case loc == nil:
		e.Message = fmt.Sprintf("base_url is not set, so it is %s, %s (add a line base_url: https://your-site.example, or pass -base-url https://your-site.example; %s)", base, why, allow)
	default:
		before := string(data[:loc[1]])
		e.Line = strings.Count(before, "\n") + 1
		e.Col = len(before) - strings.LastIndex(before, "\n")
		e.Message = fmt.Sprintf("base_url %s is %s (write base_url: https://your-site.example, or pass -base-url https://your-site.example; %s)", base, why, allow)
	}
	return e
}

// checkSearchURL checks -search-url: a path on the site's own host (a
// healthsite behind the same nginx) or an absolute http(s) URL, with
// no query or fragment, since the form adds ?q=.
func checkSearchURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	switch {
	case err != nil, u.RawQuery != "" || u.Fragment != "":
		return fmt.Errorf("-search-url %q: write the address of a healthsite's search page without ?query or #fragment, like https://search.example.org/search or /search", s)
	case u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/"):
		return nil
	case (u.Scheme == "http" || u.Scheme == "https") && u.Host != "":
		return nil
	}
	return fmt.Errorf("-search-url %q is neither a path starting with / nor an http or https address (write it like https://search.example.org/search, or /search behind the same nginx)", s)
}

// foreignOrigin is the origin (scheme://host[:port]) of searchURL when
// it is not base's, or "" when the search form stays on the site: the
// export's CSP allows forms to its own origin only, and the export
// serves its headers from nginx.conf or a CDN, not from files it
// writes, so build can only say what to add.
func foreignOrigin(searchURL, base string) string {
	s, err := url.Parse(searchURL)
	if err != nil || s.Host == "" {
		return ""
	}
	origin := func(u *url.URL) string {
		scheme, host, port := strings.ToLower(u.Scheme), strings.ToLower(u.Hostname()), u.Port()
		if port == map[string]string{"http": "80", "https": "443"}[scheme] {
			port = ""
		}
		if strings.Contains(host, ":") {
			host = "[" + host + "]"
		}
		if port != "" {
			host += ":" + port
		}
		return scheme + "://" + host
	}
	b, err := url.Parse(base)
	if err == nil && origin(s) == origin(b) {
		return ""
	}
	return origin(s)
}
