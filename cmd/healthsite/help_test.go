package main

import (
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var flagLine = regexp.MustCompile(`(?m)^  -([a-z-]+)`)

// TestHelp_ListsEveryFlagOfEveryCommand: `healthsite help` and
// `healthsite -h` list, under each command, every flag that command's
// own -h knows, so that a new flag can never be missing from the help.
func TestHelp_ListsEveryFlagOfEveryCommand(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"-h"}, {"--help"}} {
		help, _, err := runCmd(t, nil, args...)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		sections := map[string]string{}
		for part := range strings.SplitSeq(help, "\nhealthsite ") {
			name, _, _ := strings.Cut(part, " ")
			sections[strings.Trim(name, "[]")] = part
		}
		for _, cmd := range []string{"serve", "build", "check", "new"} {
			_, own, err := runCmd(t, nil, cmd, "-h")
			if err != nil {
				t.Fatalf("%s -h: %v", cmd, err)
			}
			flags := flagLine.FindAllStringSubmatch(own, -1)
			if len(flags) == 0 {
				t.Fatalf("%s -h lists %d flags:\n%s", cmd, len(flags), own)
			}
			section, ok := sections[cmd]
			if !ok {
				t.Errorf("%v does not describe %s:\n%s", args, cmd, help)
				continue
			}
			for _, f := range flags {
				if !regexp.MustCompile(`(?m)^  -` + f[1] + `\b`).MatchString(section) {
					t.Errorf("%v: %s's -%s is missing", args, cmd, f[1])
				}
				if !strings.Contains(firstLine(section), "-"+f[1]) {
					t.Errorf("%v: %s's usage line lacks -%s: %s", args, cmd, f[1], firstLine(section))
				}
			}
		}
	}
	one, _, err := runCmd(t, nil, "help", "check")
	if err != nil || !strings.HasPrefix(one, "healthsite check [-content DIR]") || !strings.Contains(one, "  -reviews") {
		t.Errorf("help check: %v\n%s", err, one)
	}
}

// TestServe_PreviewListensOnThisComputerOnly: the preview shows drafts
// and scheduled articles, so without -addr it listens on 127.0.0.1
// only, and says who can open it.
func TestServe_PreviewListensOnThisComputerOnly(t *testing.T) {
	for _, tc := range []struct {
		addr string
		dev  bool
		want string
	}{
		{"", true, "127.0.0.1:8080"},
		{"", false, ":8080"},
		{"0.0.0.0:8080", true, "0.0.0.0:8080"},
		{"127.0.0.1:9000", false, "127.0.0.1:9000"},
	} {
		if got := serveAddr(tc.addr, tc.dev); got != tc.want {
			t.Errorf("serveAddr(%q, dev %v) = %q, want %q", tc.addr, tc.dev, got, tc.want)
		}
	}
	for _, tc := range []struct {
		ip   string
		want string
	}{
		{"127.0.0.1", "healthsite: preview at http://127.0.0.1:8080 (only this computer can open it; -addr 0.0.0.0:8080 to share it)"},
		{"::1", "healthsite: preview at http://[::1]:8080 (only this computer can open it; -addr 0.0.0.0:8080 to share it)"},
		{"0.0.0.0", "healthsite: preview at http://localhost:8080, open to every computer that can reach this one, drafts and scheduled articles included (-addr 127.0.0.1:8080 to keep it to this computer)"},
		{"192.168.1.20", "healthsite: preview at http://192.168.1.20:8080, open to every computer that can reach this one, drafts and scheduled articles included (-addr 127.0.0.1:8080 to keep it to this computer)"},
	} {
		if got := previewReach(&net.TCPAddr{IP: net.ParseIP(tc.ip), Port: 8080}); got != tc.want {
			t.Errorf("%s: %q\nwant %q", tc.ip, got, tc.want)
		}
	}

	// A running preview says so after its address.
	dir := t.TempDir()
	write(t, dir, "knee.md", goodArticle)
	url, stdout, _ := startServeOutput(t, nil, "-dev", "-content", dir)
	waitLog(t, stdout, "healthsite: preview at "+url+" (only this computer can open it; -addr 0.0.0.0:")
}

// TestPreview_OnThisComputerRefusesOtherHostNames: the preview on
// 127.0.0.1 answers 403 to a request for another name, which is how a
// page of another site reads it through DNS rebinding; the published
// site, served for any name, does not.
func TestPreview_OnThisComputerRefusesOtherHostNames(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "knee.md", goodArticle)
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"-dev", "-content", dir}, http.StatusForbidden},
		{[]string{"-content", dir, "-base-url", "https://health.example.org"}, http.StatusOK},
	} {
		url := startServe(t, nil, tc.args...)
		for _, host := range []string{"rebind.example", strings.TrimPrefix(url, "http://")} {
			req, err := http.NewRequest(http.MethodGet, url+"/articles/knee/", nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Host = host
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			want := tc.want
			if host != "rebind.example" {
				want = http.StatusOK
			}
			if resp.StatusCode != want {
				t.Errorf("%v, Host %s: %d, want %d", tc.args, host, resp.StatusCode, want)
			}
		}
	}
}
