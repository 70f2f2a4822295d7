package article

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// titles returns the titles of the library's articles, newest first.
func titles(lib *Library) []string {
	var out []string
	for _, a := range lib.Articles() {
		out = append(out, a.Title)
	}
	return out
}

// problemLines formats problems one string each.
func problemLines(es []*Error) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Error())
	}
	return out
}

const (
	kneeGood  = "---\ntitle: Knee pain\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: What helps.\n---\n\nRest, then move.\n"
	kneeTODO  = "---\ntitle: Knee pain\nauthor: Ann Lee\ndate: TODO\nsummary: What helps.\n---\n\nRest, then move.\n"
	sleepGood = "---\ntitle: Sleep\nauthor: Ann Lee\ndate: 2024-02-10\nsummary: Sleep well.\n---\n\nSleep.\n"
)

func TestLoadPartial_BrokenFileShowsItsLastGoodVersion(t *testing.T) {
	first, problems := LoadPartial(mapFS("knee.md", kneeGood, "sleep.md", sleepGood), Options{Root: "content"}, nil)
	if problems != nil {
		t.Fatalf("good content has problems: %+v", problems)
	}
	sleepEdited := sleepGood[:len(sleepGood)-len("Sleep.\n")] + "Sleep longer.\n"
	lib, problems := LoadPartial(mapFS("knee.md", kneeTODO, "sleep.md", sleepEdited), Options{Root: "content"}, first)
	if problems == nil || len(problems.Files) != 1 || len(problems.Site) != 0 || problems.Stale {
		t.Fatalf("problems = %+v, want one file", problems)
	}
	f := problems.Files[0]
	if f.Path != "content/knee.md" || f.Slug != "knee" || f.LastGood == nil || f.LastGood.Title != "Knee pain" {
		t.Errorf("file = %+v, want content/knee.md at knee with its last good version", f)
	}
	want := []string{`content/knee.md:4:7: error: date "TODO" is not a date ` + dateFix}
	if diff := cmp.Diff(want, problemLines(f.Problems)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Sleep", "Knee pain"}, titles(lib)); diff != "" {
		t.Errorf("articles (-want +got):\n%s", diff)
	}
	// The other file's change shows at once; the broken one as it was.
	if got := lib.Article("sleep").Text; got != "Sleep longer." {
		t.Errorf("sleep's text = %q, want the saved change", got)
	}
	if lib.Article("knee") != first.Article("knee") {
		t.Error("knee is not its last good version")
	}

	// Still broken on the next change: its last good version stays.
	again, problems := LoadPartial(mapFS("knee.md", kneeTODO, "sleep.md", sleepGood), Options{Root: "content"}, lib)
	if problems == nil || again.Article("knee") != first.Article("knee") {
		t.Error("the last good version is lost on the second broken load")
	}
}

func TestLoadPartial_NewBrokenFileIsLeftOut(t *testing.T) {
	first, _ := LoadPartial(mapFS("sleep.md", sleepGood), Options{}, nil)
	lib, problems := LoadPartial(mapFS("knee.md", kneeTODO, "sleep.md", sleepGood), Options{}, first)
	if problems == nil || len(problems.Files) != 1 || problems.Files[0].LastGood != nil {
		t.Fatalf("problems = %+v, want knee.md without a last good version", problems)
	}
	if diff := cmp.Diff([]string{"Sleep"}, titles(lib)); diff != "" {
		t.Errorf("articles (-want +got):\n%s", diff)
	}
	if lib.Article("knee") != nil {
		t.Error("the broken new file has an address")
	}
}

// A good file that takes the address of a broken file's last good
// version is shown, not the old version.
func TestLoadPartial_GoodFileWinsTheAddressOfALastGoodVersion(t *testing.T) {
	first, _ := LoadPartial(mapFS("knee.md", kneeGood), Options{}, nil)
	moved := "---\ntitle: Knee pain again\nauthor: Ann Lee\ndate: 2024-03-10\nslug: knee\nsummary: Moved.\n---\n\nMoved.\n"
	renamed := "---\ntitle: Knee pain\nauthor: Ann Lee\ndate: TODO\nslug: old-knee\nsummary: S.\n---\n\nText.\n"
	lib, problems := LoadPartial(mapFS("knee.md", renamed, "new-knee.md", moved), Options{}, first)
	if problems == nil || len(problems.Files) != 1 || problems.Files[0].Slug != "old-knee" || problems.Files[0].LastGood != nil {
		t.Fatalf("problems = %+v, want knee.md without the version it lost the address to", problems)
	}
	if diff := cmp.Diff([]string{"Knee pain again"}, titles(lib)); diff != "" {
		t.Errorf("articles (-want +got):\n%s", diff)
	}
}

