package site

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
)

// decode decompresses body sent in e.
func decode(t testing.TB, e Encoding, body []byte) []byte {
	t.Helper()
	var r io.Reader
	switch e {
	case Gzip:
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("gzip: %v", err)
		}
		r = zr
	case Brotli:
		r = brotli.NewReader(bytes.NewReader(body))
	default:
		return body
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s: %v", e.Token(), err)
	}
	return out
}

// whole returns the Site the Completion of s makes whole.
func whole(t testing.TB, s *Site) *Site {
	t.Helper()
	c := s.Complete(context.Background())
	if err := c.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	return c.Site()
}

func TestCompress_EveryPageDecodesToItsBody(t *testing.T) {
	built := buildShipped(t)
	plain := map[string][]byte{} // by entity tag: the error pages have no path
	for _, p := range built.all() {
		if p.compressed() {
			t.Fatalf("%s is compressed when built", cmpOr(p.Path))
		}
		plain[p.ETag] = bytes.Clone(p.Body())
	}
	s := whole(t, built)
	if got, want := len(s.all()), len(built.all()); got != want {
		t.Fatalf("the whole site has %d pages, the built one %d", got, want)
	}
	// Plain bytes beside gzip are only those the cache took, charged
	// to its budget.
	var kept int64
	defer func() {
		if used := PlainCache - s.Page("/").cache.left.Load(); kept != used {
			t.Errorf("%d plain bytes are kept beside gzip, but the cache charged %d", kept, used)
		}
	}()
	for _, p := range s.all() {
		name := p.Path
		if name == "" {
			name = "an error page"
		}
		tags := map[string]bool{}
		for _, e := range Encodings() {
			body, etag, ok := p.Variant(e)
			if !ok {
				continue
			}
			if got := decode(t, e, body); !bytes.Equal(got, plain[p.ETag]) {
				t.Errorf("%s in %s does not decode to its plain bytes", name, e.Token())
			}
			if tags[etag] || !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) {
				t.Errorf("%s in %s has the entity tag %s, not a distinct strong tag", name, e.Token(), etag)
			}
			tags[etag] = true
		}
		if !bytes.Equal(p.Body(), plain[p.ETag]) {
			t.Errorf("%s: Body differs once compressed", name)
		}
		if _, _, ok := p.Variant(Gzip); ok && p.plain != nil {
			t.Errorf("%s keeps its plain bytes beside gzip", name)
		}
		if b, ok := p.cache.bodies.Load(p); ok {
			kept += int64(len(b.([]byte)))
		}
		html := strings.HasPrefix(p.ContentType, "text/html")
		if _, _, ok := p.Variant(Gzip); html && !ok {
			t.Errorf("the HTML page %s has no gzip variant", name)
		}
		if _, _, ok := p.Variant(Brotli); html && len(p.Body()) > 4096 && !ok {
			t.Errorf("the HTML page %s (%d bytes) has no brotli variant", name, len(p.Body()))
		}
	}
}

func TestCompress_OnlyWhereItPays(t *testing.T) {
	tests := []struct {
		name, ctype string
		body        []byte
		gzip        bool
	}{
		{"html", "text/html; charset=utf-8", bytes.Repeat([]byte("<p>Gentle movement helps.</p>\n"), 100), true},
		{"tiny", "text/html; charset=utf-8", []byte("<p>short</p>"), false},
		{"svg", "image/svg+xml", bytes.Repeat([]byte(`<path d="M0 0h10"/>`), 50), true},
		{"png", "image/png", bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, 200), false},
		{"random text", "text/plain; charset=utf-8", randomText(4096), false},
	}
	c := newCompressor()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPage("", tt.ctype, tt.body, false)
			p = p.withVariants(c.variants(p))
			if _, _, ok := p.Variant(Gzip); ok != tt.gzip {
				t.Errorf("gzip variant: %v, want %v", ok, tt.gzip)
			}
			if _, _, ok := p.Variant(Brotli); ok && !tt.gzip {
				t.Error("a brotli variant where gzip does not pay")
			}
		})
	}
}

// randomText is n bytes of letters that do not repeat enough to compress.
func randomText(n int) []byte {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(' ' + x%94)
	}
	return b
}

func TestCompress_ReloadKeepsUnchangedVariants(t *testing.T) {
	first := whole(t, buildShipped(t))
	lib := shippedLibrary(t)
	second, err := Build(lib, Options{BaseURL: "https://health.example.org", Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Previous: first})
	if err != nil {
		t.Fatal(err)
	}
	done, all := 0, len(second.all())
	for _, p := range second.all() {
		if p.compressed() {
			done++
		}
	}
	if done < all {
		t.Errorf("a rebuild of the same content kept %d of %d pages' variants", done, all)
	}
	p, q := first.Page("/"), second.Page("/")
	a, _, _ := p.Variant(Gzip)
	b, _, _ := q.Variant(Gzip)
	if &a[0] != &b[0] {
		t.Error("the home page was compressed again although its bytes did not change")
	}
}

func TestCompress_Deterministic(t *testing.T) {
	a, b := newCompressor(), newCompressor()
	body := bytes.Repeat([]byte("<p>Stretch slowly, breathe out.</p>"), 200)
	p := newPage("", "text/html", body, false)
	va, vb := a.variants(p), b.variants(p)
	if !bytes.Equal(va.gzip, vb.gzip) || !bytes.Equal(va.br, vb.br) {
		t.Error("compressing the same page twice gave different bytes")
	}
	if !bytes.Equal(a.variants(p).gzip, va.gzip) {
		t.Error("a reused compressor gave different bytes")
	}
}

