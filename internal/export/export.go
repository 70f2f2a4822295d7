// Package export writes a built Site to a folder as static files, byte
// for byte what the server sends, with precompressed .gz and .br files
// beside each page, for nginx, a CDN or an object store.
package export

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"healthsite/internal/pool"
	"healthsite/internal/site"
)

// Marker is the file an export leaves in its folder, so that a later
// export knows the folder is its own to replace.
const Marker = ".healthsite-export"

// NotFoundFile is the 404 page's file, as nginx's error_page and most
// static hosts expect it; each further language's is in its folder
// (es/404.html).
const NotFoundFile = "404.html"

// SearchFile is the search page's file in an export built with static
// search: nginx.conf serves it at /search, which has no file name of
// its own; each further language's is in its folder (es/search.html,
// served at /es/search).
const SearchFile = "search.html"

// Options tune Write.
type Options struct {
	// Force replaces a folder that is not an earlier export. Without
	// it, Write refuses any non-empty folder without the Marker file.
	Force bool

	// writeFile writes a file of the export; nil means os.WriteFile.
	// Tests set it to fail halfway.
	writeFile func(name string, data []byte, perm os.FileMode) error

	// now is the time of the export, for retiring the previous one's
	// files; nil means time.Now. Tests move it on.
	now func() time.Time
}

// Stats says what Write wrote.
type Stats struct {
	Pages int   // pages, the 404 pages included
	Files int   // files, compressed ones included
	Bytes int64 // bytes in all files
	// Retired counts the files under /static/ of earlier exports that
	// this one keeps for pages still in caches (see site.KeepRetired); they
	// are not in Files.
	Retired int
	// Reused counts the files kept from the previous export, unchanged,
	// rather than written again; they are in Files.
	Reused int
	// Moved counts the articles' old addresses, written to MovedMap
	// for nginx and as pages that send the browser on.
	Moved int
}

