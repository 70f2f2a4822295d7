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
// them. Each Markdown file with errors (an article, a standalone page,
// a profile) is listed on its own, with its address, where the preview
// shows them; the other errors (site.yaml, an image, an unreadable
// folder) concern the whole site. Other files with errors that hold
// back only what depends on them are listed in Files too: SynonymsFile
// (search keeps its last good synonyms) and each image (the files that
// show it have errors of their own, and keep their last good version).
type Problems struct {
	Files []FileProblems // Markdown files with errors, sorted by path
	Site  []*Error       // errors not tied to one such file, sorted by path and line
	// Stale reports that, because of the errors in Site, the library
	// LoadPartial returned is the last good one given to it, unchanged.
	// Site errors without Stale mean there is no good version to show.
	Stale bool
	// Warnings are the warnings of this content version about files
	// without errors. They are the current ones even when Stale, where
	// the library's Warnings are those of the last good version.
	Warnings []*Error
}

// FileKind is what a file of the content with problems is.
type FileKind int

// The kinds of file: Markdown files, then the files they depend on.
const (
	FileArticle  FileKind = iota // an article, at /articles/{slug}/
	FilePage                     // a standalone page in PagesFolder, at /{slug}/
	FileProfile                  // a profile in AuthorsFolder, or AuthorsFile
	FileOther                    // a file that cannot be read, such as a link out of the folder
	FileSynonyms                 // SynonymsFile
	FileImage                    // an image, which the articles that show it depend on
	// FilePlainWords is PlainWordsFile: while it has errors, the
	// plain-language checks use the built-in lists alone, and nothing
	// of the site is held back.
	FilePlainWords
)

// otherFile is a Markdown file that is not an article, as LoadPartial
// needs to know it.
type otherFile struct {
	kind FileKind
	slug string // a page's address, or a profile file's name; "" for none
	lang string // a page's language; "" for the main language
}

// FileProblems are the problems of one Markdown file with errors.
type FileProblems struct {
	Path string   // as in messages, e.g. content/knee.md
	Kind FileKind // article, page, profile or another file
	// Slug is the file's address as it now stands: /articles/{Slug}/
	// for an article, /{Slug}/ for a page; for a profile file,
	// /authors/{Slug}/, the address of the name it gives (authors/lee.md
	// with name: Ann Lee is ann-lee), or of its file name when no name
	// can be read; "" for AuthorsFile; "" when the file has no address.
	Slug string
	// Lang is the language of an article or a page: the main
	// language's tag, or its folder's (content/es/ is es), so that its
	// address is under that language's prefix (/es/articles/{Slug}/).
	Lang     string
	Problems []*Error // its errors and warnings, sorted by line and column
	// The last good version of the file, from the last good library,
	// kept in its place in lists, links and pages: an article, a page,
	// or the profiles it held. Each is nil when there is none.
	LastGood     *Article
	LastPage     *Page
	LastProfiles []*Profile
	// LastSynonyms reports that search uses the synonyms of the last
	// good SynonymsFile.
	LastSynonyms bool
}

// Kept reports whether the file's last good version is shown in its place.
func (f FileProblems) Kept() bool {
	return f.LastGood != nil || f.LastPage != nil || len(f.LastProfiles) > 0 || f.LastSynonyms
}

// LoadPartial reads fsys as Load does, for the development preview,
// where one unfinished file must not hide the rest: it returns the
// library of the files without errors, with, in place of each Markdown
// file with errors (article, page or profile), that file's version in
// last (the previous good library, or nil) when it had one. When errors
// not tied to one such file stop the whole version (site.yaml cannot be
// read, say), the library is last itself, or when last is nil the files
// without errors under the default settings. problems is nil when
// nothing has an error.
//
// Load, not LoadPartial, decides what is published: a content version
// with any error is never published whole or in part.
func LoadPartial(fsys fs.FS, opts Options, last *Library) (lib *Library, problems *Problems) {
	l := load(fsys, opts)
	p, broken := sortProblems(l)
	for _, e := range l.report.Problems {
		if e.Severity == SeverityWarning && !broken[e.Path] {
			p.Warnings = append(p.Warnings, e)
		}
	}
	if len(p.Site) == 0 && len(p.Files) == 0 {
		l.parts.warnings = p.Warnings
		return newLibrary(l.parts), nil
	}
	if len(p.Site) > 0 && last != nil {
		p.Stale = true
		for i, f := range p.Files {
			switch f.Kind {
			case FileArticle:
				p.Files[i].LastGood = last.articleAt(f.Path)
			case FilePage:
				p.Files[i].LastPage = last.pageAt(f.Path)
			case FileProfile:
				p.Files[i].LastProfiles = last.profilesAt(f.Path)
			}
		}
		return last, p
	}
	good := goodPart(l.parts, broken)
	for i := range p.Files {
		keepLastGood(&good, &p.Files[i], last, opts.Root)
	}
	good.warnings = p.Warnings
	return newLibrary(good), p
}

