package importer

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"healthsite/internal/article"
)

// conversion is one import in progress.
type conversion struct {
	src    fs.FS
	kind   string
	opts   Options
	cfg    siteConfig
	report *Report
	files  map[string][]byte
	copies map[string]string // destination by source image, inverted at the end
	images map[string]string // destination path by source path
	docs   []*doc
	bySlug map[string]*doc // by language and slug
}

// The kinds of output a source file becomes.
const (
	asArticle = iota
	asPage
)

// doc is one source file with text.
type doc struct {
	source   string // path in the source folder
	rel      string // path in the content folder (Hugo's content/), for ref
	kind     int    // asArticle or asPage
	meta     map[string]any
	body     string
	bodyLine int
	slug     string
	lang     string // "" for the site's language
	bundle   bool   // a Hugo page bundle's index.md: its files sit beside it
	list     bool   // a Hugo list page (_index.md): its text becomes a page
	oldName  string // the home or not-found page it was, which healthsite makes itself
	post     bool   // a Jekyll post, whose file name gives its date
	fileDate date
	hasDate  bool
	skip     string // why it is not imported; "" to import it
	empty    bool   // it has no text of its own: no words, or only template code
	original *doc   // for a translation, the article it translates
	dest     string // path in the destination
	values   values // the healthsite fields
	draft    bool   // it is imported as a draft
}

func newConversion(src fs.FS, kind string, opts Options) *conversion {
	r := &Report{Dropped: map[string]int{}, Other: map[string]int{}}
	return &conversion{
		src: src, kind: kind, opts: opts, report: r,
		cfg:    readConfig(src, kind, r),
		files:  map[string][]byte{},
		copies: map[string]string{},
		images: map[string]string{},
		bySlug: map[string]*doc{},
	}
}

// textExts are the extensions of the files read as content.
var textExts = map[string]bool{".md": true, ".markdown": true, ".mdown": true, ".mkd": true, ".mkdn": true, ".html": true, ".htm": true}

// generated are folders of build output and tools, which hold no
// content of their own.
var generated = map[string]bool{"_site": true, "public": true, "resources": true, "node_modules": true, "vendor": true, ".git": true, ".jekyll-cache": true, ".sass-cache": true, ".github": true, "themes": true}

func (c *conversion) run() error {
	if err := c.walk(); err != nil {
		return err
	}
	c.name()
	for _, d := range c.docs {
		if d.skip == "" {
			d.values = c.fields(d)
			d.draft = d.values["draft"] == true || d.kind == asArticle && (c.lacks(d.values, "author") || c.lacks(d.values, "date"))
			d.dest = d.destPath()
		}
	}
	for _, d := range c.docs {
		if d.skip == "" {
			c.convert(d)
		}
		out := FileOutcome{Source: d.source, Dest: d.dest, Reason: d.skip, NoText: d.empty}
		if d.skip != "" {
			out.Dest = ""
		}
		c.report.Files = append(c.report.Files, out)
	}
	var langs []string
	for _, d := range c.docs {
		if d.skip == "" && d.lang != "" && !slices.Contains(langs, d.lang) {
			langs = append(langs, d.lang)
		}
	}
	slices.Sort(langs)
	if y := c.cfg.siteYAML(langs); y != nil {
		c.files[article.SettingsFile] = y
	}
	copies := map[string]string{}
	for from, to := range c.images {
		copies[to] = from
	}
	c.copies = copies
	return nil
}

// walk finds every content file of the source, and counts the others.
func (c *conversion) walk() error {
	return fs.WalkDir(c.src, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("cannot read %s: %w", name, err)
		}
		if name == "." {
			return nil
		}
		base := path.Base(name)
		if d.IsDir() {
			if generated[base] && path.Dir(name) == "." {
				c.report.Other[name+"/"] += 0
				delete(c.report.Other, name+"/")
				return fs.SkipDir
			}
			return nil
		}
		ext := strings.ToLower(path.Ext(name))
		if !textExts[ext] || !c.isContent(name) {
			if !isImageName(name) {
				c.report.Other[topFolder(name)]++
			}
			return nil
		}
		c.read(name)
		return nil
	})
}

// isContent reports whether the text file at name is content for the
// kind of site, rather than a template or an include.
func (c *conversion) isContent(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	switch c.kind {
	case Hugo:
		return strings.HasPrefix(name, c.cfg.contentDir+"/")
	case Jekyll:
		top := strings.SplitN(name, "/", 2)[0]
		if strings.HasPrefix(top, "_") {
			return top == "_posts" || top == "_drafts" || c.collection(top) || strings.Contains(name, "/_posts/")
		}
		if strings.HasPrefix(path.Base(name), "_") || strings.HasPrefix(path.Base(name), ".") {
			return false
		}
		if ext == ".html" || ext == ".htm" {
			// A page of HTML is content only with front matter;
			// otherwise it is a file Jekyll copies as it is.
			body, err := fs.ReadFile(c.src, name)
			return err == nil && bytes.HasPrefix(bytes.TrimLeft(body, "\ufeff \r\n"), []byte("---"))
		}
		return !strings.EqualFold(path.Base(name), "readme.md") || path.Dir(name) != "."
	}
	return ext != ".html" && ext != ".htm"
}

