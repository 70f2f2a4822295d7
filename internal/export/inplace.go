package export

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// A redeploy brings the previous export up to date in place, rather
// than writing a whole new folder to take its place: on a site of
// thousands of pages, one changed article changes a few dozen files,
// and making a folder entry for every other one again (a hard link
// costs as much of the file system as a new file) took most of a
// redeploy's time. The new files are written beside the export first,
// so a failure while making them leaves the previous export as it was;
// then each one takes its old one's place in a single rename, the
// static files (stylesheets, pictures, the search index) before the
// pages that name them, and the manifest last. A reader never sees
// half a file, nor a page whose stylesheet is not there yet. Should the
// machine stop during those renames, the manifest still describes the
// previous export, and the next build writes again every file that no
// longer holds what it lists.

// fitsInPlace reports whether every file in staging can take its place
// in dir by a rename: no folder it needs is a file in dir, and no file
// of it is a folder there.
func fitsInPlace(staging, dir string) bool {
	fits := true
	_ = filepath.WalkDir(staging, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			fits = false
			return err
		}
		rel, _ := filepath.Rel(staging, path)
		if rel == "." {
			return nil
		}
		info, err := os.Lstat(filepath.Join(dir, rel))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if d.IsDir() {
				return fs.SkipDir // a new folder: all in it is new
			}
		case err != nil:
			fits = false
		case d.IsDir() != info.IsDir() || info.Mode()&fs.ModeSymlink != 0:
			fits = false
		}
		if !fits {
			return fs.SkipAll
		}
		return nil
	})
	return fits
}

// errNotInPlace says the previous export cannot be brought up to date
// in place: the caller writes a whole new folder instead.
var errNotInPlace = errors.New("export: the previous export cannot be updated in place")

// update brings the export in dir up to date with the files written in
// staging and the ones done lists as kept. Each file of staging takes
// its place, but for one that is not a page's (the export's own files,
// the pages at old addresses) which dir holds with the same bytes
// already: that one is left as it is. The static files of earlier
// exports are kept for site.KeepRetired and recorded in RetiredFile, and
// every other file in dir is deleted. It returns how many earlier files
// it keeps, or errNotInPlace, having changed nothing in dir, when dir
// holds a symbolic link: a page kept through a linked folder would be
// deleted with the link.
func update(staging, dir string, done staged, now time.Time) (int, error) {
	retired, err := retire(staging, dir, done.files, now)
	if err != nil {
		return 0, err
	}
	keepers := done.files
	for name := range retired {
		keepers[name] = true
	}
	if len(retired) > 0 {
		keepers[RetiredFile] = true
	}
	gone, folders, err := survey(dir, keepers)
	if err != nil {
		return 0, err
	}
	var names []string
	err = filepath.WalkDir(staging, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(staging, path)
			names = append(names, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	if err := moveIn(staging, dir, names, done.manifest); err != nil {
		return 0, err
	}
	for _, file := range gone {
		if err := os.Remove(file); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return 0, fmt.Errorf("export: deleting the previous export's files: %w", err)
		}
	}
	// The deepest first, so that a folder's folders go before it; a
	// folder with files in it stays (ErrExist is also "not empty").
	slices.SortFunc(folders, func(a, b string) int { return len(b) - len(a) })
	for _, f := range folders {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrExist) {
			return 0, fmt.Errorf("export: %w", err)
		}
	}
	return len(retired), nil
}

// moveIn renames the files names of staging into dir: static files
// first, the manifest last, the rest between. The pages' files are
// listed again in manifest once moved, and the manifest written with
// them, for a rename moves a file's change time on.
func moveIn(staging, dir string, names []string, manifest map[string]listed) error {
	rank := func(name string) int {
		switch {
		case strings.HasPrefix(name, "static/"):
			return 0
		case name == ManifestFile:
			return 2
		}
		return 1
	}
	slices.SortStableFunc(names, func(a, b string) int { return rank(a) - rank(b) })
	for _, name := range names {
		from, to := filepath.Join(staging, filepath.FromSlash(name)), filepath.Join(dir, filepath.FromSlash(name))
		l, page := manifest[name]
		switch {
		case name == ManifestFile:
			if err := writeManifest(staging, manifest); err != nil {
				return err
			}
		case !page && sameFile(from, to):
			continue
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := os.Rename(from, to); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if page {
			moved, err := listing(to, l.sum)
			if err != nil {
				return fmt.Errorf("export: %w", err)
			}
			manifest[name] = moved
		}
	}
	return nil
}

// survey lists the files in dir that are not keep, to be deleted, and
// its folders, to be deleted once empty. It returns errNotInPlace when
// dir holds a symbolic link.
func survey(dir string, keep map[string]bool) (gone, folders []string, err error) {
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			return errNotInPlace
		case rel == ".":
		case d.IsDir():
			folders = append(folders, path)
		case !keep[filepath.ToSlash(rel)]:
			gone = append(gone, path)
		}
		return nil
	})
	if errors.Is(err, errNotInPlace) {
		return nil, nil, err
	}
	if err != nil {
		return nil, nil, fmt.Errorf("export: reading the previous export: %w", err)
	}
	return gone, folders, nil
}

// sameFile reports whether the files a and b hold the same bytes.
func sameFile(a, b string) bool {
	x, err := os.ReadFile(a)
	if err != nil {
		return false
	}
	y, err := os.ReadFile(b)
	return err == nil && bytes.Equal(x, y)
}

// retire finds the static files of earlier exports in dir that the new
// export, whose files are files, no longer has: each is kept for
// site.KeepRetired from the first export that left it out, which
// RetiredFile, written into staging, records. It returns the ones kept.
func retire(staging, dir string, files map[string]bool, now time.Time) (map[string]time.Time, error) {
	record, err := retired(dir, func(name string) bool { return files[name] }, now)
	if err != nil {
		return nil, err
	}
	return record, writeRetired(staging, record)
}
