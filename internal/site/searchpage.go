package site

import (
	"bytes"
	"context"
	"fmt"
	"healthsite/internal/i18n"
	"healthsite/internal/search"
	"healthsite/templates"
	"net/url"
	"strconv"
	"strings"
)

// SearchPath returns the path of the search page of the language of
// path, the start of whose paths is prefix ("" for the main language,
// /es): /search or /es/search. ok is false for any other path.
func (s *Site) SearchPath(path string) (prefix string, ok bool) {
	prefix, ok = strings.CutSuffix(path, SearchPath)
	if !ok || s.searches[prefix] == nil && prefix != "" {
		return "", false
	}
	return prefix, true
}

// SearchPage renders page `page` of the results for query in the
// language whose paths start with prefix ("" for the main language,
// /es), searching only its articles, with its analyser: the one page
// made per request. An empty query shows the form alone. Until the
// index is built it waits for it, or for ctx.
func (c *Completion) SearchPage(ctx context.Context, prefix, query string, page int) ([]byte, error) {
	s := c.Site()
	ls := s.searches[prefix]
	if ls == nil {
		return nil, fmt.Errorf("the site has no language at %s/", prefix)
	}
	p := templates.SearchPage{}
	p.Head = ls.frame
	p.Head.Title = ls.frame.T.Text("search")
	p.Head.NoIndex = true // results pages are not for search engines
	p.Heading = ls.frame.T.Text("search")
	query = strings.TrimSpace(query)
	if query != "" {
		ix, err := c.searchIndex(ctx, prefix)
		if err != nil {
			return nil, err
		}
		res, err := ix.Search(query, page, PerPage)
		if err != nil {
			return nil, err
		}
		p.Query, p.Total = res.Query, res.Total
		p.Head.Query = res.Query
		p.Head.Title = ls.frame.T.Format("search_title", i18n.Data{"Query": res.Query})
		p.Heading = ls.frame.T.Text("search_results")
		p.Page, p.Pages = max(res.Page, 1), max(res.Pages, 1)
		p.TopicsURL = prefix + TagsPath
		if res.Suggestion != "" {
			p.Suggestion = res.Suggestion
			p.SuggestionURL = prefix + SearchPath + "?" + url.Values{"q": {res.Suggestion}}.Encode()
			p.Rewritten = res.Widened && res.Total > 0
		}
		p.Including = res.Including
		for _, r := range res.Results {
			t, ok := ls.teasers[r.ID]
			if !ok {
				continue
			}
			for _, seg := range r.Snippet {
				t.Snippet = append(t.Snippet, templates.Segment{Text: seg.Text, Mark: seg.Mark})
			}
			p.Teasers = append(p.Teasers, t)
		}
		link := func(n int) string {
			v := url.Values{"q": {res.Query}}
			if n > 1 {
				v.Set("page", strconv.Itoa(n))
			}
			return prefix + SearchPath + "?" + v.Encode()
		}
		if res.Page > 1 {
			p.PrevURL = link(res.Page - 1)
		}
		if res.Page < res.Pages {
			p.NextURL = link(res.Page + 1)
		}
	} else {
		p.Page, p.Pages = 1, 1
		p.Empty = ls.frame.T.Text("search_prompt")
	}
	var buf bytes.Buffer
	err := templates.Search(p).Render(context.Background(), &buf)
	return buf.Bytes(), err
}

// searchIndex waits until the search index is built, or ctx is done, and
// returns the index of the language at prefix, or why there is none.
func (c *Completion) searchIndex(ctx context.Context, prefix string) (*search.Index, error) {
	select {
	case <-c.indexed:
	default:
		select {
		case <-c.indexed:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if c.indexErr != nil {
		return nil, c.indexErr
	}
	return c.indexes[prefix], nil
}
