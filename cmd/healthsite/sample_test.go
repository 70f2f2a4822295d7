package main

import (
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestSample_StillSetIsWarnedBeforePublishing: a site.yaml that still
// says sample: true, as the shipped one does, would tell every reader
// that the site is made up: check and build warn at its line, and so
// does serve at a public address; the preview, and sample: false, do
// not.
func TestSample_StillSetIsWarnedBeforePublishing(t *testing.T) {
	const warning = "site.yaml:3:1: warning: sample: true is still set, so every page says the site is a made-up sample (delete the sample: line, or write sample: false, once the site holds your own articles and reviewer)"
	sample := t.TempDir()
	write(t, sample, "site.yaml", "name: Clinic\nbase_url: https://health.example.org\nsample: true\n")
	write(t, sample, "knee.md", goodArticle)
	real := t.TempDir()
	write(t, real, "site.yaml", "name: Clinic\nbase_url: https://health.example.org\nsample: false\n")
	write(t, real, "knee.md", goodArticle)
	want := filepath.ToSlash(sample) + "/" + warning

	stdout, _, err := runCmd(t, nil, "check", "-content", sample)
	if err != nil || !strings.Contains(stdout, "\n"+want+"\n") || !strings.Contains(stdout, "2 files, 0 errors, 1 warning") {
		t.Errorf("check (%v) does not warn of sample: true:\n%s", err, stdout)
	}
	_, stderr, err := runCmd(t, nil, "build", "-content", sample, "-out", filepath.Join(t.TempDir(), "public"))
	if err != nil || !strings.Contains(stderr, want+"\n") {
		t.Errorf("build (%v) does not warn of sample: true:\n%s", err, stderr)
	}
	_, _, logs := startServeOutput(t, nil, "-content", sample)
	if !strings.Contains(logs.String(), want) {
		t.Errorf("serve does not warn of sample: true:\n%s", logs)
	}

	for _, tc := range []struct {
		name string
		args []string
	}{
		{"check sample: false", []string{"check", "-content", real}},
		{"build sample: false", []string{"build", "-content", real, "-out", filepath.Join(t.TempDir(), "public")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, err := runCmd(t, nil, tc.args...)
			if err != nil || strings.Contains(stdout+stderr, "sample: true") {
				t.Errorf("%v:\n%s%s", err, stdout, stderr)
			}
		})
	}
	_, _, logs = startServeOutput(t, nil, "-content", sample, "-dev")
	if strings.Contains(logs.String(), "sample: true") {
		t.Errorf("the preview warns of sample: true:\n%s", logs)
	}
}

// TestServe_PortInUseSaysSo: a port taken, most often by a healthsite
// left running, is said in words with the flag to choose another.
func TestServe_PortInUseSaysSo(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	port := ln.Addr().(*net.TCPAddr).Port
	dir := t.TempDir()
	write(t, dir, "knee.md", goodArticle)
	want := "cannot listen at " + addr + ": the port " + strconv.Itoa(port) + " is already in use, probably by another healthsite (stop that one, or choose another port: -addr 127.0.0.1:" + strconv.Itoa(port+1) + ")"
	for _, args := range [][]string{
		{"serve", "-dev", "-content", dir, "-addr", addr},
		{"serve", "-content", dir, "-addr", addr},
	} {
		_, _, err := runCmd(t, nil, args...)
		if err == nil || err.Error() != want {
			t.Errorf("%v: %v\nwant: %s", args, err, want)
		}
	}
}
