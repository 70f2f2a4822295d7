package article

import (
	"cmp"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"healthsite/internal/markdown"
	"healthsite/internal/paths"
)

// place is a file whose text has links, and the page it makes: an
// article, a standalone page or a profile, with errors or not.
type place struct {
	path     string // the file, as in messages
	addr     string // the address of its page, such as /about/
	title    string
	draft    bool
	date     time.Time // when an article goes live; zero for other pages
	rendered bool      // the text was rendered: ids and links are known
	ids      []string  // ids in its HTML, for links to #fragments
	headings []markdown.Heading
	links    []linkAt
}

// articlePlace is the place of an article file, whose language's
// pages are under prefix.
func articlePlace(a *Article, prefix string) *place {
	return &place{path: a.Path, title: a.Title, addr: prefix + "/articles/" + a.Slug + "/", draft: a.Draft, date: a.Date, rendered: a.rendered, ids: a.ids, headings: a.Headings, links: a.links}
}

// siteAddresses are every address the site will have, in one place, so
// that a link anywhere is checked against the same list: the articles
// and standalone pages by the places they are written in (with errors
// or not), and every other page in the PageSet of the site's kinds.
type siteAddresses struct {
	articles map[string]*place // by slug, files with errors included
	// The further languages' articles by the prefix of their paths
	// (/es), then by slug, as articles.
	translated map[string]map[string]*place
	names      pageNames         // the names of topics and authors, for messages
	pages      map[string]*place // standalone pages by address
	set        *PageSet          // every page the site builds
	base       *url.URL          // the site's base URL: links to it are links within the site
}

// newSiteAddresses makes the list of every address the site will have,
// and the places whose links are checked against it: the articles found
// (with errors or not) at their addresses in targets, the standalone
// pages, the profiles, the pages of set, and the base URL of settings,
// whose links are links within the site.
func newSiteAddresses(found []*Article, targets map[string]*Article, pagePlaces, profilePlaces []*place, names pageNames, set *PageSet, settings Settings) (*siteAddresses, []*place) {
	addrs := &siteAddresses{
		articles:   map[string]*place{},
		translated: map[string]map[string]*place{},
		names:      names,
		pages:      map[string]*place{},
		set:        set,
	}
	for _, l := range settings.Languages {
		addrs.translated[settings.Prefix(l.Tag)] = map[string]*place{}
	}
	if u, err := url.Parse(settings.BaseURL); err == nil && u.Host != "" {
		addrs.base = u
	}
	places := make([]*place, 0, len(found)+len(pagePlaces)+len(profilePlaces))
	byArticle := map[*Article]*place{}
	for _, a := range found {
		byArticle[a] = articlePlace(a, settings.Prefix(a.Lang))
		places = append(places, byArticle[a])
	}
	for addr, a := range targets {
		prefix, rest := addrs.splitLanguage(addr)
		addrs.articlesIn(prefix)[strings.TrimSuffix(strings.TrimPrefix(rest, paths.Articles), "/")] = byArticle[a]
	}
	for _, pl := range pagePlaces {
		if addrs.pages[pl.addr] == nil {
			addrs.pages[pl.addr] = pl
		}
	}
	return addrs, append(append(places, pagePlaces...), profilePlaces...)
}

// splitLanguage returns the prefix of the further language whose page
// p is (/es for /es/articles/x/), and the rest of p (/articles/x/); ""
// and p for a page of the main language.
func (s *siteAddresses) splitLanguage(p string) (prefix, rest string) {
	for pre := range s.translated {
		if r, ok := strings.CutPrefix(p, pre); ok && (r == "" || r[0] == '/') {
			return pre, cmp.Or(r, "/")
		}
	}
	return "", p
}

// articlesIn returns the articles of the language whose pages are
// under prefix, by slug.
func (s *siteAddresses) articlesIn(prefix string) map[string]*place {
	if prefix == "" {
		return s.articles
	}
	return s.translated[prefix]
}

// has reports whether p is an address the site has, other than an
// article's, which are checked by slug.
func (s *siteAddresses) has(p string) bool {
	return s.set.Has(p) || s.pages[p] != nil
}

