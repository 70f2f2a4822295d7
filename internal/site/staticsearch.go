package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"healthsite/internal/article"
	"healthsite/internal/i18n"
	"healthsite/internal/search"
	"healthsite/templates"
)

// StaticSearchPrefix is where an exported site's search index lives.
// Its files are under a digest of their bytes, so, like the rest of
// /static/, they never change under their URL.
const StaticSearchPrefix = "/static/search/"

// snippetMark stands for the snippet in a prerendered result card.
const snippetMark = "@@snippet@@"

// staticDoc is what the search script fetches for a result it shows:
// the card as the server renders it, cut where the snippet goes, and
// the text the snippet is cut from.
type staticDoc struct {
	Card    [2]string `json:"c"` // the card's HTML before and after the snippet
	Summary string    `json:"s"`
	Body    string    `json:"b"`
}

// staticIndex is the index file: the search package's index, and the
// URL of each document's file.
type staticIndex struct {
	*search.Static
	DocURLs []string `json:"u"`
}

// staticSearchPages adds the static search index of published, its
// documents' files, and the page whose script searches them.
func (b *builder) staticSearchPages(published []*article.Article, synonyms map[string][]string) {
	st, err := b.staticIndex(published, synonyms)
	if err != nil {
		b.fail(err)
		return
	}
	// The index numbers documents in its rank order: newest first,
	// then by slug.
	bySlug := map[string]*article.Article{}
	for _, a := range published {
		bySlug[a.Slug] = a
	}
	files := make([][]byte, len(st.Order))
	for n, slug := range st.Order {
		a := bySlug[slug]
		t := b.teasers[a.Slug]
		t.Snippet = []templates.Segment{{Text: snippetMark}}
		var buf bytes.Buffer
		if err := templates.SearchTeaser(b.tr, t).Render(context.Background(), &buf); err != nil {
			b.fail(err)
			return
		}
		before, after, ok := strings.Cut(buf.String(), snippetMark)
		if !ok {
			b.fail(fmt.Errorf("the search result card of %s lost its snippet", a.Slug))
			return
		}
		body, err := json.Marshal(staticDoc{Card: [2]string{before, after}, Summary: a.Summary, Body: a.Text})
		if err != nil {
			b.fail(err)
			return
		}
		files[n] = body
	}
	// Each document's file is named by a digest of its bytes, and the
	// index by a digest of its own, which lists the documents' names:
	// the index and the documents it points at always come from the
	// same build, and a redeploy after one article changed writes that
	// article's document and the index, not every document again.
	const ctype = "application/json; charset=utf-8"
	idx := staticIndex{Static: st, DocURLs: make([]string, len(files))}
	for n, f := range files {
		sum := sha256.Sum256(f)
		idx.DocURLs[n] = "d/" + hex.EncodeToString(sum[:8]) + ".json"
		doc := newPage(StaticSearchPrefix+idx.DocURLs[n], ctype, f, true)
		doc.gzipOnly = gzipOnly
		b.add(doc)
	}
	index, err := json.Marshal(idx)
	if err != nil {
		b.fail(err)
		return
	}
	sum := sha256.Sum256(index)
	indexURL := StaticSearchPrefix + hex.EncodeToString(sum[:6]) + ".json"
	b.add(newPage(indexURL, ctype, index, true))

	head := b.head(b.tr.Text("search"), "", "")
	head.NoIndex = true
	head.ScriptURL = b.assets.URL(SearchScript)
	head.Translations, _ = b.alternates(func(tag string) string { return b.lib.Settings().Prefix(tag) + SearchPath })
	b.site.staticSearch[b.prefix] = b.page("", templates.StaticSearch(templates.StaticSearchPage{
		Head: head, IndexURL: indexURL, TopicsURL: b.at(TagsPath), SearchURL: b.at(SearchPath), Texts: b.searchTexts(),
	}))
}

// gzipOnly is whether the search documents are compressed with gzip
// alone. A results page fetches ten of them, of 1.7 KB each gzipped on
// average at 1,000 generated articles, which brotli made 90 bytes (5%)
// smaller; but brotli costs five times gzip's time
// (BenchmarkCompressPage), and there is a document for every article:
// at 10,000 articles a third of the build's brotli time and of its
// files went to them.
const gzipOnly = true

// staticIndexJob is a language's static search index in the making.
type staticIndexJob struct {
	slugs []string      // of the articles it indexes, in order
	done  chan struct{} // closed once st and err are set
	st    *search.Static
	err   error
}

