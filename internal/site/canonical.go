package site

import "strings"

// Canonical returns the address of the page a reader meant by path,
// which is not a page itself, if the site knows it: a page that moved
// (a list's /page/1/, /articles/ for the index), the page at path
// with its closing slash, or the page that path names in other letters
// or spacing: /articles/Myofascial-Release-Therapy/, /tags/Fascia/ and
// /tags/manual therapy/ (as /tags/manual%20therapy/ arrives) are
// /articles/myofascial-release-therapy/, /tags/fascia/ and
// /tags/manual-therapy/, since a topic's or an author's address is
// the slug of its name. Only pages that exist are returned, so no
// address leads anywhere but the site.
func (s *Site) Canonical(path string) (string, bool) {
	for _, p := range []string{path, path + "/"} {
		if to, ok := s.redirects[p]; ok {
			return to, true
		}
	}
	if !strings.HasSuffix(path, "/") && s.pages[path+"/"] != nil {
		return path + "/", true
	}
	// A further language's addresses are the main language's after its
	// prefix: /es/tags/Rodilla/ is /es/tags/rodilla/.
	prefix := s.LanguagePrefix(path)
	for _, p := range folded(strings.TrimPrefix(path, prefix)) {
		p = prefix + p
		if p == path {
			continue
		}
		if s.pages[p] != nil {
			return p, true
		}
		if to, ok := s.redirects[p]; ok {
			return to, true
		}
	}
	return "", false
}

// folded are the addresses path may be written for: in lowercase, and
// with the name in an article's, topic's or author's address as the
// slug it has (NameSlug), each with its closing slash.
func folded(path string) []string {
	lower := strings.ToLower(path)
	if !strings.HasSuffix(lower, "/") {
		lower += "/"
	}
	out := []string{lower}
	parts := strings.SplitN(strings.TrimPrefix(path, "/"), "/", 3)
	if len(parts) < 2 || parts[1] == "" {
		return out
	}
	switch root := strings.ToLower(parts[0]); root {
	case "articles", "tags", "authors":
		p := "/" + root + "/" + NameSlug(parts[1]) + "/"
		if len(parts) == 3 {
			if rest := strings.Trim(strings.ToLower(parts[2]), "/"); rest != "" {
				p += rest + "/"
			}
		}
		out = append(out, p)
	}
	return out
}
