package importer

import (
	"net/url"
	"regexp"
	"strings"
)

// Jekyll's Liquid: output tags {{ expr }} and tags {% name args %}.

// liquidTag is one {% name args %}, with the trim marks Liquid allows.
var liquidTag = regexp.MustCompile(`^\{%-?\s*(\w+)\s*(.*?)\s*-?%\}`)

// output converts a Liquid output tag {{ expr }}.
func (b *body) output(expr string, j int, text string) string {
	parts := strings.Split(expr, "|")
	head := strings.TrimSpace(parts[0])
	var filters []string
	for _, f := range parts[1:] {
		name, _, _ := strings.Cut(strings.TrimSpace(f), ":")
		filters = append(filters, strings.TrimSpace(name))
	}
	switch {
	case head == "site.baseurl" || head == "site.url" || head == "site.github.url" || head == ".Site.BaseURL" || head == "absURL" || head == "relURL":
		return ""
	case len(head) >= 2 && (head[0] == '"' || head[0] == '\''):
		// A literal, such as "/assets/a.png" | relative_url.
		return strings.Trim(head, `"'`)
	case strings.HasPrefix(head, "page."):
		if v := lookup(b.d.meta, strings.TrimPrefix(head, "page.")); v != "" {
			return v
		}
	case strings.HasPrefix(head, "site."):
		if v := lookup(b.c.cfg.params, strings.TrimPrefix(head, "site.")); v != "" {
			return v
		}
	case strings.HasPrefix(head, ".Site.Params.") || strings.HasPrefix(head, ".Params."):
		name := strings.ToLower(head[strings.LastIndex(head, "Params.")+7:])
		if v := cmpOr(lookup(b.d.meta, name), lookup(b.c.cfg.params, name)); v != "" {
			return v
		}
	case head == ".Title" || head == "page.title":
		return text2(b.d.meta["title"])
	}
	_ = filters
	b.note(j, text, "the template value {{ %s }} cannot be worked out here, and is removed", expr)
	return ""
}

// liquid converts a Liquid tag {% name args %} at text[j:], of length n.
func (b *body) liquid(name, args string, n, j int, text string) (int, string) {
	rest := text[j+n:]
	block := func(end string) (inner string, taken int, ok bool) {
		re := regexp.MustCompile(`\{%-?\s*` + end + `\s*-?%\}`)
		loc := re.FindStringIndex(rest)
		if loc == nil {
			return "", n, false
		}
		return rest[:loc[0]], n + loc[1], true
	}
	switch name {
	case "raw":
		inner, taken, ok := block("endraw")
		if !ok {
			b.note(j, text, "{%% raw %%} has no {%% endraw %%}; the rest of the text is kept as it is")
			return len(text) - j, b.raw.keep(rest)
		}
		return taken, b.raw.keep(inner)
	case "comment":
		_, taken, _ := block("endcomment")
		return taken, ""
	case "highlight":
		inner, taken, ok := block("endhighlight")
		if !ok {
			break
		}
		lang, _, _ := strings.Cut(args, " ")
		sub := &body{c: b.c, d: b.d, raw: b.raw, line: b.line + strings.Count(text[:j], "\n")}
		return taken, "\n```" + lang + "\n" + strings.Trim(sub.templates(inner), "\n") + "\n```\n"
	case "link":
		target := strings.Trim(strings.TrimSpace(args), `"'`)
		addr, ok := b.c.refAddress(target, b.d)
		if !ok {
			b.note(j, text, "{%% link %s %%} names no file that was imported, so the link leads to the home page (correct it)", target)
		}
		return n, addr
	case "post_url":
		target := strings.Trim(strings.TrimSpace(args), `"'`)
		addr, ok := b.c.refAddress("_posts/"+target, b.d)
		if !ok {
			addr, ok = b.c.refAddress(target, b.d)
		}
		if !ok {
			b.note(j, text, "{%% post_url %s %%} names no post that was imported, so the link leads to the home page (correct it)", target)
		}
		return n, addr
	case "include", "include_relative":
		return n, b.include(args, j, text)
	case "capture":
		_, taken, _ := block("endcapture")
		b.note(j, text, "the Liquid {%% capture %%} block is removed")
		return taken, ""
	case "endif", "endunless", "endfor", "endcase", "else", "elsif", "when", "endcapture", "endraw", "endhighlight", "endcomment":
		return n, ""
	}
	b.note(j, text, "the Liquid tag {%% %s %%} cannot be carried, and is removed (what it showed, if anything, is lost: write it in Markdown)", strings.TrimSpace(name+" "+args))
	return n, ""
}

// include converts {% include name params %}: a picture or a video, or
// else nothing, noted.
func (b *body) include(args string, j int, text string) string {
	file, params, _ := strings.Cut(strings.TrimSpace(args), " ")
	sc := parseShortcode("x "+params, false)
	lower := strings.ToLower(file)
	switch {
	case strings.Contains(lower, "youtube"):
		if id := cmpOr(sc.named["id"], sc.arg("", 0)); id != "" {
			return "[Watch the video on YouTube](https://www.youtube.com/watch?v=" + url.QueryEscape(id) + ")"
		}
	case strings.Contains(lower, "image") || strings.Contains(lower, "figure") || strings.Contains(lower, "img") || strings.Contains(lower, "picture"):
		src := cmpOr(sc.named["src"], sc.named["url"], sc.named["file"], sc.named["image"], sc.named["path"])
		if src != "" {
			alt := plainLine(cmpOr(sc.named["alt"], sc.named["description"], sc.named["caption"], sc.named["title"]))
			return "\n\n![" + escapeAlt(alt) + "](" + linkDest(strings.TrimPrefix(src, "{{ site.baseurl }}")) + ")\n\n"
		}
	}
	b.note(j, text, "{%% include %s %%} is part of the old site's templates, and is removed (write in Markdown what it showed)", strings.TrimSpace(args))
	return ""
}
