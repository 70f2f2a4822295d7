package article

import (
	"path"
	"slices"
	"strconv"
	"strings"

	"healthsite/internal/paths"
)

// A PageSet is every address a site will have: its pages, and the
// addresses that redirect to one (such as /articles/, the index). The
// package that builds the pages makes it from its own list of page
// kinds (site.Pages), and Load checks every link within the site
// against it, so that a link is good exactly when the page it leads to
// is built. It is immutable.
type PageSet struct {
	has    map[string]bool
	sorted []string
}

// NewPageSet returns the set of the addresses addrs.
func NewPageSet(addrs []string) *PageSet {
	s := &PageSet{has: make(map[string]bool, len(addrs))}
	for _, a := range addrs {
		if !s.has[a] {
			s.has[a] = true
			s.sorted = append(s.sorted, a)
		}
	}
	slices.Sort(s.sorted)
	return s
}

// Has reports whether the site will have the address p.
func (s *PageSet) Has(p string) bool { return s.has[p] }

// Paths returns every address, sorted. The slice is the caller's.
func (s *PageSet) Paths() []string { return slices.Clone(s.sorted) }

// pageSet returns the pages the site will have, by pages (or
// namedPages when nil), given the content as read: every article at an
// address in targets, with errors or not, and the good pages, profiles
// and images.
func (r *loading) pageSet(targets map[string]*Article, names pageNames, pages func(*Library) *PageSet) *PageSet {
	parts := r.parts
	parts.articles = nil
	for addr, a := range targets {
		if addr == r.l.settings.Prefix(a.Lang)+paths.Articles+a.Slug+"/" {
			parts.articles = append(parts.articles, a)
		}
	}
	lib := newLibrary(parts)
	if pages == nil {
		return namedPages(lib, names)
	}
	return pages(lib)
}

// namedPages is the PageSet of a load without Options.Pages: only the
// pages the content names itself (its articles, standalone pages,
// topics and authors, each list on one page) and paths.Fixed. Later
// pages of a list and the files under /static/ are the site's to know,
// so such a load reports links to them as leading nowhere.
func namedPages(lib *Library, names pageNames) *PageSet {
	all := paths.Fixed()
	for _, a := range lib.Articles() {
		all = append(all, paths.Articles+a.Slug+"/")
	}
	for _, pg := range lib.Pages() {
		all = append(all, "/"+pg.Slug+"/")
	}
	for t := range names.tags {
		all = append(all, paths.Tags+t+"/")
	}
	for a := range names.authors {
		all = append(all, paths.Authors+a+"/")
	}
	return NewPageSet(all)
}

// laterPage returns the list p is a later page of (/tags/knee/ for
// /tags/knee/page/3/) and its number, or false when p is no such page.
func laterPage(p string) (list string, n int, ok bool) {
	dir, num := path.Split(strings.TrimSuffix(p, "/"))
	list, ok = strings.CutSuffix(dir, paths.Paged)
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n < 1 || !strings.HasSuffix(p, "/") {
		return "", 0, false
	}
	return list, n, true
}

// pastTheEnd returns the message for a link to p, a page of a list the
// site has but beyond its last page, or "" when p is no such page.
func (s *PageSet) pastTheEnd(p string) string {
	list, _, ok := laterPage(p)
	if !ok || !s.Has(list) || s.Has(p) {
		return ""
	}
	pages := 1
	for s.Has(list + paths.Paged + strconv.Itoa(pages+1) + "/") {
		pages++
	}
	if pages == 1 {
		return "the link to " + p + " leads to no page: the list at " + list + " fits on one page (link to " + list + ")"
	}
	last := list + paths.Paged + strconv.Itoa(pages) + "/"
	return "the link to " + p + " leads to no page: the list at " + list + " has " + strconv.Itoa(pages) + " pages (link to " + last + ", its last, or to " + list + ", which has the newest)"
}

// unfingerprinted returns the address of the file under /static/ that
// p names without the fingerprint its address carries
// (/static/style.css for /static/style.1a2b3c4d.css), or "".
func (s *PageSet) unfingerprinted(p string) string {
	if !strings.HasPrefix(p, paths.Static) {
		return ""
	}
	for _, have := range s.sorted {
		if strings.HasPrefix(have, paths.Static) && withoutFingerprint(have) == p {
			return have
		}
	}
	return ""
}

// withoutFingerprint is the address of a fingerprinted file without its
// fingerprint: the dot and hex digits before the extension.
func withoutFingerprint(p string) string {
	ext := path.Ext(p)
	stem := strings.TrimSuffix(p, ext)
	i := strings.LastIndexByte(stem, '.')
	if i < 0 || strings.Trim(stem[i+1:], "0123456789abcdef") != "" || len(stem)-i-1 < 4 {
		return p
	}
	return stem[:i] + ext
}

// named returns the names of the pages directly under root, sorted:
// knee-pain for /tags/knee-pain/, but not for its later pages.
func (s *PageSet) named(root string) []string {
	var out []string
	for _, p := range s.sorted {
		if rest, ok := strings.CutPrefix(p, root); ok && rest != "" && strings.Count(rest, "/") == 1 && strings.HasSuffix(rest, "/") {
			out = append(out, strings.TrimSuffix(rest, "/"))
		}
	}
	return out
}
