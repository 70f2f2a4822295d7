package readability

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestGrade_AgreesWithAnIndependentImplementation grades the texts of
// testdata/graded, from a plain leaflet to a dense clinical guideline,
// both here and with .ci/grade.mjs: retext-english's sentences and
// words, the syllable package's syllables and the flesch-kincaid
// package's formula, pinned in .ci/package.json. The two must agree
// within one grade on every text: a grade that drifts from the
// published formula's usual counting would mislead every editor.
func TestGrade_AgreesWithAnIndependentImplementation(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "graded", "*.txt"))
	if err != nil || len(files) < 3 {
		t.Fatalf("testdata/graded holds %d texts (%v), want 3 or more", len(files), err)
	}
	theirs := independentGrades(t, files)
	for _, file := range files {
		text, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		ours := Measure("en", Split("en", string(text)))
		other, ok := theirs[file]
		if !ok {
			t.Fatalf("%s: .ci/grade.mjs did not grade it", file)
		}
		t.Logf("%-40s here: grade %5.1f (%d words, %d sentences, %d syllables); independent: grade %5.1f (%d words, %d sentences, %d syllables)",
			file, ours.Grade, ours.Words, ours.Sentences, ours.Syllables, other.Grade, other.Words, other.Sentences, other.Syllables)
		if d := math.Abs(ours.Grade - other.Grade); d > 1 {
			t.Errorf("%s: grade %.1f here, %.1f by the independent implementation: %.1f apart, want 1 or less", file, ours.Grade, other.Grade, d)
		}
	}
}

// independentGrade is what .ci/grade.mjs says of one text.
type independentGrade struct {
	Words, Sentences, Syllables int
	Grade                       float64
}

// independentGrades runs .ci/grade.mjs on files. Without Node or the
// packages .ci/node_modules should hold, the test fails under CI=true
// and is skipped otherwise, as the audits are.
func independentGrades(t *testing.T, files []string) map[string]independentGrade {
	t.Helper()
	missing := func(format string, args ...any) {
		t.Helper()
		if os.Getenv("CI") == "true" {
			t.Fatalf(format, args...)
		}
		t.Skipf("skipping: "+format, args...)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node is not installed (apt-get install nodejs)")
	}
	ci := filepath.Join("..", "..", ".ci")
	if _, err := os.Stat(filepath.Join(ci, "node_modules", "syllable", "package.json")); err != nil {
		missing("the syllable package is not in .ci/node_modules: make audit-tools installs it (%v)", err)
	}
	abs := make([]string, len(files))
	for i, f := range files {
		if abs[i], err = filepath.Abs(f); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.Command(node, append([]string{filepath.Join(ci, "grade.mjs")}, abs...)...).Output()
	if err != nil {
		t.Fatalf(".ci/grade.mjs: %v", err)
	}
	var byAbs map[string]independentGrade
	if err := json.Unmarshal(out, &byAbs); err != nil {
		t.Fatalf(".ci/grade.mjs printed %q: %v", out, err)
	}
	grades := make(map[string]independentGrade, len(files))
	for i, f := range files {
		if g, ok := byAbs[abs[i]]; ok {
			grades[f] = g
		}
	}
	return grades
}
