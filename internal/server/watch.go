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

// A Watcher reports changes to the files in its folders or their
// subfolders, but for the files each folder ignores. Folders created
// later are watched too.
type Watcher struct {
	w   *fsnotify.Watcher
	log *slog.Logger
	// watched maps each watched folder to the Folder it is in: its
	// events name paths inside it, each judged by that Folder's rule.
	watched map[string]Folder
}

// NewWatcher watches folders from the moment it returns: a change saved
// after it returns is reported by Run, however late Run starts. The
// preview sets it up before it loads the content, so that no save
// between the load and the first event is lost. Close releases it.
func NewWatcher(folders []Folder, log *slog.Logger) (*Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	wt := &Watcher{w: w, log: log, watched: map[string]Folder{}}
	for _, f := range folders {
		wt.add(f, f.Path)
	}
	return wt, nil
}

// add watches root, a folder of f, and every folder under it that f
// does not ignore.
func (wt *Watcher) add(f Folder, root string) {
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if f.ignored(path) {
			return filepath.SkipDir
		}
		if err := wt.w.Add(path); err != nil {
			wt.log.Warn("cannot watch folder", "folder", path, "error", err)
		}
		wt.watched[filepath.Clean(path)] = f
		return nil
	})
}

// Close stops watching.
func (wt *Watcher) Close() error { return wt.w.Close() }

// Run calls changed once after each burst of changes, until ctx is done
// or the Watcher is closed. Run must be called at most once.
func (wt *Watcher) Run(ctx context.Context, changed func()) {
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
			return
		case err, ok := <-wt.w.Errors:
			if !ok {
				return
			}
			wt.log.Warn("watching files", "error", err)
		case ev, ok := <-wt.w.Events:
			if !ok {
				return
			}
			if !wt.counts(ev) {
				continue
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

// counts reports whether ev changes the site, and watches the folder it
// creates.
func (wt *Watcher) counts(ev fsnotify.Event) bool {
	f := wt.watched[filepath.Dir(filepath.Clean(ev.Name))]
	if ev.Op == fsnotify.Chmod || f.Ignore == nil || f.ignored(ev.Name) {
		return false
	}
	if ev.Op.Has(fsnotify.Create) {
		if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
			wt.add(f, ev.Name)
		}
	}
	return true
}
