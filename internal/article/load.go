package article

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"healthsite/internal/markdown"
	"healthsite/internal/paths"
	"healthsite/internal/pool"
	"healthsite/internal/readability"
)

// DefaultMaxFileSize is the largest article file Load accepts.
const DefaultMaxFileSize = 1 << 20

// tooBigFix is the fix for a Markdown file (an article, a page, a
// profile) or authors.yaml over the size limit. It does not offer
// check's -max-size: serve and build keep the default limit, so raising
// check's would only hide the problem until the site is served. A text
// that size is far more than a reader reads on one page; what makes a
// file that big by mistake is usually a picture pasted into the text.
const tooBigFix = "shorten it, or split it into several files; a picture pasted into the text (data:image/…) belongs in images/ instead, shown with ![what it shows](images/name.jpg)"

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
	// Plain measures how hard each article is to read, and warns of a
	// grade above site.yaml's reading_grade, of long sentences and of
	// long paragraphs: check and the preview ask for it, serve does not.
	Plain bool
	// Marks, with Plain, marks in each article's HTML the sentences and
	// words Plain warns of, each with its warning, for the editor's
	// preview: never for pages readers get.
	Marks bool
	// Renders remembers slow bodies from one load to the next: a
	// program that reloads passes the same one to every load. nil gives
	// the load a guard of its own.
	Renders *RenderGuard
	// Cache, when not nil, keeps each text's rendered HTML for the next
	// load, and gives this one those of the last (see RenderCache). The
	// caller calls its Save once the load is done.
	Cache *RenderCache
	// Pages returns every address the site built from the content will
	// have (site.Pages), given the content as read: every article, those
	// with errors included, so that one file's mistake is not reported
	// again as a broken link in every file that links to it. Links within
	// the site are checked against it. nil knows only the pages the
	// content names itself (see namedPages).
	Pages func(*Library) *PageSet
}

// Report is the outcome of checking a content folder.
type Report struct {
	Files int // files read: site.yaml and every article
	// Skipped are the Markdown files left out because a name in their
	// path starts with . or _, and site.yaml does not ignore them.
	Skipped  int
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
	l := load(fsys, opts)
	r := l.report
	r.Problems = excuseDrafts(l.found, r.Problems)
	r.Articles = l.read
	r.Settings = l.parts.settings
	return r
}

