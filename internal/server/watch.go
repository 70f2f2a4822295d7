package server

import (
	"context"
	"io/fs"
	"log/slog"
	"os"
	pathpkg "path"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"healthsite/internal/article"
	"healthsite/static"
)

// Debounce is how long Watch waits after the last change before it
// reports: an editor's save arrives as several events (write, rename,
// remove), and a file half written must not be published.
const Debounce = 150 * time.Millisecond

// Folder is a folder Watch watches, with the files in it whose changes
// do not change the site.
type Folder struct {
	Path string
	// Ignore reports whether the file or folder at rel, a slash-separated
	// path inside Path, is not read into the site.
	Ignore func(rel string) bool
}

// ContentFolder is the content folder at path: the names the content
// loader skips (article.Skipped: editor swap files, what is kept out of
// the site) are ignored, in any subfolder.
func ContentFolder(path string) Folder {
	return Folder{Path: path, Ignore: func(rel string) bool { return article.Skipped(pathpkg.Base(rel)) }}
}

// StaticFolder is the folder of static files at path: what static.Load
// does not serve (a file it skips, anything in a subfolder) is ignored.
func StaticFolder(path string) Folder {
	return Folder{Path: path, Ignore: func(rel string) bool { return strings.Contains(rel, "/") || !static.Served(rel) }}
}

// ignored reports whether the file or folder at name, in f, is ignored.
func (f Folder) ignored(name string) bool {
	rel, err := filepath.Rel(filepath.Clean(f.Path), filepath.Clean(name))
	if err != nil || rel == "." {
		return false
	}
	return f.Ignore(filepath.ToSlash(rel))
}

// Watch calls changed once after each burst of changes to the files in
// folders or their subfolders, until ctx is done, but for the files
// each folder ignores. Folders created later are watched too.
func Watch(ctx context.Context, folders []Folder, log *slog.Logger, changed func()) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	// A watched folder's events name paths inside it; each is judged by
	// the rule of the folder it is in.
	watched := map[string]Folder{}
	add := func(f Folder, root string) {
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				if f.ignored(path) {
					return filepath.SkipDir
				}
				if err := w.Add(path); err != nil {
					log.Warn("cannot watch folder", "folder", path, "error", err)
				}
				watched[filepath.Clean(path)] = f
			}
			return nil
		})
	}
	for _, f := range folders {
		add(f, f.Path)
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
			f := watched[filepath.Dir(filepath.Clean(ev.Name))]
			if ev.Op == fsnotify.Chmod || f.Ignore == nil || f.ignored(ev.Name) {
				continue
			}
			if ev.Op.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					add(f, ev.Name)
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
