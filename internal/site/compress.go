package site

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"

	"healthsite/internal/pool"
)

// Encoding is a content coding a page can be sent in.
type Encoding int

// The encodings, from the one most preferred when a client accepts
// several equally.
const (
	Brotli Encoding = iota
	Gzip
	Identity
)

// NumEncodings is the number of encodings, for arrays indexed by one.
const NumEncodings = int(Identity) + 1

// Encodings returns every encoding, most preferred first. It is a
// function returning an array, not a variable, so that no caller can
// change the order the others see.
func Encodings() [NumEncodings]Encoding { return [...]Encoding{Brotli, Gzip, Identity} }

// Token is the encoding's name in Accept-Encoding and Content-Encoding;
// "identity" for the bytes as they are.
func (e Encoding) Token() string {
	switch e {
	case Brotli:
		return "br"
	case Gzip:
		return "gzip"
	}
	return "identity"
}

// Ext is the suffix of the file that holds a page in this encoding
// beside the plain one in an export, as nginx's gzip_static and
// brotli_static look for it: ".gz", ".br", or "".
func (e Encoding) Ext() string {
	switch e {
	case Brotli:
		return ".br"
	case Gzip:
		return ".gz"
	}
	return ""
}

// Compression levels. Pages are compressed once per content version
// and sent many times, but a site of 10,000 articles must still be
// compressed in seconds on two cores. Measured on the shipped 13 KB
// article (BenchmarkCompressPage): gzip 9 is 2% smaller than gzip 6 at
// over twice the time; brotli 5 is 9% smaller than gzip 6, while brotli
// 4 is only 4% smaller and brotli 6 to 8 are no smaller than 5.
const (
	gzipLevel   = 6
	brotliLevel = 5
)

// A compressed variant is kept only where it pays: gzip when it is at
// most 90% of the plain bytes, brotli when it is at most 97% of gzip.
// Below minCompress bytes a response fits one packet either way.
const (
	minCompress    = 256
	gzipKeepRatio  = 0.90
	brKeepRatio    = 0.97
	compressedETag = "-" // joins a page's entity tag and an encoding's token
)

// variants are a page's compressed bodies, each with its entity tag.
// A nil body means the encoding did not pay. A page with a gzip body
// keeps no plain bytes (see Body): most clients accept gzip, and
// keeping the plain bytes of every page would more than double the
// memory of a large site for the few that do not.
type variants struct {
	gzip, br         []byte
	gzipETag, brETag string
}

// get returns the body and entity tag in e, or nil: v may be nil, for
// a page not compressed.
func (v *variants) get(e Encoding) ([]byte, string) {
	switch {
	case v == nil:
		return nil, ""
	case e == Gzip:
		return v.gzip, v.gzipETag
	case e == Brotli:
		return v.br, v.brETag
	}
	return nil, ""
}

// Variant returns the body and entity tag of p in e, and whether p has
// it: every page has Identity; Gzip and Brotli where they pay, on the
// pages of the Site a Completion makes whole (and on a built page whose
// bytes a previous version had compressed).
func (p *Page) Variant(e Encoding) (body []byte, etag string, ok bool) {
	if e == Identity {
		return p.Body(), p.ETag, true
	}
	body, etag = p.enc.get(e)
	return body, etag, body != nil
}

// Has reports whether p can be sent in e, without making the body.
func (p *Page) Has(e Encoding) bool {
	body, _ := p.enc.get(e)
	return e == Identity || body != nil
}

// Body returns the plain body of p. It must not be modified. A page
// compressed with gzip keeps no plain bytes: they are decompressed from
// gzip, and kept for later calls while the site's PlainCache lasts.
func (p *Page) Body() []byte {
	if p.enc == nil || p.enc.gzip == nil {
		return p.plain
	}
	return p.cache.body(p)
}

// PlainCache is how many bytes of decompressed plain bodies a site
// keeps for clients that accept no compression, first come first kept:
// enough for the pages such clients (scripts, some crawlers, load
// testers) ask for most, a small part of a large site.
const PlainCache = 16 << 20

// plainCache keeps the plain bodies decompressed from the gzip bodies
// of one content version's pages, up to PlainCache bytes. It is the one
// thing about a published page that changes, and it changes nothing a
// reader can see: Body returns the same bytes with it or without it.
type plainCache struct {
	left   atomic.Int64 // bytes of the budget not yet used
	bodies sync.Map     // *Page → []byte
}

func newPlainCache() *plainCache {
	c := &plainCache{}
	c.left.Store(PlainCache)
	return c
}

