package article

import (
	"cmp"
	pathpkg "path"
	"slices"
	"strconv"
	"strings"

	"healthsite/internal/markdown"
	"healthsite/internal/paths"
)

// PagesFolder is the folder of the content whose Markdown files are the
// site's standalone pages (About, Editorial policy, Contact, Privacy),
// not articles: content/pages/about.md is served at /about/.
const PagesFolder = "pages"

// Page is a standalone page: what the site is, who runs it and how it
// works, linked from every page's footer. It is immutable once loaded.
type Page struct {
	Path        string // the source file, as in error messages
	Slug        string // URL name: /{Slug}/, the file's name
	Lang        string // its language's tag: content/<tag>/pages/ for a further language
	Title       string // plain text
	Summary     string // a line under the title; "" when not given
	Description string // meta description; Summary when not given
	// FooterOrder places the page in the footer: pages with a smaller
	// footer_order come first, pages without one (0) after them, each
	// group by title.
	FooterOrder int
	HTML        string             // the rendered body: safe HTML
	Headings    []markdown.Heading // the body's section headings
}

// Pages returns the standalone pages in their footer order. The slice
// is the caller's; the pages are shared.
func (l *Library) Pages() []*Page { return l.PagesIn(l.settings.Language) }

// PagesIn returns the standalone pages of the language tag, as Pages.
func (l *Library) PagesIn(tag string) []*Page {
	var out []*Page
	for _, p := range l.pages {
		if p.Lang == tag {
			out = append(out, p)
		}
	}
	return out
}

