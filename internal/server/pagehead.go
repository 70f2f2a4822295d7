package server

import (
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"healthsite/internal/site"
)

// pageHead is what every 200 response of one page in one encoding says
// about it: its entity tag and modification time, for the conditional
// requests, and its headers, made once and then set into each
// response's header map as they are, with canonical keys and value
// slices that net/http never modifies.
type pageHead struct {
	etag     string
	modified time.Time
	fields   []field
}

// field is one header of a pageHead.
type field struct {
	key   string   // canonical, as http.CanonicalHeaderKey gives it
	value []string // shared by every response: never modified
}

// set sets the headers of ph into h.
func (ph *pageHead) set(h http.Header) {
	for _, f := range ph.fields {
		h[f.key] = f.value
	}
}

// Header values shared by every response that sends them.
var (
	valueCachePage      = []string{cachePage}
	valueCacheImmutable = []string{cacheImmutable}
	valueVary           = []string{"Accept-Encoding"}
	valueEncoding       = map[site.Encoding][]string{site.Gzip: {"gzip"}, site.Brotli: {"br"}}
)

// newPageHead returns the head of p sent in e, whose body and entity
// tag in e are body and etag: the headers handlePage sent before they
// were kept (see TestPageHead_SameHeadersAsBuiltPerRequest).
func newPageHead(p *site.Page, e site.Encoding, body []byte, etag string) *pageHead {
	fields := make([]field, 0, 7)
	if p.Compressible() {
		// Caches must keep one copy per encoding.
		fields = append(fields, field{"Vary", valueVary})
	}
	if e != site.Identity {
		fields = append(fields, field{"Content-Encoding", valueEncoding[e]})
	}
	cache := valueCachePage
	if p.Immutable {
		cache = valueCacheImmutable
	}
	fields = append(fields, field{"Content-Type", []string{p.ContentType}}, field{"Cache-Control", cache})
	fields = append(fields, validators(etag, p.Modified, len(body))...)
	return &pageHead{etag: etag, modified: p.Modified, fields: fields}
}

// validators are the fields of a body of n bytes with the entity tag
// etag, last modified at modified (none when it is zero).
func validators(etag string, modified time.Time, n int) []field {
	fields := []field{{"Etag", []string{etag}}}
	if !modified.IsZero() {
		fields = append(fields, field{"Last-Modified", []string{modified.UTC().Format(http.TimeFormat)}})
	}
	return append(fields, field{"Content-Length", []string{strconv.Itoa(n)}})
}

// pageHeads are the heads of one page, made as each encoding of it is
// first sent.
type pageHeads [site.NumEncodings]atomic.Pointer[pageHead]

// headCache keeps the heads of a version's pages: pages do not change,
// so neither do their heads. It holds at most one head per page and
// encoding sent, each a few hundred bytes.
type headCache struct {
	pages sync.Map // *site.Page → *pageHeads
}

// head returns the head of p in e, whose body and entity tag in e are
// body and etag, making it the first time.
func (c *headCache) head(p *site.Page, e site.Encoding, body []byte, etag string) *pageHead {
	v, ok := c.pages.Load(p)
	if !ok {
		v, _ = c.pages.LoadOrStore(p, new(pageHeads))
	}
	slot := &v.(*pageHeads)[e]
	if ph := slot.Load(); ph != nil {
		return ph
	}
	// Two requests may both make it: the heads are equal, and either
	// one will do.
	ph := newPageHead(p, e, body, etag)
	slot.Store(ph)
	return ph
}
