package site

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"sync"

	"github.com/a-h/templ"

	"healthsite/internal/pool"
)

// page renders c into a page at path without adding it to the site.
func (b *builder) page(path string, c templ.Component) *Page {
	p := renderPage(path, c)
	p.cache = b.site.cache
	if p.err != nil && b.err == nil {
		b.err = p.err
	}
	return p
}

// renderBuffers are the buffers pages are rendered into.
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// renderPage renders c into a page at path; the page's err says if
// that failed.
func renderPage(path string, c templ.Component) *Page {
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer renderBuffers.Put(buf)
	buf.Reset()
	err := c.Render(context.Background(), buf)
	// A copy of the exact size: a grown buffer is up to twice as large,
	// and a site keeps its pages for as long as it is served.
	p := newPage(path, "text/html; charset=utf-8", bytes.Clone(buf.Bytes()), false)
	if err != nil {
		p.err = fmt.Errorf("rendering %s: %w", cmp.Or(path, "an error page"), err)
	}
	return p
}

// render renders c into the page at path.
func (b *builder) render(path string, c templ.Component) {
	b.add(b.page(path, c))
}

// renderJob is a page to render: where, and its template.
type renderJob struct {
	path string
	c    templ.Component
}

// renderAll renders the pages of jobs on every core, and adds them in
// order: the lists of a large site are thousands of pages.
func (b *builder) renderAll(jobs []renderJob) {
	pages := make([]*Page, len(jobs))
	_ = pool.Each(context.Background(), len(jobs), func(i int) { pages[i] = renderPage(jobs[i].path, jobs[i].c) })
	for _, p := range pages {
		b.add(p)
	}
}

// add adds p to the site, with its entity tag and modification time.
func (b *builder) add(p *Page) {
	if p.err != nil && b.err == nil {
		b.err = p.err
	}
	p.Modified = b.now
	if b.previous != nil {
		if old := b.previous.pages[p.Path]; old != nil && old.ETag == p.ETag {
			// The same bytes: the same time, and the same compressed
			// variants, so that a reload compresses only what changed.
			p.Modified = old.Modified
			if old.enc != nil {
				p = p.withVariants(old.enc)
			}
		}
	}
	p.cache = b.site.cache
	b.site.pages[p.Path] = p
}
