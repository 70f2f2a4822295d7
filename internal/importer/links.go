package importer

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	gmtext "github.com/yuin/goldmark/text"
)

// imageExts are the pictures the content folder may hold.
var imageExts = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".svg": true, ".avif": true}

func isImageName(name string) bool { return imageExts[strings.ToLower(path.Ext(name))] }

// destinations are the link and image addresses of a Markdown text.
func destinations(src string) (links, images []string) {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	doc := md.Parser().Parse(gmtext.NewReader([]byte(src)))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch x := n.(type) {
		case *ast.Link:
			links = append(links, string(x.Destination))
		case *ast.Image:
			images = append(images, string(x.Destination))
		}
		return ast.WalkContinue, nil
	})
	return links, images
}

// links points the links and images of text at the new site: links to
// imported files at their articles, pictures at copies in images/, and
// the rest at the old site, each change that loses something noted.
func (b *body) links(s string) string {
	links, images := destinations(s)
	done := map[string]bool{}
	for _, dest := range images {
		if done["!"+dest] {
			continue
		}
		done["!"+dest] = true
		s = b.image(s, dest)
	}
	for _, dest := range links {
		if done[dest] {
			continue
		}
		done[dest] = true
		if to, ok := b.link(dest); ok && to != dest {
			s = replaceDest(s, dest, to)
		} else if !ok {
			s = unlink(s, dest)
		}
	}
	return s
}

// replaceDest writes to for every use of dest as a destination in s.
func replaceDest(s, dest, to string) string {
	for _, pre := range []string{"](", "]( ", "](<", "]: ", "]:<", "]: <"} {
		s = strings.ReplaceAll(s, pre+dest+")", pre+linkDest(to)+")")
		s = strings.ReplaceAll(s, pre+dest+" ", pre+linkDest(to)+" ")
		s = strings.ReplaceAll(s, pre+dest+">", pre+to+">")
		s = strings.ReplaceAll(s, pre+dest+"\n", pre+linkDest(to)+"\n")
		if strings.HasSuffix(s, pre+dest) {
			s = strings.TrimSuffix(s, dest) + linkDest(to)
		}
	}
	return s
}

// unlink keeps the text of every link to dest, without the link: an
// inline one, and one by reference, whose definition goes.
func unlink(s, dest string) string {
	re := regexp.MustCompile(`\[([^\]]*)\]\(\s*<?` + regexp.QuoteMeta(dest) + `>?(\s+"[^"]*")?\s*\)`)
	s = re.ReplaceAllString(s, "$1")
	def := regexp.MustCompile(`(?m)^ {0,3}\[([^\]]+)\]:[ \t]*<?` + regexp.QuoteMeta(dest) + `>?(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*(?:\n|$)`)
	for _, m := range def.FindAllStringSubmatch(s, -1) {
		s = strings.Replace(s, m[0], "", 1)
		label := `(?i)` + regexp.QuoteMeta(m[1])
		// [text][label], then [label][] and [label] alone.
		s = regexp.MustCompile(`\[([^\]]*)\]\[`+label+`\]`).ReplaceAllString(s, "$1")
		s = regexp.MustCompile(`\[(`+label+`)\](\[\])?([^\[(:]|$)`).ReplaceAllString(s, "$1$3")
	}
	return s
}

// link is the address that replaces dest, or false to drop the link.
func (b *body) link(dest string) (string, bool) {
	u, err := url.Parse(dest)
	if err != nil {
		b.c.report.note(b.d.source, 0, "the link %q is not an address, so its text is kept without it", dest)
		return "", false
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" || dest == "" || strings.HasPrefix(dest, "#") {
		return dest, true
	}
	if u.Host != "" {
		if u.Host != b.c.cfg.host {
			return dest, true
		}
		u.Scheme, u.Host = "", ""
	}
	p := u.Path
	if strings.HasPrefix(p, "/") && b.c.cfg.basePath != "/" {
		if rest, ok := strings.CutPrefix(p, b.c.cfg.basePath); ok && (rest == "" || rest[0] == '/') {
			p = "/" + strings.TrimPrefix(rest, "/")
		}
	}
	if p == "/" || p == "" {
		return "/" + fragment(u), true
	}
	if strings.HasPrefix(p, "/static/") {
		return dest, true
	}
	// A link to one of the old site's files, or to one of its pages,
	// or to an article's new address made from a ref.
	var t *doc
	if slug, ok := strings.CutPrefix(strings.TrimSuffix(p, "/"), "/articles/"); ok {
		if t = b.c.bySlug[fmt.Sprint(b.d.lang, "/", asArticle, "/", slug)]; t == nil {
			return dest, true
		}
	} else {
		t = b.c.findDoc(p, b.d)
	}
	if t == nil && !strings.HasPrefix(p, "/articles/") && (strings.HasSuffix(p, "/") || strings.HasSuffix(p, ".html")) {
		t = b.c.findDoc(strings.TrimSuffix(strings.TrimSuffix(p, "/"), ".html"), b.d)
	}
	if t != nil && t.skip == "" {
		if t.draft && !b.d.draft {
			b.c.report.note(b.d.source, 0, "the link to %s leads to a draft, which readers cannot see, so its text is kept without the link (link it again once %s is published)", dest, t.dest)
			return "", false
		}
		return t.address() + fragment(u), true
	}
	if isImageName(p) {
		if to, ok := b.c.copyImage(b.d, p); ok {
			return "/" + to, true
		}
	}
	// The new site takes the old one's address, so a link to a page of
	// the old site that was not imported would lead nowhere.
	b.c.report.note(b.d.source, 0, "the link to %s is to no imported file, so its text is kept without the link (link it again to a page of the new site)", dest)
	return "", false
}

