package export

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"healthsite/internal/site"
)

// ManifestFile lists, in an export's folder, every file of its pages
// with the SHA-256 of its bytes, its size and its time, under the
// compression settings that made them. The next export into the same
// folder keeps the files of a page whose plain bytes did not change,
// once it has read them and found them as listed, instead of
// compressing the page again: a redeploy after one article changed
// compresses that article's pages and the lists it is on, and leaves
// every other file as it was.
const ManifestFile = ".healthsite-manifest"

// manifestHeader is the first line of a ManifestFile; a file that does
// not start with it was written by another version, and is not read.
const manifestHeader = "healthsite export manifest 1"

// listed is what a manifest says of one file.
type listed struct {
	sum      [sha256.Size]byte
	size     int64
	modified int64 // Unix nanoseconds
}

// manifest is an export's ManifestFile, read.
type manifest struct {
	settings string
	files    map[string]listed // by name, relative to the export, with forward slashes
}

// readManifest reads the ManifestFile of the export in dir. A missing
// file, one of another version or other compression settings, and one
// with any line it cannot read give nil: nothing of that export is
// reused.
func readManifest(dir string) *manifest {
	if dir == "" {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil
	}
	// The last line is the SHA-256 of the lines before it: a manifest
	// cut short or edited is not read, for a missing line would lose a
	// page's file.
	body, last, ok := bytes.Cut(data, []byte("\nend "))
	if !ok || string(last) != fmt.Sprintf("%x\n", sha256.Sum256(body)) {
		return nil
	}
	data = body
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	if !sc.Scan() || sc.Text() != manifestHeader || !sc.Scan() {
		return nil
	}
	m := &manifest{settings: strings.TrimPrefix(sc.Text(), "settings "), files: map[string]listed{}}
	if m.settings != site.CompressionSettings() {
		return nil
	}
	for sc.Scan() {
		// A line is the file's SHA-256, its size, its time in Unix
		// nanoseconds and its name, separated by single spaces.
		f := strings.SplitN(sc.Text(), " ", 4)
		if len(f) != 4 || f[3] == "" {
			return nil
		}
		var l listed
		sum, err1 := hex.DecodeString(f[0])
		size, err2 := strconv.ParseInt(f[1], 10, 64)
		modified, err3 := strconv.ParseInt(f[2], 10, 64)
		if err1 != nil || err2 != nil || err3 != nil || len(sum) != sha256.Size {
			return nil
		}
		copy(l.sum[:], sum)
		l.size, l.modified = size, modified
		m.files[f[3]] = l
	}
	if sc.Err() != nil {
		return nil
	}
	return m
}

// writeManifest writes the ManifestFile of the export in dir, listing
// files.
func writeManifest(dir string, files map[string]listed) error {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\nsettings %s\n", manifestHeader, site.CompressionSettings())
	for _, name := range names {
		l := files[name]
		fmt.Fprintf(&b, "%x %d %d %s\n", l.sum, l.size, l.modified, name)
	}
	fmt.Fprintf(&b, "end %x\n", sha256.Sum256(bytes.TrimSuffix(b.Bytes(), []byte("\n"))))
	if err := os.WriteFile(filepath.Join(dir, ManifestFile), b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// reusable returns what the manifest lists of the files of the page
// name whose plain bytes hash to sum, by extension ("", ".gz", ".br"),
// if the previous export in dir holds every one of them exactly as
// listed: the same bytes, size and time. Otherwise it returns nil, and
// the page is compressed again.
func (m *manifest) reusable(dir, name string, sum [sha256.Size]byte) map[string]listed {
	if m == nil {
		return nil
	}
	if l, ok := m.files[name]; !ok || l.sum != sum {
		return nil
	}
	out := map[string]listed{}
	for _, e := range site.Encodings() {
		l, ok := m.files[name+e.Ext()]
		if !ok {
			continue // the encoding did not pay for these bytes
		}
		if !holds(filepath.Join(dir, filepath.FromSlash(name+e.Ext())), l) {
			return nil
		}
		out[e.Ext()] = l
	}
	return out
}

// holds reports whether the file is a regular one with exactly the
// size, time and bytes listed.
func holds(file string, l listed) bool {
	f, err := os.Open(file)
	if err != nil {
		return false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() != l.size || info.ModTime().UnixNano() != l.modified {
		return false
	}
	h := sha256.New()
	if n, err := io.Copy(h, f); err != nil || n != l.size {
		return false
	}
	return [sha256.Size]byte(h.Sum(nil)) == l.sum
}

// keep puts the previous export's file old at file in the new export:
// a hard link, so that it keeps its bytes, its time and its inode, and
// costs no copy. Where the folders' file system cannot link, it is
// copied with its time.
func keep(old, file string) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	err := os.Link(old, file)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	return copyFile(old, file)
}
