package article

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"healthsite/internal/markdown"
)

// DefaultMaxFileSize is the largest article file Load accepts.
const DefaultMaxFileSize = 1 << 20

// Options tune Load.
type Options struct {
	// Root is the name of the content folder as the editor knows it,
	// such as "content"; it prefixes every path in messages.
	Root string
	// MaxFileSize is the largest file accepted, in bytes; 0 means
	// DefaultMaxFileSize.
	MaxFileSize int64
}

// Load reads site.yaml and every Markdown file (*.md) in fsys, in any
// folder, skipping names that start with a dot or an underscore (editor
// backups, drafts folders kept out of the site). It returns the library,
// or an error joining every problem of every file (see Errors) when any
// file has an error: a content version is published whole or not at all.
func Load(fsys fs.FS, opts Options) (*Library, error) {
	limit := cmp.Or(opts.MaxFileSize, DefaultMaxFileSize)
	settings, all := loadSettings(fsys, opts.Root)
	md := markdown.Default()

	lib := &Library{settings: settings, bySlug: map[string]*Article{}}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		display := displayPath(opts.Root, name)
		if err != nil {
			all = append(all, &Error{Path: display, Message: fmt.Sprintf("cannot read: %v (check that it exists and is readable)", unwrapPathError(err))})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		base := path.Base(name)
		if name != "." && (strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !strings.EqualFold(path.Ext(name), ".md") {
			return nil
		}
		info, err := d.Info()
		if err == nil && info.Size() > limit {
			all = append(all, &Error{Path: display, Message: fmt.Sprintf("the file is %d KiB, over the limit of %d KiB (split it into several articles, or raise the limit)", info.Size()>>10, limit>>10)})
			return nil
		}
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			all = append(all, &Error{Path: display, Message: fmt.Sprintf("cannot read the file: %v (check that it is a readable file)", unwrapPathError(err))})
			return nil
		}
		a, problems := parseArticle(display, base, src, md, settings.Location)
		all = append(all, problems...)
		if a != nil {
			lib.articles = append(lib.articles, a)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	// Two files may not share a web address; WalkDir visits in lexical
	// order, so the later file is the one reported.
	for _, a := range lib.articles {
		if prev, ok := lib.bySlug[a.Slug]; ok {
			all = append(all, &Error{Path: a.Path, Line: 1, Col: 1, Message: fmt.Sprintf("the web address /articles/%s/ is also used by %s (give one of the two files another name, or a different slug:)", a.Slug, prev.Path)})
			continue
		}
		lib.bySlug[a.Slug] = a
	}

	sortErrors(all)
	var errs []error
	for _, e := range all {
		if e.Severity == SeverityError {
			errs = append(errs, e)
		} else {
			lib.warnings = append(lib.warnings, e)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	slices.SortFunc(lib.articles, func(a, b *Article) int {
		return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Title, b.Title), cmp.Compare(a.Slug, b.Slug))
	})
	return lib, nil
}
