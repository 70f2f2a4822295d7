package templates

import (
	"strconv"
	"strings"
)

// ProblemsNotice is the development preview's note at the top of every
// page while some files have problems: each is named, with a link to
// where its problems are shown.
type ProblemsNotice struct {
	Files []Link // Name is the file's path, URL the page showing its problems
	// HeldBy names the files whose errors concern the whole site (such
	// as site.yaml), when they hold back every edit and the preview shows
	// the last good version of all of it; "" otherwise.
	HeldBy string
	// Others: the page shows the problems of one file, and the notice
	// names the other files.
	Others bool
}

// ProblemsPage is the development preview's report of problems: those
// of one file, at that file's address, or of the whole content.
type ProblemsPage struct {
	Head     Head
	Heading  string
	Intro    string // what the preview shows meanwhile
	Problems []Problem
}

// Problem is one problem as the problems page shows it.
type Problem struct {
	Path     string // file path as the editor knows it; "" when not in a file
	Line     int    // 1-based; 0 when the problem concerns the whole file
	Col      int    // 1-based; 0 when unknown
	Severity string // "error" or "warning"
	Message  string
	Quote    *Quote // the line, when known
}

// Quote is the source line of a problem, split at its column so that
// the page can mark the character there.
type Quote struct {
	Before, At, After string
	Pad               string // whitespace as wide as Before, for the caret under the column
}

// NewQuote splits line at the 1-based column col, counted in
// characters; col 0 marks nothing. A column past the end of the line
// (a value missing at its end) marks no character, and the caret stands
// at the column all the same.
func NewQuote(line string, col int) *Quote {
	if col <= 0 {
		return &Quote{Before: line}
	}
	r := []rune(line)
	i := min(col-1, len(r))
	q := &Quote{Before: string(r[:i])}
	if i < len(r) {
		q.At, q.After = string(r[i]), string(r[i+1:])
	}
	// Tabs stay tabs so that the caret lines up under tabbed text.
	var pad strings.Builder
	for _, c := range r[:i] {
		if c == '\t' {
			pad.WriteRune('\t')
		} else {
			pad.WriteRune(' ')
		}
	}
	pad.WriteString(strings.Repeat(" ", col-1-i))
	q.Pad = pad.String()
	return q
}

// Where says where a problem is, in words: "Line 4, column 7".
func (p Problem) Where() string {
	switch {
	case p.Line == 0:
		return "The whole file"
	case p.Col == 0:
		return "Line " + strconv.Itoa(p.Line)
	}
	return "Line " + strconv.Itoa(p.Line) + ", column " + strconv.Itoa(p.Col)
}

// SeverityLabel is the severity as a reader sees it: "Error".
func (p Problem) SeverityLabel() string {
	if p.Severity == "warning" {
		return "Warning"
	}
	return "Error"
}

// noticeText is the start of the problems notice: "1 file has
// problems", "3 files have problems", or "1 other file has problems"
// on the page of a file with problems.
func noticeText(n *ProblemsNotice) string {
	files := "file has"
	if len(n.Files) != 1 {
		files = "files have"
	}
	if n.Others {
		files = "other " + files
	}
	return strconv.Itoa(len(n.Files)) + " " + files + " problems:"
}

// noticeAfter is what follows the link to the i-th file's problems:
// the separator before the next file, or the end of the sentence and,
// when every edit is held back, what the preview shows meanwhile.
func noticeAfter(n *ProblemsNotice, i int) string {
	switch {
	case i < len(n.Files)-1:
		return "; "
	case n.HeldBy != "":
		return ". Edits to every file are held back until " + n.HeldBy + " is fixed: this preview shows the whole site as it last was without errors."
	}
	return "."
}
