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
	"syscall"
	"time"

	"healthsite/internal/site"
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

// update brings the export in dir up to date with the files written in
// staging and the ones done lists as kept: the files of staging take
// their places (but for the pages' files, which the manifest lists with
// their times, one that dir holds with the same bytes already is left
// as it is: the export's own files, the pages at old addresses), the static files of earlier exports
// are kept for site.KeepRetired and recorded in RetiredFile, and every
// other file in dir is deleted. It returns how many earlier files it
// keeps.
func update(staging, dir string, done staged, now time.Time) (int, error) {
	retired, err := retire(staging, dir, done.files, now)
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
	// Static files first, the manifest last, the rest between.
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
		l, page := done.manifest[name]
		switch {
		case name == ManifestFile:
			// Written again below, with the files' inodes as they are
			// now: a rename moves a file's change time on.
			if err := writeManifest(staging, done.manifest); err != nil {
				return 0, err
			}
		case !page && sameFile(from, to):
			continue
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return 0, fmt.Errorf("export: %w", err)
		}
		if err := os.Rename(from, to); err != nil {
			return 0, fmt.Errorf("export: %w", err)
		}
		if page {
			moved, err := listing(to, l.sum)
			if err != nil {
				return 0, fmt.Errorf("export: %w", err)
			}
			done.manifest[name] = moved
		}
	}
	keepers := done.files
	for name := range retired {
		keepers[name] = true
	}
	if len(retired) > 0 {
		keepers[RetiredFile] = true
	}
	return len(retired), prune(dir, keepers)
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
	since, err := readRetired(dir)
	if err != nil {
		return nil, err
	}
	record := map[string]time.Time{}
	root := filepath.Join(dir, "static")
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && path == root {
				return fs.SkipDir
			}
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		name := filepath.ToSlash(rel)
		if files[name] {
			return nil
		}
		left, ok := since[name]
		if !ok {
			left = now // left out by this export
		}
		if now.Sub(left) <= site.KeepRetired {
			record[name] = left
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("export: keeping the previous export's files: %w", err)
	}
	kept := make([]string, 0, len(record))
	for name := range record {
		kept = append(kept, name)
	}
	return record, writeRetired(staging, kept, record)
}

// prune deletes every file in dir that is not one of keep, and then
// every folder left empty.
func prune(dir string, keep map[string]bool) error {
	var folders []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		switch {
		case rel == ".":
		case d.IsDir():
			folders = append(folders, path)
		case !keep[filepath.ToSlash(rel)]:
			return os.Remove(path)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("export: deleting the previous export's files: %w", err)
	}
	// The deepest first, so that a folder's folders go before it; a
	// folder with files in it stays.
	slices.SortFunc(folders, func(a, b string) int { return len(b) - len(a) })
	for _, f := range folders {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrExist) && !errors.Is(err, syscall.ENOTEMPTY) {
			return fmt.Errorf("export: %w", err)
		}
	}
	return nil
}
