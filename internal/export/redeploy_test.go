package export

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"healthsite/internal/article"
	"healthsite/internal/sample"
	"healthsite/internal/site"
)

// generated builds n generated articles as build does, the article
// edited, if not negative, with a sentence more.
func generated(tb testing.TB, n, edited int) *site.Site {
	tb.Helper()
	fsys := fstest.MapFS{}
	for name, f := range sample.Articles(n, 1) {
		fsys[name] = &fstest.MapFile{Data: f.Data}
	}
	if edited >= 0 {
		f := fsys[sample.Slug(edited)+".md"]
		f.Data = append(bytes.Clone(f.Data), "\nOne sentence more, fixed in a redeploy.\n"...)
	}
	lib, err := article.Load(fsys, article.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	s, err := site.Build(lib, site.Options{BaseURL: "https://health.example.org", Now: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), NoSearch: true, StaticSearch: true})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// onDisk is a file of an export as a redeploy may keep it.
type onDisk struct {
	data     []byte
	modified time.Time
	inode    uint64
}

// tree reads every file of the export in dir but its manifest, whose
// times are the export's own.
func tree(t *testing.T, dir string) map[string]onDisk {
	t.Helper()
	out := map[string]onDisk{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if rel == ManifestFile {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		info, err := os.Stat(path)
		if err != nil {
			return err
		}
		f := onDisk{data: data, modified: info.ModTime()}
		if st, ok := info.Sys().(*syscall.Stat_t); ok {
			f.inode = st.Ino
		}
		out[filepath.ToSlash(rel)] = f
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameBytes reports where two exports differ in their files or bytes.
func sameBytes(t *testing.T, got, want map[string]onDisk) {
	t.Helper()
	for name, w := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s is missing", name)
		} else if !bytes.Equal(g.data, w.data) {
			t.Errorf("%s differs from a clean export's", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s is not in a clean export", name)
		}
	}
}

func TestWrite_RedeployKeepsUnchangedFilesAndMatchesACleanExport(t *testing.T) {
	before, after := generated(t, 30, -1), generated(t, 30, 7)
	dir := filepath.Join(t.TempDir(), "public")
	first, err := Write(t.Context(), before, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if first.Reused != 0 {
		t.Fatalf("a first export reused %d files", first.Reused)
	}
	old := tree(t, dir)
	st, err := Write(t.Context(), after, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	clean := filepath.Join(t.TempDir(), "clean")
	if _, err := Write(t.Context(), after, clean, Options{}); err != nil {
		t.Fatal(err)
	}
	got := tree(t, dir)
	// The previous export's static files that this one no longer has
	// (its search index's, which moved) are kept on purpose, for a week.
	page := map[string]onDisk{}
	retired, err := readRetired(dir)
	if err != nil || len(retired) == 0 {
		t.Fatalf("no files kept of the previous export's search index (%v)", err)
	}
	for name, f := range got {
		if _, ok := retired[name]; !ok && name != RetiredFile {
			page[name] = f
		}
	}
	sameBytes(t, page, tree(t, clean))
	changed := 0
	for name, g := range got {
		if name == Marker || name == RetiredFile {
			continue // the export's own, written by each
		}
		o, ok := old[name]
		if !ok || !bytes.Equal(o.data, g.data) {
			changed++
			continue
		}
		if !g.modified.Equal(o.modified) || g.inode != o.inode {
			t.Errorf("%s did not change, but is another file (time %v, inode %d; was %v, %d)", name, g.modified, g.inode, o.modified, o.inode)
		}
	}
	if changed == 0 || !strings.Contains(string(got["articles/"+sample.Slug(7)+"/index.html"].data), "One sentence more") {
		t.Fatal("the edited article's page is not in the redeploy")
	}
	if st.Reused == 0 || st.Reused >= st.Files {
		t.Errorf("reused %d of %d files, want all but the changed pages'", st.Reused, st.Files)
	}
}

func TestWrite_RedeployTrustsNoTamperedFileOrManifest(t *testing.T) {
	s := generated(t, 12, -1)
	clean := filepath.Join(t.TempDir(), "clean")
	if _, err := Write(t.Context(), s, clean, Options{}); err != nil {
		t.Fatal(err)
	}
	want := tree(t, clean)
	gz := "articles/" + sample.Slug(3) + "/index.html.gz"
	tests := []struct {
		name   string
		tamper func(dir string) error
		reused func(st Stats) bool
	}{
		{"a compressed file's bytes changed, its size and time kept", func(dir string) error {
			file := filepath.Join(dir, filepath.FromSlash(gz))
			info, err := os.Stat(file)
			if err != nil {
				return err
			}
			data, _ := os.ReadFile(file)
			data[len(data)/2] ^= 0xff
			if err := os.WriteFile(file, data, 0o644); err != nil {
				return err
			}
			return os.Chtimes(file, info.ModTime(), info.ModTime())
		}, func(st Stats) bool { return st.Reused == st.Files-3 }}, // that page's three files made again
		{"a plain file's time changed", func(dir string) error {
			return os.Chtimes(filepath.Join(dir, "index.html"), time.Unix(1, 0), time.Unix(1, 0))
		}, func(st Stats) bool { return st.Reused < st.Files && st.Reused > 0 }},
		{"the manifest cut short", func(dir string) error {
			file := filepath.Join(dir, ManifestFile)
			data, _ := os.ReadFile(file)
			return os.WriteFile(file, data[:len(data)-20], 0o644)
		}, func(st Stats) bool { return st.Reused == 0 }},
		{"the manifest of other compression settings", func(dir string) error {
			file := filepath.Join(dir, ManifestFile)
			data, _ := os.ReadFile(file)
			return os.WriteFile(file, bytes.Replace(data, []byte("brotli="), []byte("brotli=1"), 1), 0o644)
		}, func(st Stats) bool { return st.Reused == 0 }},
		{"the manifest of another version", func(dir string) error {
			file := filepath.Join(dir, ManifestFile)
			data, _ := os.ReadFile(file)
			return os.WriteFile(file, bytes.Replace(data, []byte(manifestHeader), []byte("healthsite export manifest 0"), 1), 0o644)
		}, func(st Stats) bool { return st.Reused == 0 }},
		{"no manifest", func(dir string) error { return os.Remove(filepath.Join(dir, ManifestFile)) },
			func(st Stats) bool { return st.Reused == 0 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			if _, err := Write(t.Context(), s, dir, Options{}); err != nil {
				t.Fatal(err)
			}
			if err := tt.tamper(dir); err != nil {
				t.Fatal(err)
			}
			st, err := Write(t.Context(), s, dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			sameBytes(t, tree(t, dir), want)
			if !tt.reused(st) {
				t.Errorf("reused %d of %d files", st.Reused, st.Files)
			}
		})
	}
}

// TestWrite_RedeployFailingHalfwayLeavesThePreviousExport: a redeploy
// brings the previous export up to date in place, but only once every
// new file is written: a failure before then changes nothing of it.
func TestWrite_RedeployFailingHalfwayLeavesThePreviousExport(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	if _, err := Write(t.Context(), generated(t, 12, -1), dir, Options{}); err != nil {
		t.Fatal(err)
	}
	before := tree(t, dir)
	manifest, _ := os.ReadFile(filepath.Join(dir, ManifestFile))
	var n atomic.Int32
	failing := func(name string, data []byte, perm os.FileMode) error {
		if n.Add(1) == 4 {
			return errors.New("disk full")
		}
		return os.WriteFile(name, data, perm)
	}
	if _, err := Write(t.Context(), generated(t, 12, 3), dir, Options{writeFile: failing}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("a failing write: %v", err)
	}
	if n.Load() < 4 {
		t.Fatalf("the redeploy wrote %d files, fewer than the failing one", n.Load())
	}
	after := tree(t, dir)
	sameBytes(t, after, before)
	for name, f := range after {
		if b := before[name]; !f.modified.Equal(b.modified) || f.inode != b.inode {
			t.Errorf("%s was touched by a failed redeploy", name)
		}
	}
	if now, _ := os.ReadFile(filepath.Join(dir, ManifestFile)); !bytes.Equal(now, manifest) {
		t.Error("a failed redeploy changed the manifest")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("a failed redeploy left %d entries beside the export", len(entries)-1)
	}
}

// TestWrite_RedeployWhereAFolderMustTakeAFilesPlace: when a page's
// folder is a file in the previous export (or a file a folder), its
// files cannot take their places one by one; the redeploy then writes
// a whole new folder, which still matches a clean export and keeps the
// unchanged files' inodes.
func TestWrite_RedeployWhereAFolderMustTakeAFilesPlace(t *testing.T) {
	s := generated(t, 12, 5)
	dir := filepath.Join(t.TempDir(), "public")
	if _, err := Write(t.Context(), generated(t, 12, -1), dir, Options{}); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "articles", sample.Slug(5))
	if err := os.RemoveAll(page); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, []byte("a file where the article's folder goes"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := tree(t, dir)
	if _, err := Write(t.Context(), s, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	clean := filepath.Join(t.TempDir(), "clean")
	if _, err := Write(t.Context(), s, clean, Options{}); err != nil {
		t.Fatal(err)
	}
	got := tree(t, dir)
	for name := range got {
		if strings.HasPrefix(name, "static/") || name == RetiredFile {
			if _, ok := tree(t, clean)[name]; !ok {
				delete(got, name) // an earlier export's, kept for a week
			}
		}
	}
	sameBytes(t, got, tree(t, clean))
	if f, o := got["index.html"], old["index.html"]; f.inode != o.inode {
		t.Error("the unchanged home page was written again rather than linked")
	}
	listsAsItIsNow(t, dir)
}

// TestWrite_ManifestListsEachFileAsItIsNow: the manifest of a first
// export and of a redeploy lists every file with its inode and change
// time as they are once the export is in place, so that the next
// redeploy trusts the unchanged files without reading them.
func TestWrite_ManifestListsEachFileAsItIsNow(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	for _, s := range []*site.Site{generated(t, 12, -1), generated(t, 12, 4)} {
		if _, err := Write(t.Context(), s, dir, Options{}); err != nil {
			t.Fatal(err)
		}
		listsAsItIsNow(t, dir)
	}
}

// listsAsItIsNow checks that the manifest of the export in dir lists
// every file with its inode and change time as they are.
func listsAsItIsNow(t *testing.T, dir string) {
	t.Helper()
	m := readManifest(dir)
	if m == nil || len(m.files) == 0 {
		t.Fatal("the export's manifest does not read")
	}
	for name, l := range m.files {
		info, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		ino, changed := identity(info)
		if ino == 0 {
			t.Skip("this system gives no inodes")
		}
		if l.ino != ino || l.changed != changed || l.size != info.Size() || l.modified != info.ModTime().UnixNano() {
			t.Errorf("%s: listed as inode %d changed %d, is %d changed %d", name, l.ino, l.changed, ino, changed)
		}
	}
}

// TestWrite_RedeployThroughALinkedFolder: a page folder of the previous
// export that is a symbolic link (moved aside by hand, say) keeps its
// pages: the redeploy writes a whole new folder rather than delete the
// link with what it leads to's pages in it.
func TestWrite_RedeployThroughALinkedFolder(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	if _, err := Write(t.Context(), generated(t, 12, -1), dir, Options{}); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "articles", sample.Slug(7))
	aside := filepath.Join(parent, "aside")
	if err := os.Rename(page, aside); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(aside, page); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	s := generated(t, 12, 3)
	if _, err := Write(t.Context(), s, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	clean := filepath.Join(t.TempDir(), "clean")
	if _, err := Write(t.Context(), s, clean, Options{}); err != nil {
		t.Fatal(err)
	}
	want := tree(t, clean)
	got := tree(t, dir)
	for name := range got {
		if _, ok := want[name]; !ok && (strings.HasPrefix(name, "static/") || name == RetiredFile) {
			delete(got, name) // an earlier export's, kept for a week
		}
	}
	sameBytes(t, got, want)
	if info, err := os.Lstat(page); err != nil || !info.IsDir() {
		t.Errorf("the article's folder is not a folder after the redeploy (%v)", err)
	}
}

// TestHolds_TrustsAChangeTimeOnlyWellBeforeTheManifest: a file listed
// with its inode and change time is trusted unread only if it changed
// before the time the manifest trusts from; otherwise it is hashed, so
// that one changed in the same tick of the clock as its listing is not
// kept on its change time alone.
func TestHolds_TrustsAChangeTimeOnlyWellBeforeTheManifest(t *testing.T) {
	file := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(file, []byte("the page"), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := listing(file, sha256.Sum256([]byte("another page")))
	if err != nil {
		t.Fatal(err)
	}
	if l.ino == 0 {
		t.Skip("this system gives no inodes")
	}
	if _, ok := holds(file, l, l.changed); ok {
		t.Error("a file changed as late as the manifest trusts was kept unread")
	}
	if _, ok := holds(file, l, l.changed+1); !ok {
		t.Error("a file changed before the manifest trusts was read")
	}
	if _, ok := holds(file, l, 0); ok {
		t.Error("a manifest that trusts no change time kept a file unread")
	}
}
