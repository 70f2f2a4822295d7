package cachefile

import (
	"bytes"
	"maps"
	"slices"
	"sync"
)

// A Store keeps values by key from one run to the next in a file of
// the kind magic: the values the last run used are there for this one,
// and Save keeps those this run used. Its payload is the number of
// entries, then each key and its value, in the order of the keys.
//
// A Store is safe for concurrent use. Open starts reading the file and
// returns at once; every other method waits for the read.
type Store[V any] struct {
	file, magic string
	codec       Codec[V]
	read        chan struct{} // closed once old is read
	mu          sync.Mutex
	old         map[[32]byte]V // from the file, or kept from the last run's Save
	used        map[[32]byte]V // looked up or put since the last Save
	added       bool           // put since the last Save
	unsaved     bool           // the last write failed
}

// Codec writes and reads the values of a Store.
type Codec[V any] struct {
	Append func(b []byte, v V) []byte
	Read   func(d *Decoder) V
}

// Open returns the Store of file, empty when the file does not exist
// or is not to be trusted (Read).
func Open[V any](file, magic string, codec Codec[V]) *Store[V] {
	s := &Store[V]{file: file, magic: magic, codec: codec, read: make(chan struct{}),
		old: map[[32]byte]V{}, used: map[[32]byte]V{}}
	go func() {
		defer close(s.read)
		if payload, err := Read(file, magic); err == nil {
			if old, ok := s.decode(payload); ok {
				s.old = old
			}
		}
	}()
	return s
}

// decode reads a payload Save wrote.
func (s *Store[V]) decode(payload string) (map[[32]byte]V, bool) {
	d := NewDecoder(payload)
	n := d.Count()
	m := make(map[[32]byte]V, n)
	var last [32]byte
	for i := 0; i < n && !d.Bad(); i++ {
		var k [32]byte
		copy(k[:], d.Take(32))
		if i > 0 && bytes.Compare(k[:], last[:]) <= 0 {
			return nil, false // written in the order of the keys, each once
		}
		m[k], last = s.codec.Read(d), k
	}
	return m, d.Done()
}

// Get returns the value of key, when there is one and good accepts it
// (good may be nil); the value is then kept by the next Save.
func (s *Store[V]) Get(key [32]byte, good func(V) bool) (V, bool) {
	<-s.read
	s.mu.Lock()
	v, ok := s.used[key]
	if !ok {
		v, ok = s.old[key]
	}
	s.mu.Unlock()
	if !ok || good != nil && !good(v) {
		var zero V
		return zero, false
	}
	s.mu.Lock()
	s.used[key] = v
	s.mu.Unlock()
	return v, true
}

// Put sets the value of key, for the next Save to write.
func (s *Store[V]) Put(key [32]byte, v V) {
	<-s.read
	s.mu.Lock()
	s.used[key], s.added = v, true
	s.mu.Unlock()
}

// Len returns how many keys have a value.
func (s *Store[V]) Len() int {
	<-s.read
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(s.old)
	for k := range s.used {
		if _, ok := s.old[k]; !ok {
			n++
		}
	}
	return n
}

// Save ends a run: the Store keeps only what was looked up or put since
// the last Save, and writes it when anything was put, or left unused,
// or the last write failed. A run that used nothing, such as a load of a
// folder emptied for a moment by a copy or a checkout, keeps what the
// last one did. The file is replaced in one rename. On a nil Store Save
// does nothing.
func (s *Store[V]) Save() error {
	if s == nil {
		return nil
	}
	<-s.read
	s.mu.Lock()
	defer s.mu.Unlock() // one Save at a time
	if len(s.used) == 0 && !s.added {
		return nil
	}
	used, changed := s.used, s.added || s.unsaved || len(s.used) != len(s.old)
	s.old, s.used, s.added = used, map[[32]byte]V{}, false
	if !changed {
		return nil
	}
	err := s.write(used)
	s.unsaved = err != nil // the next Save tries again
	return err
}

// write writes entries to the file, by key.
func (s *Store[V]) write(entries map[[32]byte]V) error {
	w, err := Create(s.file, s.magic)
	if err != nil {
		return err
	}
	b := AppendUint(nil, uint64(len(entries)))
	for _, k := range slices.SortedFunc(maps.Keys(entries), func(a, b [32]byte) int { return bytes.Compare(a[:], b[:]) }) {
		b = s.codec.Append(append(b, k[:]...), entries[k])
		if len(b) >= 1<<20 {
			w.Write(b)
			b = b[:0]
		}
	}
	w.Write(b)
	return w.Commit()
}
