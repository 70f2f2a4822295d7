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
	"time"

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
const manifestHeader = "healthsite export manifest 2"

// listed is what a manifest says of one file.
type listed struct {
	sum      [sha256.Size]byte
	size     int64
	modified int64  // Unix nanoseconds
	ino      uint64 // the file's inode, or 0 where unknown (see identity)
	changed  int64  // the inode's change time (ctime) in Unix nanoseconds, or 0
}

// manifest is an export's ManifestFile, read.
type manifest struct {
	settings string
	files    map[string]listed // by name, relative to the export, with forward slashes
	// trusted is the change time, in Unix nanoseconds, before which a
	// file listed with its inode and change time is trusted unread; 0
	// trusts none (see holds).
	trusted int64
}

// racyChange is how long before the manifest was written a file must
// have last changed to be trusted by its change time: the file system's
// clock ticks in steps of a few milliseconds, so a file changed in the
// same tick as the listing could keep the change time listed. As git
// does with its index, such a file is read and hashed.
const racyChange = 50 * time.Millisecond

// readManifest reads the ManifestFile of the export in dir. A missing
// file, one of another version or other compression settings, and one
// with any line it cannot read give nil: nothing of that export is
// reused.
func readManifest(dir string) *manifest {
	if dir == "" {
		return nil
	}
	file := filepath.Join(dir, ManifestFile)
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	var trusted int64
	if info, err := os.Lstat(file); err == nil && keepsChangeTimes(dir) {
		trusted = info.ModTime().Add(-racyChange).UnixNano()
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
	m := &manifest{settings: strings.TrimPrefix(sc.Text(), "settings "), files: map[string]listed{}, trusted: trusted}
	if m.settings != site.CompressionSettings() {
		return nil
	}
	for sc.Scan() {
		// A line is the file's SHA-256, its size, its time in Unix
		// nanoseconds, its inode, its inode's change time and its
		// name, separated by single spaces.
		f := strings.SplitN(sc.Text(), " ", 6)
		if len(f) != 6 || f[5] == "" {
			return nil
		}
		var l listed
		sum, err1 := hex.DecodeString(f[0])
		size, err2 := strconv.ParseInt(f[1], 10, 64)
		modified, err3 := strconv.ParseInt(f[2], 10, 64)
		ino, err4 := strconv.ParseUint(f[3], 10, 64)
		changed, err5 := strconv.ParseInt(f[4], 10, 64)
		if err := errors.Join(err1, err2, err3, err4, err5); err != nil || len(sum) != sha256.Size {
			return nil
		}
		copy(l.sum[:], sum)
		l.size, l.modified, l.ino, l.changed = size, modified, ino, changed
		m.files[f[5]] = l
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
		fmt.Fprintf(&b, "%x %d %d %d %d %s\n", l.sum, l.size, l.modified, l.ino, l.changed, name)
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
// listed: the same bytes, size and time (with the inode and change time
// they have now). Otherwise it returns nil, and the page is compressed
// again.
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
		if l, ok = holds(filepath.Join(dir, filepath.FromSlash(name+e.Ext())), l, m.trusted); !ok {
			return nil
		}
		out[e.Ext()] = l
	}
	return out
}

// holds reports whether the file is a regular one with exactly the
// size, time and bytes listed, and returns l with the file's inode and
// change time. A file that is still the inode listed, unchanged since
// (the same ctime, which the system moves on at every write and which
// programs do not set), holds them without being read, as git trusts
// its index, if it changed before trusted; any other is read and
// hashed.
func holds(file string, l listed, trusted int64) (listed, bool) {
	info, err := os.Lstat(file)
	if err != nil || !info.Mode().IsRegular() || info.Size() != l.size || info.ModTime().UnixNano() != l.modified {
		return l, false
	}
	ino, changed := identity(info)
	if l.ino != 0 && ino == l.ino && changed == l.changed && changed < trusted {
		return l, true
	}
	f, err := os.Open(file)
	if err != nil {
		return l, false
	}
	defer f.Close()
	h := sha256.New()
	if n, err := io.Copy(h, f); err != nil || n != l.size {
		return l, false
	}
	l.ino, l.changed = ino, changed
	return l, [sha256.Size]byte(h.Sum(nil)) == l.sum
}

// listing is what the manifest lists of the file just written, whose
// plain bytes hash to sum.
func listing(file string, sum [sha256.Size]byte) (listed, error) {
	info, err := os.Lstat(file)
	if err != nil {
		return listed{}, err
	}
	l := listed{sum: sum, size: info.Size(), modified: info.ModTime().UnixNano()}
	l.ino, l.changed = identity(info)
	return l, nil
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
