package article

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"healthsite/internal/markdown"
	"healthsite/internal/pool"
)

// DefaultMaxFileSize is the largest article file Load accepts.
const DefaultMaxFileSize = 1 << 20

// tooBigFix is the fix for an article over the size limit. Only check
// takes another limit (-max-size); serve and build keep the default.
var tooBigFix = fmt.Sprintf("split it into several articles, or raise the limit with healthsite check -max-size BYTES; serve and build accept %d KiB", DefaultMaxFileSize>>10)

// DefaultRenderBudget is the longest an article's Markdown may take to
// render. Ordinary articles take well under a millisecond; some crafted
// inputs of a few hundred kilobytes take goldmark most of a minute.
const DefaultRenderBudget = 2 * time.Second

// Options tune Load.
type Options struct {
	// Root is the name of the content folder as the editor knows it,
	// such as "content"; it prefixes every path in messages.
	Root string
	// MaxFileSize is the largest file accepted, in bytes; 0 means
	// DefaultMaxFileSize.
	MaxFileSize int64
	// RenderBudget is the longest one article may take to render; 0
	// means DefaultRenderBudget.
	RenderBudget time.Duration
	// Now, when set, makes an overdue clinical review a warning.
	Now time.Time
}

// Report is the outcome of checking a content folder.
type Report struct {
	Files    int      // files read: site.yaml and every article
	Problems []*Error // errors and warnings, sorted by path, line and column
	// Articles are the articles without errors, drafts and scheduled
	// ones included, newest first: what Load would publish if no other
	// file had errors.
	Articles []*Article
	// Settings are those of site.yaml, or the defaults where it has
	// errors, for the commands that warn about them.
	Settings Settings
}

// Count returns the number of problems of severity s.
func (r *Report) Count(s Severity) int {
	n := 0
	for _, e := range r.Problems {
		if e.Severity == s {
			n++
		}
	}
	return n
}

// Check reads the content of fsys as Load does and reports every
// problem, errors and warnings alike.
func Check(fsys fs.FS, opts Options) *Report {
	lib, r := load(fsys, opts)
	r.Problems = excuseDrafts(lib.found, r.Problems)
	r.Articles = lib.articles
	r.Settings = lib.settings
	return r
}