// Write writes s into dir. Every page goes to the file its path names
// (a path ending in / to index.html in that folder), with the .gz and
// .br files of its compressed variants beside it; the 404 page goes to
// 404.html, and each further language's to its folder's (es/404.html).
// s may be the Site Build returns: Write compresses its pages on every
// core, writing each page's files as they are made, so that no more
// than a few pages' compressed bodies are in memory at once. Pages that
// have their variants already (the Site a site.Completion makes whole)
// are written as they are. Where the previous export in dir lists a
// page's files in its ManifestFile with the same plain bytes, and holds
// them as listed, those files are kept (the same bytes, time and
// inode) rather than made again. ctx ends the export early, leaving the
// previous one.
//
// The files are written to a new folder beside dir first, so a failed
// export leaves the previous one as it was. A first export's folder
// then takes dir's place; a redeploy moves its new files into the
// previous export, one rename each, and deletes what the new export no
// longer has (see update), so a reader of dir never sees half a file.
// The previous export's files under /static/ that this one no longer
// has stay for site.KeepRetired.
func Write(ctx context.Context, s *site.Site, dir string, opts Options) (Stats, error) {
	var st Stats
	dir = filepath.Clean(dir)
	// A link to the export folder stays a link: the folder it leads to
	// is the one replaced.
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	if err := mayReplace(dir, opts.Force); err != nil {
		return st, err
	}
	// The previous export, if there is one: a page whose bytes did not
	// change keeps its files' time, which nginx and static hosts send
	// as Last-Modified and make their ETag from.
	previous := ""
	if _, err := os.Stat(filepath.Join(dir, Marker)); err == nil {
		previous = dir
	}
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return st, fmt.Errorf("export: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	if err != nil {
		return st, fmt.Errorf("export: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return st, errors.Join(fmt.Errorf("export: %w", err), os.RemoveAll(tmp))
	}
	st, done, err := writeAll(ctx, s, tmp, previous, opts.write())
	if err != nil {
		return st, errors.Join(err, os.RemoveAll(tmp))
	}
	now := time.Now
	if opts.now != nil {
		now = opts.now
	}
	if done.inPlace && fitsInPlace(tmp, dir) {
		st.Retired, err = update(tmp, dir, done, now())
		if !errors.Is(err, errNotInPlace) {
			return st, errors.Join(err, os.RemoveAll(tmp))
		}
	}
	// A whole new folder: the kept files linked into it from the
	// previous export, which it then replaces.
	for _, name := range done.kept {
		if err := keep(filepath.Join(previous, filepath.FromSlash(name)), filepath.Join(tmp, filepath.FromSlash(name))); err != nil {
			return st, errors.Join(fmt.Errorf("export: %w", err), os.RemoveAll(tmp))
		}
	}
	if st.Retired, err = keepRetired(tmp, previous, now()); err != nil {
		return st, errors.Join(err, os.RemoveAll(tmp))
	}
	if err := swap(tmp, dir, parent, base); err != nil {
		return st, errors.Join(err, os.RemoveAll(tmp))
	}
	if len(done.kept) > 0 {
		// Linking the kept files, and deleting the previous folder's
		// links to them, moved their change times on.
		if err := relist(dir, done); err != nil {
			return st, err
		}
	}
	return st, nil
}

// relist lists the kept files of done again in the manifest of the
// export in dir, as they are now, and writes it in place of the one
// written with the export.
func relist(dir string, done staged) error {
	for _, name := range done.kept {
		l, err := listing(filepath.Join(dir, filepath.FromSlash(name)), done.manifest[name].sum)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		done.manifest[name] = l
	}
	tmp, err := os.MkdirTemp(dir, ".manifest-")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.RemoveAll(tmp)
	if err := writeManifest(tmp, done.manifest); err != nil {
		return err
	}
	if err := os.Rename(filepath.Join(tmp, ManifestFile), filepath.Join(dir, ManifestFile)); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// mayReplace refuses a dir that holds something other than an export.
func mayReplace(dir string, force bool) error {
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("export: %w", err)
	case !info.IsDir():
		return fmt.Errorf("export: %s is a file, not a folder (choose another -out)", dir)
	case force:
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("export: %s holds files that an export did not write, and they would be deleted (choose an empty or new folder, or add -force to replace it)", dir)
	}
	return nil
}

// swap puts the folder tmp in dir's place. Where the system can, the
// two are exchanged in one step, so that dir never stops existing;
// otherwise the old dir is renamed aside, tmp renamed to dir, and the
// old one deleted.
func swap(tmp, dir, parent, base string) error {
	if _, err := os.Lstat(dir); err != nil {
		if err := os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		return nil
	}
	if err := exchange(tmp, dir); err == nil {
		// tmp now holds the previous export.
		if err := os.RemoveAll(tmp); err != nil {
			return fmt.Errorf("export: the new export is in place, but the previous one could not be deleted: %w", err)
		}
		return nil
	}
	old := filepath.Join(parent, fmt.Sprintf(".%s.old-%d", base, time.Now().UnixNano()))
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("export: moving the previous export aside: %w (-out must be a folder that can be renamed: not a mount point; export into a folder inside it)", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("export: %w", errors.Join(err, os.Rename(old, dir))) // put the previous one back
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("export: the new export is in place, but the previous one could not be deleted: %w", err)
	}
	return nil
}

// File is the file, relative to the export's folder and with forward
// slashes, that holds the page at path.
func File(path string) string {
	name := strings.TrimPrefix(path, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	return name
}

// write is how the export's files are written.
func (o Options) write() func(string, []byte, os.FileMode) error {
	if o.writeFile != nil {
		return o.writeFile
	}
	return os.WriteFile
}

// job is one page to write: its file's name and the page.
type job struct {
	name string
	page *site.Page
}

// written is what writing one page did.
type written struct {
	files map[string]listed // by name, for the manifest
	kept  []string          // of files, those the previous export holds already
	bytes int64
}

// staged is what writeAll wrote into its folder, and what it left to
// the previous export.
type staged struct {
	// kept are the files, by name, that the previous export holds as
	// this one would write them: writeAll did not write them.
	kept []string
	// files are the names of every file of the new export, the kept
	// ones included, but the RetiredFile and the static files of
	// earlier exports it keeps.
	files map[string]bool
	// manifest lists the pages' files.
	manifest map[string]listed
	// inPlace says the previous export's manifest was read, so that
	// the previous export can be brought up to date in place.
	inPlace bool
}

// writeAll writes every page of s into dir with writeFile, on every
// core, compressing each page as it goes and keeping nothing of it once
// written. previous is the export dir replaces, or "": the files of it
// that its manifest lists, and that hold what this export would write,
// are not written, but named in what writeAll returns.
func writeAll(ctx context.Context, s *site.Site, dir, previous string, writeFile func(string, []byte, os.FileMode) error) (Stats, staged, error) {
	var st Stats
	var done staged
	var jobs []job
	for _, path := range s.Paths() {
		jobs = append(jobs, job{File(path), s.Page(path)})
	}
	// Each language's 404 page beside its pages: es/404.html, which
	// nginx.conf sends for a missing page under /es/.
	for _, prefix := range s.LanguagePrefixes() {
		jobs = append(jobs, job{File(prefix + "/" + NotFoundFile), s.NotFoundAt(prefix + "/")})
	}
	for _, prefix := range s.LanguagePrefixes() {
		if p := s.StaticSearchPageAt(prefix); p != nil {
			jobs = append(jobs, job{File(prefix + "/" + SearchFile), p})
		}
	}
	// The heaviest first: the search index, compressed last on one core,
	// would leave the others idle.
	slices.SortStableFunc(jobs, func(a, b job) int { return b.page.Weight() - a.page.Weight() })
	old := readManifest(previous)
	done.inPlace = old != nil
	results := make([]written, len(jobs))
	errs := make([]error, len(jobs))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	compressors := make(chan *site.Compressor, runtime.GOMAXPROCS(0))
	err := pool.Each(ctx, len(jobs), func(i int) {
		var c *site.Compressor
		select {
		case c = <-compressors:
		default:
			c = site.NewCompressor()
		}
		defer func() { compressors <- c }() // one a worker at most: never blocks
		if results[i], errs[i] = writePage(c, dir, previous, old, jobs[i], writeFile); errs[i] != nil {
			cancel()
		}
	})
	if err := errors.Join(errs...); err != nil {
		return st, done, err
	}
	if err != nil {
		return st, done, fmt.Errorf("export: %w", err)
	}
	files := map[string]bool{}
	manifest := map[string]listed{}
	for _, r := range results {
		st.Pages++
		st.Files += len(r.files)
		st.Reused += len(r.kept)
		st.Bytes += r.bytes
		done.kept = append(done.kept, r.kept...)
		for name, l := range r.files {
			files[name] = true
			manifest[name] = l
		}
	}
	done.manifest = manifest
	if st.Moved, err = writeMoved(s, dir, files, writeFile); err != nil {
		return st, done, err
	}
	if err := writeManifest(dir, manifest); err != nil {
		return st, done, err
	}
	marker := "This folder was written by healthsite build. The next build brings it up to date, deleting what it did not write.\n"
	if err := os.WriteFile(filepath.Join(dir, Marker), []byte(marker), 0o644); err != nil {
		return st, done, fmt.Errorf("export: %w", err)
	}
	if st.Moved > 0 {
		files[MovedMap] = true
	}
	files[ManifestFile], files[Marker] = true, true
	done.files = files
	return st, done, nil
}

// writePage writes the files of one page into dir, made with c: the
// page's plain bytes and its compressed variants. Where the manifest old
// of the previous export says that export holds this page's bytes, and
// it does, nothing is written: the files are listed as kept, for the
// caller to leave in place or link.
func writePage(c *site.Compressor, dir, previous string, old *manifest, j job, writeFile func(string, []byte, os.FileMode) error) (written, error) {
	w := written{files: map[string]listed{}}
	plain := j.page.Body()
	sum := sha256.Sum256(plain)
	if keptFiles := old.reusable(previous, j.name, sum); keptFiles != nil {
		for ext, l := range keptFiles {
			w.files[j.name+ext] = l
			w.kept = append(w.kept, j.name+ext)
			w.bytes += l.size
		}
		return w, nil
	}
	base := filepath.Join(dir, filepath.FromSlash(j.name))
	if err := os.MkdirAll(filepath.Dir(base), 0o755); err != nil {
		return w, fmt.Errorf("export: %w", err)
	}
	// nginx and most static hosts send a file's time as Last-Modified,
	// and make their ETag from it: the time the page's bytes last
	// changed, in this export or an earlier one.
	modified := j.page.Modified
	if t, ok := unchangedSince(previous, j.name, plain); ok {
		modified = t
	}
	bodies := c.Variants(j.page)
	for _, e := range site.Encodings() {
		body := bodies[e]
		if body == nil {
			continue
		}
		file := base + e.Ext()
		if err := writeFile(file, body, 0o644); err != nil {
			return w, fmt.Errorf("export: %w", err)
		}
		if !modified.IsZero() {
			if err := os.Chtimes(file, modified, modified); err != nil {
				return w, fmt.Errorf("export: %w", err)
			}
		}
		fileSum := sum
		if e != site.Identity {
			fileSum = sha256.Sum256(body)
		}
		l, err := listing(file, fileSum)
		if err != nil {
			return w, fmt.Errorf("export: %w", err)
		}
		w.files[j.name+e.Ext()] = l
		w.bytes += int64(len(body))
	}
	return w, nil
}

// unchangedSince returns the time of the file name in the previous
// export, if it holds exactly body.
func unchangedSince(previous, name string, body []byte) (time.Time, bool) {
	if previous == "" {
		return time.Time{}, false
	}
	file := filepath.Join(previous, filepath.FromSlash(name))
	info, err := os.Stat(file)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(body)) {
		return time.Time{}, false
	}
	old, err := os.ReadFile(file)
	if err != nil || !bytes.Equal(old, body) {
		return time.Time{}, false
	}
	return info.ModTime(), true
}
