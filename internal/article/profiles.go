package article

import (
	"cmp"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"unicode"

	"healthsite/internal/markdown"
)

// Profiles of authors and reviewers are read from either place, or both:
// one Markdown file per person in AuthorsFolder (front matter, then the
// bio), or one YAML file, AuthorsFile, with every person in it.
const (
	AuthorsFolder = "authors"
	AuthorsFile   = "authors.yaml"
)

// Profile says who an author or clinical reviewer is: shown on their
// page, and in the linked data of the articles they wrote or reviewed.
// It is immutable once loaded.
type Profile struct {
	Path        string // the source file, as in error messages
	Name        string // as the articles' author: or reviewed_by: name the person
	Credentials string // qualifications, e.g. "DPT, MSc"; "" when not given
	Role        string // e.g. "Physiotherapist and clinical reviewer"; ""
	Photo       *Image // a portrait in the content folder, or nil
	PhotoAlt    string // the portrait's alternative text
	BioHTML     string // safe HTML rendered from Markdown; "" when not given
	Bio         string // plain text of the bio
}

// profileFields are the fields of a profile. bio is a field only in
// AuthorsFile: a profile's own file has its bio below the front matter.
var profileFields = []string{"name", "credentials", "role", "photo", "photo_alt", "bio"}

// Profiles returns every profile, sorted by name.
func (l *Library) Profiles() []*Profile {
	out := make([]*Profile, 0, len(l.profiles))
	for _, p := range l.profiles {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *Profile) int { return cmp.Compare(personKey(a.Name), personKey(b.Name)) })
	return out
}

// Profile returns the profile of the person an article's author: line
// names, or nil. Case, spacing, full stops and apostrophes do not
// matter: "Dr. Jane O'Neill" is "dr jane oneill".
func (l *Library) Profile(name string) *Profile { return l.profiles[personKey(name)] }

// Reviewer returns the profile of the person a reviewed_by: line names,
// or nil. reviewed_by usually holds the credentials after a comma
// ("Dr Elena Marsh, DPT"), so the name before the first comma is tried
// too.
func (l *Library) Reviewer(reviewedBy string) *Profile {
	return profileMap(l.profiles).reviewer(reviewedBy)
}

// profileMap is the profiles by personKey, as Library and load keep them.
type profileMap map[string]*Profile

// reviewer is Library.Reviewer, for load, before the Library is made.
func (m profileMap) reviewer(reviewedBy string) *Profile {
	if p := m[personKey(reviewedBy)]; p != nil {
		return p
	}
	if name, _, ok := strings.Cut(reviewedBy, ","); ok {
		return m[personKey(name)]
	}
	return nil
}

// personKey is what identifies a person across articles and profiles:
// their name's letters and digits, lowercased, words joined by single
// spaces, without full stops and apostrophes.
func personKey(name string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(name) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case r == '.' || r == '\'' || r == '\u2019':
		default:
			space = true
		}
	}
	return b.String()
}

// loadProfiles reads the profiles of files (Markdown files in
// AuthorsFolder, and AuthorsFile if there is one) and returns them by
// person, with every problem. articles are every article file read, so
// that a profile nobody's article names can be reported.
func (l *loader) loadProfiles(fsys fs.FS, files []string, read func(string) ([]byte, *Error), articles []*Article) (map[string]*Profile, []*Error, []*place) {
	var (
		all    []*Error
		found  []placedProfile
		places []*place // the bios' own files, with errors or not
	)
	if _, err := fs.Stat(fsys, AuthorsFile); err == nil {
		files = append([]string{AuthorsFile}, files...)
	}
	for _, file := range files {
		src, e := read(file)
		if e != nil {
			all = append(all, e)
			continue
		}
		p := &problems{path: displayPath(l.root, file)}
		if file == AuthorsFile {
			found = append(found, l.readProfilesFile(file, src, p)...)
		} else {
			pr, line, col, pl := l.readProfileDoc(file, src, p)
			if pr != nil {
				found = append(found, placedProfile{pr, line, col})
			}
			if pl != nil {
				places = append(places, pl)
			}
		}
		quoteLines(src, p.list)
		all = append(all, p.list...)
	}

	// Who the articles name, as authors or as reviewers.
	named := map[string]string{} // by personKey: the name as an article writes it
	for _, a := range articles {
		for _, n := range a.Authors {
			named[personKey(n)] = n
		}
		if a.ReviewedBy != "" {
			named[personKey(a.ReviewedBy)] = a.ReviewedBy
			if name, _, ok := strings.Cut(a.ReviewedBy, ","); ok {
				named[personKey(name)] = strings.TrimSpace(name)
			}
		}
	}
	out := map[string]*Profile{}
	for _, f := range found {
		key := personKey(f.p.Name)
		if prev := out[key]; prev != nil {
			where := "in " + prev.Path
			if prev.Path == f.p.Path {
				where = "earlier in this file"
			}
			all = append(all, &Error{Path: f.p.Path, Line: f.line, Col: f.col, Message: fmt.Sprintf("a second profile of %s: the first is %s (keep one of the two)", f.p.Name, where)})
			continue
		}
		out[key] = f.p
		if _, ok := named[key]; !ok {
			fix := "write the name as the articles' author: or reviewed_by: lines do, or remove the profile"
			if near := nearestName(key, named); near != "" {
				fix = fmt.Sprintf("did you mean %q, as the articles write it? Then write name: %s", near, near)
			}
			all = append(all, &Error{Path: f.p.Path, Line: f.line, Col: f.col, Severity: SeverityWarning, Message: fmt.Sprintf("no article names %s as its author or reviewer, so this profile is not shown (%s)", f.p.Name, fix)})
		}
	}
	return out, all, places
}

