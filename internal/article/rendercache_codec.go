package article

import (
	"healthsite/internal/cachefile"
	"healthsite/internal/markdown"
)

// cacheWriter appends a render cache's entries to buf.
type cacheWriter struct{ buf []byte }

func (w *cacheWriter) uint(v uint64)   { w.buf = cachefile.AppendUint(w.buf, v) }
func (w *cacheWriter) int(v int)       { w.buf = cachefile.AppendInt(w.buf, v) }
func (w *cacheWriter) bool(v bool)     { w.buf = cachefile.AppendBool(w.buf, v) }
func (w *cacheWriter) string(s string) { w.buf = cachefile.AppendString(w.buf, s) }

func (w *cacheWriter) links(ls []markdown.Link) {
	w.uint(uint64(len(ls)))
	for _, l := range ls {
		w.string(l.Dest)
		w.bool(l.Image)
		w.string(l.Alt)
		w.int(l.Offset)
		w.bool(l.Resolved)
	}
}

// entry writes every field of a Document but Prose, which is never
// kept, and the images asked.
func (w *cacheWriter) entry(e *cached) {
	d := &e.doc
	w.string(d.HTML)
	w.uint(uint64(len(d.Headings)))
	for _, h := range d.Headings {
		w.int(h.Level)
		w.string(h.ID)
		w.string(h.Text)
	}
	w.links(d.Links)
	w.links(d.Unsafe)
	w.uint(uint64(len(d.IDs)))
	for _, id := range d.IDs {
		w.string(id)
	}
	w.string(d.Text)
	w.string(d.FirstParagraph)
	w.uint(uint64(len(d.Notices)))
	for _, n := range d.Notices {
		w.int(int(n.Kind))
		w.int(n.Offset)
		w.string(n.Text)
		w.string(n.Kept)
	}
	w.uint(uint64(len(e.images)))
	for _, q := range e.images {
		w.string(q.dest)
		w.string(q.img.URL)
		w.int(q.img.Width)
		w.int(q.img.Height)
		w.bool(q.ok)
	}
}

// cacheReader reads what cacheWriter wrote (see cachefile.Decoder).
type cacheReader struct{ *cachefile.Decoder }

func (r *cacheReader) links() []markdown.Link {
	n := r.Count()
	if n == 0 {
		return nil
	}
	ls := make([]markdown.Link, n)
	for i := range ls {
		ls[i] = markdown.Link{Dest: r.Text(), Image: r.Bool(), Alt: r.Text(), Offset: r.Int(), Resolved: r.Bool()}
	}
	return ls
}

func (r *cacheReader) entry() *cached {
	e := &cached{}
	d := &e.doc
	d.HTML = r.Text()
	if n := r.Count(); n > 0 {
		d.Headings = make([]markdown.Heading, n)
		for i := range d.Headings {
			d.Headings[i] = markdown.Heading{Level: r.Int(), ID: r.Text(), Text: r.Text()}
		}
	}
	d.Links = r.links()
	d.Unsafe = r.links()
	if n := r.Count(); n > 0 {
		d.IDs = make([]string, n)
		for i := range d.IDs {
			d.IDs[i] = r.Text()
		}
	}
	d.Text = r.Text()
	d.FirstParagraph = r.Text()
	if n := r.Count(); n > 0 {
		d.Notices = make([]markdown.Notice, n)
		for i := range d.Notices {
			d.Notices[i] = markdown.Notice{Kind: markdown.NoticeKind(r.Int()), Offset: r.Int(), Text: r.Text(), Kept: r.Text()}
		}
	}
	if n := r.Count(); n > 0 {
		e.images = make([]askedImage, n)
		for i := range e.images {
			e.images[i] = askedImage{dest: r.Text(), img: markdown.Image{URL: r.Text(), Width: r.Int(), Height: r.Int()}, ok: r.Bool()}
		}
	}
	return e
}
