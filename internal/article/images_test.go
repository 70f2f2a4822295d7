package article

import (
	"bytes"
	"image"
	"image/png"
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
