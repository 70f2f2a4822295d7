package article

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"healthsite/internal/cachefile"
	"healthsite/internal/markdown"
)

// cacheSite is a content folder whose texts use everything a render
// depends on: an image, a callout, a footnote, a link, a standalone
// page and a profile's bio.
func cacheSite(t *testing.T) fstest.MapFS {
	t.Helper()
	const head = "---\ntitle: %s\nauthor: Dr Elena Marsh\ndate: 2024-01-10\nsummary: S.\n---\n\n"
	return fstest.MapFS{
		"knee.md": {Data: []byte(strings.Replace(head, "%s", "Knee", 1) +
			"## Exercises\n\nBend the knee.[^1] ![A bent knee](images/knee.png)\n\n> [!WARNING]\n> Stop when it hurts.\n\nSee [the back](/articles/back/) and [us](/about/).\n\n[^1]: Slowly.\n")},
		"back.md":         {Data: []byte(strings.Replace(head, "%s", "Back", 1) + "## Posture\n\nSit up. <b>raw</b>\n")},
		"pages/about.md":  {Data: []byte("---\ntitle: About us\n---\n\nWe are a clinic.\n")},
		"authors.yaml":    {Data: []byte("- name: Dr Elena Marsh\n  bio: A *physiotherapist*.\n")},
		"images/knee.png": pngOf(t, 4, 3),
	}
}

// pngOf is a picture of w×h pixels.
func pngOf(t *testing.T, w, h int) *fstest.MapFile {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return &fstest.MapFile{Data: b.Bytes()}
}

// loadCached loads fsys with the cache in file, saves it, and returns
// the library and how many texts were rendered.
func loadCached(t *testing.T, fsys fstest.MapFS, file string) (*Library, int64) {
	t.Helper()
	c, err := OpenRenderCache(file)
	if err != nil {
		t.Fatal(err)
	}
	g := NewRenderGuard()
	lib, err := Load(fsys, Options{Cache: c, Renders: g})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if err := c.Save(); err != nil {
		t.Fatalf("Save: %v", err)
	}
	return lib, g.started.Load()
}

// sameLibrary fails the test unless got was read as want was: every
// field of every article, page and profile, and every warning.
func sameLibrary(t *testing.T, got, want *Library) {
	t.Helper()
	all := cmp.Exporter(func(reflect.Type) bool { return true })
	if d := cmp.Diff(want.AllArticles(), got.AllArticles(), all); d != "" {
		t.Errorf("articles differ from a load without the cache (-want +got):\n%s", d)
	}
	if d := cmp.Diff(want.Pages(), got.Pages(), all); d != "" {
		t.Errorf("pages differ (-want +got):\n%s", d)
	}
	if d := cmp.Diff(want.Profiles(), got.Profiles(), all); d != "" {
		t.Errorf("profiles differ (-want +got):\n%s", d)
	}
	if d := cmp.Diff(warningLines(want), warningLines(got)); d != "" {
		t.Errorf("warnings differ (-want +got):\n%s", d)
	}
}

func TestRenderCache_ASecondLoadRendersNothingAndReadsTheSame(t *testing.T) {
	fsys := cacheSite(t)
	want := mustLoadAny(t, fsys)
	file := filepath.Join(t.TempDir(), "render")
	first, n := loadCached(t, fsys, file)
	if n != 4 { // two articles, a page and a bio
		t.Errorf("the first load rendered %d texts, want 4", n)
	}
	sameLibrary(t, first, want)
	second, n := loadCached(t, fsys, file)
	if n != 0 {
		t.Errorf("the second load rendered %d texts, want 0: the cache gave it none", n)
	}
	sameLibrary(t, second, want)
}

func TestRenderCache_RendersAgainWhatChanged(t *testing.T) {
	tests := []struct {
		name    string
		change  func(fstest.MapFS)
		renders int64
		want    string // in the knee article's HTML
	}{
		{"OneArticlesText", func(f fstest.MapFS) {
			f["back.md"].Data = bytes.Replace(f["back.md"].Data, []byte("Sit up."), []byte("Sit up straight."), 1)
		}, 1, ""},
		{"AnImageItShows", func(f fstest.MapFS) { f["images/knee.png"] = pngOf(t, 8, 6) }, 1, `width="8" height="6"`},
		{"OnlyTheFrontMatter", func(f fstest.MapFS) {
			f["back.md"].Data = bytes.Replace(f["back.md"].Data, []byte("title: Back"), []byte("title: Your back"), 1)
		}, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := cacheSite(t)
			file := filepath.Join(t.TempDir(), "render")
			loadCached(t, fsys, file)
			tc.change(fsys)
			want := mustLoadAny(t, fsys)
			got, n := loadCached(t, fsys, file)
			if n != tc.renders {
				t.Errorf("rendered %d texts, want %d", n, tc.renders)
			}
			sameLibrary(t, got, want)
			if html := got.Article("knee").HTML; !strings.Contains(html, tc.want) {
				t.Errorf("the knee article's HTML lacks %q:\n%s", tc.want, html)
			}
		})
	}
}

