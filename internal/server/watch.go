package server

import (
	"context"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"

	"healthsite/internal/article"
)

// Debounce is how long Watch waits after the last change before it
// reports: an editor's save arrives as several events (write, rename,
// remove), and a file half written must not be published.
const Debounce = 150 * time.Millisecond

// Watch calls changed once after each burst of changes to the files in
// dirs or their subfolders, until ctx is done. Folders created later are
// watched too. The names the content loader skips (article.Skipped:
// editor swap files, what is kept out of the site) are ignored.
func Watch(ctx context.Context, dirs []string, log *slog.Logger, changed func()) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	add := func(root string) {
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				if path != root && ignored(path) {
					return filepath.SkipDir
				}
				if err := w.Add(path); err != nil {
					log.Warn("cannot watch folder", "folder", path, "error", err)
				}
			}
			return nil
		})
	}
	for _, d := range dirs {
		add(d)
	}

	var timer *time.Timer
	fire := make(chan struct{}, 1)
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			log.Warn("watching files", "error", err)
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ev.Op == fsnotify.Chmod || ignored(ev.Name) {
				continue
			}
			if ev.Op.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					add(ev.Name)
				}
			}
			if timer == nil {
				timer = time.AfterFunc(Debounce, func() {
					select {
					case fire <- struct{}{}:
					default:
					}
				})
			} else {
				timer.Reset(Debounce)
			}
		case <-fire:
			changed()
		}
	}
}

// ignored reports whether the watcher skips the file or folder at path:
// by its name, as the content loader does.
func ignored(path string) bool { return article.Skipped(filepath.Base(path)) }