// sortProblems files each problem of l under the file it is in, or
// under the whole site, and returns the files with errors.
func sortProblems(l *loading) (*Problems, map[string]bool) {
	byPath := map[string]*FileProblems{}
	p := &Problems{}
	for _, a := range l.found {
		byPath[a.Path] = &FileProblems{Path: a.Path, Kind: FileArticle, Slug: a.Slug, Lang: a.Lang}
	}
	for path, o := range l.other {
		byPath[path] = &FileProblems{Path: path, Kind: o.kind, Slug: o.slug, Lang: cmp.Or(o.lang, l.l.settings.Language)}
	}
	broken := map[string]bool{}
	for _, e := range l.report.Problems {
		f := byPath[e.Path]
		switch {
		case f != nil:
			f.Problems = append(f.Problems, e)
			broken[e.Path] = broken[e.Path] || e.Severity == SeverityError
		case e.Severity == SeverityError:
			p.Site = append(p.Site, e)
		}
	}
	for path, f := range byPath {
		if broken[path] {
			p.Files = append(p.Files, *f)
		}
	}
	slices.SortFunc(p.Files, func(a, b FileProblems) int { return cmp.Compare(a.Path, b.Path) })
	return p, broken
}

// goodPart is parts without the articles that have errors, and
// without warnings; its slices and maps are its own.
func goodPart(parts libraryParts, broken map[string]bool) libraryParts {
	good := newLibrary(parts).parts()
	good.articles = slices.DeleteFunc(good.articles, func(a *Article) bool { return broken[a.Path] })
	good.warnings = nil
	return good
}

// keepLastGood puts in good the last good version, in last, of the
// broken file f, unless a good file has taken its address since, and
// notes it in f. root is the content folder's name, as in paths.
func keepLastGood(good *libraryParts, f *FileProblems, last *Library, root string) {
	switch f.Kind {
	case FileArticle:
		old := last.articleAt(f.Path)
		if old == nil || slices.ContainsFunc(good.articles, func(a *Article) bool { return a.Slug == old.Slug }) {
			return
		}
		f.LastGood = old
		good.articles = append(good.articles, old)
		if img := old.LeadImage; img != nil {
			// An image the file no longer uses, or that has errors
			// itself: its last good version still shows it.
			good.keepImage(img)
		}
	case FilePage:
		old := last.pageAt(f.Path)
		if old == nil || slices.ContainsFunc(good.pages, func(pg *Page) bool { return pg.Slug == old.Slug }) {
			return
		}
		f.LastPage = old
		good.pages = append(good.pages, old)
	case FileImage:
		// The last good version of the picture, for the last good
		// versions of the files that show it.
		if last == nil {
			return
		}
		for _, img := range last.Images() {
			if displayPath(root, img.Path) == f.Path {
				good.keepImage(img)
			}
		}
	case FileSynonyms:
		if last != nil {
			f.LastSynonyms = true
			good.synonyms = last.synonyms
		}
	case FileProfile:
		// Each person the file last described well, unless another
		// file (or the good part of this one) describes them now.
		for _, old := range last.profilesAt(f.Path) {
			if key := personKey(old.Name); good.profiles[key] == nil {
				f.LastProfiles = append(f.LastProfiles, old)
				good.profiles[key] = old
			}
		}
	}
}

// keepImage adds img to l's images, in order, unless it is there.
func (l *libraryParts) keepImage(img *Image) {
	if !slices.Contains(l.images, img) {
		l.images = append(l.images, img)
		slices.SortFunc(l.images, func(a, b *Image) int { return cmp.Compare(a.URL, b.URL) })
	}
}

// pageAt returns the standalone page read from the file at path, or
// nil; l may be nil.
func (l *Library) pageAt(path string) *Page {
	if l == nil {
		return nil
	}
	for _, pg := range l.pages {
		if pg.Path == path {
			return pg
		}
	}
	return nil
}

// profilesAt returns the profiles read from the file at path, sorted
// by name; l may be nil.
func (l *Library) profilesAt(path string) []*Profile {
	if l == nil {
		return nil
	}
	var out []*Profile
	for _, pr := range l.Profiles() {
		if pr.Path == path {
			out = append(out, pr)
		}
	}
	return out
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