// all returns every address, sorted, for suggesting the nearest.
func (s *siteAddresses) all() []string {
	out := s.set.Paths()
	for slug := range s.articles {
		out = append(out, paths.Articles+slug+"/")
	}
	for p := range s.pages {
		out = append(out, p)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// nearest returns the address the site has that p most likely means, or "".
func (s *siteAddresses) nearest(p string) string {
	best, bestD := "", 3
	for _, a := range s.all() {
		if d := editDistance(strings.ToLower(p), a); d < bestD {
			best, bestD = a, d
		}
	}
	return best
}

// within returns the path, query and fragment of u when it is a link
// within the site: relative, or absolute to the site's base URL.
func (s *siteAddresses) within(u *url.URL) (*url.URL, bool) {
	if u.Scheme == "" && u.Host == "" {
		return u, true
	}
	if s.base == nil || u.Scheme != "http" && u.Scheme != "https" || !strings.EqualFold(u.Host, s.base.Host) {
		return nil, false
	}
	rest, ok := strings.CutPrefix(u.Path, s.base.Path)
	if !ok {
		return nil, false
	}
	if !strings.HasPrefix(rest, "/") {
		rest = "/" + rest
	}
	return &url.URL{Path: rest, RawQuery: u.RawQuery, Fragment: u.Fragment}, true
}

// checkLinks reports links within the site that lead nowhere: to an
// address the site will not have (an article, topic, author or page
// that does not exist), to a #fragment that is not on the page, or to
// an article's Markdown file. It checks the links of every place:
// articles, standalone pages and profiles, those with errors included.
// articles are every article file, whose addresses are in addrs; now,
// when not zero, tells which articles are scheduled.
func checkLinks(places []*place, articles []*Article, addrs *siteAddresses, now time.Time) []*Error {
	var out []*Error
	for _, a := range places {
		for _, l := range a.links {
			out = append(out, checkLink(a, l, articles, addrs, now)...)
		}
	}
	return out
}

// checkLink checks the link l of the place a, as checkLinks says.
func checkLink(a *place, l linkAt, articles []*Article, addrs *siteAddresses, now time.Time) []*Error {
	at := func(severity Severity, format string, args ...any) []*Error {
		return []*Error{{Path: a.path, Line: l.line, Col: l.col, Severity: severity, Message: fmt.Sprintf(format, args...)}}
	}
	u, err := url.Parse(l.dest)
	if err != nil {
		return at(SeverityError, "link %q is not a valid web address (check it for spaces or stray characters; write spaces as %%20)", l.dest)
	}
	u, ok := addrs.within(u)
	if !ok {
		return nil // another site: not ours to check
	}
	self := &url.URL{Path: a.addr}
	ref := self.ResolveReference(u)
	if e := checkFileLink(a, l, ref.Path, articles); e != nil {
		return []*Error{e}
	}
	prefix, rest := addrs.splitLanguage(ref.Path)
	if e := checkNameLink(a, l, rest, addrs); e != nil {
		return []*Error{e}
	}
	target := a
	var out []*Error
	if ref.Path != self.Path {
		slug, isArticle := strings.CutPrefix(rest, "/articles/")
		slug = strings.TrimSuffix(slug, "/")
		switch arts := addrs.articlesIn(prefix); {
		case isArticle && arts[slug] != nil:
			target = arts[slug]
			if e := unpublishedLink(a, target, now); e != nil {
				e.Line, e.Col, e.Message = l.line, l.col, fmt.Sprintf("the link to %s %s", ref.Path, e.Message)
				out = append(out, e)
			}
		case addrs.pages[ref.Path] != nil:
			target = addrs.pages[ref.Path]
		case addrs.has(rest):
			return nil // the site's own pages and files
		default:
			return at(SeverityError, "%s", noPage(l, u, ref, addrs))
		}
	}
	if frag := ref.Fragment; frag != "" && target.rendered && !slices.Contains(target.ids, frag) && !slices.Contains(markdown.ReservedIDs(), frag) {
		var have []string
		for _, h := range target.headings {
			have = append(have, "#"+h.ID)
		}
		fix := "the page has no section headings to link to"
		if len(have) > 0 {
			fix = "the sections are " + strings.Join(have, ", ")
		}
		where := ref.Path + "#" + frag
		if target == a {
			where = "#" + frag
		}
		out = append(out, at(SeverityError, "the link to %s leads to no section of that page (%s)", where, fix)...)
	}
	return out
}

// noPage is the message for the link l, u within the site, that leads
// to ref, no page the site has: with the address it nearly names.
func noPage(l linkAt, u, ref *url.URL, addrs *siteAddresses) string {
	prefix, rest := addrs.splitLanguage(ref.Path)
	slug, isArticle := strings.CutPrefix(rest, "/articles/")
	slug = strings.TrimSuffix(slug, "/")
	relative := !strings.HasPrefix(u.Path, "/") && u.Path != "" && u.Scheme == ""
	if abs := "/" + strings.TrimPrefix(u.Path, "./"); relative && (addrs.has(abs) || addrs.articles[strings.TrimSuffix(strings.TrimPrefix(abs, "/articles/"), "/")] != nil && strings.HasPrefix(abs, "/articles/")) {
		return fmt.Sprintf("the link to %s leads to %s, which is no page of the site: a link without a leading / is read from this page's address (write %s)", l.dest, ref.Path, abs)
	}
	if isArticle {
		if s := suggestArticle(slug, addrs.articlesIn(prefix)); s != "" {
			return fmt.Sprintf("the link to %s leads to no article (did you mean %s/articles/%s/?)", ref.Path, prefix, s)
		}
		return fmt.Sprintf("the link to %s leads to no article (check the address: an article's is /articles/ and its file name without .md)", ref.Path)
	}
	if msg := addrs.set.pastTheEnd(ref.Path); msg != "" {
		return msg
	}
	if strings.HasPrefix(ref.Path, paths.Static) {
		if s := addrs.set.unfingerprinted(ref.Path); s != "" {
			return fmt.Sprintf("the link to %s leads to no file of the site: the file's address carries a fingerprint of its content (write %s, and check the link again when the file changes)", ref.Path, s)
		}
		return fmt.Sprintf("the link to %s leads to no file of the site (to show a picture, put it in images/ and write ![what it shows](images/name.jpg))", ref.Path)
	}
	if s := addrs.nearest(ref.Path); s != "" {
		return fmt.Sprintf("the link to %s leads to no page of the site (did you mean %s?)", ref.Path, s)
	}
	return fmt.Sprintf("the link to %s leads to no page of the site (link to an article, a topic, an author or a page the site has, or to another site with https://)", ref.Path)
}

// unpublishedLink reports a link from a to the article target that
// readers cannot follow when they can read a: target is a draft, or goes
// live later than a does. It is an error when a is published (readers
// would find "Page not found"), a warning when a is a draft or scheduled
// too; nil when the link is fine. The message starts after "the link to
// X". now, when zero, leaves scheduling out: it is not known.
func unpublishedLink(a, target *place, now time.Time) *Error {
	if a.draft || target == a {
		return nil
	}
	live, severity := now, SeverityError
	if !now.IsZero() && a.date.After(now) {
		// a is scheduled: readers see it from then on, and none sees
		// the broken link yet.
		live, severity = a.date, SeverityWarning
	}
	switch {
	case target.draft:
		return &Error{Path: a.path, Severity: severity, Message: fmt.Sprintf("leads to a draft, which readers cannot see: they would find Page not found (publish %s first, with draft: false, or remove the link)", target.path)}
	case !now.IsZero() && target.date.After(live):
		return &Error{Path: a.path, Severity: severity, Message: fmt.Sprintf("leads to an article scheduled for %s, which readers cannot see until then: they would find Page not found (give %s an earlier date, or add the link once it is published)", target.date.Format("2 January 2006 at 15:04 MST"), target.path)}
	}
	return nil
}

// suggestArticle returns the address of the article a link to
// /articles/name/ most likely means, by its address or by its title, or "".
func suggestArticle(name string, targets map[string]*place) string {
	if s := suggestSlug(name, slugs(targets)); s != "" {
		return s
	}
	byTitle := map[string]string{}
	for slug, a := range targets {
		if t := Slugify(a.title); t != "" {
			if prev, ok := byTitle[t]; !ok || slug < prev {
				byTitle[t] = slug
			}
		}
	}
	titles := make([]string, 0, len(byTitle))
	for t := range byTitle {
		titles = append(titles, t)
	}
	slices.Sort(titles)
	if t := suggestSlug(name, titles); t != "" {
		return byTitle[t]
	}
	return ""
}

func slugs(targets map[string]*place) []string {
	out := make([]string, 0, len(targets))
	for s := range targets {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// pages of topics and authors, by the part of the address after
// /tags/ or /authors/, each with the name an article gives it.
type pageNames struct{ tags, authors map[string]string }

// findPageNames finds the topic and author pages the articles make: those
// of every article that is not a draft (drafts make none), and those of
// the reviewers with a profile.
func findPageNames(articles []*Article, reviewer func(string) *Profile) pageNames {
	n := pageNames{tags: map[string]string{}, authors: map[string]string{}}
	for _, a := range articles {
		if a.Draft {
			continue
		}
		for _, t := range a.Tags {
			n.tags[NameSlug(t)] = t
		}
		for _, name := range a.Authors {
			n.authors[NameSlug(name)] = name
		}
		if p := reviewer(a.ReviewedBy); a.ReviewedBy != "" && p != nil {
			n.authors[NameSlug(p.Name)] = p.Name
		}
	}
	return n
}

// checkNameLink reports a link to a topic or author page the site will
// not have, or to one by another spelling than its address, or past the
// last page of its list; nil for a good link, or one to another kind of
// page.
func checkNameLink(a *place, l linkAt, p string, addrs *siteAddresses) *Error {
	for _, kind := range []struct {
		root, what, none, fix string
		have                  map[string]string
	}{
		{paths.Tags, "topic", "no article has the tag %q", "link to one of the topics listed at /tags/, or add the tag to an article's tags:", addrs.names.tags},
		{paths.Authors, "author", "no article is by %q", "link to one of the authors listed at /authors/", addrs.names.authors},
	} {
		rest, ok := strings.CutPrefix(p, kind.root)
		if !ok || rest == "" || addrs.set.Has(p) {
			continue // the list of every topic or author, a page the site has, or not one
		}
		at := func(severity Severity, msg string) *Error {
			return &Error{Path: a.path, Line: l.line, Col: l.col, Severity: severity, Message: msg}
		}
		name, more, _ := strings.Cut(rest, "/")
		if msg := addrs.set.pastTheEnd(p); msg != "" {
			return at(SeverityError, msg)
		}
		slug := NameSlug(name)
		if list := kind.root + slug + "/"; addrs.set.Has(list) && name != slug && more == "" {
			return at(SeverityWarning, fmt.Sprintf("the link to %s is not the address of the %s %q (write %s)", l.dest, kind.what, cmp.Or(kind.have[slug], name), list))
		}
		if more != "" {
			name = strings.TrimSuffix(rest, "/")
			slug = NameSlug(name)
		}
		msg := fmt.Sprintf("the link to %s leads to no %s: "+kind.none, p, kind.what, name)
		if s := suggestSlug(slug, addrs.set.named(kind.root)); s != "" {
			msg += fmt.Sprintf(" (did you mean %s%s/?)", kind.root, s)
		} else {
			msg += " (" + kind.fix + ")"
		}
		return at(SeverityError, msg)
	}
	return nil
}

// checkFileLink reports a link to an article's Markdown file, which is
// not published, with the article's address to link to instead; nil for
// any other link.
func checkFileLink(a *place, l linkAt, p string, articles []*Article) *Error {
	if !isArticleFile(p) {
		return nil
	}
	base := path.Base(p)
	want := Slugify(strings.TrimSuffix(base, path.Ext(base)))
	var slugs []string
	for _, t := range articles {
		file := path.Base(t.Path)
		if strings.EqualFold(file, base) || t.Slug == want {
			return &Error{Path: a.path, Line: l.line, Col: l.col, Message: fmt.Sprintf("the link to %s leads to the Markdown file, which is not published (link to the article's address: /articles/%s/)", l.dest, t.Slug)}
		}
		slugs = append(slugs, t.Slug)
	}
	msg := fmt.Sprintf("the link to %s leads to a Markdown file, which is not published, and no article is written in a file of that name", l.dest)
	if s := suggestSlug(want, slugs); s != "" {
		return &Error{Path: a.path, Line: l.line, Col: l.col, Message: msg + fmt.Sprintf(" (did you mean the article /articles/%s/?)", s)}
	}
	return &Error{Path: a.path, Line: l.line, Col: l.col, Message: msg + " (link to the article's address: /articles/ and its file name without .md)"}
}

// suggestSlug returns the address in have that name most likely means:
// one within a typo or two of it, or one with words in a row that are
// within a typo or two of it, or the other way round (myofascial-release
// for myofascial-release-therapy, elena for dr-elena-marsh), or "".
func suggestSlug(name string, have []string) string {
	if s := suggest(name, have); s != "" {
		return s
	}
	best, bestD := "", 3
	nameWords := strings.Split(name, "-")
	for _, h := range have {
		words := strings.Split(h, "-")
		short, long := nameWords, words
		if len(short) > len(long) {
			short, long = long, short
		}
		if len(short) == len(long) {
			continue // compared whole above
		}
		for i := 0; i+len(short) <= len(long); i++ {
			d := editDistance(strings.Join(short, "-"), strings.Join(long[i:i+len(short)], "-"))
			if d < bestD || d == bestD && best != "" && len(h) < len(best) {
				best, bestD = h, d
			}
		}
	}
	return best
}
