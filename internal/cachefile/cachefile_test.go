package cachefile

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"testing"
	"time"
)

const magic = "healthsite test cache 1\n"

func write(t *testing.T, path string, payload ...string) {
	t.Helper()
	w, err := Create(path, magic)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range payload {
		w.Write([]byte(p))
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
}

func TestRead_GivesBackWhatWasWritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "c")
	write(t, path, "one ", "two")
	got, err := Read(path, magic)
	if err != nil || got != "one two" {
		t.Fatalf("Read: %q, %v; want %q", got, err, "one two")
	}
	write(t, path) // replaced, and empty
	if got, err := Read(path, magic); err != nil || got != "" {
		t.Errorf("Read of an empty payload: %q, %v", got, err)
	}
	if left, _ := filepath.Glob(path + ".new-*"); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

func TestRead_TrustsNoOtherFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c")
	write(t, path, "payload")
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	digest := len(magic)
	tests := map[string]func([]byte) []byte{
		"AnotherKind":    func(b []byte) []byte { b[0] ^= 1; return resum(b) },
		"AnotherProgram": func(b []byte) []byte { b[digest] ^= 1; return resum(b) },
		"APayloadByte":   func(b []byte) []byte { b[digest+32] ^= 1; return b },
		"TheChecksum":    func(b []byte) []byte { b[len(b)-1] ^= 1; return b },
		"CutShort":       func(b []byte) []byte { return b[:len(b)-1] },
		"Empty":          func([]byte) []byte { return nil },
	}
	for name, damage := range tests {
		t.Run(name, func(t *testing.T) {
			if got, err := Parse(damage(bytes.Clone(good)), magic); err != ErrUntrusted {
				t.Errorf("Parse: %q, %v; want ErrUntrusted", got, err)
			}
		})
	}
	if _, err := Parse(good, "healthsite other cache 1\n"); err != ErrUntrusted {
		t.Errorf("a file of another kind was trusted: %v", err)
	}
}

// resum gives a damaged file the checksum of its bytes, so that what
// is tested is the check of the part damaged.
func resum(b []byte) []byte {
	return binary.LittleEndian.AppendUint32(b[:len(b)-4], crc32.Checksum(b[:len(b)-4], crcTable))
}

func TestAbort_LeavesNothing(t *testing.T) {
	dir := t.TempDir()
	w, err := Create(filepath.Join(dir, "c"), magic)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("x"))
	w.Abort()
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// FuzzParse checks that no file makes Parse panic, and that a payload
// it trusts is one written.
func FuzzParse(f *testing.F) {
	path := filepath.Join(f.TempDir(), "c")
	w, err := Create(path, magic)
	if err != nil {
		f.Fatal(err)
	}
	w.Write([]byte("seed"))
	if err := w.Commit(); err != nil {
		f.Fatal(err)
	}
	good, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, b []byte) {
		payload, err := Parse(bytes.Clone(b), magic)
		if err != nil {
			return
		}
		head, _ := header(magic)
		if !bytes.HasPrefix(b, head) || string(b[len(head):len(b)-4]) != payload {
			t.Errorf("trusted %q as %q", b, payload)
		}
	})
}

func TestCreate_RemovesWhatAKilledWriterLeft(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c")
	old := time.Now().Add(-StaleAfter - time.Minute)
	leftover := func(name string, mtime time.Time) string {
		t.Helper()
		name = filepath.Join(dir, name)
		if err := os.WriteFile(name, []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(name, mtime, mtime); err != nil {
			t.Fatal(err)
		}
		return name
	}
	stale := leftover("c.new-111", old)
	writing := leftover("c.new-222", time.Now()) // another process, writing now
	other := leftover("d.new-333", old)          // another cache's, left to its own Create
	write(t, path, "x")
	for name, want := range map[string]bool{stale: false, writing: true, other: true} {
		if _, err := os.Stat(name); (err == nil) != want {
			t.Errorf("%s: exists %t, want %t", filepath.Base(name), err == nil, want)
		}
	}
	if got, err := Read(path, magic); err != nil || got != "x" {
		t.Errorf("Read: %q, %v", got, err)
	}
}
