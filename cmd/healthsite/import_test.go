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
