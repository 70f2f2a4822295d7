package article

import (
	"bytes"
	"image"
	"image/png"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// pngFile is a picture of one pixel.
func pngFile(t *testing.T) *fstest.MapFile {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	return &fstest.MapFile{Data: b.Bytes()}
}

// TestCheck_ImageWithoutAltNamesWhatTheEditorWrote checks that the
// warning about an image without alternative text names the image as
// written, not the fingerprinted address it is served at.
func TestCheck_ImageWithoutAltNamesWhatTheEditorWrote(t *testing.T) {
	const (
		head  = "---\ntitle: T\nauthor: A\ndate: 2024-01-10\nsummary: S.\n---\n\nText.\n\n"
		noAlt = " has no alternative text, so readers who cannot see it learn nothing (describe it between the brackets: ![A therapist pressing on a shoulder]("
	)
	tests := []struct {
		name, file, body string
		want             []string
	}{
		{"RelativeToTheArticle", "x.md", "![](images/ok.png)", []string{
			"x.md:10:1: warning: the image images/ok.png" + noAlt + "images/ok.png))",
		}},
		{"FromTheContentFolder", "sub/x.md", "See ![](/images/ok.png).", []string{
			"sub/x.md:10:5: warning: the image /images/ok.png" + noAlt + "/images/ok.png))",
		}},
		{"WithATitle", "x.md", `![](images/ok.png "Knee")`, []string{
			"x.md:10:1: warning: the image images/ok.png" + noAlt + "images/ok.png))",
		}},
		{"SecondOfSeveral", "x.md", "![A knee](images/ok.png) ![](/static/chart.png)\n\n![](./images/ok.png)", []string{
			"x.md:10:26: warning: the image /static/chart.png" + noAlt + "/static/chart.png))",
			"x.md:12:1: warning: the image ./images/ok.png" + noAlt + "./images/ok.png))",
		}},
		{"ByReference", "x.md", "![][knee]\n\n[knee]: images/ok.png", []string{
			"x.md:10:1: warning: the image images/ok.png" + noAlt + "images/ok.png))",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{tc.file: {Data: []byte(head + tc.body + "\n")}, "images/ok.png": pngFile(t)}
			var got []string
			for _, e := range Check(fsys, Options{}).Problems {
				got = append(got, e.Error())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLoad_TranslationFindsItsOriginalsImages: a translation in a
// language's folder shows a shared image however an editor writes it:
// as its original does (the same relative path, copied with the text),
// from the language's folder up (../images/), or from the content
// folder (/images/); an image of the language's own folder by the same
// name comes first. A missing one is reported with both places tried.
func TestLoad_TranslationFindsItsOriginalsImages(t *testing.T) {
	const settings = "language: en\nlanguages:\n  es: {}\n"
	head := "---\ntitle: Rodilla\nauthor: Ann Lee\ndate: 2024-02-01\nsummary: Qué ayuda.\n---\n\n"
	for _, tt := range []struct {
		name, file, image string
		own               bool   // es/images/knee.png is there too
		want              string // the image's path in the folder, or the problem
	}{
		{"as the original writes it", "es/rodilla.md", "images/knee.png", false, "images/knee.png"},
		{"from the language's folder up", "es/rodilla.md", "../images/knee.png", false, "images/knee.png"},
		{"from the content folder", "es/rodilla.md", "/images/knee.png", false, "images/knee.png"},
		{"in a subfolder, as its original in the same subfolder", "es/joints/rodilla.md", "../images/knee.png", false, "images/knee.png"},
		{"the language's own first", "es/rodilla.md", "images/knee.png", true, "es/images/knee.png"},
		{"missing", "es/rodilla.md", "images/hip.png", false,
			"es/rodilla.md:8:1: error: the image images/hip.png is not in the content folder: neither es/images/hip.png, for this language alone, nor images/hip.png, shared with its original, is there (put the file at one of them, or correct the name; names are case-sensitive)"},
		{"missing from the content folder", "es/rodilla.md", "/images/hip.png", false,
			"es/rodilla.md:8:1: error: the image /images/hip.png is not in the content folder (put the file at images/hip.png, or correct the name; names are case-sensitive)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				SettingsFile:      {Data: []byte(settings)},
				"knee.md":         {Data: []byte(head + "![A knee](images/knee.png)\n")},
				"images/knee.png": pngFile(t),
				tt.file:           {Data: []byte(head + "![Una rodilla](" + tt.image + ")\n")},
			}
			if tt.own {
				fsys["es/images/knee.png"] = pngFile(t)
				fsys["es/images/knee.png"].Data = append(fsys["es/images/knee.png"].Data, 0) // other bytes, another address
			}
			lib, err := Load(fsys, Options{})
			if !strings.Contains(tt.want, "error:") {
				if err != nil {
					t.Fatal(err)
				}
				var want *Image
				for _, img := range lib.Images() {
					if img.Path == tt.want {
						want = img
					}
				}
				slug := strings.TrimSuffix(path.Base(tt.file), ".md")
				a := lib.ArticleIn("es", slug)
				if want == nil || a == nil || !strings.Contains(string(a.HTML), `src="`+want.URL+`"`) {
					t.Errorf("the translation does not show %s (%v):\n%s", tt.want, want, a.HTML)
				}
				return
			}
			if got := errorLines(err); len(got) != 1 || got[0] != tt.want {
				t.Errorf("problems %q, want %q", got, tt.want)
			}
		})
	}
}
