package article

import (
	"reflect"
	"slices"
	"testing"
)

// derivedFields are the fields of Library that newLibrary computes
// from the others rather than taking from libraryParts.
var derivedFields = []string{"bySlug", "translations"}

// sharedFields are the fields of Library that copies share on purpose:
// values no code changes once read.
var sharedFields = []string{"settings", "synonyms"}

// everyFieldLibrary loads content that gives every field of Library a
// value.
func everyFieldLibrary(t *testing.T) *Library {
	t.Helper()
	fsys := mapFS(
		SettingsFile, "name: Clinic\nlanguages: {es: {}}\n",
		"knee.md", "---\ntitle: Knee pain\nauthor: Ann Lee\ndate: 2024-01-10\nsummary: What helps.\n---\n\n![A knee](images/knee.png)\n\nRest, then move.\n",
		"es/knee.md", "---\ntitle: Dolor de rodilla\nauthor: Ann Lee\ndate: 2024-01-11\nsummary: Lo que ayuda.\n---\n\nDescanso, luego movimiento.\n",
		"pages/about.md", "---\ntitle: About us\nsummary: Who we are.\n---\n\nWe are a clinic.\n",
		"authors/ann-lee.md", "---\nname: Ann Lee\nrole: Nurse\n---\n\nAnn writes.\n",
		"Knee.txt", "notes",
	)
	fsys["images/knee.png"] = pngFile(t)
	lib, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// TestNewLibrary_EveryField: newLibrary is the one place a Library is
// made, so every field of Library comes from libraryParts or is listed
// as derived, every field is set by loading, and a Library made again
// of its parts is equal to it and shares no slice or map with it, but
// for the fields listed as shared. A field added to Library and
// forgotten in newLibrary, parts or load fails here.
func TestNewLibrary_EveryField(t *testing.T) {
	lt, pt := reflect.TypeFor[Library](), reflect.TypeFor[libraryParts]()
	for i := range lt.NumField() {
		f := lt.Field(i)
		p, inParts := pt.FieldByName(f.Name)
		switch {
		case slices.Contains(derivedFields, f.Name) == inParts:
			t.Errorf("Library.%s must be either in libraryParts or listed in derivedFields", f.Name)
		case inParts && p.Type != f.Type:
			t.Errorf("libraryParts.%s is a %v, Library's a %v", f.Name, p.Type, f.Type)
		}
	}
	if n := pt.NumField() + len(derivedFields); n != lt.NumField() {
		t.Errorf("libraryParts has %d fields and %d are derived, but Library has %d", pt.NumField(), len(derivedFields), lt.NumField())
	}

	lib := everyFieldLibrary(t)
	v := reflect.ValueOf(lib).Elem()
	for i := range v.NumField() {
		if f := v.Field(i); f.IsZero() || (f.Kind() == reflect.Slice || f.Kind() == reflect.Map) && f.Len() == 0 {
			t.Errorf("Library.%s is empty: load does not set it, or everyFieldLibrary lacks what sets it", lt.Field(i).Name)
		}
	}

	again := newLibrary(lib.parts())
	if !reflect.DeepEqual(lib, again) {
		t.Errorf("newLibrary(lib.parts()) differs from lib:\n%+v\n%+v", *lib, *again)
	}
	w := reflect.ValueOf(again).Elem()
	for i := range v.NumField() {
		name := lt.Field(i).Name
		switch k := v.Field(i).Kind(); {
		case slices.Contains(sharedFields, name):
		case k == reflect.Slice || k == reflect.Map:
			if v.Field(i).Pointer() == w.Field(i).Pointer() {
				t.Errorf("a copy of the Library shares its %s with it", name)
			}
		default:
			t.Errorf("Library.%s is a %v: copy it in newLibrary, then list it here", name, k)
		}
	}
}

// TestLoadPartial_GoodPartIsItsOwn: the library LoadPartial makes of
// the good files shares no slice or map with the content it came
// from, so keeping last good versions in it changes nothing else.
func TestLoadPartial_GoodPartIsItsOwn(t *testing.T) {
	lib := everyFieldLibrary(t)
	good := goodPart(lib.parts(), map[string]bool{})
	v, w := reflect.ValueOf(lib.parts()), reflect.ValueOf(good)
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		if k := v.Field(i).Kind(); !slices.Contains(sharedFields, name) && (k == reflect.Slice || k == reflect.Map) && v.Field(i).Pointer() == w.Field(i).Pointer() {
			t.Errorf("the good part shares %s with the content", name)
		}
	}
}
