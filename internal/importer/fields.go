package importer

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"healthsite/internal/article"
)

// known are the source keys an import reads, for the count of those it
// drops. Keys read by Hugo or Jekyll alone to lay out a page are
// dropped like any other: the report lists them.
var known = map[string]bool{
	"title": true, "authors": true, "author": true, "by": true,
	"description": true, "summary": true, "deck": true, "bite": true, "excerpt": true, "subtitle": true,
	"date": true, "publishdate": true, "pubdate": true, "lastupdate": true,
	"lastmod": true, "updated": true, "last_modified_at": true, "modified": true,
	"tags": true, "topics": true, "categories": true, "category": true,
	"draft": true, "published": true, "private": true,
	"slug": true, "url": true, "path": true, "permalink": true,
	"lang": true, "language": true, "translation_of": true, "translationkey": true,
	"image": true, "image_alt": true, "ref": true, "aliases": true, "redirect_from": true,
}

// values are the front matter of an imported file, by healthsite field.
type values map[string]any

// fields maps d's front matter onto healthsite's fields.
func (c *conversion) fields(d *doc) values {
	m, v := d.meta, values{}
	for k := range m {
		if !known[k] && !(d.kind == asPage && (k == "weight" || k == "nav_order")) {
			c.report.Dropped[k]++
		}
	}
	if t := text(m["title"]); t != "" {
		v["title"] = t
	}
	if s := first(m, "summary", "description", "deck", "bite", "excerpt", "subtitle"); s != "" {
		v["summary"] = plainLine(s)
	}
	if d.kind == asPage {
		if w, ok := m["weight"].(int); ok && w > 0 {
			v["footer_order"] = w
		} else if w, ok := m["nav_order"].(int); ok && w > 0 {
			v["footer_order"] = w
		}
		return v
	}
	if a := authors(m); len(a) > 0 {
		v["author"] = a
	}
	// A Jekyll post's file name gives its date; its front matter may
	// give the time as well.
	for _, k := range []string{"date", "publishdate", "pubdate", "published", "lastupdate"} {
		if dt, ok := c.date(d, k); ok {
			v["date"] = dt
			break
		}
	}
	if _, ok := v["date"]; !ok && d.hasDate {
		v["date"] = d.fileDate
	}
	for _, k := range []string{"lastmod", "updated", "last_modified_at", "modified", "lastupdate"} {
		if dt, ok := c.date(d, k); ok {
			if pub, has := v["date"].(date); has && !dt.t.After(pub.t) {
				if dt.t.Before(pub.t) {
					c.report.note(d.source, 0, "%s %s is before the date %s, so it is left out", k, dt, pub)
				}
				break
			}
			v["updated"] = dt
			break
		}
	}
	var tags []string
	for _, k := range []string{"tags", "topics", "categories", "category"} {
		for _, t := range list(m[k], ",") {
			if !slices.ContainsFunc(tags, func(s string) bool { return article.NameSlug(s) == article.NameSlug(t) }) {
				tags = append(tags, t)
			}
		}
	}
	if len(tags) > 0 {
		v["tags"] = tags
	}
	if a := c.aliases(d); len(a) > 0 {
		v["aliases"] = a
	}
	draft := false
	if b, ok := boolValue(m["draft"]); ok && b {
		draft = true
	}
	if b, ok := boolValue(m["published"]); ok && !b {
		draft = true
	}
	if b, ok := boolValue(m["private"]); ok && b {
		draft = true
	}
	if strings.HasPrefix(d.source, "_drafts/") {
		draft = true
	}
	if draft {
		v["draft"] = true
	}
	return v
}

// date reads the date at key k of d's front matter, noting one that
// cannot be read.
func (c *conversion) date(d *doc, k string) (date, bool) {
	raw, ok := d.meta[k]
	if !ok || raw == nil {
		return date{}, false
	}
	if _, isBool := raw.(bool); isBool {
		return date{}, false
	}
	if t, isTime := raw.(time.Time); isTime {
		if dt, ok := timeDate(t, c.cfg.loc); ok {
			return dt, true
		}
		c.report.note(d.source, 0, "%s %s is a placeholder, not a date, so it is left out", k, t.Format("2006-01-02"))
		return date{}, false
	}
	s := text(raw)
	if dt, ok := parseDate(s, c.cfg.loc); ok {
		return dt, true
	}
	if s != "" {
		c.report.note(d.source, 0, "%s %q is not a date that can be read, so it is left out", k, s)
	}
	return date{}, false
}