// mustLoadAny loads fsys without a cache, failing only on errors.
func mustLoadAny(t *testing.T, fsys fstest.MapFS) *Library {
	t.Helper()
	lib, err := Load(fsys, Options{})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return lib
}

func TestRenderCache_AnImageGoneIsReportedAsWithout(t *testing.T) {
	fsys := cacheSite(t)
	file := filepath.Join(t.TempDir(), "render")
	loadCached(t, fsys, file)
	delete(fsys, "images/knee.png")
	_, want := Load(fsys, Options{})
	c, err := OpenRenderCache(file)
	if err != nil {
		t.Fatal(err)
	}
	_, got := Load(fsys, Options{Cache: c})
	if want == nil || !slices.Equal(errorLines(got), errorLines(want)) {
		t.Errorf("with the cache:\n%v\nwithout:\n%v", got, want)
	}
}

func TestRenderCache_KeyHoldsTheCalloutTitles(t *testing.T) {
	body := []byte("> [!NOTE]\n> Hi.\n")
	en := renderKey(body, markdown.Options{CalloutLabels: map[string]string{"note": "Note"}})
	es := renderKey(body, markdown.Options{CalloutLabels: map[string]string{"note": "Nota"}})
	split := renderKey(body, markdown.Options{CalloutLabels: map[string]string{"not": "eNote"}})
	if en == es || en == split {
		t.Error("texts rendered with other callout titles share a key")
	}
}

func TestRenderCache_AFileItCannotTrustIsIgnored(t *testing.T) {
	fsys := cacheSite(t)
	want := mustLoadAny(t, fsys)
	tests := []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"FlippedByte", func(b []byte) []byte { b[len(b)/2] ^= 1; return b }},
		{"Truncated", func(b []byte) []byte { return b[:len(b)-7] }},
		{"Empty", func([]byte) []byte { return nil }},
		{"AnotherProgram", func(b []byte) []byte { b[len(renderCacheMagic)] ^= 1; return resum(b) }},
		{"AnotherVersion", func(b []byte) []byte { b[len(renderCacheMagic)-2]++; return resum(b) }},
		{"DamagedPayload", func(b []byte) []byte { b[len(b)-6] ^= 0xff; return resum(b) }},
		{"NotACache", func([]byte) []byte { return []byte("---\ntitle: x\n---\n") }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "render")
			loadCached(t, fsys, file)
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, tc.damage(b), 0o644); err != nil {
				t.Fatal(err)
			}
			got, n := loadCached(t, fsys, file)
			if n != 4 {
				t.Errorf("rendered %d texts, want all 4", n)
			}
			sameLibrary(t, got, want)
		})
	}
}

// resum gives a damaged cache file the checksum of its bytes, so that
// what is tested is the check of the part damaged, not the checksum.
func resum(b []byte) []byte {
	return binary.LittleEndian.AppendUint32(b[:len(b)-4], crc32.Checksum(b[:len(b)-4], crc32.MakeTable(crc32.Castagnoli)))
}

func TestRenderCache_AFailedSaveIsTriedAgain(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "sub")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil { // a file where the folder must go
		t.Fatal(err)
	}
	file := filepath.Join(blocker, "render")
	c, err := OpenRenderCache(file)
	if err != nil {
		t.Fatal(err)
	}
	fsys := cacheSite(t)
	if _, err := Load(fsys, Options{Cache: c}); err != nil {
		t.Fatal(err)
	}
	if err := c.Save(); err == nil {
		t.Fatal("Save: no error with a file where its folder must be")
	}
	os.Remove(blocker)
	if _, err := Load(fsys, Options{Cache: c}); err != nil { // renders nothing new
		t.Fatal(err)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if _, n := loadCached(t, fsys, file); n != 0 {
		t.Errorf("%d texts rendered after the second Save: the first one's failure was not made up for", n)
	}
}

func TestRenderCache_AnEmptyLoadKeepsTheTexts(t *testing.T) {
	fsys := cacheSite(t)
	file := filepath.Join(t.TempDir(), "render")
	loadCached(t, fsys, file)
	c, err := OpenRenderCache(file)
	if err != nil {
		t.Fatal(err)
	}
	Load(fstest.MapFS{}, Options{Cache: c}) // a folder emptied for a moment
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if _, n := loadCached(t, fsys, file); n != 0 {
		t.Errorf("%d texts rendered again after a load of an empty folder", n)
	}
}

