package export

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"healthsite/internal/site"
)

// RetiredFile lists, in an export's folder, the files of earlier exports
// that this one keeps although no page of its own uses them any more,
// each with the time it was first left out.
const RetiredFile = ".healthsite-retired"

// keepRetired keeps in dir (see keep) each file under static/ of the previous
// export that dir lacks, unless it was first left out more than
// site.KeepRetired before now, and records them in RetiredFile. It returns
// how many it kept.
func keepRetired(dir, previous string, now time.Time) (int, error) {
	if previous == "" {
		return 0, nil
	}
	record, err := retired(previous, func(name string) bool {
		_, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name)))
		return err == nil
	}, now)
	if err != nil {
		return 0, err
	}
	for name := range record {
		if err := keep(filepath.Join(previous, filepath.FromSlash(name)), filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			return 0, fmt.Errorf("export: keeping the previous export's files: %w", err)
		}
	}
	return len(record), writeRetired(dir, record)
}

// retired returns the files under static/ of the export in dir that the
// new export does not have (has says which it has), each with the time
// it was first left out (now, for one this export leaves out), but for
// those left out more than site.KeepRetired before now.
func retired(dir string, has func(name string) bool, now time.Time) (map[string]time.Time, error) {
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
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		name := filepath.ToSlash(rel)
		if has(name) {
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
	return record, nil
}

// readRetired reads the RetiredFile of an export: when each file it
// kept was first left out. A missing file is an export that kept none.
func readRetired(dir string) (map[string]time.Time, error) {
	data, err := os.ReadFile(filepath.Join(dir, RetiredFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	since := map[string]time.Time{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		// A line is the Unix time the file was left out, a space, its name.
		secs, name, ok := strings.Cut(sc.Text(), " ")
		n, err := strconv.ParseInt(secs, 10, 64)
		if !ok || err != nil || strings.HasPrefix(secs, "#") {
			continue // a comment, or a line that is not ours: the file is kept as newly left out
		}
		since[name] = time.Unix(n, 0)
	}
	return since, nil
}

// writeRetired writes the RetiredFile for the files kept, each with the
// time it was first left out, or none when none are.
func writeRetired(dir string, kept map[string]time.Time) error {
	if len(kept) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("# Files of earlier exports kept for pages still in caches: the Unix time each was first left out, then its name.\n")
	for _, name := range slices.Sorted(maps.Keys(kept)) {
		fmt.Fprintf(&b, "%d %s\n", kept[name].Unix(), name)
	}
	if err := os.WriteFile(filepath.Join(dir, RetiredFile), []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// copyFile copies src to dst with its time, making dst's folder.
func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	info, err := os.Stat(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		return err
	}
	return os.Chtimes(dst, info.ModTime(), info.ModTime())
}
