package article

import (
	"cmp"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// contentFiles are the files of the folder by what they are, in the
// order of the walk.
type contentFiles struct{ articles, images, pages, profiles []string }

// walk finds every file of the folder, skipping those Skipped names.
func (r *loading) walk() contentFiles {
	var files contentFiles
	err := fs.WalkDir(r.fsys, ".", func(name string, d fs.DirEntry, err error) error {
		display := displayPath(r.root, name)
		switch {
		case err != nil:
			r.problem(display, "cannot read: %v (check that it exists and is readable)", unwrapPathError(err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case name != "." && Skipped(path.Base(name)):
			r.skipped(name, d)
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case d.Type()&fs.ModeSymlink != 0 && r.badLink(name):
			return nil
		case !d.IsDir() && isArticleFile(name) && r.unlistedLanguage(name) != "":
			// Its folder's warning names it (unknownLanguageFolder).
			r.report.Skipped++
			return nil
		}
		r.classify(name, d, &files)
		return nil
	})
	if err != nil {
		r.problem(cmp.Or(r.root, "."), "cannot read the content folder: %v (check that it exists and is readable)", unwrapPathError(err))
	}
	return files
}

// skipped warns of a file or folder at name that is left out because
// of its name, when it holds Markdown and site.yaml's ignore: does not
// list it: a Jekyll site's _posts/ would otherwise be "0 files, 0
// errors", and an empty site published.
func (r *loading) skipped(name string, d fs.DirEntry) {
	if slices.Contains(r.l.settings.Ignore, name) {
		return
	}
	base := path.Base(name)
	publish := strings.TrimLeft(base, "._")
	rename := "rename it " + publish
	if publish == "" {
		rename = "give it a name that does not start with " + base[:1]
	}
	why := "its name starts with " + base[:1]
	silence := "or list it under ignore: in " + SettingsFile + " to keep it out without this notice"
	if !d.IsDir() {
		if isArticleFile(name) {
			r.report.Skipped++
			r.warning(displayPath(r.root, name), fmt.Sprintf("%s is not published, because %s (%s to publish it, %s)", base, why, rename, silence))
		}
		return
	}
	n := 0
	_ = fs.WalkDir(r.fsys, name, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && isArticleFile(p) {
			n++
		}
		return nil
	})
	if n == 0 {
		return
	}
	r.report.Skipped += n
	files := "1 Markdown file"
	if n > 1 {
		files = fmt.Sprintf("%d Markdown files", n)
	}
	if base == "_posts" || base == "_drafts" {
		// A Jekyll site's posts: their front matter and Liquid need
		// converting, not only a new folder name.
		rename = "to bring a Jekyll site over, run healthsite import on its folder; or " + rename
	}
	r.warning(displayPath(r.root, name)+"/", fmt.Sprintf("the folder %s/ and the %s in it are not published, because %s (%s/ to publish them, %s)", base, files, why, rename, silence))
}

// badLink reports a symbolic link at name that is not read: one that
// leads out of the folder (the folder is opened through os.Root, which
// refuses it) or to nothing, or one to a folder, which is not followed.
func (r *loading) badLink(name string) bool {
	display := displayPath(r.root, name)
	isMarkdown := isArticleFile(name)
	info, err := fs.Stat(r.fsys, name)
	switch {
	case err != nil && (isMarkdown || isImage(name)):
		r.report.Files++
		if isMarkdown {
			r.other[display] = otherFile{kind: FileOther}
		} else {
			r.other[display] = otherFile{kind: FileImage}
			r.l.broken[name] = true
		}
		r.problem(display, "%s is a symbolic link that leads outside the content folder, or to nothing, so it is not read (copy the file into the folder instead of linking to it)", path.Base(name))
		return true
	case err == nil && info.IsDir():
		r.warning(display, path.Base(name)+" is a symbolic link to a folder, which is not followed, so the articles in it are not published (move the folder here instead of linking to it)")
		return true
	}
	return false
}

// unlistedLanguage is the language a file at name is in by its folder
// when site.yaml does not list it: content/fr/genou.md on a site without
// fr under languages:. "" for any other file.
func (r *loading) unlistedLanguage(name string) string {
	dir, _, ok := strings.Cut(name, "/")
	if !ok {
		return ""
	}
	return folderLanguage(r.l.settings, dir)
}

// markdownIn is how many Markdown files the folder dir holds, at any
// depth.
func (r *loading) markdownIn(dir string) int {
	n := 0
	_ = fs.WalkDir(r.fsys, dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && isArticleFile(p) {
			n++
		}
		return nil
	})
	return n
}

// classify files the entry at name by what it is. A further
// language's folder holds its articles and pages as the top of the
// content holds the main language's.
func (r *loading) classify(name string, d fs.DirEntry, files *contentFiles) {
	display, base := displayPath(r.root, name), path.Base(name)
	isMarkdown := isArticleFile(name)
	tag, rest := r.l.settings.splitLanguage(name)
	further := tag != r.l.settings.Language
	switch {
	case d.IsDir():
		if lang := folderLanguage(r.l.settings, name); path.Dir(name) == "." && lang != "" {
			if n := r.markdownIn(name); n > 0 {
				r.all = append(r.all, unknownLanguageFolder(r.root, name, lang, n, r.l.settings))
			}
		}
	case isMarkdown && inFolder(rest, PagesFolder):
		files.pages = append(files.pages, name)
		f := otherFile{kind: FilePage, lang: tag}
		if path.Dir(rest) == PagesFolder {
			f.slug = Slugify(strings.TrimSuffix(base, pathExt(base)))
		}
		r.other[display] = f
	case isMarkdown && further && inFolder(rest, AuthorsFolder):
		r.report.Files++
		r.other[display] = otherFile{kind: FileOther}
		r.problem(display, "profiles are shared by every language, so %s is not read (move it to %s/, where one profile serves the author's pages in every language)", base, displayPath(r.root, AuthorsFolder))
	case isMarkdown && inFolder(name, AuthorsFolder):
		files.profiles = append(files.profiles, name)
		r.other[display] = otherFile{kind: FileProfile, slug: Slugify(strings.TrimSuffix(base, pathExt(base)))}
	case isMarkdown:
		files.articles = append(files.articles, name)
	case isImage(name):
		files.images = append(files.images, name)
		r.other[display] = otherFile{kind: FileImage}
	case unpublished(name) != "":
		r.warning(display, unpublished(name))
	}
}
