package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuild_RefusesTheBuiltInSampleAtARealAddress: where there is no
// content folder, build would publish the made-up sample articles; at
// a real address it does so only with -sample, and for testing on this
// machine without it.
func TestBuild_RefusesTheBuiltInSampleAtARealAddress(t *testing.T) {
	here := t.TempDir()
	t.Chdir(here)
	out := filepath.Join(t.TempDir(), "public")
	_, _, err := runCmd(t, nil, "build", "-out", out, "-base-url", "https://health.example.org")
	want := "build would publish the built-in sample articles, which are made up, at https://health.example.org, because there is no content folder in " + here + ": give your own folder with -content DIR (or pass -sample to publish the sample on purpose); nothing was written"
	if err == nil || err.Error() != want {
		t.Errorf("%v\nwant: %s", err, want)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the refused build wrote a folder")
	}
	for _, args := range [][]string{
		{"-sample", "-base-url", "https://health.example.org"},
		{"-allow-local"},
		{"-base-url", "http://localhost:9000"},
	} {
		if _, stderr, err := runCmd(t, nil, append([]string{"build", "-out", filepath.Join(t.TempDir(), "public")}, args...)...); err != nil {
			t.Errorf("build %v: %v\n%s", args, err, stderr)
		}
	}
}

func TestBuild_WritesTheSiteAndGuardsForeignFolders(t *testing.T) {
	noEnv := func(string) string { return "" }
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr syncBuffer
	if err := run(context.Background(), []string{"healthsite", "build", "-sample", "-out", out, "-base-url", "https://health.example.org"}, noEnv, &stdout, &stderr); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "wrote 6 articles in 2 languages (en-GB 3, es 3)") {
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
	if err := run(context.Background(), []string{"healthsite", "build", "-sample", "-out", out, "-base-url", "https://health.example.org"}, noEnv, &stdout, &stderr); err != nil {
		t.Fatalf("build over an earlier export: %v", err)
	}
	foreign := t.TempDir()
	write(t, foreign, "notes.txt", "keep me")
	err := run(context.Background(), []string{"healthsite", "build", "-out", foreign, "-allow-local"}, noEnv, &stdout, &stderr)
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

// TestBuild_RefusesALocalBaseURL: the shipped site.yaml says
// http://localhost:8080, and an export with it would send every reader
// of the sitemap, the feeds and the canonical links to their own
// computer. build refuses it, saying where it was written and what to
// write, unless -base-url gives an address on purpose or -allow-local
// asks for a build to test here.
func TestBuild_RefusesALocalBaseURL(t *testing.T) {
	folder := func(files map[string]string) string {
		dir := t.TempDir()
		write(t, dir, "knee.md", goodArticle)
		for name, data := range files {
			write(t, dir, name, data)
		}
		return dir
	}
	refusals := []struct {
		name string
		site string // site.yaml; "" for none
		want string // the report, after the folder's name
	}{
		{"shipped", "name: Healthsite\nbase_url: http://localhost:8080\n", "/site.yaml:2:11: error: base_url http://localhost:8080 is a local address: the sitemap, feeds and canonical links would point at this machine (write base_url: https://your-site.example, or pass -base-url https://your-site.example; -allow-local to build for testing on this machine)"},
		{"loopback IP", "base_url: http://127.0.0.1:9000\n", "/site.yaml:1:11: error: base_url http://127.0.0.1:9000 is a local address"},
		{"IPv6 loopback", "name: X\n\nbase_url:   http://[::1]\n", "/site.yaml:3:13: error: base_url http://[::1] is a local address"},
		{"localhost subdomain", "base_url: http://health.localhost\n", "/site.yaml:1:11: error: base_url http://health.localhost is a local address"},
		{"not set", "name: Riverside Clinic\n", "/site.yaml: error: base_url is not set, so it is http://localhost:8080, a local address: the sitemap, feeds and canonical links would point at this machine (add a line base_url: https://your-site.example, or pass -base-url https://your-site.example; -allow-local to build for testing on this machine)"},
		{"no site.yaml", "", "/site.yaml: error: there is no site.yaml, so the base URL is http://localhost:8080, a local address"},
	}
	for _, tc := range refusals {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{}
			if tc.site != "" {
				files["site.yaml"] = tc.site
			}
			dir := folder(files)
			out := filepath.Join(t.TempDir(), "public")
			_, stderr, err := runCmd(t, nil, "build", "-content", dir, "-out", out)
			if err == nil {
				t.Fatal("build wrote a site for this machine")
			}
			if want := filepath.ToSlash(dir) + tc.want; !strings.HasPrefix(stderr, want) {
				t.Errorf("report:\n%s\nwant it to start:\n%s", stderr, want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("the refused build wrote a folder")
			}
		})
	}

	// Inside the content folder, site.yaml is named as every other
	// message names a file there: site.yaml, not ./site.yaml.
	t.Run("inside the folder", func(t *testing.T) {
		t.Chdir(folder(map[string]string{"site.yaml": "base_url: http://localhost:8080\n"}))
		for _, args := range [][]string{{}, {"-content", "."}} {
			_, stderr, err := runCmd(t, nil, append([]string{"build", "-out", filepath.Join(t.TempDir(), "public")}, args...)...)
			if want := "site.yaml:1:11: error: base_url http://localhost:8080 is a local address"; err == nil || !strings.HasPrefix(stderr, want) {
				t.Errorf("build %v: report:\n%s\nwant it to start:\n%s", args, stderr, want)
			}
		}
	})

	// The built-in site cannot be edited: the message says to pass
	// -base-url.
	t.Run("built-in", func(t *testing.T) {
		t.Chdir(t.TempDir())
		_, _, err := runCmd(t, nil, "build", "-out", "public")
		if want := "the built-in sample site's base URL is http://localhost:8080, a local address: the sitemap, feeds and canonical links would point at this machine (pass -base-url https://your-site.example; -allow-local to build for testing on this machine)"; err == nil || err.Error() != want {
			t.Errorf("%v\nwant: %s", err, want)
		}
	})

	shipped := folder(map[string]string{"site.yaml": "base_url: http://localhost:8080\n"})
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want string // the base URL of the pages
	}{
		{"public -base-url", nil, []string{"-base-url", "https://health.example.org"}, "https://health.example.org"},
		{"local -base-url, on purpose", nil, []string{"-base-url", "http://localhost:9000"}, "http://localhost:9000"},
		{"HEALTHSITE_BASE_URL", map[string]string{"HEALTHSITE_BASE_URL": "https://env.example.org"}, nil, "https://env.example.org"},
		{"-allow-local", nil, []string{"-allow-local"}, "http://localhost:8080"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			stdout, stderr, err := runCmd(t, tc.env, append([]string{"build", "-content", shipped, "-out", out}, tc.args...)...)
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			if !strings.Contains(stdout, " at "+tc.want+" in ") {
				t.Errorf("the summary does not name the base URL %s:\n%s", tc.want, stdout)
			}
			sitemap, _ := os.ReadFile(filepath.Join(out, "sitemap.xml"))
			if !strings.Contains(string(sitemap), "<loc>"+tc.want+"/articles/knee/</loc>") {
				t.Errorf("sitemap:\n%s", sitemap)
			}
		})
	}
}

