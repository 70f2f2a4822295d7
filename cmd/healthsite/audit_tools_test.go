package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The audits use tools pinned in .ci/package.json and installed into
// .ci/node_modules by `npm ci --prefix .ci` (.ci/run does it; so does
// `make audit-tools`). As with chromiumPath, a missing tool fails the
// test under CI=true and skips it elsewhere, saying how to get it.

// missingTool fails the test under CI=true and skips it otherwise.
func missingTool(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf(format, args...)
	}
	t.Skipf("skipping: "+format, args...)
}

// repoRoot is the module's root: tests run in cmd/healthsite, two
// levels below it.
func repoRoot(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Clean(filepath.Join(wd, "..", ".."))
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil || !bytes.HasPrefix(mod, []byte("module healthsite\n")) {
		t.Fatalf("%s is not the healthsite module's root (go.mod: %v)", root, err)
	}
	return root
}

// ciTool returns the path of a file that `npm ci --prefix .ci` installs,
// such as "axe-core/axe.min.js".
func ciTool(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(repoRoot(t), ".ci", "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		missingTool(t, "%s is not installed: %s (%v)", rel, installHint(), err)
	}
	return p
}

// installHint says why `make test`, which installs the audit tools when
// it can, did not.
func installHint() string {
	if _, err := exec.LookPath("npm"); err != nil {
		return "npm is not installed, so make test could not install it (apt-get install npm, then make test again)"
	}
	return "make test installs it when npm can reach its registry, and could not: make audit-tools says why"
}

// javaPath finds a Java runtime (17 or later) for the Nu Html Checker.
func javaPath(t *testing.T) string {
	t.Helper()
	if home := os.Getenv("JAVA_HOME"); home != "" {
		if p := filepath.Join(home, "bin", "java"); isExecutable(p) {
			return p
		}
	}
	if p, err := exec.LookPath("java"); err == nil {
		return p
	}
	missingTool(t, "no java on PATH to run the Nu Html Checker (apt-get install default-jre-headless)")
	return ""
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// TestAuditTools_InstalledFollowsTheLockFile checks .ci/installed.js,
// which make test asks whether to run npm: a missing or differently
// versioned package means an install, a package left out because it is
// optional does not, and the repository's own tools, which the audits
// use, are the locked ones.
func TestAuditTools_InstalledFollowsTheLockFile(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		missingTool(t, "no node on PATH to run .ci/installed.js (apt-get install nodejs npm)")
	}
	script := filepath.Join(repoRoot(t), ".ci", "installed.js")
	const lock = `{"lockfileVersion": 3, "packages": {
		"": {"name": "x"},
		"node_modules/a": {"version": "1.0.0"},
		"node_modules/a/node_modules/b": {"version": "2.0.0"},
		"node_modules/fsevents": {"version": "2.3.3", "optional": true}
	}}`
	tests := []struct {
		name      string
		installed map[string]string // package folder → version in its package.json
		want      string            // what installed.js prints; "" when up to date
	}{
		{"NothingInstalled", nil, "node_modules/a is missing\n"},
		{"NestedMissing", map[string]string{"a": "1.0.0"}, "node_modules/a/node_modules/b is missing\n"},
		{"OlderVersion", map[string]string{"a": "0.9.0", "a/node_modules/b": "2.0.0"}, "node_modules/a is 0.9.0, the lock file says 1.0.0\n"},
		{"UpToDate", map[string]string{"a": "1.0.0", "a/node_modules/b": "2.0.0"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "package-lock.json"), []byte(lock), 0o644); err != nil {
				t.Fatal(err)
			}
			for pkg, version := range tc.installed {
				d := filepath.Join(dir, "node_modules", filepath.FromSlash(pkg))
				if err := os.MkdirAll(d, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(d, "package.json"), []byte(`{"version": "`+version+`"}`), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			out, err := exec.Command(node, script, dir).Output()
			if string(out) != tc.want || (err == nil) != (tc.want == "") {
				t.Errorf("installed.js printed %q (%v), want %q", out, err, tc.want)
			}
		})
	}
	t.Run("TheRepositorysTools", func(t *testing.T) {
		ciTool(t, "axe-core/axe.min.js")
		if out, err := exec.Command(node, script).Output(); err != nil {
			missingTool(t, ".ci/node_modules is not what .ci/package-lock.json locks: %s(%v); %s", out, err, installHint())
		}
	})
}