// body returns p's plain body, decompressed from its gzip body unless
// the cache has it. c may be nil: nothing is then kept.
func (c *plainCache) body(p *Page) []byte {
	if c == nil {
		return gunzip(p.enc.gzip)
	}
	if b, ok := c.bodies.Load(p); ok {
		return b.([]byte)
	}
	b := gunzip(p.enc.gzip)
	if c.left.Add(-int64(len(b))) < 0 {
		c.left.Add(int64(len(b)))
		return b
	}
	// Charged once: a caller that loses the race to keep its copy
	// gives its share of the budget back.
	if kept, loaded := c.bodies.LoadOrStore(p, b); loaded {
		c.left.Add(int64(len(b)))
		return kept.([]byte)
	}
	return b
}

// gunzip decompresses a body that this package compressed.
func gunzip(gz []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		panic("site: a stored gzip body does not decompress: " + err.Error())
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		panic("site: a stored gzip body does not decompress: " + err.Error())
	}
	return out
}

// Compressible reports whether p is text that may be sent compressed,
// so that its response varies with Accept-Encoding.
func (p *Page) Compressible() bool { return p.compressible }

// Weight is how much work compressing p takes, roughly: the size of its
// plain body, or of its gzip body where it keeps no plain one.
func (p *Page) Weight() int {
	if p.plain == nil && p.enc != nil {
		return len(p.enc.gzip)
	}
	return len(p.plain)
}

// compressed reports whether p's compressed variants have been made.
func (p *Page) compressed() bool { return p.enc != nil }

// withVariants returns a copy of p with the compressed bodies v, and
// without its plain bytes where gzip holds them.
func (p *Page) withVariants(v *variants) *Page {
	q := *p
	q.enc = v
	if v.gzip != nil {
		q.plain = nil
	}
	return &q
}

// variantETag is the strong entity tag of an encoded variant: the
// plain page's tag with the encoding's token, so that each stored
// representation has its own tag, as RFC 9110 asks of strong tags.
func variantETag(plain string, e Encoding) string {
	return strings.TrimSuffix(plain, `"`) + compressedETag + e.Token() + `"`
}

// compressor holds one reusable writer of each kind, and one buffer
// for each one's output: creating a writer costs more than compressing
// a page with it.
type compressor struct {
	gzBuf, brBuf bytes.Buffer
	gz           *gzip.Writer
	br           *brotli.Writer
}

func newCompressor() *compressor {
	c := &compressor{br: brotli.NewWriterLevel(nil, brotliLevel)}
	c.gz, _ = gzip.NewWriterLevel(nil, gzipLevel) // the level is valid
	return c
}

// gzip returns body compressed with gzip, with no name or time in its
// header, so the same body always gives the same bytes. The bytes are
// c's until its next call.
func (c *compressor) gzip(body []byte) []byte {
	c.gzBuf.Reset()
	c.gz.Reset(&c.gzBuf)
	_, _ = c.gz.Write(body) // writes to a bytes.Buffer do not fail
	_ = c.gz.Close()
	return c.gzBuf.Bytes()
}

// brotliLarge is the size from which the brotli encoder picks another
// kind of hash table for a body (andybalholm/brotli's chooseHasher: 1
// MiB), and keeps that kind for every later body through Reset.
const brotliLarge = 1 << 20

// brotli is gzip's counterpart. A body of brotliLarge bytes or more
// (the static search index of a large site) gets a writer of its own:
// through the reused one it would change the bytes of every page the
// writer compresses after it, and so make a page's .br depend on which
// pages the same worker happened to compress before.
func (c *compressor) brotli(body []byte) []byte {
	c.brBuf.Reset()
	w := c.br
	if len(body) >= brotliLarge {
		w = brotli.NewWriterLevel(nil, brotliLevel)
	}
	w.Reset(&c.brBuf)
	_, _ = w.Write(body)
	_ = w.Close()
	return c.brBuf.Bytes()
}

// encode returns body in each encoding that pays, nil where one does
// not, as bytes that are c's until its next call; with gzipOnly, no
// brotli.
func (c *compressor) encode(body []byte, gzipOnly bool) (gz, br []byte) {
	if gz = c.gzip(body); float64(len(gz)) > gzipKeepRatio*float64(len(body)) {
		return nil, nil
	}
	if gzipOnly {
		return gz, nil
	}
	if br = c.brotli(body); float64(len(br)) > brKeepRatio*float64(len(gz)) {
		br = nil
	}
	return gz, br
}