func TestRenderCache_KeepsNoRenderThatRanOverItsBudget(t *testing.T) {
	c, err := OpenRenderCache(filepath.Join(t.TempDir(), "render"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Load(cacheSite(t), Options{Cache: c, RenderBudget: 1}); err == nil {
		t.Fatal("Load: no error with a budget of 1 ns")
	}
	if n := c.Len(); n != 0 {
		t.Errorf("the cache kept %d texts that did not render in time", n)
	}
}

func TestRenderCache_SavesNothingWhenNothingChanged(t *testing.T) {
	fsys := cacheSite(t)
	file := filepath.Join(t.TempDir(), "render")
	loadCached(t, fsys, file)
	before, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Dir(file), 0o555); err != nil { // a write would fail
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Dir(file), 0o755) })
	loadCached(t, fsys, file)
	after, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if !after.ModTime().Equal(before.ModTime()) || !os.SameFile(before, after) {
		t.Error("the file was written again by a load that rendered nothing new")
	}
}

// TestRenderCache_CodecKeepsEveryFieldOfADocument fails when Document
// gains a field the cache file does not hold: a cached text would then
// lack it.
func TestRenderCache_CodecKeepsEveryFieldOfADocument(t *testing.T) {
	for typ, n := range map[reflect.Type]int{
		reflect.TypeFor[markdown.Document](): 9, reflect.TypeFor[markdown.Heading](): 3, reflect.TypeFor[markdown.Link](): 5,
		reflect.TypeFor[markdown.Notice](): 4, reflect.TypeFor[markdown.Image](): 3,
	} {
		if got := typ.NumField(); got != n {
			t.Errorf("%s has %d fields, and the render cache writes %d: add the new one to cacheWriter.entry and cacheReader.entry, then change this count", typ, got, n)
		}
	}
	e := &cached{
		doc: markdown.Document{
			HTML: "<p>x</p>", Headings: []markdown.Heading{{Level: 2, ID: "a", Text: "A"}},
			Links:  []markdown.Link{{Dest: "/x/", Offset: 3}, {Dest: "k.png", Image: true, Alt: "K", Offset: -1, Resolved: true}},
			Unsafe: []markdown.Link{{Dest: "javascript:x"}}, IDs: []string{"a", "fn-1"}, Text: "x", FirstParagraph: "x",
			Notices: []markdown.Notice{{Kind: markdown.NoticeHTML, Offset: 9, Text: "<b>", Kept: "b"}},
		},
		images: []askedImage{{dest: "k.png", img: markdown.Image{URL: "/k.1.png", Width: 4, Height: 3}, ok: true}, {dest: "gone.png"}},
	}
	var w cacheWriter
	w.entry(e)
	r := cacheReader{cachefile.NewDecoder(string(w.buf))}
	got := r.entry()
	if !r.Done() {
		t.Fatal("read back: not every byte was read, or read well")
	}
	if d := cmp.Diff(e, got, cmp.AllowUnexported(cached{}, askedImage{})); d != "" {
		t.Errorf("read back differs (-wrote +read):\n%s", d)
	}
}

// FuzzDecodeRenderCache checks that no entry, however damaged, makes
// the reader panic or return what it would not write again byte for
// byte. (cachefile checks the file and the entries around it.)
func FuzzDecodeRenderCache(f *testing.F) {
	fsys := fstest.MapFS{"a.md": {Data: []byte("---\ntitle: A\nauthor: B\ndate: 2024-01-10\nsummary: S.\n---\n\n## H\n\nText [l](/articles/a/#h).\n")}}
	file := filepath.Join(f.TempDir(), "render")
	c, err := OpenRenderCache(file)
	if err != nil {
		f.Fatal(err)
	}
	if _, err := Load(fsys, Options{Cache: c}); err != nil {
		f.Fatal(err)
	}
	if err := c.Save(); err != nil {
		f.Fatal(err)
	}
	seed, err := cachefile.Read(file, renderCacheMagic)
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(seed[1+32:])) // its one entry, after the count and the key
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		r := cacheReader{cachefile.NewDecoder(string(b))}
		e := r.entry()
		if !r.Done() {
			return
		}
		w := cacheWriter{}
		w.entry(e)
		if !bytes.Equal(w.buf, b) {
			t.Errorf("an entry read back writes other bytes:\n%q\n%q", b, w.buf)
		}
	})
}
