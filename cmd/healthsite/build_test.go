package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBuild_WritesTheSiteAndGuardsForeignFolders(t *testing.T) {
	noEnv := func(string) string { return "" }
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr syncBuffer
	if err := run(context.Background(), []string{"healthsite", "build", "-out", out, "-base-url", "https://health.example.org"}, noEnv, &stdout, &stderr); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "wrote 3 articles") {
		t.Errorf("stdout: %q", stdout.String())
	}
	for _, name := range []string{"index.html", "index.html.gz", "index.html.br", "articles/myofascial-release-therapy/index.html", "404.html", "sitemap.xml", "feed.xml"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("the export has no %s", name)
		}
	}
	sitemap, _ := os.ReadFile(filepath.Join(out, "sitemap.xml"))
	if !strings.Contains(string(sitemap), "https://health.example.org/articles/") {
		t.Error("-base-url did not make the sitemap's URLs")
	}

	// Again over its own export: fine. Over a folder of other files: refused.
	if err := run(context.Background(), []string{"healthsite", "build", "-out", out}, noEnv, &stdout, &stderr); err != nil {
		t.Fatalf("build over an earlier export: %v", err)
	}
	foreign := t.TempDir()
	write(t, foreign, "notes.txt", "keep me")
	err := run(context.Background(), []string{"healthsite", "build", "-out", foreign}, noEnv, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "-force") {
		t.Errorf("build over a foreign folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(foreign, "notes.txt")); err != nil {
		t.Error("the foreign folder lost its file")
	}

	// Content with errors writes nothing.
	bad := t.TempDir()
	write(t, bad, "bad.md", "---\ntitle: Bad\nauthor: A\ndate: 8th Oct\n---\n\nText.\n")
	fresh := filepath.Join(t.TempDir(), "public")
	stderr = syncBuffer{}
	if err := run(context.Background(), []string{"healthsite", "build", "-content", bad, "-out", fresh}, noEnv, &stdout, &stderr); err == nil {
		t.Error("build wrote a site with errors")
	}
	if !strings.Contains(stderr.String(), "bad.md:4:7: error: date") {
		t.Errorf("the report: %q", stderr.String())
	}
	if _, err := os.Stat(fresh); err == nil {
		t.Error("a failed build left a folder")
	}
	if err := run(context.Background(), []string{"healthsite", "build"}, noEnv, &stdout, &stderr); err == nil || !strings.Contains(err.Error(), "-out") {
		t.Errorf("build without -out: %v", err)
	}
}
