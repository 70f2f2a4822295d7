package article

import (
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func TestLoad_ProfilesFromBothPlaces(t *testing.T) {
	fsys := fstest.MapFS{
		"x.md":                   {Data: []byte("---\ntitle: T\nauthor: [Ann Lee, \"Bo Chan\"]\ndate: 2023-01-01\nsummary: S.\nreviewed_by: \"Dr. Elena Marsh, DPT\"\nreviewed: 2024-02-20\n---\n\nText.\n")},
		"authors/elena-marsh.md": {Data: []byte("---\nname: Dr Elena Marsh\ncredentials: DPT, MSc\nrole: Physiotherapist and clinical reviewer\nphoto: ../images/elena.png\nphoto_alt: Elena Marsh in her clinic\n---\n\nElena has treated **back pain** for 20 years.\n")},
		"authors.yaml":           {Data: []byte("- name: Ann Lee\n  role: Health writer\n  bio: Ann writes about sleep.\n- name: bo  chan\n")},
		"images/elena.png":       pngFile(t),
	}
	lib, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(lib.Articles()); n != 1 {
		t.Errorf("%d articles, want 1: files in authors/ are not articles", n)
	}
	var got []string
	for _, p := range lib.Profiles() {
		photo := ""
		if p.Photo != nil {
			photo = p.Photo.Path + " " + p.PhotoAlt
		}
		got = append(got, p.Path+": "+p.Name+" | "+p.Credentials+" | "+p.Role+" | "+photo+" | "+p.BioHTML)
	}
	want := []string{
		"authors.yaml: Ann Lee |  | Health writer |  | <p>Ann writes about sleep.</p>\n",
		"authors.yaml: bo  chan |  |  |  | ",
		"authors/elena-marsh.md: Dr Elena Marsh | DPT, MSc | Physiotherapist and clinical reviewer | images/elena.png Elena Marsh in her clinic | <p>Elena has treated <strong>back pain</strong> for 20 years.</p>\n",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("profiles (-want +got):\n%s", diff)
	}
	for _, name := range []string{"Ann Lee", "ann lee", "Bo Chan", "Dr. Elena Marsh"} {
		if lib.Profile(name) == nil {
			t.Errorf("no profile of %q", name)
		}
	}
	if p := lib.Reviewer("Dr. Elena Marsh, DPT"); p == nil || p.Name != "Dr Elena Marsh" {
		t.Errorf("the reviewer's profile = %v", p)
	}
	if lib.Reviewer("Dr Ann Other, MD") != nil {
		t.Error("a reviewer without a profile has one")
	}
}

func TestLoad_ProfilesAsAGroupByName(t *testing.T) {
	fsys := fstest.MapFS{
		"x.md":         {Data: []byte("---\ntitle: T\nauthor: Ann Lee\ndate: 2023-01-01\nsummary: S.\n---\n\nText.\n")},
		"authors.yaml": {Data: []byte("Ann Lee:\n  credentials: RN\n  role: Nurse\n")},
	}
	lib, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p := lib.Profile("Ann Lee"); p == nil || p.Credentials != "RN" || p.Role != "Nurse" {
		t.Errorf("profile = %+v", p)
	}
}

func TestLoad_ProfileProblems(t *testing.T) {
	article := "---\ntitle: T\nauthor: Ann Lee\ndate: 2023-01-01\nsummary: S.\nreviewed_by: Dr Elena Marsh, DPT\nreviewed: 2024-02-20\n---\n\nText.\n"
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"unknown field with a suggestion", map[string]string{"authors/ann.md": "---\nname: Ann Lee\ncredentails: RN\n---\n\nBio.\n"},
			[]string{`authors/ann.md:3:1: error: unknown field "credentails" (did you mean "credentials"?)`}},
		{"unknown field in authors.yaml", map[string]string{"authors.yaml": "- name: Ann Lee\n  rol: Nurse\n"},
			[]string{`authors.yaml:2:3: error: unknown field "rol" (did you mean "role"?)`}},
		{"misspelt name is one message", map[string]string{"authors/ann.md": "---\nnmae: Ann Lee\n---\n\nBio.\n"},
			[]string{`authors/ann.md:2:1: error: unknown field "nmae" (did you mean "name"?)`}},
		{"name missing", map[string]string{"authors.yaml": "- role: Nurse\n"},
			[]string{`authors.yaml:1:3: error: a person without a name (add name: with their name as the articles write it, e.g. name: "Dr Elena Marsh")`}},
		{"a profile nobody is named by", map[string]string{"authors.yaml": "- name: Ann Lee\n- name: Zed Unknown\n"},
			[]string{`authors.yaml:2:3: warning: no article names Zed Unknown as its author or reviewer, so this profile is not shown (write the name as the articles' author: or reviewed_by: lines do, or remove the profile)`}},
		{"a profile without the reviewer's title", map[string]string{"authors.yaml": "- name: Elena Marsh\n"},
			[]string{`authors.yaml:1:3: warning: no article names Elena Marsh as its author or reviewer, so this profile is not shown (did you mean "Dr Elena Marsh", as the articles write it? Then write name: Dr Elena Marsh)`}},
		{"a misspelt author", map[string]string{"authors.yaml": "- name: Anne Lee\n"},
			[]string{`authors.yaml:1:3: warning: no article names Anne Lee as its author or reviewer, so this profile is not shown (did you mean "Ann Lee", as the articles write it? Then write name: Ann Lee)`}},
		{"two profiles of one person", map[string]string{"authors.yaml": "- name: Ann Lee\n", "authors/ann-lee.md": "---\nname: ann lee\n---\n\nBio.\n"},
			[]string{`authors/ann-lee.md:2:1: error: a second profile of ann lee: the first is in authors.yaml (keep one of the two)`}},
		{"two in one file", map[string]string{"authors.yaml": "- name: Ann Lee\n- name: Ann  Lee\n"},
			[]string{`authors.yaml:2:3: error: a second profile of Ann  Lee: the first is earlier in this file (keep one of the two)`}},
		{"bio as a field of a profile file", map[string]string{"authors/ann.md": "---\nname: Ann Lee\nbio: Writes.\n---\n"},
			[]string{`authors/ann.md:3:1: error: in a profile's own file the bio is the text below the front matter, not a field (move it there, after the closing ---)`}},
		{"missing photo", map[string]string{"authors/ann.md": "---\nname: Ann Lee\nphoto: ann.jpg\nphoto_alt: Ann\n---\n"},
			[]string{`authors/ann.md:3:8: error: the image ann.jpg is not in the content folder (put the file at authors/ann.jpg, or correct the name; names are case-sensitive)`}},
		{"photo on another site", map[string]string{"authors.yaml": "- name: Ann Lee\n  photo: https://example.org/ann.jpg\n  photo_alt: Ann\n"},
			[]string{`authors.yaml:2:10: warning: the image https://example.org/ann.jpg is on another site, and pages may show only their own images, so it will not appear (save it in the content folder, e.g. content/images/, and use its path)`}},
		{"not a list", map[string]string{"authors.yaml": "Ann Lee\n"},
			[]string{`authors.yaml:1:1: error: authors.yaml must be a list of people, each with name: and the other fields (see the example in the README)`}},
		{"YAML syntax", map[string]string{"authors.yaml": "- name: \"Ann Lee\n"},
			[]string{`authors.yaml:1:9: error: YAML syntax error: a quote opened here is never closed (end the value with the same quote mark it starts with)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"x.md": {Data: []byte(article)}}
			for name, src := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(src)}
			}
			var got []string
			for _, e := range Check(fsys, Options{}).Problems {
				got = append(got, e.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}