// BenchmarkCompressPage compresses the shipped article page at each
// level considered, reporting the compressed size: the figures behind
// gzipLevel and brotliLevel.
func BenchmarkCompressPage(b *testing.B) {
	page := buildShipped(b).Page("/articles/myofascial-release-therapy/").Body()
	run := func(name string, compress func(io.Writer) io.WriteCloser, reset func(io.WriteCloser, io.Writer)) {
		b.Run(name, func(b *testing.B) {
			var buf bytes.Buffer
			w := compress(&buf)
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				buf.Reset()
				reset(w, &buf)
				_, _ = w.Write(page)
				_ = w.Close()
			}
			b.ReportMetric(float64(buf.Len()), "bytes")
		})
	}
	for _, level := range []int{6, 9} {
		run(fmt.Sprintf("gzip-%d", level),
			func(w io.Writer) io.WriteCloser { z, _ := gzip.NewWriterLevel(w, level); return z },
			func(z io.WriteCloser, w io.Writer) { z.(*gzip.Writer).Reset(w) })
	}
	for _, level := range []int{4, 5, 6} {
		run(fmt.Sprintf("brotli-%d", level),
			func(w io.Writer) io.WriteCloser { return brotli.NewWriterLevel(w, level) },
			func(z io.WriteCloser, w io.Writer) { z.(*brotli.Writer).Reset(w) })
	}
}

func TestBody_DecompressedBodiesKeptWithinTheBudget(t *testing.T) {
	s := whole(t, buildShipped(t))
	a, b := s.Page("/"), s.Page("/articles/myofascial-release-therapy/")
	if a.plain != nil || b.plain != nil {
		t.Fatal("compressed pages kept their plain bytes")
	}
	// Room for the first page only.
	gz, _, _ := a.Variant(Gzip)
	a.cache.left.Store(int64(len(decode(t, Gzip, gz))) + 10)
	first := a.Body()
	if _, ok := a.cache.bodies.Load(a); !ok || &a.Body()[0] != &first[0] {
		t.Error("the decompressed body was not kept while the budget allowed")
	}
	if got := a.cache.left.Load(); got != 10 {
		t.Errorf("%d bytes left of the budget, want 10", got)
	}
	_ = b.Body()
	if _, ok := b.cache.bodies.Load(b); ok || a.cache.left.Load() != 10 {
		t.Error("a body was kept beyond the budget")
	}
}

func TestBody_ConcurrentReadersChargeTheBudgetOnce(t *testing.T) {
	s := whole(t, buildShipped(t))
	p := s.Page("/articles/myofascial-release-therapy/")
	before := p.cache.left.Load()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { _ = p.Body() })
	}
	wg.Wait()
	if used := before - p.cache.left.Load(); used != int64(len(p.Body())) {
		t.Errorf("8 concurrent readers used %d bytes of the budget for a %d-byte body", used, len(p.Body()))
	}
}

// TestVariants_SearchDocumentsInGzipAlone: the static search's
// documents are compressed with gzip alone (see gzipOnly), and its index
// and every other page in both encodings.
func TestVariants_SearchDocumentsInGzipAlone(t *testing.T) {
	s, err := Build(shippedLibrary(t), Options{BaseURL: "https://health.example.org", Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), StaticSearch: true})
	if err != nil {
		t.Fatal(err)
	}
	c := NewCompressor()
	docs := 0
	for _, path := range s.Paths() {
		p := s.Page(path)
		if !p.Compressible() {
			continue
		}
		v := c.Variants(p)
		doc := strings.HasPrefix(path, StaticSearchPrefix+"d/")
		if doc {
			docs++
		}
		switch {
		case v[Gzip] == nil:
			continue // gzip did not pay
		case doc && v[Brotli] != nil:
			t.Errorf("the search document %s has a brotli body", path)
		case !doc && v[Brotli] == nil && len(p.Body()) > 4096:
			t.Errorf("%s (%d bytes) has no brotli body", path, len(p.Body()))
		}
	}
	if docs < len(shippedLibrary(t).Articles()) {
		t.Errorf("%d search documents, want one an article of each language", docs)
	}
}

// TestCompressor_SameBytesWhateverCameBefore: a page's compressed bytes
// do not depend on what its compressor compressed before, even a body
// large enough for the brotli encoder to choose another hash table (the
// static search index of a large site); otherwise a redeploy's files
// would differ from a cold build's, with the pages shared out among the
// workers in another order.
func TestCompressor_SameBytesWhateverCameBefore(t *testing.T) {
	page := buildShipped(t).Page("/articles/myofascial-release-therapy/").Body()
	fresh := newCompressor()
	wantGz, wantBr := fresh.encode(page, false)
	wantGz, wantBr = bytes.Clone(wantGz), bytes.Clone(wantBr)
	large := bytes.Repeat(append(bytes.Clone(page), "an index of every article "...), brotliLarge/len(page)+2)
	used := newCompressor()
	used.encode(large, false)
	gz, br := used.encode(page, false)
	if !bytes.Equal(gz, wantGz) {
		t.Error("gzip: the page's bytes changed after a large body")
	}
	if !bytes.Equal(br, wantBr) {
		t.Error("brotli: the page's bytes changed after a large body")
	}
}