// An article with a broken link has an error found after parsing: it
// counts as a file with errors all the same.
func TestLoadPartial_LinkErrorMakesTheFileBroken(t *testing.T) {
	link := "---\ntitle: Links\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: S.\n---\n\nSee [sleep](/articles/slep/).\n"
	lib, problems := LoadPartial(mapFS("links.md", link, "sleep.md", sleepGood), Options{}, nil)
	if problems == nil || len(problems.Files) != 1 || problems.Files[0].Path != "links.md" {
		t.Fatalf("problems = %+v, want links.md", problems)
	}
	if diff := cmp.Diff([]string{"Sleep"}, titles(lib)); diff != "" {
		t.Errorf("articles (-want +got):\n%s", diff)
	}
}

func TestLoadPartial_SiteErrorsKeepTheLastGoodLibrary(t *testing.T) {
	first, _ := LoadPartial(mapFS("sleep.md", sleepGood, "knee.md", kneeGood), Options{Root: "content"}, nil)
	broken := mapFS(SettingsFile, "name: Clinic\nlanguage: not a tag\n", "sleep.md", sleepGood, "knee.md", kneeTODO)
	lib, problems := LoadPartial(broken, Options{Root: "content"}, first)
	if problems == nil || !problems.Stale || lib != first {
		t.Fatalf("problems = %+v; library is the last good one: %v", problems, lib == first)
	}
	// A broken article file is still listed, with the version shown.
	if len(problems.Files) != 1 || problems.Files[0].LastGood != first.Article("knee") {
		t.Errorf("files = %+v, want knee.md with its last good version", problems.Files)
	}
	want := []string{`content/site.yaml:2:11: error: language "not a tag" is not a language tag (write e.g. en, en-GB or fr)`}
	if diff := cmp.Diff(want, problemLines(problems.Site)); diff != "" {
		t.Errorf("site problems (-want +got):\n%s", diff)
	}

	// A first load has no good version to fall back to.
	lib, problems = LoadPartial(broken, Options{Root: "content"}, nil)
	if problems == nil || problems.Stale || len(problems.Site) != 1 {
		t.Fatalf("problems = %+v, want one site error without a good version", problems)
	}
	if lib == nil {
		t.Fatal("no library")
	}
}

func TestLoadPartial_GoodContentHasNoProblemsAndKeepsWarnings(t *testing.T) {
	noSummary := "---\ntitle: T\nauthor: A\ndate: 2024-01-10\n---\n\nFirst paragraph.\n"
	lib, problems := LoadPartial(mapFS("t.md", noSummary), Options{}, nil)
	if problems != nil {
		t.Fatalf("problems = %+v", problems)
	}
	if len(lib.Warnings()) == 0 {
		t.Error("the missing summary's warning is lost")
	}
}

// Load keeps the all-or-nothing rule that LoadPartial relaxes for the
// preview: what it publishes never has a file with errors left out.
func TestLoad_StillRefusesAVersionWithOneBrokenFile(t *testing.T) {
	if _, err := Load(mapFS("knee.md", kneeTODO, "sleep.md", sleepGood), Options{}); err == nil {
		t.Fatal("Load published a version with a broken file")
	}
}

