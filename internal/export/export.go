// Package export writes a built Site to a folder as static files, byte
// for byte what the server sends, with precompressed .gz and .br files
// beside each page, for nginx, a CDN or an object store.
package export

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

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
	// Moved counts the articles' old addresses, written to MovedMap
	// for nginx and as pages that send the browser on.
	Moved int
}

// Write writes s into dir. Every page goes to the file its path names
// (a path ending in / to index.html in that folder), with the .gz and
// .br files of its compressed variants beside it; the 404 page goes to
// 404.html, and each further language's to its folder's (es/404.html).
// s must be compressed: the Site a site.Completion makes whole.
//
// The files are written to a new folder beside dir, which then takes
// dir's place, so a failed export leaves the previous one whole and a
// reader of dir never sees half of one. The previous export's files
// under /static/ that this one no longer has stay for site.KeepRetired.
func Write(s *site.Site, dir string, opts Options) (Stats, error) {
	var st Stats
	if !s.Compressed() {
		return st, errors.New("export: the pages are not compressed yet (write the Site a site.Completion makes whole)")
	}
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
	if st, err = writeAll(s, tmp, previous, opts.write()); err != nil {
		return st, errors.Join(err, os.RemoveAll(tmp))
	}
	now := time.Now
	if opts.now != nil {
		now = opts.now
	}
	if st.Retired, err = keepRetired(tmp, previous, now()); err != nil {
		return st, errors.Join(err, os.RemoveAll(tmp))
	}
	if err := swap(tmp, dir, parent, base); err != nil {
		return st, errors.Join(err, os.RemoveAll(tmp))
	}
	return st, nil
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

// writeAll writes every page of s into dir with writeFile. previous is
// the export dir replaces, or "".
func writeAll(s *site.Site, dir, previous string, writeFile func(string, []byte, os.FileMode) error) (Stats, error) {
	var st Stats
	written := map[string]bool{}
	write := func(name string, p *site.Page) error {
		st.Pages++
		// nginx and most static hosts send a file's time as
		// Last-Modified, and make their ETag from it: the time the
		// page's bytes last changed, in this export or an earlier one.
		// The plain body is made once: for most pages it is gzip's,
		// decompressed, which Variant(Identity) would do again.
		plain := p.Body()
		modified := p.Modified
		if t, ok := unchangedSince(previous, name, plain); ok {
			modified = t
		}
		base := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(base), 0o755); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		for _, e := range site.Encodings() {
			body := plain
			if e != site.Identity {
				var ok bool
				if body, _, ok = p.Variant(e); !ok {
					continue
				}
			}
			file := base + e.Ext()
			if err := writeFile(file, body, 0o644); err != nil {
				return fmt.Errorf("export: %w", err)
			}
			if !modified.IsZero() {
				if err := os.Chtimes(file, modified, modified); err != nil {
					return fmt.Errorf("export: %w", err)
				}
			}
			written[name+e.Ext()] = true
			st.Files++
			st.Bytes += int64(len(body))
		}
		return nil
	}
	for _, path := range s.Paths() {
		if err := write(File(path), s.Page(path)); err != nil {
			return st, err
		}
	}
	// Each language's 404 page beside its pages: es/404.html, which
	// nginx.conf sends for a missing page under /es/.
	for _, prefix := range s.LanguagePrefixes() {
		if err := write(File(prefix+"/"+NotFoundFile), s.NotFoundAt(prefix+"/")); err != nil {
			return st, err
		}
	}
	for _, prefix := range s.LanguagePrefixes() {
		if p := s.StaticSearchPageAt(prefix); p != nil {
			if err := write(File(prefix+"/"+SearchFile), p); err != nil {
				return st, err
			}
		}
	}
	var err error
	if st.Moved, err = writeMoved(s, dir, written, writeFile); err != nil {
		return st, err
	}
	marker := "This folder was written by healthsite build. The next build replaces it whole.\n"
	if err := os.WriteFile(filepath.Join(dir, Marker), []byte(marker), 0o644); err != nil {
		return st, fmt.Errorf("export: %w", err)
	}
	return st, nil
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
