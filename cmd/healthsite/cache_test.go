package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"healthsite/content"
)

// copiedContent is the built-in content as a folder of its own.
func copiedContent(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, content.FS); err != nil {
		t.Fatal(err)
	}
	return dir
}

// readTree returns every file under dir by its path, with its bytes.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestBuild_TheRenderCacheChangesNoByte: a build that takes every text
// from the render cache, and every analysis of the static search index
// from the analysis cache, writes the same files as one that made them.
func TestBuild_TheRenderCacheChangesNoByte(t *testing.T) {
	dir, cache := copiedContent(t), t.TempDir()
	env := map[string]string{"HEALTHSITE_CACHE": cache}
	var trees []map[string][]byte
	var caches []map[string]os.FileInfo
	for range 2 {
		out := filepath.Join(t.TempDir(), "public")
		if _, stderr, err := runCmd(t, env, "build", "-content", dir, "-out", out, "-base-url", "https://health.example.org"); err != nil {
			t.Fatalf("build: %v\n%s", err, stderr)
		}
		trees = append(trees, readTree(t, out))
		caches = append(caches, map[string]os.FileInfo{})
		for name := range readTree(t, cache) {
			info, _ := os.Stat(filepath.Join(cache, name))
			caches[len(caches)-1][name] = info
		}
	}
	// A cache is written again only when its build made something anew.
	for name, info := range caches[0] {
		if again := caches[1][name]; again == nil || !os.SameFile(info, again) {
			t.Errorf("the second build wrote %s again: it took something from neither cache", name)
		}
	}
	for _, kind := range []string{"render", "analysis"} {
		if kept, _ := filepath.Glob(filepath.Join(cache, kind+"-*")); len(kept) != 1 {
			t.Fatalf("the cache folder holds %v, want one %s-* file", kept, kind)
		}
	}
	if len(trees[0]) != len(trees[1]) {
		t.Errorf("%d files with the texts rendered, %d with them from the cache", len(trees[0]), len(trees[1]))
	}
	for name, b := range trees[0] {
		if name == ".healthsite-manifest" {
			continue // it records each file's inode
		}
		if !bytes.Equal(trees[1][name], b) {
			t.Errorf("%s differs when its texts come from the cache", name)
		}
	}
}

func TestServe_KeepsTheRenderCacheUnlessOff(t *testing.T) {
	dir := copiedContent(t)
	tests := []struct {
		name, setting string
		files         int
	}{
		{"InTheFolderGiven", "given", 1},
		{"Off", cacheOff, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			env := map[string]string{"HOME": home, "XDG_CACHE_HOME": filepath.Join(home, "xdg")}
			cache := t.TempDir()
			env["HEALTHSITE_CACHE"] = map[string]string{"given": cache, cacheOff: cacheOff}[tc.setting]
			if _, stderr, err := runCmd(t, env, "serve", "-content", dir, "-addr", "127.0.0.1:0"); err != nil {
				t.Fatalf("serve: %v\n%s", err, stderr)
			}
			kept, _ := filepath.Glob(filepath.Join(cache, "render-*"))
			if len(kept) != tc.files {
				t.Errorf("the cache folder holds %v, want %d render-* files", kept, tc.files)
			}
			if n := len(readTree(t, home)); n != 0 {
				t.Errorf("%d files in the user's cache folder, which -cache replaces", n)
			}
		})
	}
}

func TestBuild_DefaultsToTheUsersCacheFolder(t *testing.T) {
	dir, xdg := copiedContent(t), t.TempDir()
	env := map[string]string{"HOME": t.TempDir(), "XDG_CACHE_HOME": xdg}
	if _, stderr, err := runCmd(t, env, "build", "-content", dir, "-out", filepath.Join(t.TempDir(), "public"), "-allow-local"); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	if kept, _ := filepath.Glob(filepath.Join(xdg, "healthsite", "render-*")); len(kept) != 1 {
		t.Errorf("XDG_CACHE_HOME/healthsite holds %v, want one render-* file", kept)
	}
}

// TestBuild_ACacheItCannotWriteIsAWarning: the site is built all the
// same, and the editor learns why the next build is not faster.
func TestBuild_ACacheItCannotWriteIsAWarning(t *testing.T) {
	dir := copiedContent(t)
	notAFolder := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notAFolder, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	_, stderr, err := runCmd(t, map[string]string{"HEALTHSITE_CACHE": notAFolder}, "build", "-content", dir, "-out", out, "-allow-local")
	if err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	want := "healthsite: warning: the cache cannot be written, so the next build or start does all its work again: "
	if !strings.Contains(stderr, want) || !strings.Contains(stderr, "(give a folder this user can write with -cache DIR, or turn it off with -cache off)") {
		t.Errorf("stderr lacks the warning %q:\n%s", want, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error("nothing was built")
	}
}