// nearestName is the name an article writes that key most likely
// means: one that holds it or is held by it whole words at a time
// ("Dr Elena Marsh" for "Elena Marsh"), or one a typo or two away; ""
// when there is none.
func nearestName(key string, named map[string]string) string {
	best, bestD := "", 3
	for k, name := range named {
		d := editDistance(key, k)
		if strings.Contains(" "+k+" ", " "+key+" ") || strings.Contains(" "+key+" ", " "+k+" ") {
			d = 0
		}
		if d < bestD || d == bestD && name < best {
			best, bestD = name, d
		}
	}
	return best
}

// readProfileDoc reads a profile from a Markdown file of AuthorsFolder:
// the fields in front matter, the bio as the body. It returns the
// profile and where its name is written, or nil when it has errors,
// and the file as a place whose links are checked, or nil.
func (l *loader) readProfileDoc(file string, src []byte, p *problems) (*Profile, int, int, *place) {
	d := l.readDoc(file, src, profileFields, p)
	if d == nil {
		return nil, 0, 0, nil
	}
	d.required(p, "name", `name: "Dr Elena Marsh"`)
	if f := d.fields["bio"]; f != nil {
		p.errorf(f.line, f.col, "in a profile's own file the bio is the text below the front matter, not a field (move it there, after the closing ---)")
	}
	pr := &Profile{Path: p.path, BioHTML: d.body.HTML, Bio: strings.TrimSpace(d.body.Text)}
	l.profileFields(pr, file, d.fields, d.text, p)
	line, col := d.fenceLine, 1
	if f := d.fields["name"]; f != nil {
		line, col = f.line, f.col
	}
	pl := d.place(p.path, "/authors/"+NameSlug(pr.Name)+"/", pr.Name)
	if pr.Name == "" || hasError(p.list) {
		return nil, 0, 0, pl
	}
	return pr, line, col, pl
}

// placedProfile is a profile with where its name is written.
type placedProfile struct {
	p         *Profile
	line, col int
}

// readProfilesFile reads AuthorsFile: a list of people, each with
// name: and the other fields, or a group of them by name:
//
//   - name: Dr Elena Marsh
//     credentials: DPT
//
//     Dr Elena Marsh:
//     credentials: DPT
func (l *loader) readProfilesFile(file string, src []byte, p *problems) []placedProfile {
	src, ok := cleanSource(src, p)
	if !ok {
		return nil
	}
	n, err := decode(block{format: formatYAML, data: src}, 1)
	if err != nil {
		reportDecodeError(p, err)
		return nil
	}
	var entries []profileEntry
	switch n.kind {
	case kindList:
		for _, it := range n.items {
			entries = append(entries, profileEntry{n: it, line: it.line, col: it.col})
		}
	case kindMap:
		for _, f := range n.fields {
			entries = append(entries, profileEntry{n: f.value, name: strings.TrimSpace(f.key), line: f.line, col: f.col})
		}
	case kindNull:
		return nil
	default:
		p.errorf(n.line, n.col, "%s must be a list of people, each with name: and the other fields (see the example in the README)", AuthorsFile)
		return nil
	}
	var out []placedProfile
	for _, e := range entries {
		if pp, ok := l.readProfileEntry(file, e, p); ok {
			out = append(out, pp)
		}
	}
	return out
}

