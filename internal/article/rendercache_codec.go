package article

import (
	"encoding/binary"

	"healthsite/internal/markdown"
)

// cacheWriter appends a render cache's entries to buf.
type cacheWriter struct{ buf []byte }

func (w *cacheWriter) uint(v uint64) { w.buf = binary.AppendUvarint(w.buf, v) }
func (w *cacheWriter) int(v int)     { w.buf = binary.AppendVarint(w.buf, int64(v)) }
func (w *cacheWriter) bool(v bool) {
	if v {
		w.buf = append(w.buf, 1)
	} else {
		w.buf = append(w.buf, 0)
	}
}
func (w *cacheWriter) string(s string) { w.uint(uint64(len(s))); w.buf = append(w.buf, s...) }

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

// cacheReader reads what cacheWriter wrote; err is set, and every
// later read returns zero, at the first thing that cannot be read. The
// strings it returns are parts of b, which is why b is a string: one
// copy of the file, rather than one for each of its strings.
type cacheReader struct {
	b   string
	err error
}

func (r *cacheReader) uint() uint64 {
	v, n := uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *cacheReader) int() int {
	u, n := uvarint(r.b)
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	if n <= 0 || int64(int(v)) != v {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

func (r *cacheReader) bool() bool {
	b := r.bytes(1)
	if len(b) == 1 && b[0] > 1 {
		r.fail()
	}
	return len(b) == 1 && b[0] == 1
}

func (r *cacheReader) bytes(n uint64) string {
	if r.err != nil || n > uint64(len(r.b)) {
		r.fail()
		return ""
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}

func (r *cacheReader) string() string { return r.bytes(r.uint()) }

func (r *cacheReader) fail() {
	if r.err == nil {
		r.err = errBadCache
	}
	r.b = ""
}

// uvarint is binary.Uvarint of a string.
func uvarint(s string) (uint64, int) {
	var x uint64
	var shift uint
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		c := s[i]
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				return 0, -(i + 1) // overflow
			}
			return x | uint64(c)<<shift, i + 1
		}
		x |= uint64(c&0x7f) << shift
		shift += 7
	}
	return 0, 0
}

// count reads a list's length, which cannot be more than the bytes
// left: every element takes at least one.
func (r *cacheReader) count() int {
	n := r.uint()
	if n > uint64(len(r.b)) {
		r.fail()
		return 0
	}
	return int(n)
}

func (r *cacheReader) links() []markdown.Link {
	n := r.count()
	if n == 0 {
		return nil
	}
	ls := make([]markdown.Link, n)
	for i := range ls {
		ls[i] = markdown.Link{Dest: r.string(), Image: r.bool(), Alt: r.string(), Offset: r.int(), Resolved: r.bool()}
	}
	return ls
}

func (r *cacheReader) entry() *cached {
	e := &cached{}
	d := &e.doc
	d.HTML = r.string()
	if n := r.count(); n > 0 {
		d.Headings = make([]markdown.Heading, n)
		for i := range d.Headings {
			d.Headings[i] = markdown.Heading{Level: r.int(), ID: r.string(), Text: r.string()}
		}
	}
	d.Links = r.links()
	d.Unsafe = r.links()
	if n := r.count(); n > 0 {
		d.IDs = make([]string, n)
		for i := range d.IDs {
			d.IDs[i] = r.string()
		}
	}
	d.Text = r.string()
	d.FirstParagraph = r.string()
	if n := r.count(); n > 0 {
		d.Notices = make([]markdown.Notice, n)
		for i := range d.Notices {
			d.Notices[i] = markdown.Notice{Kind: markdown.NoticeKind(r.int()), Offset: r.int(), Text: r.string(), Kept: r.string()}
		}
	}
	if n := r.count(); n > 0 {
		e.images = make([]askedImage, n)
		for i := range e.images {
			e.images[i] = askedImage{dest: r.string(), img: markdown.Image{URL: r.string(), Width: r.int(), Height: r.int()}, ok: r.bool()}
		}
	}
	return e
}
