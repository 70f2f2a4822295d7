package server

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
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
		done <- Watch(ctx, []string{dir}, slog.New(slog.DiscardHandler), func() { calls.Add(1) })
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