// first is the first of keys in m with text.
func first(m map[string]any, keys ...string) string {
	for _, k := range keys {
		if s := text(m[k]); s != "" {
			return s
		}
	}
	return ""
}

// plainLine is s on one line, without HTML tags.
func plainLine(s string) string {
	s = htmlTag.ReplaceAllString(s, "")
	return strings.Join(strings.Fields(s), " ")
}

// lacks reports whether v lacks field f, which fill cannot give.
func (c *conversion) lacks(v values, f string) bool {
	if _, ok := v[f]; ok {
		return false
	}
	switch f {
	case "author":
		return c.opts.Author == "" && !(c.kind == Jekyll && len(authors(c.cfg.params)) > 0)
	case "date":
		return c.opts.Date.IsZero()
	}
	return true
}

// fill gives the fields d lacks from -author and -date, noting each use,
// and makes a draft of an article that still lacks one, so that check
// passes and the editor is told what to add.
func (c *conversion) fill(d *doc, v values) {
	if d.kind == asPage {
		return
	}
	if _, ok := v["author"]; !ok {
		if a := authors(c.cfg.params); c.kind == Jekyll && len(a) > 0 {
			// Jekyll shows the site's author on a post that names none.
			v["author"] = a
			c.report.note(d.source, 0, "has no author: the site's author, %s, is its author", strings.Join(a, ", "))
		} else if c.opts.Author != "" {
			v["author"] = []string{c.opts.Author}
			c.report.note(d.source, 0, "has no author: -author gave %s", c.opts.Author)
		}
	}
	if _, ok := v["date"]; !ok {
		if !c.opts.Date.IsZero() {
			v["date"] = date{t: c.opts.Date}
			c.report.note(d.source, 0, "has no date: -date gave %s", c.opts.Date.Format("2006-01-02"))
		}
	}
	var lacks []string
	for _, f := range []string{"author", "date"} {
		if _, ok := v[f]; !ok {
			lacks = append(lacks, f)
		}
	}
	if len(lacks) > 0 {
		v["draft"] = true
		c.report.note(d.source, 0, "has no %s, so it is imported as a draft (write %s: in it, or import again with -%s, then set draft: false)", strings.Join(lacks, " and no "), lacks[0], lacks[0])
	}
}

// frontMatter writes v as YAML front matter in the order of
// article.Fields, or of the page fields for a page. The YAML encoder
// quotes every text that needs it, so that any title is safe.
func frontMatter(v values, page bool) []byte {
	var order []string
	if page {
		order = []string{"title", "summary", "description", "footer_order"}
	} else {
		for _, f := range article.Fields() {
			order = append(order, f.Name)
		}
	}
	for k := range v {
		if !slices.Contains(order, k) {
			order = append(order, k)
		}
	}
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, k := range order {
		val, ok := v[k]
		if !ok {
			continue
		}
		var vn *yaml.Node
		switch x := val.(type) {
		case string:
			vn = strNode(x)
		case []string:
			vn = &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
			if len(x) == 1 && k == "author" {
				vn = strNode(x[0])
				break
			}
			for _, s := range x {
				vn.Content = append(vn.Content, strNode(s))
			}
		case date:
			vn = &yaml.Node{Kind: yaml.ScalarNode, Value: x.String()}
		case bool:
			vn = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(x)}
		case int:
			vn = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(x)}
		default:
			continue
		}
		n.Content = append(n.Content, strNode(k), vn)
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	_ = enc.Encode(n)
	_ = enc.Close()
	b.WriteString("---\n")
	return b.Bytes()
}

// destPath is where d is written in the destination.
func (d *doc) destPath() string {
	p := d.slug + ".md"
	if d.kind == asPage {
		p = path.Join(article.PagesFolder, p)
	}
	if d.lang != "" {
		p = path.Join(d.lang, p)
	}
	return p
}

