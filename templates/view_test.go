package templates

import "testing"

func TestSourceNote(t *testing.T) {
	for _, c := range []struct {
		src  Source
		want string
	}{
		{Source{Title: "Back Pain", Publisher: "MedlinePlus"}, ". MedlinePlus."},
		{Source{Title: "A trial", Year: 2021}, " (2021)."},
		{Source{Title: "A trial", Publisher: "BMJ", Year: 2021}, ". BMJ (2021)."},
		{Source{Title: "Back Pain"}, "."},
		{Source{Title: "Does stretching help?", Publisher: "Acme Inc."}, " Acme Inc."},
		{Source{Title: "Stretching.", Year: 2020}, " (2020)."},
	} {
		if got := sourceNote(c.src); got != c.want {
			t.Errorf("sourceNote(%+v) = %q, want %q", c.src, got, c.want)
		}
	}
}