// collection reports whether the Jekyll folder top, such as _articles,
// holds a collection the configuration declares.
func (c *conversion) collection(top string) bool {
	cols, _ := c.cfg.params["collections"].(map[string]any)
	_, ok := cols[strings.TrimPrefix(top, "_")]
	if !ok {
		if l, isList := c.cfg.params["collections"].([]any); isList {
			for _, e := range l {
				if text(e) == strings.TrimPrefix(top, "_") {
					return true
				}
			}
		}
	}
	return ok
}

// read reads the content file at name into a doc: its front matter and
// text, its language, what it becomes and its slug.
func (c *conversion) read(name string) {
	d := &doc{source: name, rel: name}
	c.docs = append(c.docs, d)
	if c.kind == Hugo {
		d.rel = strings.TrimPrefix(name, c.cfg.contentDir+"/")
	}
	if d.skip = c.parse(d); d.skip != "" {
		return
	}
	stem := c.language(d)
	stem = c.place(d, stem)
	d.slug = c.slug(d, stem)
}

// parse reads d's file into its front matter and text, or says why it
// cannot.
func (c *conversion) parse(d *doc) (skip string) {
	src, err := fs.ReadFile(c.src, d.source)
	if err != nil {
		return fmt.Sprintf("cannot be read: %v", err)
	}
	if !utf8.Valid(src) {
		return "is not UTF-8 text (save it as UTF-8 and import again)"
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	meta, body, line, err := splitFrontMatter(src)
	if err != nil {
		return err.Error() + " (correct it and import again)"
	}
	d.meta, d.body, d.bodyLine = meta, body, line
	return ""
}

// language sets d's language, from Hugo's foo.es.md or the front
// matter, and returns the stem of its file name without it.
func (c *conversion) language(d *doc) (stem string) {
	base := path.Base(d.source)
	stem = strings.TrimSuffix(base, path.Ext(base))
	if dot := strings.LastIndexByte(stem, '.'); dot > 0 && languageTag(stem[dot+1:]) && len(stem)-dot <= 6 {
		d.lang = strings.ToLower(stem[dot+1:])
		stem = stem[:dot]
	}
	if l := text(d.meta["lang"]); l != "" {
		d.lang = strings.ToLower(l)
	} else if l := text(d.meta["language"]); l != "" && languageTag(l) {
		d.lang = strings.ToLower(l)
	}
	if d.lang != "" && c.sameLanguage(d.lang) {
		d.lang = ""
	}
	return stem
}

// place decides what d becomes, an article or a page, from where it
// sits in the source, and returns the stem its slug comes from: a
// bundle's or a list page's folder, a post's name without its date.
func (c *conversion) place(d *doc, stem string) string {
	if c.kind == Hugo {
		switch {
		case strings.HasPrefix(stem, "_index"):
			// A section's or the home page's own text: the list
			// below it healthsite makes itself, the text becomes a
			// page of its own.
			d.list, d.kind = true, asPage
			if dir := path.Dir(d.rel); dir != "." {
				return path.Base(dir)
			}
			return "index"
		case stem == "index" && path.Dir(d.rel) != ".":
			d.bundle = true
			return path.Base(path.Dir(d.rel))
		case path.Dir(d.rel) == "." && d.meta["date"] == nil && d.meta["publishdate"] == nil:
			d.kind = asPage
		}
		return stem
	}
	if c.kind != Jekyll {
		return stem
	}
	name := d.source
	if strings.HasPrefix(name, "_posts/") || strings.Contains(name, "/_posts/") || strings.HasPrefix(name, "_drafts/") {
		fd, rest, found, placeholder := splitFileNameDate(stem, c.cfg.loc)
		d.post = true
		if found {
			d.fileDate, d.hasDate = fd, true
		}
		if found || placeholder {
			stem = rest
		}
	} else if !c.collection(strings.SplitN(name, "/", 2)[0]) {
		d.kind = asPage
	}
	return stem
}

// slug is d's slug: from its slug:, url:, path: or permalink:, else
// from stem; a page's never one healthsite uses itself.
func (c *conversion) slug(d *doc, stem string) string {
	meta := d.meta
	slug := article.Slugify(stem)
	if s := article.Slugify(text(meta["slug"])); s != "" {
		slug = s
	} else if u := text(meta["url"]); u != "" {
		if s := article.Slugify(path.Base(strings.TrimSuffix(strings.TrimSuffix(strings.Trim(u, "/"), ".html"), "/index"))); s != "" {
			slug = s
		}
	} else if u := text(meta["path"]); u != "" {
		slug = article.Slugify(path.Base(strings.Trim(u, "/")))
	} else if u := text(meta["permalink"]); u != "" && !strings.Contains(u, ":") {
		slug = article.Slugify(path.Base(strings.TrimSuffix(strings.Trim(u, "/"), ".html")))
	}
	if d.kind == asPage && slices.Contains(article.ReservedPageNames(), slug) {
		if slug == "index" || slug == "404" {
			// The home page and the page-not-found page: healthsite
			// makes both. Their own text, if any, goes to a page.
			slug = map[string]string{"index": "welcome", "404": "not-found"}[slug]
			d.oldName = stem
		} else {
			slug += "-page"
		}
	}
	if slug == "" {
		slug = "article"
	}
	return slug
}

// sameLanguage reports whether the tag l is the site's own language.
func (c *conversion) sameLanguage(l string) bool {
	site := strings.ToLower(c.cfg.language)
	if site == "" {
		site = "en"
	}
	first := func(s string) string { p, _, _ := strings.Cut(s, "-"); return p }
	return first(site) == first(strings.ToLower(l))
}

// name gives every doc to import its address: one slug per language,
// a later file with the same one getting a number; and links each
// translation to its original.
func (c *conversion) name() {
	for _, d := range c.docs {
		if d.skip != "" {
			continue
		}
		key := func(s string) string { return fmt.Sprint(d.lang, "/", d.kind, "/", s) }
		slug := d.slug
		for i := 2; c.bySlug[key(slug)] != nil; i++ {
			slug = fmt.Sprintf("%s-%d", d.slug, i)
		}
		if slug != d.slug {
			c.report.note(d.source, 0, "another file has the address %s already, so this one is at %s", d.slug, slug)
			d.slug = slug
		}
		c.bySlug[key(slug)] = d
	}
	for _, d := range c.docs {
		if d.skip != "" || d.lang == "" {
			continue
		}
		if o := c.bySlug[fmt.Sprint("", "/", d.kind, "/", d.slug)]; o != nil {
			d.original = o
		} else if ref := text(d.meta["translation_of"]) + text(d.meta["translationkey"]) + text(d.meta["ref"]); ref != "" {
			d.original = c.findDoc(ref, nil)
		}
	}
}

// address is the site address of d.
func (d *doc) address() string {
	prefix := ""
	if d.lang != "" {
		prefix = "/" + d.lang
	}
	if d.kind == asPage {
		return prefix + "/" + d.slug + "/"
	}
	return prefix + "/articles/" + d.slug + "/"
}

// findDoc finds the doc a link or ref from from names: by its path in
// the content folder or the source, relative to from's folder or not,
// with or without its extension, or by the name of its file or bundle.
func (c *conversion) findDoc(ref string, from *doc) *doc {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return nil
	}
	clean := func(p string) string {
		p = strings.TrimSuffix(strings.Trim(path.Clean("/"+p), "/"), "/index")
		for _, ext := range []string{".md", ".markdown", ".html", ".htm"} {
			p = strings.TrimSuffix(p, ext)
		}
		return strings.TrimSuffix(p, "/index")
	}
	key := func(d *doc, p string) string {
		p = clean(p)
		if d.lang != "" {
			p = strings.TrimSuffix(p, "."+d.lang)
		}
		return p
	}
	want := []string{clean(ref)}
	if !strings.HasPrefix(ref, "/") && from != nil {
		want = append([]string{clean(path.Join(path.Dir(from.rel), ref)), clean(path.Join(path.Dir(from.source), ref))}, want...)
	}
	var byName *doc
	wantBase := path.Base(clean(ref))
	for _, w := range want {
		for _, d := range c.docs {
			if d.skip != "" && d.lang == "" {
				continue
			}
			if from != nil && d.lang != from.lang && d.lang != "" {
				continue
			}
			if key(d, d.rel) == w || key(d, d.source) == w {
				return d
			}
		}
	}
	for _, d := range c.docs {
		if d.skip != "" || (from != nil && d.lang != from.lang) {
			continue
		}
		stem := path.Base(clean(d.rel))
		if d.bundle {
			stem = path.Base(path.Dir(d.rel))
		}
		if _, rest, found, _ := splitFileNameDate(stem, c.cfg.loc); found {
			if strings.TrimSuffix(wantBase, ".html") == rest || wantBase == stem {
				return d
			}
		}
		if byName == nil && (stem == wantBase || d.slug == article.Slugify(wantBase)) {
			byName = d
		}
	}
	return byName
}
