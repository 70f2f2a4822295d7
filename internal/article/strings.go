package article

import (
	"strings"

	"healthsite/internal/i18n"
	"healthsite/internal/markdown"
)

// checkStrings checks the interface texts of site.yaml against the
// catalogues: those of the main language (strings:) and those of each
// further language (languages: → tag → strings:). A key that names no
// text is an error at the key; a language without built-in texts is a
// warning at its tag naming those it still shows in English.
func checkStrings(p *problems, s Settings, fields []*field) {
	top := fieldNamed(fields, "language")
	var at *node
	if top != nil {
		at = top.value
	}
	checkLanguageStrings(p, s.Language, s.Strings, mapOf(fieldNamed(fields, "strings")), at)
	langs := fieldNamed(fields, "languages")
	for _, l := range s.Languages {
		entry := fieldNamed(groupFields(mapOf(langs)), l.Tag)
		var entryAt *node
		if entry != nil {
			entryAt = &node{line: entry.line, col: entry.col}
		}
		checkLanguageStrings(p, l.Tag, l.Strings, mapOf(fieldNamed(groupFields(mapOf(entry)), "strings")), entryAt)
	}
}

// checkLanguageStrings checks the strings strs of the language tag,
// written in the group of fields written (or nil); at is where the
// language is named, for the warning about texts still in English.
func checkLanguageStrings(p *problems, tag string, strs map[string]string, written *node, at *node) {
	l, problems := i18n.New(tag, strs)
	for _, pr := range problems {
		line, col := 0, 0
		if f := fieldNamed(groupFields(written), pr.Key); f != nil {
			line, col = f.line, f.col
		}
		p.errorf(line, col, "strings: %s", pr.Message)
	}
	missing := l.Missing()
	if l.Builtin() || len(missing) == 0 {
		return
	}
	line, col := 0, 0
	if at != nil {
		line, col = at.line, at.col
	}
	p.warnf(line, col, "language %s has no built-in interface texts (those built in: %s), so %d still show in English: %s (write each under strings: in site.yaml, e.g. strings: then   %s: …; the README lists them with their English text)",
		tag, strings.Join(i18n.Builtin(), ", "), len(missing), strings.Join(missing, ", "), missing[0])
}

// fieldNamed is the field key of fields, or nil.
func fieldNamed(fields []*field, key string) *field {
	for _, f := range fields {
		if strings.EqualFold(f.key, key) {
			return f
		}
	}
	return nil
}

// mapOf is the group of fields f holds, or nil.
func mapOf(f *field) *node {
	if f == nil || f.value == nil || f.value.kind != kindMap {
		return nil
	}
	return f.value
}

// groupFields are the fields of the group n, none for nil.
func groupFields(n *node) []*field {
	if n == nil {
		return nil
	}
	return n.fields
}

// calloutLabels are the titles of callouts in each of the site's
// languages, by language tag and then type (note, tip…): what a
// > [!NOTE] shows in an article of that language.
func calloutLabels(s Settings) map[string]map[string]string {
	out := map[string]map[string]string{}
	add := func(tag string, strs map[string]string) {
		l, _ := i18n.New(tag, strs)
		labels := map[string]string{}
		for _, t := range markdown.CalloutTypes() {
			t = strings.ToLower(t)
			labels[t] = l.Text("callout_" + t)
		}
		out[tag] = labels
	}
	add(s.Language, s.Strings)
	for _, lang := range s.Languages {
		add(lang.Tag, lang.Strings)
	}
	return out
}

// renderOptions are the Markdown options of the file at file (a path
// in the content folder): its images, and the callout titles of its
// language.
func (l *loader) renderOptions(file string) markdown.Options {
	o := l.imageOptions(file)
	tag, _ := l.settings.splitLanguage(file)
	o.CalloutLabels = l.callouts[tag]
	return o
}
