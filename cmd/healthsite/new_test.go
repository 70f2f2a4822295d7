package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNew_FileNameOfAccentedTitle(t *testing.T) {
	tests := []struct{ title, file string }{
		{"Rückenschmerzen", "ruckenschmerzen.md"},
		{"Crème brûlée and reflux", "creme-brulee-and-reflux.md"},
		{"Straße, Æsir, Øresund", "strasse-aesir-oresund.md"},
		{"Neck pain at work: what helps", "neck-pain-at-work-what-helps.md"},
	}
	for _, tc := range tests {
		t.Run(tc.title, func(t *testing.T) {
			dir := t.TempDir()
			stdout, _, err := runCmd(t, map[string]string{"HEALTHSITE_AUTHOR": "Ann Lee"}, "new", "-content", dir, tc.title)
			if err != nil {
				t.Fatal(err)
			}
			want := filepath.Join(dir, tc.file)
			if got := lastLine(stdout); got != want {
				t.Errorf("wrote %q, want %q", got, want)
			}
			data, err := os.ReadFile(want)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), "title: \""+tc.title+"\"\n") {
				t.Errorf("the title is not kept as written:\n%s", data)
			}
		})
	}
	if _, _, err := runCmd(t, nil, "new", "-content", t.TempDir(), "Боль в спине"); err == nil || err.Error() != `the title "Боль в спине" gives no web address, which is made of the letters a to z and the digits 0 to 9 (use at least one of them in the title; accented letters such as é count as e)` {
		t.Errorf("a title without Latin letters or digits: %v", err)
	}
}
