package article

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFields_READMETableMatches: the README's table of front matter
// fields is the one Fields makes (go test -update rewrites it: read the
// diff).
func TestFields_READMETableMatches(t *testing.T) {
	const readme = "../../README.md"
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	const heading = "### Front matter fields\n"
	i := strings.Index(text, heading)
	if i < 0 {
		t.Fatalf("README has no %q", heading)
	}
	start := i + len(heading) + strings.Index(text[i+len(heading):], "\n|") + 1
	end := start + strings.Index(text[start:], "\n\n") + 1
	if *update {
		if err := os.WriteFile(readme, []byte(text[:start]+fieldTable()+text[end:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if diff := cmp.Diff(fieldTable(), text[start:end]); diff != "" {
		t.Errorf("README's field table differs from Fields (go test ./internal/article -run %s -update) (-want +got):\n%s", t.Name(), diff)
	}
}

// TestFields_ExamplesAreGood: an article written with every field's
// example loads without a problem, each value read into its field.
func TestFields_ExamplesAreGood(t *testing.T) {
	var lines []string
	for _, f := range Fields() {
		if f.Name != "draft" { // a draft's problems would be warnings
			lines = append(lines, f.Line())
		}
	}
	// translation_of is a translation's: the example is one, in a
	// language's folder, of an original its example names.
	fsys := mapFS(SettingsFile, "languages: {es: {}}\n",
		"es/x.md", "---\n"+strings.Join(lines, "\n")+"\n---\n\nText.\n",
		"knee-pain.md", "---\ntitle: Knee pain\nauthor: Ann Lee\ndate: 2020-01-10\nsummary: What helps.\n---\n\nRest.\n")
	fsys["es/images/knee.jpg"] = pngFile(t)
	r := Check(fsys, Options{})
	if len(r.Problems) != 0 {
		t.Fatalf("problems:\n%s", strings.Join(problemLines(r.Problems), "\n"))
	}
	a := r.Articles[0]
	for _, f := range Fields() {
		if f.Name == "draft" {
			continue
		}
		switch v := f.into(a).(type) {
		case *string:
			if *v == "" {
				t.Errorf("%s: not read into the article", f.Name)
			}
		case *[]string:
			if len(*v) == 0 {
				t.Errorf("%s: not read into the article", f.Name)
			}
		default:
			if cmp.Equal(v, f.into(&Article{})) {
				t.Errorf("%s: not read into the article", f.Name)
			}
		}
	}
	if names := fieldNames(); !cmp.Equal(names[:4], []string{"title", "author", "date", "summary"}) {
		t.Errorf("the fields start %v, want title, author, date, summary", names[:4])
	}
}
