package article

import (
	"fmt"
	pathpkg "path"
	"slices"
	"strings"
	"time"
)

// linkTranslations sets what each article of a further language
// translates, from its translation_of: or from an original of the same
// file name, and reports what is wrong with it: an original that does
// not exist, two files of one language translating the same original,
// translation_of: in the main language, and a translation older than
// a change to its original.
func linkTranslations(s Settings, found []*Article) []*Error {
	originals := map[string]*Article{} // the main language's, by slug
	byFile := map[string]*Article{}    // the same, by file name without extension
	var slugs []string
	for _, a := range found {
		if a.Lang != s.Language {
			continue
		}
		if originals[a.Slug] == nil {
			originals[a.Slug] = a
			slugs = append(slugs, a.Slug)
		}
		if stem := fileStem(a.Path); byFile[stem] == nil {
			byFile[stem] = a
		}
	}
	slices.Sort(slugs)
	var out []*Error
	claims := map[[2]string][]*Article{} // by language and original
	for _, a := range found {
		at := func(sev Severity, format string, args ...any) {
			out = append(out, &Error{Path: a.Path, Line: a.translationLine, Col: a.translationCol, Severity: sev, Message: fmt.Sprintf(format, args...)})
		}
		switch {
		case a.Lang == s.Language:
			if a.TranslationOf != "" {
				at(SeverityError, "translation_of is for translations, and this article is in the main language, %s (move the file to the folder of its language, such as content/es/, or remove translation_of)", EnglishLanguageName(s.Language))
			}
			continue
		case a.TranslationOf == "":
			if o := byFile[fileStem(a.Path)]; o != nil {
				a.TranslationOf = o.Slug
			}
		case originals[a.TranslationOf] == nil:
			fix := "write the slug of an article in the main language: its address without /articles/, such as translation_of: knee-pain"
			if m := suggestSlug(Slugify(a.TranslationOf), slugs); m != "" {
				fix = fmt.Sprintf("did you mean translation_of: %s?", m)
			}
			at(SeverityError, "translation_of %q names no article in %s (%s)", a.TranslationOf, EnglishLanguageName(s.Language), fix)
			a.TranslationOf = ""
		}
		if o := originals[a.TranslationOf]; o != nil {
			claims[[2]string{a.Lang, o.Slug}] = append(claims[[2]string{a.Lang, o.Slug}], a)
			if changed := a.Behind(o); !changed.IsZero() {
				at(SeverityWarning, "the %s translation may be out of date: the original changed on %s (bring it up to date with %s, then set updated: to the day you did)", EnglishLanguageName(a.Lang), changed.Format("2 January 2006"), o.Path)
			}
		}
	}
	return append(out, sameOriginal(claims, originals)...)
}

// sameOriginal reports the files of one language that translate the
// same original, each naming the others.
func sameOriginal(claims map[[2]string][]*Article, originals map[string]*Article) []*Error {
	var out []*Error
	for k, list := range claims {
		if len(list) < 2 {
			continue
		}
		for _, a := range list {
			var others []string
			for _, b := range list {
				if b != a {
					others = append(others, b.Path)
				}
			}
			out = append(out, &Error{Path: a.Path, Line: a.translationLine, Col: a.translationCol, Message: fmt.Sprintf(
				"this file and %s both translate %s into %s (keep one translation: delete the other file, or change its translation_of)",
				strings.Join(others, " and "), originals[k[1]].Path, EnglishLanguageName(k[0]))})
		}
	}
	return out
}

// fileStem is the base name of the file at path, without extension, in
// lower case: the name by which a translation finds its original.
func fileStem(path string) string {
	base := pathpkg.Base(path)
	return strings.ToLower(strings.TrimSuffix(base, pathExt(base)))
}

// Behind returns when original, which a translates, changed (was
// updated or reviewed) after a was written, updated or reviewed; zero
// when a is as new as what it translates.
func (a *Article) Behind(original *Article) time.Time {
	if changed := latest(original.Updated, original.Reviewed); changed.After(latest(a.Date, a.Updated, a.Reviewed)) {
		return changed
	}
	return time.Time{}
}

// latest returns the latest of times.
func latest(times ...time.Time) time.Time {
	var out time.Time
	for _, t := range times {
		if t.After(out) {
			out = t
		}
	}
	return out
}
