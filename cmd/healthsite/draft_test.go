package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDraft_UnfinishedDraftDoesNotBlockTheSite: healthsite new, then
// draft: true, as an editor does who is not finished: check, build and
// serve go on with the rest of the site, reporting the draft's problems
// as warnings with one note; the preview shows them at the draft's own
// address. With draft: false they are errors again.
func TestDraft_UnfinishedDraftDoesNotBlockTheSite(t *testing.T) {
	here := t.TempDir()
	dir := filepath.Join(here, "content")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "knee.md", goodArticle)
	t.Chdir(here)
	if _, _, err := runCmd(t, map[string]string{"HEALTHSITE_AUTHOR": "Ann Lee"}, "new", "Shoulder"); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "shoulder.md")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	draft := strings.Replace(string(data), "draft: false", "draft: true", 1)
	if draft == string(data) {
		t.Fatalf("new wrote no draft: line:\n%s", data)
	}
	write(t, dir, "shoulder.md", draft)

	const note = "content/shoulder.md: warning: this draft has "
	stdout, _, err := runCmd(t, nil, "check")
	if err != nil {
		t.Errorf("check: %v\n%s", err, stdout)
	}
	if strings.Count(stdout, note) != 1 || strings.Contains(stdout, ": error: ") || !strings.Contains(stdout, "when you set draft: false") {
		t.Errorf("check does not report the draft's problems as warnings, with one note:\n%s", stdout)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, stderr, err := runCmd(t, nil, "build", "-out", out, "-base-url", "https://health.example.org"); err != nil {
		t.Errorf("build: %v\n%s", err, stderr)
	} else if !strings.Contains(stderr, note) {
		t.Errorf("build does not warn of the draft:\n%s", stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "articles", "shoulder")); err == nil {
		t.Error("build published the draft")
	}
	url := startServe(t, nil)
	if status, _ := getPage(t, url+"/articles/shoulder/"); status != 404 {
		t.Errorf("serve: the draft answers %d, want 404", status)
	}

	// The preview shows drafts: this one's problems at its address.
	url, _, _ = startServeOutput(t, nil, "-dev")
	if _, body := getPage(t, url+"/articles/shoulder/"); !strings.Contains(body, "TODO") || !strings.Contains(body, "shoulder.md") {
		t.Errorf("the preview does not show the draft's problems at its address:\n%s", body)
	}
	if _, body := getPage(t, url+"/articles/knee/"); !strings.Contains(body, "Rest, then move.") {
		t.Errorf("the preview does not show the other article:\n%s", body)
	}

	write(t, dir, "shoulder.md", string(data))
	stdout, _, err = runCmd(t, nil, "check")
	if exitCode(err) != 1 || !strings.Contains(stdout, "content/shoulder.md:") || !strings.Contains(stdout, ": error: ") || strings.Contains(stdout, note) {
		t.Errorf("with draft: false, check does not report errors (%v):\n%s", err, stdout)
	}
}
