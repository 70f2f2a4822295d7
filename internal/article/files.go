package article

import (
	"path"
	"strings"
)

// Skipped reports whether the file or folder with base name base is
// left out of the content: a name starting with a dot (editor swap and
// backup files, .git) or an underscore (what an editor keeps out of the
// site on purpose). The preview's file watcher skips the same names.
func Skipped(base string) bool {
	return strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_")
}

// articleExts are the extensions of the files published as articles,
// in any case: .md, and .markdown, which some editors save by default.
var articleExts = []string{".md", ".markdown"}

// isArticleFile reports whether name is an article's file by its
// extension.
func isArticleFile(name string) bool {
	ext := path.Ext(name)
	for _, e := range articleExts {
		if strings.EqualFold(ext, e) {
			return true
		}
	}
	return false
}

// unpublished says why a file that looks like an article is not
// published, and what to do, or returns "" for a file that does not
// look like one (a PDF to link to, a spreadsheet). Nothing an editor
// meant as an article may be skipped without a word.
func unpublished(name string) string {
	kind, one := "articles", "an article"
	switch {
	case inFolder(name, PagesFolder):
		kind, one = "pages", "a page"
	case inFolder(name, AuthorsFolder):
		kind, one = "profiles", "a profile"
	}
	ext := strings.ToLower(path.Ext(name))
	base := path.Base(name)
	stem := strings.TrimSuffix(base, path.Ext(name))
	switch ext {
	case ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt", ".mdtext", ".markdn", ".mdx", ".rmd", ".txt", ".text":
		return base + " is not published: only " + strings.Join(articleExts, " and ") + " files are " + kind + " (rename it " + stem + ".md to publish it, or start its name with _ to keep it out of the site)"
	case ".docx", ".doc", ".odt", ".rtf", ".pages":
		return base + " is a word-processor document, which is not published (copy its text into a plain text file named " + stem + ".md, with the front matter of " + one + ", or start its name with _ to keep it out of the site)"
	case ".html", ".htm":
		return base + " is an HTML file, which is not published: articles are written in Markdown (write it as " + stem + ".md, or start its name with _ to keep it out of the site)"
	}
	return ""
}