// variants compresses p's body in each encoding that pays.
func (c *compressor) variants(p *Page) *variants {
	v := &variants{}
	if !p.Compressible() {
		return v
	}
	gz, br := c.encode(p.Body(), p.gzipOnly)
	if gz != nil {
		v.gzip, v.gzipETag = bytes.Clone(gz), variantETag(p.ETag, Gzip)
	}
	if br != nil {
		v.br, v.brETag = bytes.Clone(br), variantETag(p.ETag, Brotli)
	}
	return v
}

// Compressor makes pages' compressed bodies, the same bytes a
// Completion makes, for an export that writes each page's as soon as
// they are made rather than keeping every page's in memory. One is not
// safe for concurrent use: make one a goroutine.
type Compressor struct{ c *compressor }

// NewCompressor returns a Compressor with its own writers.
func NewCompressor() *Compressor { return &Compressor{c: newCompressor()} }

// Variants returns the body of p in each encoding, indexed by Encoding,
// with nil for an encoding that does not pay; Identity's is the plain
// body. A page that has its variants already (from a Completion, or a
// previous version in Build) costs nothing. The compressed bodies made
// here are c's until its next call; none may be modified.
func (c *Compressor) Variants(p *Page) [NumEncodings][]byte {
	var out [NumEncodings][]byte
	out[Identity] = p.Body()
	switch {
	case p.compressed():
		out[Gzip], out[Brotli] = p.enc.gzip, p.enc.br
	case p.Compressible():
		out[Gzip], out[Brotli] = c.c.encode(out[Identity], p.gzipOnly)
	}
	return out
}

// CompressionSettings names everything besides the plain bytes that
// decides a page's compressed bytes: the levels, the thresholds at
// which a variant is kept, and the versions of the compressors. An
// export made with other settings may hold other bytes for the same
// page, so its compressed files are not reused.
func CompressionSettings() string {
	versions := map[string]string{"github.com/klauspost/compress": "?", "github.com/andybalholm/brotli": "?"}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			if _, ours := versions[m.Path]; ours {
				if m.Replace != nil {
					m = m.Replace
				}
				versions[m.Path] = m.Version + m.Sum
			}
		}
	}
	return fmt.Sprintf("gzip=%d brotli=%d min=%d keep-gzip=%g keep-br=%g search-gzip-only=%t brotli-own-writer-from=%d klauspost/compress=%s andybalholm/brotli=%s",
		gzipLevel, brotliLevel, minCompress, gzipKeepRatio, brKeepRatio, gzipOnly, brotliLarge,
		versions["github.com/klauspost/compress"], versions["github.com/andybalholm/brotli"])
}

// compressible reports whether a body of the content type is text that
// compresses, rather than an image or font compressed already.
func compressible(contentType string) bool {
	ct, _, _ := strings.Cut(contentType, ";")
	ct = strings.TrimSpace(ct)
	return strings.HasPrefix(ct, "text/") || strings.HasSuffix(ct, "+xml") || strings.HasSuffix(ct, "+json") ||
		ct == "application/xml" || ct == "application/json" || ct == "application/javascript"
}

// compress returns a copy of every page of s that lacks its compressed
// variants, with them, by the page it copies, made on every core; it
// counts each in done. It returns when all are made or ctx is done. A
// page whose bytes did not change since the previous version kept that
// version's variants in Build, and costs nothing here.
func (s *Site) compress(ctx context.Context, done *atomic.Int64) (map[*Page]*Page, error) {
	var pages []*Page
	for _, p := range s.all() {
		if !p.compressed() {
			pages = append(pages, p)
		}
	}
	out := make([]*Page, len(pages))
	compressors := make(chan *compressor, runtime.GOMAXPROCS(0))
	err := pool.Each(ctx, len(pages), func(i int) {
		var c *compressor
		select {
		case c = <-compressors:
		default:
			c = newCompressor()
		}
		out[i] = pages[i].withVariants(c.variants(pages[i]))
		done.Add(1)
		compressors <- c // one a worker at most: never blocks
	})
	if err != nil {
		return nil, err
	}
	made := make(map[*Page]*Page, len(pages))
	for i, p := range pages {
		made[p] = out[i]
	}
	return made, nil
}

// all returns every page, every language's 404 and 500 pages and the
// static search page included.
func (s *Site) all() []*Page {
	out := make([]*Page, 0, len(s.pages)+3*len(s.prefixes))
	for _, p := range s.pages {
		out = append(out, p)
	}
	for _, prefix := range s.prefixes {
		if p := s.staticSearch[prefix]; p != nil {
			out = append(out, p)
		}
	}
	for _, prefix := range s.prefixes {
		ep := s.errorPages[prefix]
		out = append(out, ep.notFound, ep.serverError)
	}
	return out
}
