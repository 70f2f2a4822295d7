package server

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"healthsite/internal/article"
	"healthsite/static"
)

// TestWatch_DebouncesABurstAndSeesNewFolders saves several files in a
// burst, as an editor's save does: one change is reported, not five.
// A folder created later is watched as well.
func TestWatch_DebouncesABurstAndSeesNewFolders(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var calls atomic.Int32
	done := startWatch(t, ctx, []Folder{ContentFolder(dir)}, func() { calls.Add(1) })

	for i, name := range []string{"a.md", "b.md", "a.md~", ".a.md.swp", "a.md"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte{byte(i)}, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, func() bool { return calls.Load() == 1 })
	time.Sleep(2 * Debounce)
	if n := calls.Load(); n != 1 {
		t.Fatalf("a burst of saves was reported %d times, want once", n)
	}

	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return calls.Load() == 2 })
	time.Sleep(50 * time.Millisecond) // the new folder is being added
	if err := os.WriteFile(filepath.Join(sub, "c.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return calls.Load() == 3 })

	cancel()
	<-done
}

// startWatch watches folders and runs the Watcher until ctx is done;
// the returned channel is closed when Run has returned.
func startWatch(t *testing.T, ctx context.Context, folders []Folder, changed func()) <-chan struct{} {
	t.Helper()
	wt, err := NewWatcher(folders, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { wt.Close() })
	done := make(chan struct{})
	go func() {
		defer close(done)
		wt.Run(ctx, changed)
	}()
	return done
}

// TestWatch_SeesASaveBeforeRunStarts: a file saved once NewWatcher has
// returned is reported, however late Run starts: the preview watches
// before it loads, and a save made while it loads, or at once after it
// says it is serving, reloads it.
func TestWatch_SeesASaveBeforeRunStarts(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "authors"), 0o755); err != nil {
		t.Fatal(err)
	}
	wt, err := NewWatcher([]Folder{ContentFolder(dir)}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer wt.Close()
	if err := os.WriteFile(filepath.Join(dir, "authors", "ann.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond) // Run starts late
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var calls atomic.Int32
	go wt.Run(ctx, func() { calls.Add(1) })
	waitFor(t, func() bool { return calls.Load() == 1 })
}

// TestWatch_SkipsWhatTheLoaderSkips: a saved file makes the preview
// reload exactly when the loader reads it: the watcher ignores a file
// or folder by the same names as the loader.
func TestWatch_SkipsWhatTheLoaderSkips(t *testing.T) {
	const good = "---\ntitle: Knee\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: S.\n---\n\nText.\n"
	for _, name := range []string{"knee.md", "sub/knee.md", ".knee.md", "_knee.md", "_drafts/knee.md", ".git/knee.md", "sub/_knee.md", "sub/.hidden/knee.md"} {
		lib, err := article.Load(fstest.MapFS{name: {Data: []byte(good)}}, article.Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		loaded := len(lib.Articles()) == 1
		watched := true
		parts := strings.Split(name, "/")
		for i := range parts {
			watched = watched && !ContentFolder("content").ignored(filepath.Join(append([]string{"content"}, parts[:i+1]...)...))
		}
		if loaded != watched {
			t.Errorf("%s: the loader reads it: %v, the watcher sees it: %v", name, loaded, watched)
		}
	}
}

// TestWatch_StaticSkipsWhatIsNotServed: in the static folder, the
// watcher ignores a file exactly when static.Load does not serve it,
// which is not the content loader's rule: _print.css is served.
func TestWatch_StaticSkipsWhatIsNotServed(t *testing.T) {
	for _, name := range []string{"site.css", "_print.css", ".site.css.swp", "embed.go", "img/logo.png", "_old/site.css", ".git/site.css"} {
		set, err := static.Load(fstest.MapFS{name: {Data: []byte("x")}})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		served := set.URL(name) != ""
		watched := true
		parts := strings.Split(name, "/")
		for i := range parts {
			watched = watched && !StaticFolder("static").ignored(filepath.Join(append([]string{"static"}, parts[:i+1]...)...))
		}
		if served != watched {
			t.Errorf("%s: static.Load serves it: %v, the watcher sees it: %v", name, served, watched)
		}
	}
}

// TestWatch_StaticFileWithUnderscoreReloads: saving static/_print.css,
// which is served, reloads the preview, although a content file named
// so would be kept out of the site.
func TestWatch_StaticFileWithUnderscoreReloads(t *testing.T) {
	content, assets := t.TempDir(), t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var calls atomic.Int32
	done := startWatch(t, ctx, []Folder{ContentFolder(content), StaticFolder(assets)}, func() { calls.Add(1) })
	if err := os.WriteFile(filepath.Join(assets, "_print.css"), []byte("p{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return calls.Load() == 1 })
	cancel()
	<-done
}
