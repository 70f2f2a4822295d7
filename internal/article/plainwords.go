package article

import (
	"io/fs"
	"maps"
	"slices"
	"strings"

	"healthsite/internal/readability"
)

// PlainWordsFile is the file in the content folder where editors
// change the medical jargon check warns of, per language: a term's
// plain words, a term of their own, a term switched off (off: the site's
// readers know it, or a glossary explains it), and the abbreviations
// their readers know without spelling out.
const PlainWordsFile = "plain-words.yaml"

// plainWordsExample is how the file is written, for messages.
const plainWordsExample = "en:\n  words:\n    hypertension: high blood pressure\n    physiotherapy: off\n  abbreviations: [GP, NHS]"

// plainLanguage is what plain-words.yaml says for one language.
type plainLanguage struct {
	words map[string]string // lowercase term → plain words; "" switches the term off
	known []string          // abbreviations readers know
}

// plainWordsFile is plain-words.yaml: language tag → what it says.
type plainWordsFile map[string]plainLanguage

// loadPlainWords reads plain-words.yaml in fsys, if there is one, and
// returns it with its problems; nothing of a file with errors is used,
// so that the checks work with the built-in lists alone until it is
// fixed.
func loadPlainWords(fsys fs.FS, root string) (plainWordsFile, bool, []*Error) {
	out, present, ok, problems := readWordsFile(fsys, root, PlainWordsFile, parsePlainWords)
	if !ok {
		return nil, present, problems
	}
	return out, present, problems
}

// parsePlainWords reads a plain-words file, placing each problem at its
// line and column.
func parsePlainWords(src []byte, path string) (plainWordsFile, []*Error) {
	p := &problems{path: path}
	out := plainWordsFile{}
	raw := src
	defer func() { quoteLines(raw, p.list) }()
	src, ok := cleanSource(src, p)
	if !ok {
		return out, p.list
	}
	n, err := decode(block{format: formatYAML, data: src}, 1)
	if err != nil {
		reportDecodeError(p, err)
		return out, p.list
	}
	if n.kind == kindNull {
		return out, p.list
	}
	languageSections(p, n, languageFile{
		listed:      "plain words must be listed under a language",
		notLanguage: "then words: under it, indented by two spaces), like\n" + plainWordsExample,
		section:     "write words: and abbreviations:",
		example:     plainWordsExample,
	}, func(lang string, lf *field) {
		var pl plainLanguage
		fields, _ := checkKeys(p, lf.value, []string{"words", "abbreviations"})
		for _, f := range fields {
			switch f.key {
			case "words":
				pl.words = readPlainTerms(p, lang, f)
			case "abbreviations":
				if l, ok := listValue(p, f); ok {
					pl.known = l
				}
			}
		}
		out[lang] = pl
	})
	return out, p.list
}

// readPlainTerms reads words: of one language, term: plain words.
func readPlainTerms(p *problems, lang string, f *field) map[string]string {
	v := f.value
	if v.kind == kindNull {
		return nil
	}
	if v.kind != kindMap {
		p.errorf(v.line, v.col, "words under %s must be one term a line with the plain words to write instead, not %s, like\n%s", lang, v.kind, plainWordsExample)
		return nil
	}
	out := map[string]string{}
	seen := map[string]int{}
	for _, tf := range v.fields {
		term := strings.ToLower(strings.TrimSpace(tf.key))
		if prev, ok := seen[term]; ok {
			p.errorf(tf.line, tf.col, "%s is given twice, here and on line %d (keep one of them)", tf.key, prev)
			continue
		}
		seen[term] = tf.line
		if len(readability.WordSpans(term)) == 0 {
			p.errorf(tf.line, tf.col, "%q is not a word (write the term, then a colon and the plain words)", tf.key)
			continue
		}
		plain, ok := textValue(p, tf)
		if !ok {
			continue
		}
		switch {
		case strings.EqualFold(plain, "off") || strings.EqualFold(plain, "false"):
			out[term] = ""
		case plain == "":
			p.errorf(tf.value.line, tf.value.col, "%s has no plain words (write the everyday words to use instead, like %s: high blood pressure, or %s: off so that it is never flagged)", tf.key, tf.key, tf.key)
		default:
			out[term] = plain
		}
	}
	return out
}

// plainCheckers makes the plain-language checker of each language of
// the site: the built-in jargon of the language, changed by what
// plain-words.yaml says for the language and for its base language
// (en for en-GB), and the abbreviations readers know.
func plainCheckers(s Settings, pw plainWordsFile) map[string]*readability.Checker {
	out := map[string]*readability.Checker{}
	for _, tag := range s.Tags() {
		words := readability.PlainWords(tag)
		if words == nil {
			words = map[string]string{}
		}
		known := readability.KnownAbbreviations(tag)
		b, _, _ := strings.Cut(tag, "-")
		for _, k := range slices.Sorted(maps.Keys(pw)) {
			if !strings.EqualFold(k, b) && !strings.EqualFold(k, tag) {
				continue
			}
			maps.Copy(words, pw[k].words)
			known = append(known, pw[k].known...)
		}
		out[tag] = readability.NewChecker(tag, words, known)
	}
	return out
}
