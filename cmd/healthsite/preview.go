package main

import (
	"sync"
	"time"

	"healthsite/internal/article"
)

// preview loads the content for the development preview, where an
// unfinished file must not hide the rest: it remembers the last good
// version of the content, so that a file with errors keeps showing as
// it last was everywhere but at its own address (see article.LoadPartial).
type preview struct {
	dir     string               // the content folder
	renders *article.RenderGuard // slow texts, remembered from one load to the next

	mu   sync.Mutex
	last *article.Library // the last version without errors that concern the whole site
}

// load loads the content as it is now and passes each of its problems,
// errors and warnings alike, to report.
func (p *preview) load(now time.Time, report func(*article.Error)) (*article.Library, *article.Problems, error) {
	src, err := contentChoice{Dir: p.dir}.open()
	if err != nil {
		return nil, nil, err
	}
	defer src.close()
	p.mu.Lock()
	defer p.mu.Unlock()
	opts := src.options(now)
	opts.Renders, opts.Plain, opts.Marks = p.renders, true, true
	lib, problems := article.LoadPartial(src.fsys, opts, p.last)
	if problems == nil || len(problems.Site) == 0 {
		p.last = lib
	}
	if problems == nil {
		for _, e := range lib.Warnings() {
			report(e)
		}
		return lib, nil, nil
	}
	for _, e := range problems.Site {
		report(e)
	}
	for _, f := range problems.Files {
		for _, e := range f.Problems {
			report(e)
		}
	}
	// Not lib.Warnings: when problems are Stale, lib is the last good
	// version, whose warnings may be fixed by now.
	for _, e := range problems.Warnings {
		report(e)
	}
	return lib, problems, nil
}