// aliases are the old addresses of d that lead to its new one: its
// address on the old site, and those its aliases: (Hugo) or
// redirect_from: (Jekyll) name.
func (c *conversion) aliases(d *doc) []string {
	var out []string
	add := func(p string) {
		p = strings.TrimSpace(p)
		if p == "" || strings.Contains(p, "://") || strings.ContainsAny(p, "?# ") {
			return
		}
		if !strings.HasPrefix(p, "/") {
			p = "/" + path.Join(path.Dir(d.rel), p)
		}
		if rest, ok := strings.CutPrefix(p, c.cfg.basePath); ok && c.cfg.basePath != "/" && strings.HasPrefix(rest, "/") {
			p = rest
		}
		if strings.HasSuffix(p, "/index.html") {
			p = strings.TrimSuffix(p, "index.html")
		}
		if p == "/" || p == d.address() || slices.Contains(out, p) {
			return
		}
		out = append(out, p)
	}
	add(c.oldAddress(d))
	for _, k := range []string{"aliases", "redirect_from"} {
		for _, a := range list(d.meta[k], "") {
			add(a)
		}
	}
	return out
}

// oldAddress is where d was on the old site, or "" when it cannot be
// told: the url: it gives, else Hugo's section and name, else Jekyll's
// permalink pattern.
func (c *conversion) oldAddress(d *doc) string {
	if u := text(d.meta["url"]); u != "" {
		return u
	}
	if u := text(d.meta["permalink"]); u != "" && !strings.Contains(u, ":") {
		return u
	}
	if u := text(d.meta["path"]); u != "" {
		return u // the Go website's
	}
	base := path.Base(d.source)
	stem := strings.TrimSuffix(base, path.Ext(base))
	switch c.kind {
	case Hugo:
		dir := path.Dir(d.rel)
		if d.bundle {
			dir, stem = path.Dir(dir), path.Base(dir)
		}
		if s := text(d.meta["slug"]); s != "" {
			stem = s
		}
		lang := ""
		if d.lang != "" {
			// Hugo serves a translation, foo.es.md, at /es/…/foo/.
			stem, lang = strings.TrimSuffix(stem, "."+d.lang), "/"+d.lang
		}
		p := path.Clean(lang+"/"+dir+"/"+stem) + "/"
		if !c.cfg.keepCase {
			p = strings.ToLower(p) // as Hugo writes its addresses
		}
		return p
	case Jekyll:
		if !d.post || !d.hasDate {
			return ""
		}
		_, title, _, _ := splitFileNameDate(stem, c.cfg.loc)
		pattern := text(c.cfg.params["permalink"])
		if cols, ok := c.cfg.params["collections"].(map[string]any); ok {
			// A permalink for the posts collection wins over the site's.
			if posts, ok := cols["posts"].(map[string]any); ok && text(posts["permalink"]) != "" {
				pattern = text(posts["permalink"])
			}
		}
		switch pattern {
		case "", "date":
			pattern = "/:categories/:year/:month/:day/:title:output_ext"
		case "pretty":
			pattern = "/:categories/:year/:month/:day/:title/"
		case "ordinal":
			pattern = "/:categories/:year/:y_day/:title:output_ext"
		case "none":
			pattern = "/:categories/:title:output_ext"
		}
		if strings.Contains(pattern, ":y_day") || strings.Contains(pattern, ":i_") {
			return ""
		}
		var cats []string
		for _, k := range []string{"categories", "category"} {
			for _, cat := range list(d.meta[k], " ") {
				cats = append(cats, strings.ToLower(strings.ReplaceAll(cat, " ", "-")))
			}
		}
		t := d.fileDate.t
		r := strings.NewReplacer(":categories", strings.Join(cats, "/"), ":year", t.Format("2006"), ":month", t.Format("01"), ":day", t.Format("02"),
			":title", title, ":slug", title, ":output_ext", ".html")
		p := r.Replace(pattern)
		for strings.Contains(p, "//") {
			p = strings.ReplaceAll(p, "//", "/")
		}
		return p
	}
	return ""
}
