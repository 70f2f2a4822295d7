package article

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
)

// Severity tells whether a problem stops the content from loading.
type Severity int

const (
	// SeverityError stops the load: the content version is not published.
	SeverityError Severity = iota
	// SeverityWarning is reported, but the content still loads.
	SeverityWarning
)

func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// Error is one problem in one content file, placed at a line and column of
// the file itself (not of its front matter block), with a message written
// for an editor: what is wrong, then in parentheses how to fix it.
type Error struct {
	Path     string // file path as the editor knows it, e.g. content/neck-pain.md
	Line     int    // 1-based; 0 when the problem concerns the whole file
	Col      int    // 1-based; 0 when unknown
	Severity Severity
	Message  string
	// Text is the line at Line as the file had it when it was read, for
	// quoting it; "" when Line is 0. Error does not include it.
	Text string
}

// Error formats the problem as path:line:col: severity: message, the
// form compilers use, which editors and terminals can jump to.
func (e *Error) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %s: %s", e.Path, e.Severity, e.Message)
	case e.Col == 0:
		return fmt.Sprintf("%s:%d: %s: %s", e.Path, e.Line, e.Severity, e.Message)
	}
	return fmt.Sprintf("%s:%d:%d: %s: %s", e.Path, e.Line, e.Col, e.Severity, e.Message)
}

// Errors returns every *Error in err, which may be one joined by
// errors.Join, in the order they were reported.
func Errors(err error) []*Error {
	var out []*Error
	var walk func(error)
	walk = func(err error) {
		if err == nil {
			return
		}
		if e, ok := err.(*Error); ok {
			out = append(out, e)
			return
		}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		if e := (*Error)(nil); errors.As(err, &e) {
			out = append(out, e)
		}
	}
	walk(err)
	return out
}

// Flatten returns the errors joined in err by errors.Join, at any
// depth, or err alone: each problem of a failed load, content problems
// and others alike, one by one.
func Flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, Flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// sortErrors orders problems by path, then line, then column, which is
// the order an editor fixes them in.
func sortErrors(errs []*Error) {
	slices.SortStableFunc(errs, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
}

// problems collects the problems of one file.
type problems struct {
	path string
	list []*Error
}

func (p *problems) errorf(line, col int, format string, args ...any) {
	p.list = append(p.list, &Error{Path: p.path, Line: line, Col: col, Severity: SeverityError, Message: fmt.Sprintf(format, args...)})
}

func (p *problems) warnf(line, col int, format string, args ...any) {
	p.list = append(p.list, &Error{Path: p.path, Line: line, Col: col, Severity: SeverityWarning, Message: fmt.Sprintf(format, args...)})
}