// Load reads site.yaml and every Markdown file (*.md, *.markdown) in fsys, in any
// folder, skipping names that start with a dot or an underscore (editor
// backups, folders kept out of the site). It returns the library, or an
// error joining every problem of every file (see Errors) when any file
// has an error: a content version is published whole or not at all.
func Load(fsys fs.FS, opts Options) (*Library, error) {
	lib, r := load(fsys, opts)
	r.Problems = excuseDrafts(lib.found, r.Problems)
	var errs []error
	for _, e := range r.Problems {
		if e.Severity == SeverityError {
			errs = append(errs, e)
		} else {
			lib.warnings = append(lib.warnings, e)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return lib, nil
}

// excuseDrafts makes the errors of each draft in found warnings, with
// one note saying so, and returns problems sorted again. A draft is
// never published, so its unfinished state harms no reader and must
// not stop the rest of the site; setting draft: false makes them errors
// again. Only a file whose front matter was read far enough to say
// draft: true is excused. The preview (LoadPartial) keeps them errors,
// to show them at the draft's own address.
func excuseDrafts(found []*Article, problems []*Error) []*Error {
	drafts := map[string]int{} // errors by path
	for _, a := range found {
		if a.Draft {
			drafts[a.Path] = 0
		}
	}
	if len(drafts) == 0 {
		return problems
	}
	for _, e := range problems {
		if n, ok := drafts[e.Path]; ok && e.Severity == SeverityError {
			e.Severity = SeverityWarning
			drafts[e.Path] = n + 1
		}
	}
	for path, n := range drafts {
		if n == 0 {
			continue
		}
		what := "1 problem that would be an error; it becomes one"
		if n > 1 {
			what = fmt.Sprintf("%d problems that would be errors; they become errors", n)
		}
		problems = append(problems, &Error{Path: path, Severity: SeverityWarning, Message: fmt.Sprintf("this draft has %s when you set draft: false (a draft is not published, so it does not stop the rest of the site)", what)})
	}
	sortErrors(problems)
	return problems
}

// loader carries what parsing one article needs.
type loader struct {
	root     string
	settings Settings
	md       *markdown.Renderer
	budget   time.Duration
	images   map[string]*Image // by path in the content folder
	broken   map[string]bool   // images in the folder that cannot be shown, by path
	now      time.Time         // for overdue reviews; zero to ignore them
}

func load(fsys fs.FS, opts Options) (*Library, *Report) {
	limit := cmp.Or(opts.MaxFileSize, DefaultMaxFileSize)
	settings, all := loadSettings(fsys, opts.Root)
	report := &Report{}
	if _, err := fs.Stat(fsys, SettingsFile); err == nil {
		report.Files++
	}
	l := &loader{
		root:     opts.Root,
		settings: settings,
		md:       markdown.Default(),
		budget:   cmp.Or(opts.RenderBudget, DefaultRenderBudget),
		images:   map[string]*Image{},
		broken:   map[string]bool{},
		now:      opts.Now,
	}
	lib := &Library{settings: settings, bySlug: map[string]*Article{}, others: map[string]otherFile{}}
	var synFound bool
	var synProblems []*Error
	lib.synonyms, synFound, synProblems = loadSynonyms(fsys, opts.Root)
	all = append(all, synProblems...)
	if synFound {
		report.Files++
		lib.others[displayPath(opts.Root, SynonymsFile)] = otherFile{kind: FileSynonyms}
	}
	problem := func(path, format string, args ...any) {
		all = append(all, &Error{Path: path, Message: fmt.Sprintf(format, args...)})
	}

	// First find every file: articles refer to images, which may come
	// later in the walk.
	var articles, images, pages, profiles []string
	walkErr := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		display := displayPath(opts.Root, name)
		if err != nil {
			problem(display, "cannot read: %v (check that it exists and is readable)", unwrapPathError(err))
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
		isMarkdown := isArticleFile(name)
		if d.Type()&fs.ModeSymlink != 0 {
			// Links are read only if they stay inside the folder: the
			// folder is opened through os.Root, which refuses the rest.
			info, err := fs.Stat(fsys, name)
			switch {
			case err != nil && (isMarkdown || isImage(name)):
				report.Files++
				if isMarkdown {
					lib.others[display] = otherFile{kind: FileOther}
				} else {
					lib.others[display] = otherFile{kind: FileImage}
					l.broken[name] = true
				}
				problem(display, "is a symbolic link that leads outside the content folder, or to nothing, so it is not read (copy the file into the folder instead of linking to it)")
				return nil
			case err == nil && info.IsDir():
				all = append(all, &Error{Path: display, Severity: SeverityWarning, Message: "is a symbolic link to a folder, which is not followed, so the articles in it are not published (move the folder here instead of linking to it)"})
				return nil
			}
		}
		switch {
		case d.IsDir():
		case isMarkdown && inFolder(name, PagesFolder):
			pages = append(pages, name)
			f := otherFile{kind: FilePage}
			if path.Dir(name) == PagesFolder {
				f.slug = Slugify(strings.TrimSuffix(base, pathExt(base)))
			}
			lib.others[display] = f
		case isMarkdown && inFolder(name, AuthorsFolder):
			profiles = append(profiles, name)
			lib.others[display] = otherFile{kind: FileProfile, slug: Slugify(strings.TrimSuffix(base, pathExt(base)))}
		case isMarkdown:
			articles = append(articles, name)
		case isImage(name):
			images = append(images, name)
			lib.others[display] = otherFile{kind: FileImage}
		case unpublished(name) != "":
			all = append(all, &Error{Path: display, Severity: SeverityWarning, Message: unpublished(name)})
		}
		return nil
	})
	if walkErr != nil {
		problem(cmp.Or(opts.Root, "."), "cannot read the content folder: %v (check that it exists and is readable)", unwrapPathError(walkErr))
	}

	// read returns a file's bytes, or nil after reporting why not.
	// readFile returns a file's bytes, or why it cannot. It changes
	// nothing shared, so that articles are read on every core.
	readFile := func(name string, limit int64, fix string) ([]byte, *Error) {
		display := displayPath(opts.Root, name)
		if info, err := fs.Stat(fsys, name); err == nil && info.Size() > limit {
			return nil, &Error{Path: display, Message: fmt.Sprintf("the file is %d KiB, over the limit of %d KiB (%s)", info.Size()>>10, limit>>10, fix)}
		}
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, &Error{Path: display, Message: fmt.Sprintf("cannot read the file: %v (check that it is a readable file)", unwrapPathError(err))}
		}
		return src, nil
	}
	// read returns a file's bytes, or nil after reporting why not.
	read := func(name string, limit int64, fix string) []byte {
		report.Files++
		src, e := readFile(name, limit, fix)
		if e != nil {
			all = append(all, e)
		}
		return src
	}
	for _, name := range images {
		body := read(name, MaxImageSize, "make it smaller in an image editor: a picture for the web needs 2000 pixels across at most")
		if body == nil {
			l.broken[name] = true
			continue
		}
		p := &problems{path: displayPath(opts.Root, name)}
		if img := readImage(name, body, p); img != nil {
			l.images[name] = img
			lib.images = append(lib.images, img)
		} else {
			l.broken[name] = true
		}
		all = append(all, p.list...)
	}
	// Articles are independent of each other until their links are
	// checked: parse them on every core, keeping the walk's order.
	type parsed struct {
		a        *Article
		problems []*Error
	}
	results := make([]parsed, len(articles))
	report.Files += len(articles)
	_ = pool.Each(context.Background(), len(articles), func(i int) {
		src, e := readFile(articles[i], limit, tooBigFix)
		if e != nil {
			results[i].problems = []*Error{e}
			return
		}
		results[i].a, results[i].problems = l.parseArticle(articles[i], src)
		quoteLines(src, results[i].problems)
	})
	// Files with errors are not published, but links to them are not
	// broken (their own errors are reported), and their links are
	// checked too: every mistake is reported at once.
	found := make([]*Article, 0, len(articles))
	for i, r := range results {
		all = append(all, r.problems...)
		a := r.a
		if a == nil { // not read: too big, or unreadable
			base := path.Base(articles[i])
			a = &Article{Path: displayPath(opts.Root, articles[i]), Slug: Slugify(strings.TrimSuffix(base, pathExt(base)))}
		} else if !slices.ContainsFunc(r.problems, func(e *Error) bool { return e.Severity == SeverityError }) {
			lib.articles = append(lib.articles, a)
		}
		found = append(found, a)
	}

	// Standalone pages and profiles of the people the articles name.
	readOne := func(name string) ([]byte, *Error) {
		report.Files++
		return readFile(name, limit, "make it shorter")
	}
	if _, err := fs.Stat(fsys, AuthorsFile); err == nil {
		lib.others[displayPath(opts.Root, AuthorsFile)] = otherFile{kind: FileProfile}
	}
	var pageProblems, profileProblems []*Error
	var pagePlaces, profilePlaces []*place
	lib.pages, pageProblems, pagePlaces = l.loadPages(pages, readOne)
	lib.profiles, profileProblems, profilePlaces = l.loadProfiles(fsys, profiles, readOne, found)
	all = append(all, append(pageProblems, profileProblems...)...)
	for _, pl := range profilePlaces {
		// A profile's page is at the address of the name it gives, not
		// of its file's name; the preview shows its problems there.
		if o, ok := lib.others[pl.path]; ok && pl.title != "" {
			o.slug = strings.TrimSuffix(strings.TrimPrefix(pl.addr, "/authors/"), "/")
			lib.others[pl.path] = o
		}
	}

	// Two files may not share a web address; WalkDir visits in lexical
	// order, so the later file is the one reported.
	targets := map[string]*Article{}
	for _, a := range found {
		if !a.slugKnown {
			continue
		}
		if prev, ok := targets[a.Slug]; ok {
			all = append(all, &Error{Path: a.Path, Line: 1, Col: 1, Message: fmt.Sprintf("the web address /articles/%s/ is also used by %s (give one of the two files another name, or a different slug:)", a.Slug, prev.Path)})
			continue
		}
		targets[a.Slug] = a
	}
	for _, a := range lib.articles {
		if targets[a.Slug] == a {
			lib.bySlug[a.Slug] = a
		}
	}
	// Files whose front matter could not be read may have the address
	// of their file name, or of a slug: line in it.
	for _, a := range found {
		if a.slugKnown {
			continue
		}
		for _, s := range append([]string{a.Slug}, a.aliases...) {
			if _, ok := targets[s]; !ok && s != "" {
				targets[s] = a
			}
		}
	}
	addrs := &siteAddresses{
		articles: map[string]*place{},
		names:    findPageNames(found, lib.Reviewer),
		pages:    map[string]*place{},
		fixed:    fixedAddresses,
	}
	if u, err := url.Parse(settings.BaseURL); err == nil && u.Host != "" {
		addrs.base = u
	}
	places := make([]*place, 0, len(found)+len(pagePlaces)+len(profilePlaces))
	byArticle := map[*Article]*place{}
	for _, a := range found {
		byArticle[a] = articlePlace(a)
		places = append(places, byArticle[a])
	}
	for s, a := range targets {
		addrs.articles[s] = byArticle[a]
	}
	for _, pl := range pagePlaces {
		if addrs.pages[pl.addr] == nil {
			addrs.pages[pl.addr] = pl
		}
	}
	places = append(append(places, pagePlaces...), profilePlaces...)
	all = append(all, checkLinks(places, found, addrs, l.now)...)
	lib.found = found

	sortErrors(all)
	report.Problems = all
	slices.SortFunc(lib.articles, newestFirst)
	return lib, report
}
