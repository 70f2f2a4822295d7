package cachefile

import (
	"bytes"
	"path/filepath"
	"testing"
)

var texts = Codec[string]{Append: AppendString, Read: (*Decoder).Text}

func key(s string) (k [32]byte) { copy(k[:], s); return k }

func TestStore_KeepsWhatARunUsedForTheNext(t *testing.T) {
	file := filepath.Join(t.TempDir(), "s")
	s := Open(file, magic, texts)
	s.Put(key("a"), "A")
	s.Put(key("b"), "B")
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	s = Open(file, magic, texts)
	if v, ok := s.Get(key("a"), nil); !ok || v != "A" {
		t.Fatalf("Get(a) = %q, %v after a Save and an Open", v, ok)
	}
	if _, ok := s.Get(key("b"), func(string) bool { return false }); ok {
		t.Error("Get gave a value its caller refused")
	}
	if n := s.Len(); n != 2 {
		t.Errorf("Len = %d before the Save, want 2", n)
	}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	s = Open(file, magic, texts)
	if _, ok := s.Get(key("b"), nil); ok {
		t.Error("b, which the last run did not use, was kept")
	}
	if n := s.Len(); n != 1 {
		t.Errorf("Len = %d, want 1", n)
	}
}

// FuzzStoreDecode: no payload makes the Store's reader panic, and one it
// reads it writes again byte for byte.
func FuzzStoreDecode(f *testing.F) {
	dir := f.TempDir()
	s := Open(filepath.Join(dir, "seed"), magic, texts)
	s.Put(key("a"), "A")
	s.Put(key("b"), "")
	if err := s.Save(); err != nil {
		f.Fatal(err)
	}
	seed, err := Read(filepath.Join(dir, "seed"), magic)
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(seed))
	f.Add([]byte{0})
	f.Fuzz(func(t *testing.T, b []byte) {
		s := Open(filepath.Join(t.TempDir(), "s"), magic, texts)
		entries, ok := s.decode(string(b))
		if !ok {
			return
		}
		if err := s.write(entries); err != nil {
			t.Fatal(err)
		}
		again, err := Read(s.file, magic)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal([]byte(again), b) {
			t.Errorf("a payload read back writes other bytes:\n%q\n%q", b, again)
		}
	})
}
