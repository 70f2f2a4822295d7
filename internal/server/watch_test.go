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
	done := make(chan error, 1)
	go func() {
		done <- Watch(ctx, []Folder{ContentFolder(dir)}, slog.New(slog.DiscardHandler), func() { calls.Add(1) })
	}()
	time.Sleep(100 * time.Millisecond) // let the watcher start

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
	if err := <-done; err != nil {
		t.Errorf("Watch: %v", err)
	}
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
	done := make(chan error, 1)
	go func() {
		done <- Watch(ctx, []Folder{ContentFolder(content), StaticFolder(assets)}, slog.New(slog.DiscardHandler), func() { calls.Add(1) })
	}()
	time.Sleep(100 * time.Millisecond) // let the watcher start
	if err := os.WriteFile(filepath.Join(assets, "_print.css"), []byte("p{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return calls.Load() == 1 })
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Watch: %v", err)
	}
}
