package article

import (
	"archive/zip"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestNearestZone: a misspelt time zone is matched to the zone meant,
// and a name that is no zone is matched to none.
func TestNearestZone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Europe/Londn", "Europe/London"},
		{"europe/london", "Europe/London"},
		{"Amerca/New_York", "America/New_York"},
		{"London", "Europe/London"},
		{"new york", "America/New_York"},
		{"utc", "UTC"},
		{"BST", ""},
		{"Mars/Olympus", ""},
		{"Local", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := nearestZone(tt.in); got != tt.want {
			t.Errorf("nearestZone(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestZoneNames_AreTheToolchainsZones: zones_gen.go lists what the Go
// toolchain's zoneinfo.zip holds (go generate ./internal/article when a
// Go upgrade changes it), and each name loads without a system zoneinfo.
func TestZoneNames_AreTheToolchainsZones(t *testing.T) {
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	r, err := zip.OpenReader(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "time", "zoneinfo.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var want []string
	for _, f := range r.File {
		if !strings.HasSuffix(f.Name, "/") {
			want = append(want, f.Name)
		}
	}
	slices.Sort(want)
	if diff := cmp.Diff(want, zoneNames()); diff != "" {
		t.Errorf("zones_gen.go is out of date; run go generate ./internal/article (-want +got):\n%s", diff)
	}
	for _, z := range zoneNames() {
		if _, err := time.LoadLocation(z); err != nil {
			t.Errorf("%s: %v", z, err)
		}
	}
}