// TestBuild_SearchOnAnotherHostNamesTheCSPLine: every exported page's
// Content-Security-Policy (nginx.conf's) says form-action 'self', so a
// browser blocks a search form that leads to another origin. build
// says so, with the exact form-action to write; a search URL on the
// site's own origin needs nothing and gets no warning.
func TestBuild_SearchOnAnotherHostNamesTheCSPLine(t *testing.T) {
	for _, tc := range []struct {
		searchURL string
		want      string // the form-action the warning asks for; "" for none
	}{
		{"https://search.example.org/search", "form-action 'self' https://search.example.org"},
		{"https://search.example.org:8443/search", "form-action 'self' https://search.example.org:8443"},
		{"http://health.example.org/search", "form-action 'self' http://health.example.org"},
		{"https://HEALTH.example.org:443/search", ""},
		{"https://health.example.org/search", ""},
		{"/search", ""},
	} {
		t.Run(tc.searchURL, func(t *testing.T) {
			_, stderr, err := runCmd(t, nil, "build", "-sample", "-out", filepath.Join(t.TempDir(), "public"),
				"-base-url", "https://health.example.org", "-search-url", tc.searchURL)
			if err != nil {
				t.Fatalf("build: %v\n%s", err, stderr)
			}
			if tc.want == "" {
				if strings.Contains(stderr, "form-action") {
					t.Errorf("a warning for a search URL on the site's own origin:\n%s", stderr)
				}
				return
			}
			want := "healthsite: warning: -search-url " + tc.searchURL + " is not on https://health.example.org, and every page's Content-Security-Policy says form-action 'self', so browsers will refuse to send the search form there (in nginx.conf's Content-Security-Policy lines, or your CDN's headers, write " + tc.want + ")\n"
			if !strings.Contains(stderr, want) {
				t.Errorf("stderr:\n%s\nwant the line:\n%s", stderr, want)
			}
		})
	}
}

// TestBuild_SearchNeverLeadsToA404 checks both ways an export searches:
// by default, every page's form leads to /search, which the export has
// (search.html, with its static index); with -search-url, to that
// server, and no search page is written. A bad -search-url is refused.
func TestBuild_SearchNeverLeadsToA404(t *testing.T) {
	for _, tc := range []struct {
		flags      []string
		action     string
		searchPage bool
	}{
		{nil, `action="/search"`, true},
		{[]string{"-search-url", "https://search.example.org/search"}, `action="https://search.example.org/search"`, false},
		{[]string{"-search-url", "/search"}, `action="/search"`, false},
	} {
		out := filepath.Join(t.TempDir(), "public")
		args := append([]string{"build", "-sample", "-out", out, "-base-url", "https://health.example.org"}, tc.flags...)
		if _, stderr, err := runCmd(t, nil, args...); err != nil {
			t.Fatalf("build %v: %v\n%s", tc.flags, err, stderr)
		}
		for _, page := range []string{"index.html", "404.html", "articles/myofascial-release-therapy/index.html"} {
			body, err := os.ReadFile(filepath.Join(out, page))
			if err != nil || !strings.Contains(string(body), `<form class="search-form" role="search" method="get" `+tc.action+`>`) {
				t.Errorf("build %v: %s's search form does not lead to %s (%v)", tc.flags, page, tc.action, err)
			}
		}
		page, err := os.ReadFile(filepath.Join(out, "search.html"))
		if tc.searchPage != (err == nil) {
			t.Errorf("build %v: search.html written: %v", tc.flags, err == nil)
		}
		if tc.searchPage && (!strings.Contains(string(page), `data-index="/static/search/`) || !strings.Contains(string(page), "<noscript>")) {
			t.Errorf("build: search.html has no static index or noscript message")
		}
	}
	for _, bad := range []string{"search.example.org", "ftp://x/search", "/search?q=x", "javascript:alert(1)"} {
		if _, _, err := runCmd(t, nil, "build", "-sample", "-out", filepath.Join(t.TempDir(), "p"), "-base-url", "https://health.example.org", "-search-url", bad); err == nil || !strings.Contains(err.Error(), "-search-url") {
			t.Errorf("-search-url %q: %v", bad, err)
		}
	}
}
