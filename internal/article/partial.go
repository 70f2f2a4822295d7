package article

import (
	"bytes"
	"cmp"
	"io/fs"
	"slices"
	"strings"
	"unicode/utf8"
)

// Problems are the errors of a content version loaded for the
// development preview by LoadPartial, sorted the way an editor fixes
// them. Each article file with errors is listed with its address, where
// the preview shows them; the other errors (site.yaml, an image, an
// unreadable folder) concern the whole site.
type Problems struct {
	Files []FileProblems // article files with errors, sorted by path
	Site  []*Error       // errors not tied to one article, sorted by path and line
	// Stale reports that, because of the errors in Site, the library
	// LoadPartial returned is the last good one given to it, unchanged.
	// Site errors without Stale mean there is no good version to show.
	Stale bool
}

// FileProblems are the problems of one article file with errors.
type FileProblems struct {
	Path     string   // as in messages, e.g. content/knee.md
	Slug     string   // its address as the file now stands: /articles/{Slug}/
	Problems []*Error // its errors and warnings, sorted by line and column
	// LastGood is the version of the file shown in its place in lists
	// and links, from the last good library; nil when there is none.
	LastGood *Article
}

// LoadPartial reads fsys as Load does, for the development preview,
// where one unfinished file must not hide the rest: it returns the
// library of the article files without errors, with, in place of each
// file with errors, that file's version in last (the previous good
// library, or nil) when it had one. When errors not tied to one article
// stop the whole version (site.yaml cannot be read, say), the library is
// last itself, or when last is nil the files without errors under the
// default settings. problems is nil when nothing has an error.
//
// Load, not LoadPartial, decides what is published: a content version
// with any error is never published whole or in part.
func LoadPartial(fsys fs.FS, opts Options, last *Library) (lib *Library, problems *Problems) {
	lib, r := load(fsys, opts)
	byPath := map[string]*FileProblems{}
	p := &Problems{}
	for _, a := range lib.found {
		byPath[a.Path] = &FileProblems{Path: a.Path, Slug: a.Slug}
	}
	broken := map[string]bool{}
	for _, e := range r.Problems {
		f := byPath[e.Path]
		switch {
		case f != nil:
			f.Problems = append(f.Problems, e)
			broken[e.Path] = broken[e.Path] || e.Severity == SeverityError
		case e.Severity == SeverityError:
			p.Site = append(p.Site, e)
		}
	}
	for _, a := range lib.found {
		if broken[a.Path] {
			p.Files = append(p.Files, *byPath[a.Path])
		}
	}
	slices.SortFunc(p.Files, func(a, b FileProblems) int { return cmp.Compare(a.Path, b.Path) })
	if len(p.Site) == 0 && len(p.Files) == 0 {
		lib.warnings = warnings(r.Problems)
		return lib, nil
	}
	if len(p.Site) > 0 && last != nil {
		p.Stale = true
		for i, f := range p.Files {
			p.Files[i].LastGood = last.articleAt(f.Path)
		}
		return last, p
	}

	// The good files, then the last good version of each broken one
	// whose address no good file has taken since.
	good := &Library{settings: lib.settings, images: lib.images, bySlug: map[string]*Article{}}
	for _, a := range lib.articles {
		if !broken[a.Path] && lib.bySlug[a.Slug] == a {
			good.articles = append(good.articles, a)
			good.bySlug[a.Slug] = a
		}
	}
	for i, f := range p.Files {
		old := last.articleAt(f.Path)
		if old == nil || good.bySlug[old.Slug] != nil {
			continue
		}
		p.Files[i].LastGood = old
		good.articles = append(good.articles, old)
		good.bySlug[old.Slug] = old
		if img := old.LeadImage; img != nil && !slices.Contains(good.images, img) {
			// An image the file no longer uses, or that has errors
			// itself: its last good version still shows it.
			good.images = append(good.images, img)
			slices.SortFunc(good.images, func(a, b *Image) int { return cmp.Compare(a.URL, b.URL) })
		}
	}
	slices.SortFunc(good.articles, newestFirst)
	for _, e := range r.Problems {
		if e.Severity == SeverityWarning && !broken[e.Path] {
			good.warnings = append(good.warnings, e)
		}
	}
	return good, p
}

// articleAt returns the article read from the file at path, or nil;
// l may be nil.
func (l *Library) articleAt(path string) *Article {
	if l == nil {
		return nil
	}
	for _, a := range l.articles {
		if a.Path == path {
			return a
		}
	}
	return nil
}

// warnings returns the problems that are warnings.
func warnings(all []*Error) []*Error {
	var out []*Error
	for _, e := range all {
		if e.Severity == SeverityWarning {
			out = append(out, e)
		}
	}
	return out
}

// newestFirst orders a library's articles: newest first, then by title
// and address, so that the order never depends on the walk.
func newestFirst(a, b *Article) int {
	return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Title, b.Title), cmp.Compare(a.Slug, b.Slug))
}

// quoteLines sets the Text of each problem placed at a line of src to
// that line, as the file had it when it was read, so that the preview
// can quote it. Lines are counted as parsing counts them: after a byte
// order mark is dropped, with \r\n and a lone \r each ending a line.
func quoteLines(src []byte, problems []*Error) {
	if len(problems) == 0 || src == nil {
		return
	}
	var lines [][]byte
	for _, e := range problems {
		if e.Line <= 0 || e.Text != "" {
			continue
		}
		if lines == nil {
			s := bytes.TrimPrefix(src, []byte("\ufeff"))
			s = bytes.ReplaceAll(s, []byte("\r\n"), []byte("\n"))
			s = bytes.ReplaceAll(s, []byte("\r"), []byte("\n"))
			lines = bytes.Split(s, []byte("\n"))
		}
		if e.Line > len(lines) {
			continue
		}
		line := lines[e.Line-1]
		if !utf8.Valid(line) {
			line = []byte(strings.ToValidUTF8(string(line), "\uFFFD"))
		}
		e.Text = string(line)
	}
}
