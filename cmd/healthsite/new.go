package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"healthsite/internal/article"
)

// newArticle is the file healthsite new writes: every field of
// article.Fields that a new article needs, each with a word on what it
// is for, and values for the ones given here (title, author, date,
// summary). Fields to fill in hold the placeholder, which check reports
// until it is replaced.
func newArticle(values map[string]string) string {
	var b strings.Builder
	b.WriteString("---\n")
	for _, f := range article.Fields() {
		if !f.InNew {
			continue
		}
		v, ok := values[f.Name]
		if !ok {
			switch f.Kind() {
			case article.KindList, article.KindSources:
				v = "[]"
			case article.KindBool:
				v = "false"
			}
		}
		line := strings.TrimSpace(f.Name + ": " + v)
		if ok && f.Kind() == article.KindText {
			// The text written, such as the title, says what it is.
			b.WriteString(line + "\n")
			continue
		}
		fmt.Fprintf(&b, "%-25s # %s\n", line, strings.ReplaceAll(f.Help, "`", ""))
	}
	b.WriteString("---\n\n" + article.Placeholder + " Write the article here, in Markdown. Start sections with ## and a heading.\n")
	return b.String()
}

// newFlags defines the flags of new.
func newFlags(getenv func(string) string, stderr io.Writer) (*flag.FlagSet, *config) {
	var cfg config
	fset := newFlagSet("new", stderr)
	cfg.flags(fset, getenv, false, false)
	fset.Lookup("content").Usage = "write into the folder `DIR` (env HEALTHSITE_CONTENT; default: ./content)"
	fset.StringVar(&cfg.Lang, "lang", "", "write an article in the further language `TAG` of site.yaml's languages:, into DIR/TAG/")
	return fset, &cfg
}

// languageFolder returns the folder of the content folder dir that new
// writes an article of the language tag into: dir itself for "" or the
// main language, dir/<tag> for a further language of site.yaml.
func languageFolder(dir, tag string) (string, error) {
	if tag == "" {
		return dir, nil
	}
	s, _ := article.ReadSettings(os.DirFS(dir), dir)
	for _, t := range s.Tags()[1:] {
		if strings.EqualFold(t, tag) {
			return filepath.Join(dir, t), os.MkdirAll(filepath.Join(dir, t), 0o755)
		}
	}
	if strings.EqualFold(tag, s.Language) {
		return dir, nil
	}
	return "", fmt.Errorf("%s is not a language of the site: site.yaml's language is %s, and languages: lists %s (add it there first, e.g. languages: {%s: {}})", tag, s.Language, cmp.Or(strings.Join(s.Tags()[1:], ", "), "none"), tag)
}

// runNew implements `healthsite new "Title"`: it writes a new article
// file with every field, never over an existing file, and prints its path.
func runNew(args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fset, cfg := newFlags(getenv, stderr)
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	title := strings.TrimSpace(strings.Join(fset.Args(), " "))
	if title == "" {
		return errors.New(`new needs the article's title, e.g. healthsite new "Neck pain at work"`)
	}
	slug := article.Slugify(title)
	if slug == "" {
		return fmt.Errorf("the title %q gives no web address, which is made of the letters a to z and the digits 0 to 9 (use at least one of them in the title; accented letters such as é count as e)", title)
	}
	choice, err := cfg.content(fset)
	if err != nil {
		return err
	}
	if choice.Dir == "" {
		return fmt.Errorf("new writes into a content folder, and %s (mkdir %s to start one here)", strings.Replace(choice.Why, "; give one", ": give one", 1), localContent)
	}
	fmt.Fprintln(stdout, choice.line("writing into"))
	dir, err := languageFolder(choice.Dir, cfg.Lang)
	if err != nil {
		return err
	}
	author := strings.TrimSpace(getenv("HEALTHSITE_AUTHOR"))
	if author == "" {
		author = article.Placeholder + " your name (or set HEALTHSITE_AUTHOR)"
	}
	body := newArticle(map[string]string{
		"title":   strconv.Quote(title),
		"author":  strconv.Quote(author),
		"date":    time.Now().Format("2006-01-02"),
		"summary": strconv.Quote(article.Placeholder + " one or two sentences for the list of articles"),
	})
	path := filepath.Join(dir, slug+".md")
	// O_EXCL: an existing article is never overwritten.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s already exists; choose another title, or edit that file", path)
	}
	if err != nil {
		return err
	}
	if _, err := f.WriteString(body); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintln(stdout, path)
	return nil
}