// Load reads site.yaml and every Markdown file (*.md, *.markdown) in fsys, in any
// folder, skipping names that start with a dot or an underscore (editor
// backups, folders kept out of the site). It returns the library, or an
// error joining every problem of every file (see Errors) when any file
// has an error: a content version is published whole or not at all.
func Load(fsys fs.FS, opts Options) (*Library, error) {
	l := load(fsys, opts)
	var errs []error
	for _, e := range excuseDrafts(l.found, l.report.Problems) {
		if e.Severity == SeverityError {
			errs = append(errs, e)
		} else {
			l.parts.warnings = append(l.parts.warnings, e)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return newLibrary(l.parts), nil
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
	renders  *RenderGuard
	cache    *RenderCache                 // nil when there is none
	images   map[string]*Image            // by path in the content folder
	broken   map[string]bool              // images in the folder that cannot be shown, by path
	now      time.Time                    // for overdue reviews; zero to ignore them
	schema   *schema                      // the front matter fields
	callouts map[string]map[string]string // callout titles by language tag and type
	plain    bool                         // measure readability (Options.Plain)
	marks    bool                         // and mark what it finds in the HTML (Options.Marks)
	// checkers find jargon, the passive and abbreviations, by language
	// tag of the site; read only.
	checkers map[string]*readability.Checker
}

// loading is one run of load: the folder, what has been read of it so
// far, and every problem found.
type loading struct {
	fsys   fs.FS
	root   string
	limit  int64 // the largest Markdown file accepted
	l      *loader
	report *Report
	all    []*Error
	// What the Library is made of: the good articles among them at an
	// address of their own, once load returns.
	parts libraryParts
	read  []*Article           // every article read without errors, for Check's report
	found []*Article           // every article file read, with errors or not, for LoadPartial
	other map[string]otherFile // the other Markdown files, by path as in messages, for LoadPartial
}

// load reads the content of fsys; its caller makes the Library of the
// parts it returns, with the warnings the caller keeps.
func load(fsys fs.FS, opts Options) *loading {
	r := startLoading(fsys, opts)
	// First find every file: articles refer to images, which may come
	// later in the walk.
	files := r.walk()
	r.readImages(files.images)
	found := r.parseArticles(files.articles)
	pagePlaces, profilePlaces := r.readPagesAndProfiles(files.pages, files.profiles, found)
	r.all = append(r.all, linkTranslations(r.l.settings, found)...)
	targets := r.articleAddresses(found)
	names := findPageNames(found, profileMap(r.parts.profiles).reviewer)
	set := r.pageSet(targets, names, opts.Pages)
	addrs, places := newSiteAddresses(found, targets, pagePlaces, profilePlaces, names, set, r.l.settings)
	r.all = append(r.all, checkLinks(places, found, addrs, r.l.now)...)
	r.found = found

	sortErrors(r.all)
	r.report.Problems = r.all
	slices.SortFunc(r.read, newestFirst)
	return r
}

// startLoading reads site.yaml and synonyms.yaml, which the rest of the
// content depends on.
func startLoading(fsys fs.FS, opts Options) *loading {
	settings, all := loadSettings(fsys, opts.Root)
	r := &loading{
		fsys:   fsys,
		root:   opts.Root,
		limit:  cmp.Or(opts.MaxFileSize, DefaultMaxFileSize),
		report: &Report{},
		all:    all,
		l: &loader{
			root:     opts.Root,
			settings: settings,
			md:       markdown.Default(),
			budget:   cmp.Or(opts.RenderBudget, DefaultRenderBudget),
			renders:  opts.Renders,
			cache:    opts.Cache,
			images:   map[string]*Image{},
			broken:   map[string]bool{},
			now:      opts.Now,
			schema:   newSchema(),
			callouts: calloutLabels(settings),
			plain:    opts.Plain,
			marks:    opts.Marks,
		},
		parts: libraryParts{settings: settings, profiles: map[string]*Profile{}},
		other: map[string]otherFile{},
	}
	if r.l.renders == nil {
		r.l.renders = NewRenderGuard()
	}
	if _, err := fs.Stat(fsys, SettingsFile); err == nil {
		r.report.Files++
	}
	var synFound bool
	var synProblems []*Error
	r.parts.synonyms, synFound, synProblems = loadSynonyms(fsys, opts.Root)
	r.all = append(r.all, synProblems...)
	if synFound {
		r.report.Files++
		r.other[displayPath(opts.Root, SynonymsFile)] = otherFile{kind: FileSynonyms}
	}
	pw, pwFound, pwProblems := loadPlainWords(fsys, opts.Root)
	r.all = append(r.all, pwProblems...)
	if pwFound {
		r.report.Files++
		r.other[displayPath(opts.Root, PlainWordsFile)] = otherFile{kind: FilePlainWords}
	}
	if opts.Plain {
		r.l.checkers = plainCheckers(settings, pw)
	}
	return r
}

// problem adds an error about the file at path.
func (r *loading) problem(path, format string, args ...any) {
	r.all = append(r.all, &Error{Path: path, Message: fmt.Sprintf(format, args...)})
}

// warning adds a warning about the file at path.
func (r *loading) warning(path, message string) {
	r.all = append(r.all, &Error{Path: path, Severity: SeverityWarning, Message: message})
}

// readFile returns a file's bytes, or why it cannot. It changes nothing
// shared, so that articles are read on every core.
func (r *loading) readFile(name string, limit int64, fix string) ([]byte, *Error) {
	display := displayPath(r.root, name)
	if info, err := fs.Stat(r.fsys, name); err == nil && info.Size() > limit {
		return nil, &Error{Path: display, Message: fmt.Sprintf("the file is %d KiB, over the limit of %d KiB (%s)", info.Size()>>10, limit>>10, fix)}
	}
	src, err := fs.ReadFile(r.fsys, name)
	if err != nil {
		return nil, &Error{Path: display, Message: fmt.Sprintf("cannot read the file: %v (check that it is a readable file)", unwrapPathError(err))}
	}
	return src, nil
}

// readImages reads every image, remembering those that cannot be shown.
func (r *loading) readImages(images []string) {
	for _, name := range images {
		r.report.Files++
		body, e := r.readFile(name, MaxImageSize, "make it smaller in an image editor: a picture for the web needs 2000 pixels across at most")
		if e != nil {
			r.all = append(r.all, e)
			r.l.broken[name] = true
			continue
		}
		p := &problems{path: displayPath(r.root, name)}
		if img := readImage(name, body, p); img != nil {
			r.l.images[name] = img
			r.parts.images = append(r.parts.images, img)
		} else {
			r.l.broken[name] = true
		}
		r.all = append(r.all, p.list...)
	}
}

// parseArticles reads every article and returns them all, those with
// errors included: they are not published, but links to them are not
// broken (their own errors are reported), and their links are checked
// too, so that every mistake is reported at once.
func (r *loading) parseArticles(articles []string) []*Article {
	// Articles are independent of each other until their links are
	// checked: parse them on every core, keeping the walk's order.
	type parsed struct {
		a        *Article
		problems []*Error
	}
	results := make([]parsed, len(articles))
	r.report.Files += len(articles)
	_ = pool.Each(context.Background(), len(articles), func(i int) {
		src, e := r.readFile(articles[i], r.limit, tooBigFix)
		if e != nil {
			results[i].problems = []*Error{e}
			return
		}
		results[i].a, results[i].problems = r.l.parseArticle(articles[i], src)
		quoteLines(src, results[i].problems)
	})
	found := make([]*Article, 0, len(articles))
	for i, res := range results {
		r.all = append(r.all, res.problems...)
		a := res.a
		if a == nil { // not read: too big, or unreadable
			base := path.Base(articles[i])
			a = &Article{Path: displayPath(r.root, articles[i]), Slug: Slugify(strings.TrimSuffix(base, pathExt(base)))}
		} else if !hasError(res.problems) {
			r.read = append(r.read, a)
		}
		found = append(found, a)
	}
	return found
}

// readPagesAndProfiles reads the standalone pages and the profiles of
// the people the articles found name, and returns their places.
func (r *loading) readPagesAndProfiles(pages, profiles []string, found []*Article) (pagePlaces, profilePlaces []*place) {
	readOne := func(name string) ([]byte, *Error) {
		r.report.Files++
		return r.readFile(name, r.limit, tooBigFix)
	}
	if _, err := fs.Stat(r.fsys, AuthorsFile); err == nil {
		r.other[displayPath(r.root, AuthorsFile)] = otherFile{kind: FileProfile}
	}
	var pageProblems, profileProblems []*Error
	r.parts.pages, pageProblems, pagePlaces = r.l.loadPages(pages, readOne)
	r.parts.profiles, profileProblems, profilePlaces = r.l.loadProfiles(r.fsys, profiles, readOne, found)
	r.all = append(r.all, append(pageProblems, profileProblems...)...)
	for _, pl := range profilePlaces {
		// A profile's page is at the address of the name it gives, not
		// of its file's name; the preview shows its problems there.
		if o, ok := r.other[pl.path]; ok && pl.title != "" {
			o.slug = strings.TrimSuffix(strings.TrimPrefix(pl.addr, "/authors/"), "/")
			r.other[pl.path] = o
		}
	}
	return pagePlaces, profilePlaces
}

// articleAddresses returns the article at each address (its path,
// /articles/{slug}/ or /es/articles/{slug}/), reporting two
// files with one address (WalkDir visits in lexical order, so the later
// file is the one reported), and publishes the good articles at theirs.
// A file whose front matter could not be read may have the address of
// its file name, or of a slug: line in it.
func (r *loading) articleAddresses(found []*Article) map[string]*Article {
	targets := map[string]*Article{}
	key := func(a *Article, slug string) string { return r.l.settings.Prefix(a.Lang) + paths.Articles + slug + "/" }
	for _, a := range found {
		if !a.slugKnown {
			continue
		}
		if prev, ok := targets[key(a, a.Slug)]; ok {
			r.all = append(r.all, &Error{Path: a.Path, Line: 1, Col: 1, Message: fmt.Sprintf("the web address %s is also used by %s (give one of the two files another name, or a different slug:)", key(a, a.Slug), prev.Path)})
			continue
		}
		targets[key(a, a.Slug)] = a
	}
	for _, a := range r.read {
		if targets[key(a, a.Slug)] == a {
			r.parts.articles = append(r.parts.articles, a)
		}
	}
	for _, a := range found {
		if a.slugKnown {
			continue
		}
		for _, s := range append([]string{a.Slug}, a.aliases...) {
			if _, ok := targets[key(a, s)]; !ok && s != "" {
				targets[key(a, s)] = a
			}
		}
	}
	return targets
}
