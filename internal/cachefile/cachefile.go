// Package cachefile keeps what a build computed, for the next build, in
// files that only the program that wrote them trusts.
//
// A file is a magic line naming its kind and format, a digest of the
// running executable, the payload, and a CRC-32C of all before it. Read
// returns the payload only when all of them are as this program would
// write them: a file of another build of the program, of another format,
// cut short or damaged is as if there were none. A file is replaced in
// one rename, so that a reader never sees half of one.
package cachefile

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unsafe"
)

// ErrUntrusted is the error of a file Read does not trust.
var ErrUntrusted = errors.New("not a cache file of this program and format")

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// Program returns a digest of the running executable: another build of
// the program may compute the same input differently. ok is false when
// the executable cannot be read, and then no file can be trusted.
var Program = sync.OnceValues(func() ([32]byte, bool) {
	// On Linux, the file this process runs, even after a deploy put
	// another at its path; elsewhere, what is at its path.
	f, err := os.Open("/proc/self/exe")
	if err != nil {
		exe, err := os.Executable()
		if err != nil {
			return [32]byte{}, false
		}
		if f, err = os.Open(exe); err != nil {
			return [32]byte{}, false
		}
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return [32]byte{}, false
	}
	return [32]byte(h.Sum(nil)), true
})

// header is what begins every file of the kind magic.
func header(magic string) ([]byte, bool) {
	digest, ok := Program()
	return append([]byte(magic), digest[:]...), ok
}

// Read returns the payload of the file of the kind magic at path. The
// payload is a string that shares the file's bytes, read once: the
// strings cut from it need no copies of their own.
func Read(path, magic string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return Parse(b, magic)
}

// Parse returns the payload of the file b, as Read does. b must not be
// changed afterwards.
func Parse(b []byte, magic string) (string, error) {
	head, ok := header(magic)
	if !ok || len(b) < len(head)+4 || string(b[:len(head)]) != string(head) {
		return "", ErrUntrusted
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	if crc32.Checksum(body, crcTable) != sum {
		return "", ErrUntrusted
	}
	payload := body[len(head):]
	if len(payload) == 0 {
		return "", nil
	}
	return unsafe.String(&payload[0], len(payload)), nil
}

// A Writer writes a file of one kind; nothing is at its path until
// Commit.
type Writer struct {
	f    *os.File
	w    *bufio.Writer
	path string
	crc  uint32
	err  error
}

// Create starts the file of the kind magic at path, making its folder.
func Create(path, magic string) (*Writer, error) {
	head, ok := header(magic)
	if !ok {
		return nil, errors.New("cannot read the program's own file, which tells its caches apart")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".new-*")
	if err != nil {
		return nil, err
	}
	pruneStale(path, f.Name(), time.Now())
	w := &Writer{f: f, w: bufio.NewWriterSize(f, 1<<20), path: path}
	w.Write(head)
	return w, nil
}

// StaleAfter is the age from which a half-written file of path, left
// by a process killed before its Commit, is removed by the next Create
// of path. A write in progress takes seconds; a file this old is no
// other process's.
const StaleAfter = time.Hour

// pruneStale removes the half-written files of path, but for own, that
// were last written StaleAfter before now or earlier. What cannot be
// removed is left: it costs only room.
func pruneStale(path, own string, now time.Time) {
	dir, prefix := filepath.Dir(path), filepath.Base(path)+".new-"
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		name := filepath.Join(dir, e.Name())
		if !strings.HasPrefix(e.Name(), prefix) || !e.Type().IsRegular() || name == own {
			continue
		}
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) >= StaleAfter {
			os.Remove(name)
		}
	}
}

// Write adds p to the payload; an error is kept for Commit.
func (w *Writer) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	w.crc = crc32.Update(w.crc, crcTable, p)
	_, w.err = w.w.Write(p)
	return len(p), w.err
}

// Commit ends the file and puts it at its path, in place of any there.
func (w *Writer) Commit() error {
	err := w.err
	if err == nil {
		_, err = w.w.Write(binary.LittleEndian.AppendUint32(nil, w.crc))
	}
	if err == nil {
		err = w.w.Flush()
	}
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(w.f.Name(), w.path)
	}
	if err != nil {
		os.Remove(w.f.Name())
	}
	return err
}

// Abort ends the file, leaving nothing behind.
func (w *Writer) Abort() {
	w.f.Close()
	os.Remove(w.f.Name())
}
