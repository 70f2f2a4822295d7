package article

import (
	_ "embed"
	"errors"
	"io/fs"
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// SynonymsFile is the file in the content folder where editors add the
// words and abbreviations search should treat as the same, per
// language: en: {DVT: [deep vein thrombosis], physio: [physiotherapy]}.
const SynonymsFile = "synonyms.yaml"

// MaxSynonymWords is the most words a synonym may have: search looks
// for phrases up to this long in a query.
const MaxSynonymWords = 4

// defaultSynonyms are the medical synonyms and abbreviations every site
// gets; content/synonyms.yaml adds to them.
//
//go:embed synonyms.yaml
var defaultSynonyms []byte

// Synonyms are groups of words that mean the same to a reader, per
// language: language tag → word → its synonyms.
type Synonyms map[string]map[string][]string

// For returns the groups of the language tag lang: those written for
// it and for its base language ("en" for "en-GB").
func (s Synonyms) For(lang string) map[string][]string {
	out := map[string][]string{}
	base, _, _ := strings.Cut(lang, "-")
	for _, tag := range []string{base, lang} {
		for k, tagged := range s {
			if !strings.EqualFold(k, tag) {
				continue
			}
			for word, syns := range tagged {
				for _, w := range syns {
					if !slices.Contains(out[word], w) {
						out[word] = append(out[word], w)
					}
				}
			}
		}
		if strings.EqualFold(base, lang) {
			break
		}
	}
	return out
}

// loadSynonyms returns the built-in synonyms with those of
// synonyms.yaml in fsys added, and the file's problems. A file with
// errors adds nothing, so that search keeps working as before.
func loadSynonyms(fsys fs.FS, root string) (Synonyms, bool, []*Error) {
	builtIn, problems := parseSynonyms(defaultSynonyms, "synonyms.yaml (built in)")
	if len(problems) > 0 {
		panic("the built-in synonyms do not parse: " + problems[0].Error()) // fixed at build time; a test reads them
	}
	added, present, ok, problems := readWordsFile(fsys, root, SynonymsFile, parseSynonyms)
	if !ok {
		return builtIn, present, problems
	}
	for lang, words := range added {
		if builtIn[lang] == nil {
			builtIn[lang] = map[string][]string{}
		}
		for w, syns := range words {
			for _, s := range syns {
				if !slices.Contains(builtIn[lang][w], s) {
					builtIn[lang][w] = append(builtIn[lang][w], s)
				}
			}
		}
	}
	return builtIn, true, problems
}

// isLanguage says whether tag names a language by its two-letter code,
// as site.yaml's language does: "en", "en-GB", not "DVT" or "GP".
func isLanguage(tag string) bool {
	t, err := language.Parse(tag)
	if err != nil {
		return false
	}
	base, _ := t.Base()
	return len(base.String()) == 2 && strings.EqualFold(base.String(), tag[:min(2, len(tag))])
}

// parseSynonyms reads a synonyms file, placing each problem at its line
// and column.
func parseSynonyms(src []byte, path string) (Synonyms, []*Error) {
	p := &problems{path: path}
	out := Synonyms{}
	src, ok := cleanSource(src, p)
	if !ok {
		return out, p.list
	}
	n, err := decode(block{format: formatYAML, data: src}, 1)
	if err != nil {
		reportDecodeError(p, err)
		return out, p.list
	}
	const example = "en:\n  DVT: [deep vein thrombosis]\n  physio: [physiotherapy, physiotherapist]"
	languageSections(p, n, languageFile{
		listed:      "synonyms must be listed under a language, one word a line with its synonyms in brackets",
		notLanguage: "then the words under it, indented by two spaces)",
		section:     "write one word a line with its synonyms in brackets",
		example:     example,
	}, func(lang string, lf *field) {
		words := map[string][]string{}
		seen := map[string]int{}
		for _, f := range lf.value.fields {
			word := strings.TrimSpace(f.key)
			if prev, ok := seen[strings.ToLower(word)]; ok {
				p.errorf(f.line, f.col, "%s is given twice, here and on line %d (put all its synonyms in one list)", word, prev)
				continue
			}
			seen[strings.ToLower(word)] = f.line
			syns, ok := listValue(p, f)
			if !ok {
				continue
			}
			if len(syns) == 0 {
				p.warnf(f.line, f.col, "%s has no synonyms, so it does nothing (write them in brackets after it, like %s: [first, second])", word, word)
				continue
			}
			for _, s := range append([]string{word}, syns...) {
				if len(strings.Fields(s)) > MaxSynonymWords {
					p.warnf(f.line, f.col, "%q has more than %d words, so search does not look for it (use a shorter phrase)", s, MaxSynonymWords)
				}
			}
			words[word] = syns
		}
		out[lang] = words
	})
	return out, p.list
}

// readWordsFile reads and parses the optional file name of fsys, one
// of the files of words beside the articles (synonyms.yaml,
// plain-words.yaml). present says whether it is there; ok is false when
// it is absent or has errors, so that nothing of a broken file is used
// and the built-in words keep working until it is fixed.
func readWordsFile[T any](fsys fs.FS, root, name string, parse func([]byte, string) (T, []*Error)) (v T, present, ok bool, problems []*Error) {
	src, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return v, false, false, nil
	}
	path := displayPath(root, name)
	if err != nil {
		return v, true, false, []*Error{{Path: path, Severity: SeverityError, Message: "cannot read the file: " + unwrapPathError(err).Error() + " (check that it is a readable file)"}}
	}
	v, problems = parse(src, path)
	if slices.ContainsFunc(problems, func(e *Error) bool { return e.Severity == SeverityError }) {
		return v, true, false, problems
	}
	return v, true, true, problems
}

// languageFile says how a content file of words listed under their
// language (synonyms.yaml, plain-words.yaml) is written, for the
// messages of languageSections.
type languageFile struct {
	listed      string // what the file must be: "synonyms must be listed under a language, …"
	notLanguage string // the end of the message for a key that is no language
	section     string // what goes under a language: "write …"
	example     string // the file's form, shown after "like"
}

// languageSections calls each for every language of n, the top of such
// a file, whose value is a map, reporting at its place what is not: a
// file that is not a map of languages, a key that is no language, a
// language given twice, a language whose value is not a map. A
// language with nothing under it is skipped.
func languageSections(p *problems, n *node, lf languageFile, each func(lang string, f *field)) {
	if n.kind != kindMap {
		p.errorf(n.line, n.col, "%s, like\n%s", lf.listed, lf.example)
		return
	}
	seen := map[string]int{}
	for _, f := range n.fields {
		if !isLanguage(f.key) {
			p.errorf(f.line, f.col, "%q is not a language (list the words under their language: write en: on a line of its own first, %s", f.key, lf.notLanguage)
			continue
		}
		if prev, ok := seen[strings.ToLower(f.key)]; ok {
			p.errorf(f.line, f.col, "%s is given twice, here and on line %d (put all its words under one %s:)", f.key, prev, f.key)
			continue
		}
		seen[strings.ToLower(f.key)] = f.line
		if f.value.kind == kindNull {
			continue
		}
		if f.value.kind != kindMap {
			p.errorf(f.value.line, f.value.col, "under %s: %s, not %s, like\n%s", f.key, lf.section, f.value.kind, lf.example)
			continue
		}
		each(f.key, f)
	}
}