func fragment(u *url.URL) string {
	if u.Fragment == "" {
		return ""
	}
	return "#" + u.Fragment
}

// image copies the picture at dest and points s at the copy; a picture
// on another site becomes a link to it, and a missing one its
// description, each noted.
func (b *body) image(s, dest string) string {
	u, err := url.Parse(dest)
	re := regexp.MustCompile(`!\[([^\]]*)\]\(\s*<?` + regexp.QuoteMeta(dest) + `>?(\s+"[^"]*")?\s*\)`)
	switch {
	case err == nil && (u.Host != "" && u.Host != b.c.cfg.host || u.Scheme == "data"):
		if u.Scheme == "data" {
			b.c.report.note(b.d.source, 0, "a picture written into the text (data:) is removed: save it as a file in images/ and show it with ![what it shows](/images/name.png)")
			return re.ReplaceAllString(s, "$1")
		}
		b.c.report.note(b.d.source, 0, "the picture %s is on another site, which pages cannot show, so it becomes a link to it (save it in images/ to show it)", dest)
		return re.ReplaceAllString(s, "[Picture: $1]("+dest+")")
	case err == nil:
		p := u.Path
		if rest, ok := strings.CutPrefix(p, b.c.cfg.basePath); ok && b.c.cfg.basePath != "/" && strings.HasPrefix(rest, "/") {
			p = rest
		}
		if to, ok := b.c.copyImage(b.d, p); ok {
			return replaceDest(s, dest, "/"+to)
		}
	}
	b.c.report.note(b.d.source, 0, "the picture %s is not in the source folder, so its description is kept in its place (add the picture to images/ and show it again)", dest)
	return re.ReplaceAllString(s, "*$1*")
}

// copyImage finds the picture an article at d refers to as p, and
// returns where it is copied in the destination.
func (c *conversion) copyImage(d *doc, p string) (string, bool) {
	if !isImageName(p) {
		return "", false
	}
	p, _ = url.PathUnescape(p)
	var candidates []string
	dir := path.Dir(d.source)
	if strings.HasPrefix(p, "/") {
		p = strings.TrimPrefix(path.Clean(p), "/")
		candidates = []string{"static/" + p, "assets/" + p, c.cfg.contentDir + "/" + p, p}
	} else {
		candidates = []string{path.Join(dir, p), "static/" + path.Clean(p), path.Clean(p)}
	}
	for _, cand := range candidates {
		if strings.HasPrefix(cand, "../") || cand == ".." {
			continue
		}
		info, err := fs.Stat(c.src, cand)
		if err != nil || info.IsDir() {
			continue
		}
		if to, ok := c.images[cand]; ok {
			return to, true
		}
		to := cand
		for _, pre := range []string{"static/", "assets/", c.cfg.contentDir + "/"} {
			to = strings.TrimPrefix(to, pre)
		}
		// Names starting with _ or . are left out of the content.
		parts := strings.Split(to, "/")
		for i, part := range parts {
			parts[i] = strings.TrimLeft(part, "_.")
		}
		to = strings.Join(parts, "/")
		if !strings.HasPrefix(to, "images/") {
			to = "images/" + to
		}
		for n := 2; c.taken(to); n++ {
			ext := path.Ext(cand)
			to = strings.TrimSuffix(to, ext) + fmt.Sprintf("-%d", n) + ext
		}
		c.images[cand] = to
		return to, true
	}
	return "", false
}

// taken reports whether a picture is copied to to already.
func (c *conversion) taken(to string) bool {
	for _, t := range c.images {
		if t == to {
			return true
		}
	}
	return false
}
