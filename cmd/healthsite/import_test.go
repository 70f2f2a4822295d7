package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImport_ThenCheckPasses: import each fixture site, then check the
// content it wrote; check must exit without errors.
func TestImport_ThenCheckPasses(t *testing.T) {
	for _, site := range []string{"hugo", "jekyll"} {
		t.Run(site, func(t *testing.T) {
			dst := filepath.Join(t.TempDir(), "content")
			out, _, err := runCmd(t, nil, "import", "-author", "Clinic Team", filepath.Join("..", "..", "internal", "importer", "testdata", site), dst)
			if err != nil {
				t.Fatalf("import: %v\n%s", err, out)
			}
			if !strings.Contains(out, "files with text imported") {
				t.Errorf("import printed no totals:\n%s", out)
			}
			out, errOut, err := runCmd(t, nil, "check", "-content", dst)
			if err != nil {
				t.Fatalf("check after import: %v\n%s%s", err, out, errOut)
			}
		})
	}
}

func TestImport_RefusesAFolderWithFiles(t *testing.T) {
	dst := t.TempDir()
	if err := os.WriteFile(filepath.Join(dst, "keep.md"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := runCmd(t, nil, "import", filepath.Join("..", "..", "internal", "importer", "testdata", "hugo"), dst)
	if err == nil || !strings.Contains(err.Error(), "never over a file") {
		t.Fatalf("import into a folder with a file: err = %v, want a refusal", err)
	}
}

func TestImport_NeedsTwoFolders(t *testing.T) {
	if _, _, err := runCmd(t, nil, "import", "only-one"); err == nil {
		t.Error("import with one folder succeeded")
	}
}

// jekyllLike is a content folder whose only articles are in _posts/.
func jekyllLike(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "_posts"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"2019-01-04-a.md", "2019-01-05-b.md"} {
		if err := os.WriteFile(filepath.Join(dir, "_posts", name), []byte("---\ntitle: A\nauthor: Ann\ndate: 2019-01-04\n---\n\nText.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("name: Old blog\nbase_url: https://health.example.org\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestSkippedFolder_CheckServeAndBuildNameIt: a folder of Markdown left
// out by its name is named by check, serve and build, with its count;
// check's summary never says 0 files without saying why.
func TestSkippedFolder_CheckServeAndBuildNameIt(t *testing.T) {
	notice := "_posts/: warning: the folder _posts/ and the 2 Markdown files in it are not published"
	for _, tc := range []struct {
		name string
		args func(dir string) []string
	}{
		{"check", func(dir string) []string { return []string{"check", "-content", dir} }},
		{"build", func(dir string) []string {
			return []string{"build", "-content", dir, "-out", filepath.Join(t.TempDir(), "public")}
		}},
		{"serve", func(dir string) []string { return []string{"serve", "-addr", "127.0.0.1:0", "-content", dir} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := jekyllLike(t)
			out, errOut, err := runCmd(t, nil, tc.args(dir)...)
			if err != nil {
				t.Fatalf("%s: %v\n%s%s", tc.name, err, out, errOut)
			}
			if !strings.Contains(out+errOut, notice) {
				t.Errorf("%s does not name _posts/:\n%s%s", tc.name, out, errOut)
			}
			if tc.name == "check" && strings.Contains(out, "1 file, 0 errors") {
				t.Errorf("check's summary hides the skipped files:\n%s", out)
			}
		})
	}
}
