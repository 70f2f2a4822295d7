package search

import (
	"bytes"
	"encoding/json"
	"runtime"
	"testing"
)

// TestNewStatic_SameIndexOnOneCoreAndOnMany: the documents are analysed
// on every core, and the index must still be the same bytes, for an
// export's files to be the same from one build to the next.
func TestNewStatic_SameIndexOnOneCoreAndOnMany(t *testing.T) {
	docs := sampleCorpus(t, 300)
	build := func(procs int) []byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		return staticJSON(t, docs, "", nil)
	}
	one := build(1)
	for _, procs := range []int{2, 4, 8} {
		if many := build(procs); !bytes.Equal(one, many) {
			t.Fatalf("the index made on %d cores differs from the one made on one (%d and %d bytes)", procs, len(many), len(one))
		}
	}
	var st Static
	if err := json.Unmarshal(one, &st); err != nil || st.Docs != len(docs) || len(st.Terms) == 0 {
		t.Fatalf("the index has %d documents and %d terms (%v)", st.Docs, len(st.Terms), err)
	}
}
