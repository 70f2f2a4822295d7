package sample

import (
	"bytes"
	"testing"

	"healthsite/internal/article"
)

func TestArticles_LoadCleanlyAndDeterministically(t *testing.T) {
	a, b := Articles(50, 7), Articles(50, 7)
	total := 0
	for name, f := range a {
		if !bytes.Equal(f.Data, b[name].Data) {
			t.Fatalf("%s differs between two runs with one seed", name)
		}
		total += len(f.Data)
	}
	if avg := total / 50; avg < 3500 || avg > 7000 {
		t.Errorf("articles average %d bytes, want about 5 KB", avg)
	}
	r := article.Check(a, article.Options{})
	if len(r.Problems) > 0 || r.Files != 51 {
		t.Fatalf("generated content has problems (%d files): %v", r.Files, r.Problems)
	}
}