// TestLoad_ProblemsQuoteTheirLine: each problem placed at a line
// carries that line as read, counted as the parser counts lines (a byte
// order mark dropped, \r\n and a lone \r ending lines), for the preview
// to quote; site.yaml's problems too.
func TestLoad_ProblemsQuoteTheirLine(t *testing.T) {
	tests := []struct {
		name, file, src string
		want            []string // Text of each problem
	}{
		{"LF", "knee.md", kneeTODO, []string{"date: TODO"}},
		{"CRLFAndMark", "knee.md", "\ufeff---\r\ntitle: Knee pain\r\nauthor: Ann Lee\r\ndate: TODO\r\nsummary: S.\r\n---\r\n\r\nText.\r\n", []string{"date: TODO"}},
		{"LoneCR", "knee.md", "---\rtitle: Knee pain\rauthor: Ann Lee\rdate: TODO\rsummary: S.\r---\r\rText.\r", []string{"date: TODO"}},
		{"InvalidUTF8", "knee.md", "---\ntitle: Caf\xe9\nauthor: A\ndate: 2024-01-10\nsummary: S.\n---\n\nText.\n", []string{"title: Caf\uFFFD"}},
		{"WholeFile", "knee.md", "", []string{""}},
		{"Settings", SettingsFile, "name: Clinic\ntimezone: Mars/Olympus\n", []string{"timezone: Mars/Olympus"}},
		{"Page", PagesFolder + "/about.md", "---\ntitle: About\nfooter_order: first\n---\n\nWho we are.\n", []string{"footer_order: first"}},
		{"Profile", AuthorsFolder + "/ann.md", "---\nname: Ann Lee\ncredentails: RN\n---\n\nBio.\n", []string{"credentails: RN"}},
		{"Profiles", AuthorsFile, "- name: Ann Lee\n  rol: Nurse\n", []string{"  rol: Nurse"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Check(mapFS(tc.file, tc.src), Options{})
			var got []string
			for _, e := range r.Problems {
				if e.Severity == SeverityError {
					got = append(got, e.Text)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("quoted lines (-want +got):\n%s\nproblems: %q", diff, problemLines(r.Problems))
			}
		})
	}
}

// TestLoadPartial_BrokenPageOrProfileIsHeldBackAlone: a standalone
// page or a profile with errors is held back on its own, as an article
// is: its last good version stays, and every other file's change shows.
func TestLoadPartial_BrokenPageOrProfileIsHeldBackAlone(t *testing.T) {
	const (
		terms      = "---\ntitle: Terms\n---\nOur terms.\n"
		marsh      = "---\nname: Ann Lee\nrole: Physiotherapist\n---\nAnn treats knees.\n"
		marshYAML  = "- name: Ann Lee\n  role: Physiotherapist\n"
		sleepSaved = "---\ntitle: Sleep\nauthor: Ann Lee\ndate: 2024-02-10\nsummary: Sleep well.\n---\n\nSleep longer.\n"
	)
	tests := []struct {
		name, file, good, broken string
		kind                     FileKind
		slug                     string
	}{
		{"Page", "pages/terms.md", terms, "---\ntitle: Terms\nfooter_order: first\n---\nx\n", FilePage, "terms"},
		{"ProfileFile", "authors/ann-lee.md", marsh, "---\nname: Ann Lee\nrol: y\n---\nAnn.\n", FileProfile, "ann-lee"},
		// The person's page is at their name's address, not the file's.
		{"ProfileFileNamedOtherwise", "authors/lee.md", marsh, "---\nname: Ann Lee\nrol: y\n---\nAnn.\n", FileProfile, "ann-lee"},
		{"AuthorsYAML", AuthorsFile, marshYAML, "- name: Ann Lee\n  rol: y\n", FileProfile, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			first, problems := LoadPartial(mapFS("knee.md", kneeGood, "sleep.md", sleepGood, tc.file, tc.good), Options{Root: "content"}, nil)
			if problems != nil {
				t.Fatalf("good content has problems: %+v", problems)
			}
			lib, problems := LoadPartial(mapFS("knee.md", kneeGood, "sleep.md", sleepSaved, tc.file, tc.broken), Options{Root: "content"}, first)
			if problems == nil || len(problems.Site) != 0 || problems.Stale || len(problems.Files) != 1 {
				t.Fatalf("problems = %+v, want the one file alone", problems)
			}
			f := problems.Files[0]
			if f.Path != "content/"+tc.file || f.Kind != tc.kind || f.Slug != tc.slug || !f.Kept() || len(f.Problems) == 0 {
				t.Errorf("file = %+v, want content/%s, kind %v, slug %q, its last good version kept", f, tc.file, tc.kind, tc.slug)
			}
			if got := lib.Article("sleep").Text; got != "Sleep longer." {
				t.Errorf("another article's change is held back: its text is %q", got)
			}
			switch tc.kind {
			case FilePage:
				if pages := lib.Pages(); len(pages) != 1 || pages[0] != first.Pages()[0] || f.LastPage != pages[0] {
					t.Errorf("pages = %+v, want the last good version of terms", pages)
				}
			case FileProfile:
				if p := lib.Profile("Ann Lee"); p == nil || p != first.Profile("Ann Lee") || p.Role != "Physiotherapist" || len(f.LastProfiles) != 1 || f.LastProfiles[0] != p {
					t.Errorf("profile = %+v, want the last good version", p)
				}
			}
		})
	}
}

// TestLoadPartial_NewBrokenPageHasItsAddress: a page that never was
// good has no last version, but its address is known, so the preview
// can show its problems there.
func TestLoadPartial_NewBrokenPageHasItsAddress(t *testing.T) {
	lib, problems := LoadPartial(mapFS("knee.md", kneeGood, "pages/terms.md", "---\ntitle: Terms\nfooter_order: first\n---\nx\n"), Options{Root: "content"}, nil)
	if problems == nil || len(problems.Site) != 0 || len(problems.Files) != 1 {
		t.Fatalf("problems = %+v, want the page alone", problems)
	}
	if f := problems.Files[0]; f.Kind != FilePage || f.Slug != "terms" || f.Kept() {
		t.Errorf("file = %+v, want a page at terms with nothing kept", f)
	}
	if lib.Article("knee") == nil || len(lib.Pages()) != 0 {
		t.Errorf("articles %v, pages %d: want knee and no page", titles(lib), len(lib.Pages()))
	}
}

