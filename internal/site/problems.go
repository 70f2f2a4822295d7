package site

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"healthsite/internal/article"
	"healthsite/templates"
)

// DevProblemsPath is where the development preview lists every problem
// of the content while there are any.
const DevProblemsPath = "/_dev/problems/"

// problemsURL is where the preview shows the problems of file f: at the
// file's own address (an article's, a page's, or the page of the person
// a profile file is named after), unless another file holds it; on the
// list of every problem when the file has no address, or when it is a
// page or a profile whose last good version still shows there.
//
// An article's or a page's address is in its language: content/es/x.md
// is at /es/articles/x/.
func problemsURL(f article.FileProblems, lib *article.Library) string {
	lang := cmp.Or(f.Lang, lib.Settings().Language)
	prefix := lib.Settings().Prefix(lang)
	switch {
	case f.Kind == article.FileArticle:
		if a := lib.ArticleIn(lang, f.Slug); a != nil && a.Path != f.Path {
			return DevProblemsPath
		}
		return prefix + ArticlePath(f.Slug)
	case f.Kept() || f.Slug == "":
	case f.Kind == article.FilePage:
		if !slices.ContainsFunc(lib.PagesIn(lang), func(p *article.Page) bool { return p.Slug == f.Slug }) {
			return prefix + PagePath(f.Slug)
		}
	case f.Kind == article.FileProfile:
		if lib.Profile(f.Slug) == nil {
			return AuthorPath(f.Slug)
		}
	}
	return DevProblemsPath
}

// problemsNotice is the note on every page of the preview while some
// files have problems, or nil when none has.
func problemsNotice(p *article.Problems, lib *article.Library) *templates.ProblemsNotice {
	if p == nil {
		return nil
	}
	n := &templates.ProblemsNotice{}
	var held []string
	for _, e := range p.Site {
		if !slices.ContainsFunc(n.Files, func(l templates.Link) bool { return l.Name == e.Path }) {
			n.Files = append(n.Files, templates.Link{Name: e.Path, URL: DevProblemsPath})
			held = append(held, cmp.Or(e.Path, "the content folder"))
		}
	}
	if p.Stale {
		n.HeldBy = strings.Join(held, " and ")
	}
	for _, f := range p.Files {
		n.Files = append(n.Files, templates.Link{Name: f.Path, URL: problemsURL(f, lib)})
	}
	return n
}

// problemPages renders, in the preview, each file's problems at its
// address and every problem at DevProblemsPath. They are kept apart
// from the site's pages, which the export writes and crawls follow:
// the server shows them instead of what is at their address.
func (b *builder) problemPages(p *article.Problems, lib *article.Library) {
	if p == nil {
		return
	}
	frame := b.head("", "", "")
	frame.Notice, frame.NoIndex = nil, true
	s := b.site
	s.problemPages = map[string]*Page{}
	for _, f := range p.Files {
		url := problemsURL(f, lib)
		if url == DevProblemsPath {
			continue
		}
		intro := map[article.FileKind]string{
			article.FileArticle: "Until the file is fixed, its article is left out of the preview's lists.",
			article.FilePage:    "Until the file is fixed, its page is left out of the preview's footer.",
			article.FileProfile: "Until the file is fixed, the preview shows this person's page without the profile.",
		}[f.Kind]
		if f.Kept() {
			intro = "Until the file is fixed, the rest of the preview shows its last version without errors."
		}
		// The notice names the other files with problems, if any.
		head := frame
		head.Notice = without(b.notice, f.Path)
		s.problemPages[url] = b.page(url, templates.Problems(problemsView(head, f.Problems,
			intro+" Readers never see a version with errors. Fix the file and save: this page reloads by itself.")))
	}
	all := slices.Clone(p.Site)
	for _, f := range p.Files {
		all = append(all, f.Problems...)
	}
	intro := "The preview shows every other file as it is saved. Fix the files and save: this page reloads by itself."
	switch {
	case len(p.Site) > 0 && p.Stale:
		intro = "Some concern the whole site, so edits to every file are held back until they are fixed: the preview shows the whole site as it last was without errors. Fix the files and save: this page reloads by itself."
	case len(p.Site) > 0:
		// Nothing good to show: this page stands in for every page.
		intro = "Some concern the whole site, so nothing can be previewed until they are fixed. Fix the files and save: this page reloads by itself."
		s.blocked = true
	}
	s.problemPages[DevProblemsPath] = b.page(DevProblemsPath, templates.Problems(problemsView(frame, all, intro)))
}

// without returns n without the file at path, or nil when no other
// file is left in it.
func without(n *templates.ProblemsNotice, path string) *templates.ProblemsNotice {
	if n == nil {
		return nil
	}
	m := *n
	m.Others = true
	m.Files = slices.DeleteFunc(slices.Clone(n.Files), func(l templates.Link) bool { return l.Name == path })
	if len(m.Files) == 0 {
		return nil
	}
	return &m
}

// ProblemPage returns the preview's problems page to show at path
// instead of the page there, or nil. When errors not tied to one
// article left nothing to preview, it is the same page at every path.
func (s *Site) ProblemPage(path string) *Page {
	if s.blocked {
		return s.problemPages[DevProblemsPath]
	}
	return s.problemPages[path]
}

// ProblemsPage renders the preview's report of a version that could not
// be built, shown instead of every page until the next version builds:
// err's content problems, placed and quoted, and any other error.
func (s *Site) ProblemsPage(err error) ([]byte, error) {
	var problems []*article.Error
	for _, e := range article.Flatten(err) {
		if ae := (*article.Error)(nil); errors.As(e, &ae) {
			problems = append(problems, ae)
		} else {
			problems = append(problems, &article.Error{Message: e.Error()})
		}
	}
	frame := s.frame
	frame.Notice, frame.NoIndex = nil, true
	view := problemsView(frame, problems, "The preview keeps the last version that could be built, and readers never see a version with errors. Fix the files and save: this page reloads by itself.")
	view.Heading = fmt.Sprintf("The latest change has %d problem%s", len(problems), plural(len(problems)))
	var buf bytes.Buffer
	err = templates.Problems(view).Render(context.Background(), &buf)
	return buf.Bytes(), err
}

// problemsView lays out problems for the problems page, titled by the
// file they are in ("Problems in content/knee.md") or by how many files.
func problemsView(head templates.Head, problems []*article.Error, intro string) templates.ProblemsPage {
	var files []string
	v := templates.ProblemsPage{Head: head}
	for _, e := range problems {
		p := templates.Problem{Path: e.Path, Line: e.Line, Col: e.Col, Severity: e.Severity.String(), Message: e.Message}
		if e.Line > 0 && e.Text != "" {
			p.Quote = templates.NewQuote(e.Text, e.Col)
		}
		v.Problems = append(v.Problems, p)
		if e.Path != "" && !slices.Contains(files, e.Path) {
			files = append(files, e.Path)
		}
	}
	switch len(files) {
	case 0:
		v.Heading = "Problems"
	case 1:
		v.Heading = "Problems in " + files[0]
	default:
		v.Heading = fmt.Sprintf("Problems in %d files", len(files))
	}
	v.Head.Title = v.Heading
	v.Intro = fmt.Sprintf("There are %d problems. %s", len(problems), intro)
	if len(problems) == 1 {
		v.Intro = "There is 1 problem. " + intro
	}
	return v
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
