package article

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"healthsite/internal/markdown"
)

// checkLinks reports links between articles that lead nowhere: to an
// article, topic or author page that does not exist, to a #fragment that
// is not on the page, or to an article's Markdown file. It checks the
// links of articles, those with errors included; targets holds every
// article file by address, those with errors included. reviewer finds
// the profile of an article's reviewer, whose page is among the authors'.
func checkLinks(articles []*Article, targets map[string]*Article, reviewer func(reviewedBy string) *Profile) []*Error {
	var out []*Error
	names := findPageNames(articles, reviewer)
	for _, a := range articles {
		self := &url.URL{Path: "/articles/" + a.Slug + "/"}
		for _, l := range a.links {
			u, err := url.Parse(l.dest)
			if err != nil {
				out = append(out, &Error{Path: a.Path, Line: l.line, Col: l.col, Message: fmt.Sprintf("link %q is not a valid web address (check it for spaces or stray characters; write spaces as %%20)", l.dest)})
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				continue // another site: not ours to check
			}
			ref := self.ResolveReference(u)
			target := a
			if e := checkFileLink(a, l, ref.Path, articles); e != nil {
				out = append(out, e)
				continue
			}
			if e := checkNameLink(a, l, ref.Path, names); e != nil {
				out = append(out, e)
				continue
			}
			if ref.Path != self.Path {
				slug, ok := strings.CutPrefix(ref.Path, "/articles/")
				if !ok {
					continue // the index, static files and other site pages
				}
				slug = strings.TrimSuffix(slug, "/")
				if target = targets[slug]; target == nil {
					msg := fmt.Sprintf("the link to %s leads to no article", ref.Path)
					if s := suggestArticle(slug, targets); s != "" {
						msg += fmt.Sprintf(" (did you mean /articles/%s/?)", s)
					} else {
						msg += " (check the address: an article's is /articles/ and its file name without .md)"
					}
					out = append(out, &Error{Path: a.Path, Line: l.line, Col: l.col, Message: msg})
					continue
				}
				if target.Draft && !a.Draft {
					out = append(out, &Error{Path: a.Path, Line: l.line, Col: l.col, Severity: SeverityWarning, Message: fmt.Sprintf("the link to %s leads to a draft, which readers cannot see yet (publish %s first, or remove the link)", ref.Path, target.Path)})
				}
			}
			if frag := ref.Fragment; frag != "" && target.rendered && !slices.Contains(target.ids, frag) && !slices.Contains(markdown.ReservedIDs(), frag) {
				var have []string
				for _, h := range target.Headings {
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
				out = append(out, &Error{Path: a.Path, Line: l.line, Col: l.col, Message: fmt.Sprintf("the link to %s leads to no section of that page (%s)", where, fix)})
			}
		}
	}
	return out
}

// suggestArticle returns the address of the article a link to
// /articles/name/ most likely means, by its address or by its title, or "".
func suggestArticle(name string, targets map[string]*Article) string {
	if s := suggestSlug(name, slugs(targets)); s != "" {
		return s
	}
	byTitle := map[string]string{}
	for slug, a := range targets {
		if t := Slugify(a.Title); t != "" {
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

func slugs(targets map[string]*Article) []string {
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

// checkNameLink reports a link to a topic or author page that no article
// makes, or to one by another spelling than its address; nil for a good
// link, or one to another kind of page.
func checkNameLink(a *Article, l linkAt, p string, names pageNames) *Error {
	for _, kind := range []struct {
		root, what, none, fix string
		have                  map[string]string
	}{
		{"/tags/", "topic", "no article has the tag %q", "link to one of the topics listed at /tags/, or add the tag to an article's tags:", names.tags},
		{"/authors/", "author", "no article is by %q", "link to one of the authors listed at /authors/", names.authors},
	} {
		rest, ok := strings.CutPrefix(p, kind.root)
		if !ok || rest == "" {
			continue // the list of every topic or author, or not one
		}
		name := strings.TrimSuffix(rest, "/")
		slug := NameSlug(name)
		if _, ok := kind.have[name]; ok && !strings.Contains(name, "/") {
			return nil
		}
		if _, ok := kind.have[slug]; ok && !strings.Contains(name, "/") {
			return &Error{Path: a.Path, Line: l.line, Col: l.col, Severity: SeverityWarning, Message: fmt.Sprintf("the link to %s is not the address of the %s %q (write %s%s/)", l.dest, kind.what, kind.have[slug], kind.root, slug)}
		}
		have := make([]string, 0, len(kind.have))
		for s := range kind.have {
			have = append(have, s)
		}
		slices.Sort(have)
		msg := fmt.Sprintf("the link to %s leads to no %s: "+kind.none, p, kind.what, name)
		if s := suggestSlug(slug, have); s != "" {
			msg += fmt.Sprintf(" (did you mean %s%s/?)", kind.root, s)
		} else {
			msg += " (" + kind.fix + ")"
		}
		return &Error{Path: a.Path, Line: l.line, Col: l.col, Message: msg}
	}
	return nil
}

// checkFileLink reports a link to an article's Markdown file, which is
// not published, with the article's address to link to instead; nil for
// any other link.
func checkFileLink(a *Article, l linkAt, p string, articles []*Article) *Error {
	if !isArticleFile(p) {
		return nil
	}
	base := path.Base(p)
	want := Slugify(strings.TrimSuffix(base, path.Ext(base)))
	var slugs []string
	for _, t := range articles {
		file := path.Base(t.Path)
		if strings.EqualFold(file, base) || t.Slug == want {
			return &Error{Path: a.Path, Line: l.line, Col: l.col, Message: fmt.Sprintf("the link to %s leads to the Markdown file, which is not published (link to the article's address: /articles/%s/)", l.dest, t.Slug)}
		}
		slugs = append(slugs, t.Slug)
	}
	msg := fmt.Sprintf("the link to %s leads to a Markdown file, which is not published, and no article is written in a file of that name", l.dest)
	if s := suggestSlug(want, slugs); s != "" {
		return &Error{Path: a.Path, Line: l.line, Col: l.col, Message: msg + fmt.Sprintf(" (did you mean the article /articles/%s/?)", s)}
	}
	return &Error{Path: a.Path, Line: l.line, Col: l.col, Message: msg + " (link to the article's address: /articles/ and its file name without .md)"}
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
