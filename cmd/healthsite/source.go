package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"healthsite/content"
	"healthsite/internal/article"
	"healthsite/internal/site"
)

// localContent is the folder every subcommand reads when neither
// -content nor HEALTHSITE_CONTENT names one and it exists: an editor
// standing beside content/ means that folder, never the copy built
// into the program.
const localContent = "content"

// contentChoice is the content a subcommand reads, and why, decided
// once by chooseContent for every subcommand alike.
type contentChoice struct {
	// Dir is the folder on disk; "" for the articles built into the
	// program.
	Dir string
	// Why says how Dir was chosen, for the first line of output.
	Why string
}

// chooseContent decides which content a subcommand reads: the folder
// given with -content (or HEALTHSITE_CONTENT; from says which), else
// ./content when it exists, else the current folder when it holds
// site.yaml or is named content, else the built-in articles. A folder that
// was named but does not exist is an error, never a quiet fallback.
func chooseContent(dir, from string) (contentChoice, error) {
	if dir != "" {
		info, err := os.Stat(dir)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return contentChoice{}, fmt.Errorf("%s %s: the folder %s does not exist (create it with mkdir %s, or correct the name)", from, dir, dir, dir)
		case err != nil:
			return contentChoice{}, fmt.Errorf("%s %s: %w", from, dir, err)
		case !info.IsDir():
			return contentChoice{}, fmt.Errorf("%s %s: %s is a file, not a folder (give the folder that holds the articles)", from, dir, dir)
		}
		return contentChoice{Dir: dir, Why: "given with " + from}, nil
	}
	here, _ := os.Getwd()
	if info, err := os.Stat(localContent); err == nil && info.IsDir() {
		return contentChoice{Dir: localContent, Why: "the content folder in " + here}, nil
	}
	if what := holdsContent("."); what != "" {
		// An editor who went into content/ to edit means that folder.
		return contentChoice{Dir: ".", Why: "this folder " + what + ", and there is no content folder in " + here}, nil
	}
	return contentChoice{Why: "there is no content folder in " + here + "; give one with -content DIR"}, nil
}

// holdsContent says what makes dir a content folder, that it holds
// site.yaml or is itself named content, or "" when nothing does. A
// Markdown file alone is not enough: a README beside the binary or
// notes in a home folder would make that folder a site of broken
// articles.
func holdsContent(dir string) string {
	if info, err := os.Stat(filepath.Join(dir, article.SettingsFile)); err == nil && !info.IsDir() {
		return "holds " + article.SettingsFile
	}
	if abs, err := filepath.Abs(dir); err == nil && filepath.Base(abs) == localContent {
		return "is named " + localContent
	}
	return ""
}

// Name is the content as the editor knows it: a folder such as
// content/, or the built-in sample articles.
func (c contentChoice) Name() string {
	if c.Dir == "" {
		return "the built-in sample articles"
	}
	return displayDir(c.Dir) + "/"
}

// String is the first line every subcommand prints: what it reads and
// why, so that nobody mistakes a check of the built-in articles for a
// check of their own.
func (c contentChoice) String() string { return c.line("reading") }

// line is String with another verb, for a command that writes.
func (c contentChoice) line(verb string) string {
	if c.Dir == "" {
		return "healthsite: using the built-in sample articles (" + c.Why + ")"
	}
	return "healthsite: " + verb + " " + c.Name() + " (" + c.Why + ")"
}

// displayDir is dir as messages name it: with forward slashes, cleaned.
func displayDir(dir string) string {
	return filepath.ToSlash(filepath.Clean(dir))
}

// sampleLine finds the sample line of site.yaml, for placing the
// warning about it.
var sampleLine = regexp.MustCompile(`(?m)^sample[ \t]*:[ \t]*`)

// sampleWarning is the warning of a content folder whose site.yaml
// still says sample: true, as the shipped one does: every page would
// tell readers that the site is made up. It is nil for the built-in
// articles, which are made up, and when sample is not set.
func sampleWarning(choice contentChoice, s article.Settings) *article.Error {
	if !s.Sample || choice.Dir == "" {
		return nil
	}
	e := &article.Error{Path: displayDir(filepath.Join(choice.Dir, article.SettingsFile)), Severity: article.SeverityWarning,
		Message: "sample: true is still set, so every page says the site is a made-up sample (delete the sample: line, or write sample: false, once the site holds your own articles and reviewer)"}
	if data, err := os.ReadFile(filepath.Join(choice.Dir, article.SettingsFile)); err == nil {
		if loc := sampleLine.FindIndex(data); loc != nil {
			before := string(data[:loc[0]])
			e.Line, e.Col = strings.Count(before, "\n")+1, 1
			e.Text, _, _ = strings.Cut(string(data[loc[0]:]), "\n")
		}
	}
	return e
}

// source is a content folder, opened.
type source struct {
	fsys  fs.FS
	root  string // the folder's name in messages
	close func()
}

// options are the options of every load of the content: serve, build,
// check and the preview alike, so that they report the same problems.
// Links are checked against the pages the site will build.
func (s *source) options(now time.Time) article.Options {
	return article.Options{Root: s.root, Now: now, Pages: site.Pages}
}

// open opens the chosen content. A folder is read through os.Root, so
// that nothing outside it is ever read, even through a symbolic link.
func (c contentChoice) open() (*source, error) {
	if c.Dir == "" {
		return &source{fsys: content.FS, root: localContent, close: func() {}}, nil
	}
	r, err := os.OpenRoot(c.Dir)
	if err != nil {
		return nil, fmt.Errorf("cannot read the content folder %s: %w", displayDir(c.Dir), err)
	}
	return &source{fsys: r.FS(), root: displayDir(c.Dir), close: func() { r.Close() }}, nil
}