// ReservedPageNames returns the names no standalone page may have,
// sorted: the first segment of each of the site's own addresses
// (paths.Roots), as a file of that name would be addressed (feed.xml
// becomes feed-xml) and without its extension (feed), and the names of
// the files an export writes beside the pages (index.html, 404.html).
// A page named like one would hide the site's page, or be hidden by it.
func ReservedPageNames() []string {
	out := []string{"404", "index"}
	for _, root := range paths.Roots() {
		seg, _, _ := strings.Cut(strings.TrimPrefix(root, "/"), "/")
		out = append(out, Slugify(seg))
		if ext := pathpkg.Ext(seg); ext != "" {
			out = append(out, Slugify(strings.TrimSuffix(seg, ext)))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// pageFields are the front matter fields of a standalone page.
var pageFields = []string{"title", "summary", "description", "footer_order"}

// doc is a file of front matter and Markdown that is not an article: a
// standalone page or a profile. The body is rendered as articles are.
type doc struct {
	fields    map[string]*field // the known fields, by name
	unknown   []*field          // fields not in the schema, reported already
	fenceLine int               // the line that opens the front matter
	body      *markdown.Document
	bodyLine  int
	links     []linkAt // the body's links, but for images
}

// readDoc reads the front matter and body of file, reporting problems
// in p. It returns nil when the front matter cannot be read.
func (l *loader) readDoc(file string, src []byte, known []string, p *problems) *doc {
	src, ok := cleanSource(src, p)
	if !ok {
		return nil
	}
	b, body, dataLine, bodyLine, fence, err := split(src)
	switch {
	case err != nil:
		p.errorf(0, 0, "cannot read the file: %v", err)
		return nil
	case b.data == nil && fence != "":
		_, line := firstNonBlankLine(src)
		p.errorf(line, 1, "the front matter opened with %s is never closed (add a line with only %s after the last field, before the text)", fence, openingFences[fence])
		return nil
	case b.data == nil:
		p.errorf(1, 1, "the file has no front matter (start it with a line of ---, then a %s: line, then another line of ---)", known[0])
		return nil
	}
	n, err := decode(b, dataLine)
	if err != nil {
		reportDecodeError(p, err)
		return nil
	}
	if n.kind != kindMap {
		p.errorf(n.line, n.col, "the front matter must be a set of fields such as %s: (it is %s)", known[0], n.kind)
		return nil
	}
	d := &doc{fields: map[string]*field{}, fenceLine: max(dataLine-1, 1), bodyLine: bodyLine}
	if b.delims {
		d.fenceLine = dataLine
	}
	fields, _ := checkKeys(p, n, known)
	for _, f := range fields {
		d.fields[f.key] = f
	}
	for _, f := range n.fields {
		if !slices.Contains(known, f.key) {
			d.unknown = append(d.unknown, f)
		}
	}
	d.body, err = l.render(body, l.renderOptions(file))
	if err != nil {
		p.errorf(textLine(body, bodyLine), 1, "%v", err)
		return nil
	}
	reportNotices(p, newPositions(body, bodyLine), d.body.Notices, "")
	pos := newPositions(body, bodyLine)
	for _, link := range d.body.Unsafe {
		line, col := pos.at(link.Offset)
		p.warnf(line, col, "the link to %q is shown as plain text: only http, https, mailto and tel addresses and paths on the site can be links (write the full address, starting with https://)", link.Dest)
	}
	for _, link := range d.body.Links {
		line, col := pos.at(link.Offset)
		if !link.Image {
			d.links = append(d.links, linkAt{dest: link.Dest, line: line, col: col})
			continue
		}
		if strings.TrimSpace(link.Alt) == "" {
			p.warnf(line, col, "the image %s has no alternative text, so readers who cannot see it learn nothing (describe it between the brackets: ![A therapist pressing on a shoulder](%s))", link.Dest, link.Dest)
		}
		if _, ok := l.resolveImage(file, link.Dest); !ok && !link.Resolved {
			l.missingImage(p, line, col, file, link.Dest)
		}
	}
	return d
}

// required reports a missing required field of d, unless a misspelt
// field that stands for it has been reported already.
func (d *doc) required(p *problems, key, example string) {
	if f := d.fields[key]; f != nil {
		if f.value.kind == kindNull || f.value.kind == kindString && strings.TrimSpace(f.value.text) == "" {
			p.errorf(f.line, f.col, "%s is empty (write it after %s:, e.g. %s)", key, key, example)
		}
		return
	}
	for _, f := range d.unknown {
		if suggest(f.key, []string{key}) == key {
			return
		}
	}
	p.errorf(d.fenceLine, 1, "%s is missing (add a line such as %s to the front matter)", key, example)
}

// text reads the text field key of d, or "".
func (d *doc) text(p *problems, key string) string {
	f := d.fields[key]
	if f == nil {
		return ""
	}
	s, _ := textValue(p, f)
	if strings.HasPrefix(s, Placeholder) {
		p.errorf(f.value.line, f.value.col, "%s still holds the placeholder %q (replace it with the real text)", key, s)
	}
	return s
}

// place is d as a place whose links are checked, at address addr.
func (d *doc) place(path, addr, title string) *place {
	return &place{path: path, addr: addr, title: title, rendered: true, ids: d.body.IDs, headings: d.body.Headings, links: d.links}
}

// inFolder reports whether name is in the folder dir of the content,
// at any depth.
func inFolder(name, dir string) bool { return strings.HasPrefix(name, dir+"/") }

// loadPages reads the standalone pages and returns those without
// errors, sorted for the footer, and every problem.
func (l *loader) loadPages(files []string, read func(string) ([]byte, *Error)) ([]*Page, []*Error, []*place) {
	var (
		pages  []*Page
		places []*place // every page read, with errors or not
		all    []*Error
		bySlg  = map[string]*Page{}
	)
	for _, file := range files {
		display := displayPath(l.root, file)
		tag, rest := l.settings.splitLanguage(file)
		prefix := l.settings.Prefix(tag)
		p := &problems{path: display}
		if pathpkg.Dir(rest) != PagesFolder {
			folder := displayPath(l.root, strings.TrimSuffix(file, rest)+PagesFolder)
			p.errorf(0, 0, "is in a folder inside %s/, where pages are not read (move it to %s/ itself: a page's address is its file name, like /about/)", folder, folder)
			all = append(all, p.list...)
			continue
		}
		src, e := read(file)
		if e != nil {
			all = append(all, e)
			continue
		}
		base := pathpkg.Base(file)
		pg := &Page{Path: display, Slug: Slugify(strings.TrimSuffix(base, pathExt(base))), Lang: tag}
		switch key := tag + "/" + pg.Slug; {
		case pg.Slug == "":
			p.errorf(1, 1, "the file name %q gives no web address (rename it with letters or digits, like about.md)", base)
		case slices.Contains(ReservedPageNames(), pg.Slug):
			p.errorf(1, 1, "a page named %s would be served at %s/%s/, which the site uses for its own pages (rename the file, e.g. about-%s.md)", base, prefix, pg.Slug, pg.Slug)
		case bySlg[key] != nil:
			p.errorf(1, 1, "the web address %s/%s/ is also used by %s (give one of the two files another name)", prefix, pg.Slug, bySlg[key].Path)
		case tag == l.settings.Language && l.settings.languageOfFolder(pg.Slug) != "":
			p.errorf(1, 1, "a page named %s would be served at /%s/, the address of the site in %s (rename the file)", base, pg.Slug, EnglishLanguageName(pg.Slug))
		}
		if d := l.readDoc(file, src, pageFields, p); d != nil {
			l.readPage(pg, d, p)
			if pg.Slug != "" {
				places = append(places, d.place(display, prefix+"/"+pg.Slug+"/", pg.Title))
			}
		}
		quoteLines(src, p.list)
		all = append(all, p.list...)
		if key := tag + "/" + pg.Slug; bySlg[key] == nil && pg.Slug != "" {
			bySlg[key] = pg
		}
		if !slices.ContainsFunc(p.list, func(e *Error) bool { return e.Severity == SeverityError }) {
			pages = append(pages, pg)
		}
	}
	sortPages(pages)
	return pages, all, places
}

// readPage reads the fields and text of the page pg from d.
func (l *loader) readPage(pg *Page, d *doc, p *problems) {
	d.required(p, "title", `title: "About us"`)
	pg.Title = d.text(p, "title")
	pg.Summary = d.text(p, "summary")
	pg.Description = cmp.Or(d.text(p, "description"), pg.Summary)
	if f := d.fields["footer_order"]; f != nil && f.value.kind != kindNull {
		n, err := strconv.Atoi(f.value.text)
		if f.value.kind != kindNumber || err != nil || n < 1 {
			p.errorf(f.value.line, f.value.col, "footer_order must be a whole number from 1, not %q (write footer_order: 1 for the first link of the footer, 2 for the next)", f.value.text)
		}
		pg.FooterOrder = n
	}
	pg.HTML, pg.Headings = d.body.HTML, d.body.Headings
	if strings.TrimSpace(d.body.Text) == "" {
		p.errorf(d.bodyLine, 1, "the page has no text (write it below the front matter)")
	}
}

// sortPages puts pages in their footer order.
func sortPages(pages []*Page) {
	slices.SortFunc(pages, func(a, b *Page) int {
		order := func(p *Page) int {
			if p.FooterOrder == 0 {
				return int(^uint(0) >> 1)
			}
			return p.FooterOrder
		}
		return cmp.Or(cmp.Compare(order(a), order(b)), cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), cmp.Compare(a.Slug, b.Slug))
	})
}