// profileEntry is one person in AuthorsFile: an item of its list, or a
// group under the person's name.
type profileEntry struct {
	n         *node
	name      string // from the group's key; "" in a list
	line, col int
}

// readProfileEntry reads one person of AuthorsFile; false when the
// entry has errors or no name.
func (l *loader) readProfileEntry(file string, e profileEntry, p *problems) (placedProfile, bool) {
	if e.n.kind == kindNull && e.name != "" {
		e.n = &node{kind: kindMap, line: e.line, col: e.col}
	}
	if e.n.kind != kindMap {
		p.errorf(e.n.line, e.n.col, "each person must be a group of fields such as name: and credentials:, not %s (write - name: \"Dr Elena Marsh\", then the other fields under it)", e.n.kind)
		return placedProfile{}, false
	}
	known := profileFields
	if e.name != "" {
		known = profileFields[1:] // the name is the group's key
	}
	errs := len(p.list)
	fields := map[string]*field{}
	checked, _ := checkKeys(p, e.n, known)
	for _, f := range checked {
		fields[f.key] = f
	}
	text := func(p *problems, key string) string {
		f := fields[key]
		if f == nil {
			return ""
		}
		s, _ := textValue(p, f)
		return s
	}
	pr := &Profile{Path: p.path, Name: e.name}
	line, col := e.line, e.col
	if e.name == "" {
		if f := fields["name"]; f != nil {
			line, col = f.line, f.col
			if s, _ := textValue(&problems{}, f); s == "" {
				p.errorf(f.line, f.col, "name is empty (write the person's name as the articles write it, e.g. name: \"Dr Elena Marsh\")")
			}
		} else if !suggested(e.n, "name") {
			p.errorf(e.line, e.col, "a person without a name (add name: with their name as the articles write it, e.g. name: \"Dr Elena Marsh\")")
		}
	}
	l.profileFields(pr, file, fields, text, p)
	if bio := text(p, "bio"); bio != "" {
		doc, err := l.render([]byte(bio), markdown.Options{})
		if err != nil {
			f := fields["bio"]
			p.errorf(f.value.line, f.value.col, "%v", err)
		} else {
			pr.BioHTML, pr.Bio = doc.HTML, strings.TrimSpace(doc.Text)
		}
	}
	return placedProfile{pr, line, col}, pr.Name != "" && !hasError(p.list[errs:])
}

// suggested reports whether a field of n is a misspelling of key, which
// checkKeys has reported already.
func suggested(n *node, key string) bool {
	for _, f := range n.fields {
		if f.key != key && suggest(f.key, []string{key}) == key {
			return true
		}
	}
	return false
}

// profileFields reads the fields shared by both forms of profile into
// pr: the name (unless pr has one), credentials, role and photo.
func (l *loader) profileFields(pr *Profile, file string, fields map[string]*field, text func(*problems, string) string, p *problems) {
	if pr.Name == "" {
		pr.Name = text(p, "name")
	}
	pr.Credentials = text(p, "credentials")
	pr.Role = text(p, "role")
	pr.PhotoAlt = text(p, "photo_alt")
	f := fields["photo"]
	photo := text(p, "photo")
	if f == nil || photo == "" {
		return
	}
	switch img, ok := l.resolveImage(file, photo); {
	case !markdown.SafeURL(photo, true):
		p.errorf(f.value.line, f.value.col, "photo %q is not a path to a picture (write a path such as images/elena-marsh.jpg)", photo)
	case !ok:
		l.missingImage(p, f.value.line, f.value.col, file, photo)
	case img == nil && isExternal(photo):
		externalImage(p, f.value.line, f.value.col, photo)
	case img == nil:
		p.errorf(f.value.line, f.value.col, "photo %q is not a picture in the content folder (save it there, e.g. as content/images/elena-marsh.jpg, and write its path)", photo)
	default:
		pr.Photo = img
		if pr.PhotoAlt == "" {
			p.warnf(f.line, f.col, "photo has no photo_alt, so readers who cannot see it learn nothing (add a line such as photo_alt: \"%s smiling, in a clinic\")", cmp.Or(pr.Name, "Elena Marsh"))
		}
	}
}

// hasError reports whether list holds an error, not only warnings.
func hasError(list []*Error) bool {
	return slices.ContainsFunc(list, func(e *Error) bool { return e.Severity == SeverityError })
}
