// Package importer turns a Hugo or Jekyll site, or a plain folder of
// Markdown, into healthsite content: articles with our front matter,
// bodies without template syntax, the images they show, and a
// site.yaml. It never writes over anything, and it names every source
// file it did not carry, with the reason, so that moving a site over
// loses nothing without a word.
package importer

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
)

// The kinds of source site.
const (
	Hugo   = "hugo"
	Jekyll = "jekyll"
	Folder = "folder" // a plain folder of Markdown files
)

// Options tune an import.
type Options struct {
	// From is Hugo, Jekyll or Folder; "" detects it.
	From string
	// Author fills the author of a file that names none.
	Author string
	// Date fills the date of a file that gives none, or only a
	// placeholder such as Jekyll's 0001-01-01.
	Date time.Time
}

// Result is an import done in memory: the files to write and the report.
type Result struct {
	Kind   string            // Hugo, Jekyll or Folder
	Files  map[string][]byte // by path in the destination: articles and site.yaml
	Copies map[string]string // images: source path by destination path
	Report *Report
}

// Report says what an import did with every source file.
type Report struct {
	Files   []FileOutcome  // every source file with text, by path
	Notes   []Note         // what was changed, guessed or dropped, by file and line
	Dropped map[string]int // front matter keys with no counterpart: files that had each
	Other   map[string]int // files that are not content (layouts, styles, scripts), by top folder
}

// FileOutcome is what became of one source file.
type FileOutcome struct {
	Source string // path in the source folder
	Dest   string // path in the destination; "" when not imported
	Reason string // why it was not imported; "" when it was
	// NoText is true for a file with nothing to import: no words, or
	// only template code. The share of files imported is counted
	// over the others.
	NoText bool
}

// Note is something an import changed, guessed or could not carry, at
// a line of a source file (0 for the whole file).
type Note struct {
	Source string
	Line   int
	Text   string
}

// Imported is the number of files that became articles.
func (r *Report) Imported() int {
	n := 0
	for _, f := range r.Files {
		if f.Dest != "" {
			n++
		}
	}
	return n
}

// WithText is the number of files that hold text of their own, the
// ones an import should carry.
func (r *Report) WithText() int {
	n := 0
	for _, f := range r.Files {
		if !f.NoText {
			n++
		}
	}
	return n
}

// Write writes the report for an editor: one line per source file, the
// notes, the dropped keys, and the totals.
func (r *Report) Write(w io.Writer) {
	for _, f := range r.Files {
		if f.Dest != "" {
			fmt.Fprintf(w, "imported %s -> %s\n", f.Source, f.Dest)
		} else {
			fmt.Fprintf(w, "not imported %s: %s\n", f.Source, f.Reason)
		}
	}
	for _, n := range r.Notes {
		if n.Line > 0 {
			fmt.Fprintf(w, "%s:%d: %s\n", n.Source, n.Line, n.Text)
		} else {
			fmt.Fprintf(w, "%s: %s\n", n.Source, n.Text)
		}
	}
	for _, k := range sortedKeys(r.Dropped) {
		fmt.Fprintf(w, "dropped front matter key %q in %s (healthsite has no such field)\n", k, files(r.Dropped[k]))
	}
	for _, k := range sortedKeys(r.Other) {
		fmt.Fprintf(w, "not content: %s in %s (templates, styles and settings of the old site are not carried)\n", files(r.Other[k]), k)
	}
	fmt.Fprintf(w, "%d of %d files with text imported, %d not imported, %d without text, %d notes\n",
		r.Imported(), r.WithText(), r.WithText()-r.Imported(), len(r.Files)-r.WithText(), len(r.Notes))
}

