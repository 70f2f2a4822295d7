package static

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoad_OnlyRegularFilesAtTheTop(t *testing.T) {
	s, err := Load(fstest.MapFS{
		"style.css":       {Data: []byte("body{}")},
		".env":            {Data: []byte("SECRET=1")},
		"static.go":       {Data: []byte("package static")},
		"link.css":        {Data: []byte("../../etc/passwd"), Mode: fs.ModeSymlink},
		"sub/inner.css":   {Data: []byte("p{}")},
		"favicon.svg":     {Data: []byte("<svg/>")},
		".git/config":     {Data: []byte("[core]")},
		"images/logo.png": {Data: []byte("png")},
	})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range s.All() {
		names = append(names, a.Name)
		if !strings.HasPrefix(a.URL, Prefix) {
			t.Errorf("%s is served at %s, outside %s", a.Name, a.URL, Prefix)
		}
	}
	if got := strings.Join(names, " "); got != "favicon.svg style.css" {
		t.Errorf("loaded %q, want only the regular files at the top that are not dotfiles or Go", got)
	}
}

func TestLoad_SymlinkOutOfAnOSRootIsNotRead(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.css")
	if err := os.WriteFile(outside, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "style.css"), []byte("body{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "leak.css")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	s, err := Load(root.FS())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range s.All() {
		if string(a.Body) == "secret" {
			t.Errorf("%s was read through a link out of the folder", a.Name)
		}
	}
}