// TestLoadPartial_BrokenSynonymsHoldBackOnlyThemselves: an error in
// synonyms.yaml does not hold back the articles; search keeps the last
// good synonyms, and the file is listed with its problems.
func TestLoadPartial_BrokenSynonymsHoldBackOnlyThemselves(t *testing.T) {
	first, problems := LoadPartial(mapFS("knee.md", kneeGood, SynonymsFile, "en:\n  knee: [kneecap]\n"), Options{Root: "content"}, nil)
	if problems != nil {
		t.Fatalf("good content has problems: %+v", problems)
	}
	sleepEdited := sleepGood[:len(sleepGood)-len("Sleep.\n")] + "Sleep longer.\n"
	lib, problems := LoadPartial(mapFS("knee.md", kneeGood, "sleep.md", sleepEdited, SynonymsFile, "knee: [kneecap]\n"), Options{Root: "content"}, first)
	if problems == nil || len(problems.Site) != 0 || problems.Stale || len(problems.Files) != 1 {
		t.Fatalf("problems = %+v, want synonyms.yaml alone, not the whole site", problems)
	}
	f := problems.Files[0]
	if f.Path != "content/synonyms.yaml" || f.Kind != FileSynonyms || !f.LastSynonyms || !f.Kept() || len(f.Problems) != 1 {
		t.Errorf("file = %+v, want content/synonyms.yaml with its last good synonyms kept", f)
	}
	if lib.Article("sleep") == nil || lib.Article("sleep").Text != "Sleep longer." {
		t.Error("the change to another file is held back")
	}
	if diff := cmp.Diff([]string{"kneecap"}, lib.Synonyms()["knee"]); diff != "" {
		t.Errorf("synonyms of knee (-want +got):\n%s", diff)
	}
	// Without a last good version, search has the built-in synonyms.
	lib, _ = LoadPartial(mapFS("knee.md", kneeGood, SynonymsFile, "knee: [kneecap]\n"), Options{Root: "content"}, nil)
	if lib.Article("knee") == nil || lib.Synonyms()["knee"] != nil || lib.Synonyms()["DVT"] == nil {
		t.Errorf("first load with broken synonyms: knee %v, synonyms of knee %v", lib.Article("knee"), lib.Synonyms()["knee"])
	}
}

// TestLoadPartial_BrokenImageHoldsBackOnlyItsArticles: an image that
// cannot be read holds back the articles that show it (they keep their
// last good version) and no other; each says why, at the image.
func TestLoadPartial_BrokenImageHoldsBackOnlyItsArticles(t *testing.T) {
	withImage := kneeGood + "\n![A knee](images/knee.png)\n"
	good := mapFS("knee.md", withImage, "sleep.md", sleepGood)
	good["images/knee.png"] = pngFile(t)
	first, problems := LoadPartial(good, Options{Root: "content"}, nil)
	if problems != nil {
		t.Fatalf("good content has problems: %+v", problems)
	}
	sleepEdited := sleepGood[:len(sleepGood)-len("Sleep.\n")] + "Sleep longer.\n"
	lib, problems := LoadPartial(mapFS("knee.md", withImage, "sleep.md", sleepEdited, "images/knee.png", "not a picture"), Options{Root: "content"}, first)
	if problems == nil || len(problems.Site) != 0 || problems.Stale {
		t.Fatalf("problems = %+v, want the image and its article, not the whole site", problems)
	}
	var got []string
	for _, f := range problems.Files {
		got = append(got, problemLines(f.Problems)...)
	}
	want := []string{
		"content/images/knee.png: error: the image cannot be read as PNG (export it again from your image editor, or check its extension)",
		"content/knee.md:10:1: error: the image images/knee.png cannot be shown, because content/images/knee.png has problems of its own (fix them first: they are listed with that file)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if lib.Article("knee") != first.Article("knee") {
		t.Error("the article showing the image is not its last good version")
	}
	if diff := cmp.Diff(first.Images(), lib.Images()); diff != "" {
		t.Errorf("images: the last good version of the picture is not kept for it (-want +got):\n%s", diff)
	}
	if lib.Article("sleep") == nil || lib.Article("sleep").Text != "Sleep longer." {
		t.Error("the change to an article without the image is held back")
	}
	// With no good version yet, only the article showing it is out.
	lib, problems = LoadPartial(mapFS("knee.md", withImage, "sleep.md", sleepGood, "images/knee.png", "not a picture"), Options{Root: "content"}, nil)
	if problems == nil || len(problems.Site) != 0 || lib.Article("knee") != nil || lib.Article("sleep") == nil {
		t.Errorf("first load: problems %+v, knee %v, sleep %v", problems, lib.Article("knee"), lib.Article("sleep"))
	}
}