func files(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// note adds a note about source at line.
func (r *Report) note(source string, line int, format string, args ...any) {
	r.Notes = append(r.Notes, Note{Source: source, Line: line, Text: fmt.Sprintf(format, args...)})
}

// sort puts the report in path order, so that it reads the same on every run.
func (r *Report) sort() {
	slices.SortFunc(r.Files, func(a, b FileOutcome) int { return strings.Compare(a.Source, b.Source) })
	slices.SortStableFunc(r.Notes, func(a, b Note) int {
		return cmp.Or(strings.Compare(a.Source, b.Source), cmp.Compare(a.Line, b.Line))
	})
}

// ErrNotEmpty is returned when the destination folder holds files.
var ErrNotEmpty = errors.New("the destination folder is not empty")

// Import reads the site in the folder src and writes healthsite content
// into dst, which must not exist or be empty: an import never writes
// over a file.
func Import(src, dst string, opts Options) (*Result, error) {
	if err := checkEmpty(dst); err != nil {
		return nil, err
	}
	info, err := os.Stat(src)
	if err != nil {
		return nil, fmt.Errorf("cannot read the source folder: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is not a folder (give the folder of the Hugo or Jekyll site)", src)
	}
	root, err := os.OpenRoot(src)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	res, err := Convert(root.FS(), opts)
	if err != nil {
		return nil, err
	}
	if err := res.write(root.FS(), dst); err != nil {
		return res, err
	}
	return res, nil
}

// checkEmpty returns an error unless dir is missing or an empty folder.
func checkEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("cannot read the destination folder: %w", err)
	case len(entries) > 0:
		return fmt.Errorf("%s: %w (import writes into a new or empty folder, and never over a file; give another one)", dir, ErrNotEmpty)
	}
	return nil
}

// write writes the files of r into dst, and copies the images from src.
// Every file is created anew (O_EXCL), so even a folder filled while
// the import ran is not written over.
func (r *Result) write(src fs.FS, dst string) error {
	create := func(name string, body []byte) error {
		p := filepath.Join(dst, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		if _, err := f.Write(body); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	for _, name := range sortedKeys(r.Files) {
		if err := create(name, r.Files[name]); err != nil {
			return err
		}
	}
	for _, name := range sortedKeys(r.Copies) {
		body, err := fs.ReadFile(src, r.Copies[name])
		if err != nil {
			return err
		}
		if err := create(name, body); err != nil {
			return err
		}
	}
	return nil
}

// Convert reads the site in src and returns what Import would write.
func Convert(src fs.FS, opts Options) (*Result, error) {
	kind := opts.From
	if kind == "" {
		kind = Detect(src)
	}
	if kind != Hugo && kind != Jekyll && kind != Folder {
		return nil, fmt.Errorf("unknown kind of site %q (use hugo or jekyll)", kind)
	}
	c := newConversion(src, kind, opts)
	if err := c.run(); err != nil {
		return nil, err
	}
	c.report.sort()
	return &Result{Kind: kind, Files: c.files, Copies: c.copies, Report: c.report}, nil
}

// Detect says what kind of site src holds: Hugo by its configuration or
// content/ folder, Jekyll by _config.yml or _posts/, a Folder otherwise.
func Detect(src fs.FS) string {
	exists := func(name string) bool { _, err := fs.Stat(src, name); return err == nil }
	for _, name := range hugoConfigs {
		if exists(name) {
			return Hugo
		}
	}
	if exists("_config.yml") || exists("_config.yaml") || exists("_posts") {
		return Jekyll
	}
	if exists("config/_default") || exists("content") && (exists("layouts") || exists("themes") || exists("archetypes")) {
		return Hugo
	}
	if exists("content") {
		return Hugo
	}
	return Folder
}

// hugoConfigs are the names of a Hugo site's configuration file.
var hugoConfigs = []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json", "config/_default/hugo.toml", "config/_default/config.toml", "config/_default/hugo.yaml", "config/_default/config.yaml"}

// topFolder is the first folder of name, or "." for a file at the top.
func topFolder(name string) string {
	if i := strings.IndexByte(name, '/'); i >= 0 {
		return name[:i] + "/"
	}
	return path.Dir(name)
}
