package article

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"healthsite/internal/markdown"
)

// checkLinks reports links between articles that lead nowhere: to an
// article that does not exist, or to a #fragment that is not on the page.
// It checks the links of articles, those with errors included; targets
// holds every article file by address, those with errors included.
func checkLinks(articles []*Article, targets map[string]*Article) []*Error {
	var out []*Error
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
			if ref.Path != self.Path {
				slug, ok := strings.CutPrefix(ref.Path, "/articles/")
				if !ok {
					continue // the index, static files and other site pages
				}
				slug = strings.TrimSuffix(slug, "/")
				if target = targets[slug]; target == nil {
					msg := fmt.Sprintf("the link to %s leads to no article", ref.Path)
					if s := suggest(slug, slugs(targets)); s != "" {
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

func slugs(targets map[string]*Article) []string {
	out := make([]string, 0, len(targets))
	for s := range targets {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}
