package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// syncBuffer is a concurrency-safe writer for a running program's output.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var listening = regexp.MustCompile(`serving (\d+ articles?(?: in \d+ languages \([^)]*\))?) at (http://\S+)`)

// startServe runs `healthsite serve` on a free loopback port with args
// and returns its URL. The server stops when the test ends.
func startServe(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	url, _ := startServeLogs(t, env, args...)
	return url
}

// startServeLogs is startServe that also returns the program's log.
func startServeLogs(t *testing.T, env map[string]string, args ...string) (string, *syncBuffer) {
	t.Helper()
	url, _, logs := startServeOutput(t, env, args...)
	return url, logs
}

// startServeOutput is startServe that also returns what the program
// writes to stdout, and its log.
func startServeOutput(t *testing.T, env map[string]string, args ...string) (url string, stdout, logs *syncBuffer) {
	t.Helper()
	stdout = new(syncBuffer)
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	stderr := new(syncBuffer)
	done := make(chan error, 1)
	go func() {
		err := run(ctx, append([]string{"healthsite", "serve", "-addr", "127.0.0.1:0"}, args...), func(k string) string { return env[k] }, pw, stderr)
		pw.CloseWithError(io.EOF)
		done <- err
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve returned %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Error("serve did not shut down")
		}
	})
	// The first line says which content is read; then comes the
	// address.
	r := bufio.NewReader(pr)
	for {
		line, err := r.ReadString('\n')
		stdout.Write([]byte(line))
		if m := listening.FindStringSubmatch(line); m != nil {
			go func() { _, _ = io.Copy(stdout, r) }()
			return m[2], stdout, stderr
		}
		if err != nil {
			t.Fatalf("serve did not start: %q %v\nstderr: %s", stdout.String(), err, stderr.String())
		}
	}
}

func TestRun_ServesBuiltInArticles(t *testing.T) {
	url, stdout, _ := startServeOutput(t, nil)
	// The shipped site in English and Spanish: both languages counted.
	if want := "serving 6 articles in 2 languages (en-GB 3, es 3) at "; !strings.Contains(stdout.String(), want) {
		t.Errorf("stdout %q lacks %q", stdout.String(), want)
	}
	resp, err := http.Get(url + "/articles/mastering-myofascial-release-therapy/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Mastering the Art of Myofascial Release Therapy") {
		t.Errorf("status %d, body lacks the title", resp.StatusCode)
	}
}

func TestRun_ContentFlagAndEnvironment(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "site.yaml", "name: Riverside Clinic\nbase_url: https://riverside.example\n")
	write(t, dir, "knee.md", "---\ntitle: Knee pain\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: What helps.\n---\n\nRest, then move.\n")

	for name, start := range map[string]func() string{
		"flag": func() string { return startServe(t, nil, "-content", dir, "-base-url", "https://override.example") },
		"environment": func() string {
			return startServe(t, map[string]string{"HEALTHSITE_CONTENT": dir, "HEALTHSITE_BASE_URL": "https://override.example"})
		},
	} {
		t.Run(name, func(t *testing.T) {
			url := start()
			resp, err := http.Get(url + "/articles/knee/")
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			for _, want := range []string{"Riverside Clinic", "Knee pain", `href="https://override.example/articles/knee/"`} {
				if !strings.Contains(string(body), want) {
					t.Errorf("page lacks %q", want)
				}
			}
		})
	}
}

func TestRun_RefusesInvalidContent(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "good.md", "---\ntitle: Good\nauthor: A\ndate: 2024-01-10\nsummary: Fine.\n---\n\nText.\n")
	write(t, dir, "bad.md", "---\ntitle: Bad\nauthor: A\ndate: 8th Oct\nsummary: Broken.\n---\n\nText.\n")
	write(t, dir, "worse.md", "---\ntitle: Worse\ndate: 2024-01-10\nsumary: typo\n---\n\nText.\n")
	var stdout, stderr syncBuffer
	err := run(context.Background(), []string{"healthsite", "-addr", "127.0.0.1:0", "-content", dir}, func(string) string { return "" }, &stdout, &stderr)
	if err == nil {
		t.Fatal("serve started on invalid content")
	}
	root := filepath.ToSlash(dir)
	want := []string{
		root + `/bad.md:4:7: error: date "8th Oct" has no year (write the year first, then the month and the day: YYYY-10-08)`,
		root + `/worse.md:1:1: error: author is missing (add a line such as author: Jane Doe to the front matter)`,
		root + `/worse.md:4:1: error: unknown field "sumary" (did you mean "summary"?)`,
	}
	got := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("report:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if want := "healthsite: reading " + root + "/ (given with -content)\n"; stdout.String() != want {
		t.Errorf("stdout: %q, want %q", stdout.String(), want)
	}
}

func TestRun_BadFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-base-url", "ftp://x"}, "not an absolute http or https address"},
		{[]string{"-content", "/does/not/exist"}, "-content"},
		{[]string{"-addr", "256.0.0.1:99999"}, "listen"},
		{[]string{"extra"}, "unexpected arguments"},
		{[]string{"-nope"}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		var stdout, stderr syncBuffer
		err := run(context.Background(), append([]string{"healthsite", "serve"}, tt.args...), func(string) string { return "" }, &stdout, &stderr)
		if err == nil || !strings.Contains(err.Error()+stderr.String(), tt.want) {
			t.Errorf("%v: error %v, stderr %q; want it to mention %q", tt.args, err, stderr.String(), tt.want)
		}
	}
	var stdout, stderr syncBuffer
	if err := run(context.Background(), []string{"healthsite", "publish"}, func(string) string { return "" }, &stdout, &stderr); err == nil || !strings.Contains(err.Error(), `unknown command "publish"`) {
		t.Errorf("unknown command: %v", err)
	}
}

func write(t *testing.T, dir, name, data string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRun_SIGHUPReloadsAndKeepsLastGoodVersion edits the content of a
// running server and sends it SIGHUP: a broken file is logged and the
// site stays as it was; the fixed file is published.
func TestRun_SIGHUPReloadsAndKeepsLastGoodVersion(t *testing.T) {
	dir := t.TempDir()
	page := "---\ntitle: Knee pain\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: What helps.\n---\n\nRest, then move.\n"
	write(t, dir, "knee.md", page)
	url, logs := startServeLogs(t, nil, "-content", dir)

	write(t, dir, "knee.md", strings.Replace(page, "author: Ann Lee\n", "", 1))
	hup(t)
	waitLog(t, logs, "reload failed; still serving the previous version")
	if !strings.Contains(logs.String(), "knee.md:1:1: error: author is missing") {
		t.Errorf("the problem is not logged:\n%s", logs.String())
	}
	if body := fetch(t, url+"/articles/knee/"); !strings.Contains(body, "Knee pain") {
		t.Error("the last good version is not served")
	}

	write(t, dir, "knee.md", strings.Replace(page, "Knee pain", "Knee pain after running", 1))
	hup(t)
	waitLog(t, logs, "msg=reloaded")
	if body := fetch(t, url+"/articles/knee/"); !strings.Contains(body, "Knee pain after running") {
		t.Error("the fixed version is not served after SIGHUP")
	}
}

func hup(t *testing.T) {
	t.Helper()
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
}

func waitLog(t *testing.T, logs *syncBuffer, want string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(logs.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("log never said %q:\n%s", want, logs.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func fetch(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET %s = %d", url, resp.StatusCode)
	}
	return string(body)
}
