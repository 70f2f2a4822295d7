package article

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"sync"

	"healthsite/internal/cachefile"
	"healthsite/internal/markdown"
)

// A RenderCache keeps the rendered Markdown of every article, page and
// profile between one load and the next, and between runs of the
// program, in one file: turning Markdown into HTML is most of what a
// load costs, and a redeploy or restart renders again the same texts.
//
// A body is rendered again whenever anything its HTML depends on may
// have changed. An entry is found by a digest of the body and the
// options its HTML depends on (callout titles), in a file made by this
// very program (a digest of its executable); and it records each image
// the text asked for with the answer it got, which the load asks again:
// a picture added, moved or resized renders the text again. A file that
// is damaged, of another program or of another format is ignored, and
// a render that failed or ran over its budget is never kept.
//
// A RenderCache is safe for concurrent use. Its zero value and nil are
// not usable; make one with OpenRenderCache.
type RenderCache struct {
	store *cachefile.Store[*cached]
}

// cached is one rendered body and the images its render asked for.
type cached struct {
	doc    markdown.Document
	images []askedImage
}

// askedImage is one question the render asked of Options.Image, and
// the answer it got.
type askedImage struct {
	dest string
	img  markdown.Image
	ok   bool
}

// renderCacheMagic begins every cache file: its kind and format.
const (
	renderCacheVersion = 1
	renderCacheMagic   = "healthsite render cache 1\n"
)

// OpenRenderCache returns the cache kept in file, empty when the file
// does not exist yet or cannot be used; it reads the file while the
// load walks the folder. It fails only when the executable cannot be
// read, without which no entry can be trusted.
func OpenRenderCache(file string) (*RenderCache, error) {
	if _, ok := cachefile.Program(); !ok {
		return nil, errors.New("cannot read the program's own file, which the render cache needs to tell its builds apart")
	}
	return &RenderCache{cachefile.Open(file, renderCacheMagic, cachefile.Codec[*cached]{
		Append: func(b []byte, e *cached) []byte { w := cacheWriter{b}; w.entry(e); return w.buf },
		Read:   func(d *cachefile.Decoder) *cached { r := cacheReader{d}; return r.entry() },
	})}, nil
}

// Len returns how many rendered texts the cache holds.
func (c *RenderCache) Len() int { return c.store.Len() }

// renderKey is what finds a body's entry: the body and the options its
// HTML depends on other than images, which the entry records.
func renderKey(body []byte, opts markdown.Options) [32]byte {
	h := sha256.New()
	h.Write([]byte{renderCacheVersion})
	// A render without images to resolve records no answers to check.
	if opts.Image != nil {
		h.Write([]byte{1})
	} else {
		h.Write([]byte{0})
	}
	labels := make([]string, 0, len(opts.CalloutLabels))
	for k := range opts.CalloutLabels {
		labels = append(labels, k)
	}
	slices.Sort(labels)
	for _, k := range labels {
		fmt.Fprintf(h, "%d:%s%d:%s", len(k), k, len(opts.CalloutLabels[k]), opts.CalloutLabels[k])
	}
	h.Write([]byte{0})
	h.Write(body)
	return [32]byte(h.Sum(nil))
}

// lookup returns the document kept for key, when every image it asked
// for has the same answer now.
func (c *RenderCache) lookup(key [32]byte, image func(string) (markdown.Image, bool)) (*markdown.Document, bool) {
	e, ok := c.store.Get(key, func(e *cached) bool {
		for _, q := range e.images {
			var img markdown.Image
			ok := false
			if image != nil {
				img, ok = image(q.dest)
			}
			if ok != q.ok || img != q.img {
				return false
			}
		}
		return true
	})
	if !ok {
		return nil, false
	}
	return e.copyDoc(), true
}

// copyDoc returns the kept document with slices of its own, so that
// no caller can change what the next load gets.
func (e *cached) copyDoc() *markdown.Document {
	d := e.doc
	d.Headings = slices.Clone(d.Headings)
	d.Links = slices.Clone(d.Links)
	d.Unsafe = slices.Clone(d.Unsafe)
	d.IDs = slices.Clone(d.IDs)
	d.Notices = slices.Clone(d.Notices)
	return &d
}

// put keeps doc, rendered with the images asked, under key.
func (c *RenderCache) put(key [32]byte, doc *markdown.Document, images []askedImage) {
	e := &cached{doc: *doc, images: images}
	e.doc = *e.copyDoc()
	e.doc.Prose = nil
	c.store.Put(key, e)
}

// Save ends a load: the cache keeps only what that load used, and
// writes it when it rendered anything anew or left an entry unused (see
// cachefile.Store.Save). A cache that cannot be written is no worse
// than none: the error says why, and the site is built all the same.
// On a nil cache it does nothing.
func (c *RenderCache) Save() error {
	if c == nil {
		return nil
	}
	return c.store.Save()
}

// render renders body as renderWithin does, through the cache when
// there is one and the render asks for nothing only a fresh render
// gives (the prose, for the plain-language checks).
func (l *loader) render(body []byte, opts markdown.Options) (*markdown.Document, error) {
	c := l.cache
	if c == nil || opts.Prose || opts.Mark != nil {
		return l.renders.renderWithin(l.md, body, opts, l.budget)
	}
	key := renderKey(body, opts)
	if doc, ok := c.lookup(key, opts.Image); ok {
		return doc, nil
	}
	var mu sync.Mutex // the render may go on past its budget, on its own goroutine
	var asked []askedImage
	if image := opts.Image; image != nil {
		opts.Image = func(dest string) (markdown.Image, bool) {
			img, ok := image(dest)
			mu.Lock()
			asked = append(asked, askedImage{dest, img, ok})
			mu.Unlock()
			return img, ok
		}
	}
	doc, err := l.renders.renderWithin(l.md, body, opts, l.budget)
	if err != nil {
		return nil, err
	}
	mu.Lock()
	defer mu.Unlock()
	c.put(key, doc, slices.Clone(asked))
	return doc, nil
}
