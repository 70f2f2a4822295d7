package article

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
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
	file string
	// read is closed once the file has been read into old, which
	// OpenRenderCache starts and every other method waits for.
	read chan struct{}
	mu   sync.Mutex
	old  map[[32]byte]*cached // read from the file, or kept from the last load
	used map[[32]byte]*cached // looked up or added by the load under way
	// dirty is set when the load under way rendered a text anew, so
	// that the file must be written; unsaved when the last write
	// failed.
	dirty, unsaved bool
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
// does not exist yet or cannot be used. It fails only when the
// executable cannot be read, without which no entry can be trusted.
func OpenRenderCache(file string) (*RenderCache, error) {
	if _, ok := cachefile.Program(); !ok {
		return nil, errors.New("cannot read the program's own file, which the render cache needs to tell its builds apart")
	}
	c := &RenderCache{file: file, read: make(chan struct{}), old: map[[32]byte]*cached{}, used: map[[32]byte]*cached{}}
	// While the load walks the folder and reads the settings.
	go func() {
		defer close(c.read)
		if payload, err := cachefile.Read(file, renderCacheMagic); err == nil {
			if old, err := decodeRenderCache(payload); err == nil {
				c.old = old
			}
		}
	}()
	return c, nil
}

// Len returns how many rendered texts the cache holds: those the last
// load used, or those read from its file before any load.
func (c *RenderCache) Len() int {
	<-c.read
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.old) + len(c.used)
}

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
	<-c.read
	c.mu.Lock()
	e := c.used[key]
	if e == nil {
		e = c.old[key]
	}
	c.mu.Unlock()
	if e == nil {
		return nil, false
	}
	for _, q := range e.images {
		var img markdown.Image
		ok := false
		if image != nil {
			img, ok = image(q.dest)
		}
		if ok != q.ok || img != q.img {
			return nil, false
		}
	}
	c.mu.Lock()
	c.used[key] = e
	c.mu.Unlock()
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

// store keeps doc, rendered with the images asked, under key.
func (c *RenderCache) store(key [32]byte, doc *markdown.Document, images []askedImage) {
	e := &cached{doc: *doc, images: images}
	e.doc = *e.copyDoc()
	e.doc.Prose = nil
	c.mu.Lock()
	c.used[key] = e
	c.dirty = true
	c.mu.Unlock()
}

// Save ends a load: the cache keeps only what that load used, and
// writes it to its file when it rendered anything anew or left an
// entry unused. The file is replaced in one rename, so that a reader
// never sees half of it. A cache that cannot be written is no worse
// than none: the error says why, and the site is built all the same.
// On a nil cache it does nothing.
func (c *RenderCache) Save() error {
	if c == nil {
		return nil
	}
	<-c.read
	c.mu.Lock()
	defer c.mu.Unlock() // one Save at a time
	if len(c.used) == 0 && !c.dirty {
		// A load that rendered nothing, such as one of a folder
		// emptied for a moment by a copy or a checkout: the texts of
		// the last are kept for the next.
		return nil
	}
	used, changed := c.used, c.dirty || c.unsaved || len(c.used) != len(c.old)
	c.old, c.used, c.dirty = used, map[[32]byte]*cached{}, false
	if !changed {
		return nil
	}
	err := writeRenderCache(c.file, used)
	c.unsaved = err != nil // the next Save tries again
	return err
}

// writeRenderCache writes entries to file.
func writeRenderCache(file string, entries map[[32]byte]*cached) error {
	w, err := cachefile.Create(file, renderCacheMagic)
	if err != nil {
		return err
	}
	if err := encodeRenderCache(w, entries); err != nil {
		w.Abort()
		return err
	}
	return w.Commit()
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
	c.store(key, doc, slices.Clone(asked))
	return doc, nil
}

// The payload: the number of entries, then each entry, by key. Strings
// and lists are written as their length (a uvarint) and then their
// elements.

func encodeRenderCache(w io.Writer, entries map[[32]byte]*cached) error {
	var b cacheWriter
	b.uint(uint64(len(entries)))
	keys := make([][32]byte, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [32]byte) int { return bytes.Compare(a[:], b[:]) })
	for _, k := range keys {
		b.buf = append(b.buf, k[:]...)
		b.entry(entries[k])
		if len(b.buf) >= 1<<20 {
			if _, err := w.Write(b.buf); err != nil {
				return err
			}
			b.buf = b.buf[:0]
		}
	}
	_, err := w.Write(b.buf)
	return err
}

var errBadCache = errors.New("not a render cache of this program")

// decodeRenderCache reads a payload encodeRenderCache wrote; the
// strings of its entries share payload's bytes.
func decodeRenderCache(payload string) (map[[32]byte]*cached, error) {
	r := cacheReader{cachefile.NewDecoder(payload)}
	n := r.Count()
	entries := make(map[[32]byte]*cached, n)
	for i := 0; i < n && !r.Bad(); i++ {
		var k [32]byte
		copy(k[:], r.Take(32))
		entries[k] = r.entry()
	}
	if !r.Done() {
		return nil, errBadCache
	}
	return entries, nil
}
