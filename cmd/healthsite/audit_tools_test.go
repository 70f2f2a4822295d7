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
		missingTool(t, "%s is not installed: run `make audit-tools` (npm ci --prefix .ci --ignore-scripts) (%v)", rel, err)
	}
	return p
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
