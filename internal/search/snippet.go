package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// snippet cuts about snippetWords whole words from the body around its
// best match (the window with the most distinct query words, then the
// most matches), or from the summary when the body has none, or the
// start of the summary (or body) when only the title, tags or authors
// matched.
func (ix *Index) snippet(t text, mk *marks) []Segment {
	if s := ix.cut(t.body, mk, false); s != nil {
		return s
	}
	if s := ix.cut(t.summary, mk, false); s != nil {
		return s
	}
	if strings.TrimFunc(t.summary, isSpace) != "" {
		return ix.cut(t.summary, mk, true)
	}
	return ix.cut(t.body, mk, true)
}

type span struct{ start, end int }

// match is a matched token: its bytes, the word it is in and which
// query term it is.
type match struct {
	span
	word int
	term string
}

// cut returns the best window of s with its matches marked, nil when
// nothing in s matches, unless lead, which takes the start of s unmarked.
func (ix *Index) cut(s string, mk *marks, lead bool) []Segment {
	if len(s) > maxSnippetText {
		s = s[:maxSnippetText]
		if i := strings.LastIndexFunc(s, isSpace); i > 0 {
			s = s[:i]
		}
	}
	words := wordSpans(s)
	if len(words) == 0 {
		return nil
	}
	if lead {
		return segments(s, words, 0, min(len(words), snippetWords), nil)
	}
	ms := ix.matches(s, words, mk)
	if len(ms) == 0 {
		return nil
	}
	start := bestWindow(ms, len(words))
	end := min(len(words), start+snippetWords)
	var in []span
	for _, m := range ms {
		if m.word >= start && m.word < end {
			in = append(in, m.span)
		}
	}
	return segments(s, words, start, end, in)
}

// wordSpans are the words of s, between spaces.
func wordSpans(s string) []span {
	var words []span
	start := -1
	for i, r := range s {
		if isSpace(r) {
			if start >= 0 {
				words = append(words, span{start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		words = append(words, span{start, len(s)})
	}
	return words
}

// matches are the tokens of s that mk marks, in order, each with the
// word of words it is in.
func (ix *Index) matches(s string, words []span, mk *marks) []match {
	var ms []match
	w := 0
	toks := ix.analyzer.Analyze([]byte(s))
	for i := 0; i < len(toks); i++ {
		n := mk.at(toks, i, s)
		if n == 0 {
			continue
		}
		term := phraseKey(toks[i : i+n])
		for _, tok := range toks[i : i+n] {
			for w < len(words)-1 && words[w].end <= tok.Start {
				w++
			}
			ms = append(ms, match{span{tok.Start, tok.End}, w, term})
		}
		i += n - 1
	}
	return ms
}

// bestWindow is the first word of the window of snippetWords words, of
// nwords, with the most distinct query terms, then the most matches. It
// slides a window anchored a few words before each match; both ends
// only move forward, so counting is linear in the matches.
func bestWindow(ms []match, nwords int) int {
	bestStart, bestDistinct, bestCount := 0, -1, -1
	count := map[string]int{}
	lo, hi, distinct := 0, 0, 0
	for i, m := range ms {
		if i > 0 && m.word == ms[i-1].word {
			continue
		}
		ws := max(0, m.word-snippetLead)
		ws = max(0, min(ws, nwords-snippetWords))
		we := min(nwords, ws+snippetWords)
		for ; hi < len(ms) && ms[hi].word < we; hi++ {
			if count[ms[hi].term]++; count[ms[hi].term] == 1 {
				distinct++
			}
		}
		for ; lo < hi && ms[lo].word < ws; lo++ {
			if count[ms[lo].term]--; count[ms[lo].term] == 0 {
				distinct--
			}
		}
		if distinct > bestDistinct || distinct == bestDistinct && hi-lo > bestCount {
			bestStart, bestDistinct, bestCount = ws, distinct, hi-lo
		}
	}
	return bestStart
}

// segments renders words[from:to] of s with the marked spans as their
// own segments, spaces collapsed and "…" where the text was cut.
func segments(s string, words []span, from, to int, marks []span) []Segment {
	var out []Segment
	plain := func(t string) {
		if t == "" {
			return
		}
		if n := len(out); n > 0 && !out[n-1].Mark {
			out[n-1].Text += t
			return
		}
		out = append(out, Segment{Text: t})
	}
	if from > 0 {
		plain("… ")
	}
	pos, end := words[from].start, words[to-1].end
	for _, m := range marks {
		plain(collapse(s, pos, m.start))
		out = append(out, Segment{Text: strings.ToValidUTF8(s[m.start:m.end], "\uFFFD"), Mark: true})
		pos = m.end
	}
	plain(collapse(s, pos, end))
	if to < len(words) {
		plain(" …")
	}
	return out
}

// collapse returns s[from:to] with every run of spaces and control
// characters as one space and invalid UTF-8 as U+FFFD, so a snippet is
// one clean line. A break between blocks (a blank line) after a word
// with no punctuation, as a heading ends, becomes " — ", so that a
// heading does not run into the paragraph under it.
func collapse(s string, from, to int) string {
	var b strings.Builder
	b.Grow(to - from)
	run := -1 // where the current run of spaces began
	sep := func(at int) {
		if strings.Count(s[run:at], "\n") >= 2 && endsBare(s[:run]) {
			b.WriteString(" — ")
		} else {
			b.WriteByte(' ')
		}
		run = -1
	}
	for i, r := range s[from:to] {
		if isSpace(r) {
			if run < 0 {
				run = from + i
			}
			continue
		}
		if run >= 0 {
			sep(from + i)
		}
		b.WriteRune(r) // invalid bytes come as utf8.RuneError, that is U+FFFD
	}
	if run >= 0 {
		sep(to)
	}
	return b.String()
}

// endsBare says whether s ends in a letter or a digit, perhaps then
// closing quotes or brackets: not in punctuation of its own, as a
// heading or a table cell ends and a sentence does not.
func endsBare(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, `”’"')]`))
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