// startStaticIndexes starts making each language's static search index,
// for an export, while the pages are rendered: analysing every article
// is the most of an export's build after the pages, and needs nothing
// of them. Build waits for them all before it returns.
func (b *builder) startStaticIndexes() {
	if !b.opts.StaticSearch {
		return
	}
	b.indexes = map[string]*staticIndexJob{}
	for _, tag := range b.lib.Settings().Tags() {
		published := b.lib.PublishedIn(tag, b.now, b.dev)
		if b.dev {
			published = b.lib.ArticlesIn(tag)
		}
		j := &staticIndexJob{done: make(chan struct{})}
		for _, a := range published {
			j.slugs = append(j.slugs, a.Slug)
		}
		synonyms := b.lib.SynonymsIn(tag)
		b.indexes[tag] = j
		go func() {
			defer close(j.done)
			j.st, j.err = search.NewStatic(searchDocs(published), search.Options{Synonyms: synonyms, Language: tag, Analyses: b.opts.Analyses})
		}()
	}
}

// waitStaticIndexes waits until every index startStaticIndexes started
// is made.
func (b *builder) waitStaticIndexes() {
	for _, j := range b.indexes {
		<-j.done
	}
}

// staticIndex returns the static search index of published in b's
// language: the one started for it, if it has the same articles.
func (b *builder) staticIndex(published []*article.Article, synonyms map[string][]string) (*search.Static, error) {
	if j := b.indexes[b.lang]; j != nil && slices.EqualFunc(j.slugs, published, func(slug string, a *article.Article) bool { return slug == a.Slug }) {
		<-j.done
		return j.st, j.err
	}
	return search.NewStatic(searchDocs(published), search.Options{Synonyms: synonyms, Language: b.lang, Analyses: b.opts.Analyses})
}

// searchDocs are the search documents of articles.
func searchDocs(articles []*article.Article) []search.Doc {
	docs := make([]search.Doc, len(articles))
	for i, a := range articles {
		docs[i] = search.Doc{ID: a.Slug, Title: a.Title, Summary: a.Summary, Body: a.Text, Tags: a.Tags, Authors: a.Authors, Date: a.Date}
	}
	return docs
}

// SearchScript is the static asset that searches an exported site.
const SearchScript = "search.js"

// fail records the first error of the build.
func (b *builder) fail(err error) {
	if b.err == nil {
		b.err = err
	}
}

// searchTexts are the interface texts that static/search.js writes into
// the exported search page, as JSON for the page's data-text. {name}
// marks a place the script fills (the query, a count, a link), and
// found has a text for each plural category the language uses, for the
// script to pick with the browser's Intl.PluralRules.
func (b *builder) searchTexts() string {
	t := b.tr
	link := i18n.Data{"Link": "{link}"}
	texts := struct {
		Search     string            `json:"search"`
		Title      string            `json:"title"`
		Results    string            `json:"results"`
		Searching  string            `json:"searching"`
		Failed     string            `json:"failed"`
		Found      map[string]string `json:"found"`
		Showing    string            `json:"showing"`
		DidYouMean string            `json:"didYouMean"`
		Including  string            `json:"including"`
		NoResults  string            `json:"noResults"`
		EveryTopic string            `json:"everyTopic"`
		Pages      string            `json:"pages"`
		Newer      string            `json:"newer"`
		Older      string            `json:"older"`
		PageOf     string            `json:"pageOf"`
	}{
		Search:     t.Text("search"),
		Title:      t.Format("search_title", i18n.Data{"Query": "{q}"}),
		Results:    t.Text("search_results"),
		Searching:  t.Text("searching"),
		Failed:     t.Format("search_failed", link),
		Found:      t.Forms("search_found", i18n.Data{"Count": "{n}", "Query": "{q}"}),
		Showing:    t.Format("search_showing", link),
		DidYouMean: t.Format("search_did_you_mean", link),
		Including:  t.Format("search_including", i18n.Data{"Words": "{words}"}),
		NoResults:  t.Format("no_results", link),
		EveryTopic: t.Text("every_topic"),
		Pages:      t.Text("pages_nav"),
		Newer:      t.Text("newer"),
		Older:      t.Text("older"),
		PageOf:     t.Format("page_of", i18n.Data{"Page": "{page}", "Pages": "{pages}"}),
	}
	out, err := json.Marshal(texts)
	if err != nil {
		b.fail(fmt.Errorf("the search page's texts: %w", err))
	}
	return string(out)
}
