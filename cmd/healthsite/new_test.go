package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"healthsite/internal/article"
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

// TestNew_WritesTheFieldTable: a new article has a line for each field
// of article.Fields that new writes, in the table's order, and none for
// the others; each line it leaves to fill in says what the field is.
func TestNew_WritesTheFieldTable(t *testing.T) {
	dir := t.TempDir()
	stdout, _, err := runCmd(t, map[string]string{"HEALTHSITE_AUTHOR": "Ann Lee"}, "new", "-content", dir, "Knee pain")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(lastLine(stdout))
	if err != nil {
		t.Fatal(err)
	}
	front := strings.Split(strings.Split(string(data), "\n---\n")[0], "\n")[1:]
	var want, got []string
	for _, f := range article.Fields() {
		if f.InNew {
			want = append(want, f.Name)
		}
	}
	for _, line := range front {
		name, _, _ := strings.Cut(line, ":")
		got = append(got, name)
		if f := fieldNamed(name); f != nil && !strings.HasPrefix(line, name+`: "`) && !strings.Contains(line, "# "+strings.ReplaceAll(f.Help, "`", "")) {
			t.Errorf("the line %q does not say what %s is", line, name)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fields written (-want +got):\n%s", diff)
	}
}

// fieldNamed returns the field of article.Fields called name, or nil.
func fieldNamed(name string) *article.Field {
	for _, f := range article.Fields() {
		if f.Name == name {
			return &f
		}
	}
	return nil
}

// TestNew_LangWritesIntoTheLanguageFolder: new -lang es writes into
// content/es/, made if missing, for a language site.yaml lists; a
// language it does not list is refused with how to add it.
func TestNew_LangWritesIntoTheLanguageFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, article.SettingsFile, "language: en\nlanguages:\n  es: {name: Salud Clara}\n")
	stdout, _, err := runCmd(t, map[string]string{"HEALTHSITE_AUTHOR": "Ana Ruiz"}, "new", "-content", dir, "-lang", "es", "Dolor de rodilla")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := lastLine(stdout), filepath.Join(dir, "es", "dolor-de-rodilla.md"); got != want {
		t.Errorf("wrote %q, want %q", got, want)
	}
	stdout, _, err = runCmd(t, map[string]string{"HEALTHSITE_AUTHOR": "Ana Ruiz"}, "new", "-content", dir, "-lang", "en", "Knee pain")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := lastLine(stdout), filepath.Join(dir, "knee-pain.md"); got != want {
		t.Errorf("-lang en wrote %q, want %q", got, want)
	}
	_, _, err = runCmd(t, nil, "new", "-content", dir, "-lang", "fr", "Genou")
	if want := "fr is not a language of the site: site.yaml's language is en, and languages: lists es (add it there first, e.g. languages: {fr: {}})"; err == nil || err.Error() != want {
		t.Errorf("-lang fr: %v, want %s", err, want)
	}
}
