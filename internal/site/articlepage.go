package site

import (
	"fmt"
	"strings"

	"github.com/a-h/templ"

	"healthsite/internal/article"
	"healthsite/templates"
)

// article returns the page of a, to be rendered. It only reads the
// builder, so that articles can be made on several goroutines.
func (b *builder) article(a *article.Article) (string, templ.Component) {
	path := b.articlePath(a.Slug)
	t := b.teasers[a.Slug]
	p := templates.ArticlePage{
		Head:        b.head(a.Title, a.Description, path),
		Title:       a.Title,
		Authors:     t.Authors,
		Date:        a.Date,
		ReadingTime: a.ReadingTime(),
		Standfirst:  standfirst(a),
		Body:        a.HTML,
		Tags:        t.Tags,
		Draft:       a.Draft,
	}
	if a.Date.After(b.now) {
		p.Scheduled = a.Date
	}
	if b.dev {
		p.Plain = plainNote(a.Reading)
		for _, n := range a.Reading.Notes {
			v := templates.PlainNote{Where: fmt.Sprintf("Line %d, column %d", n.Line, n.Col), Message: n.Message}
			if n.ID != "" {
				v.URL = "#" + n.ID
			}
			p.PlainNotes = append(p.PlainNotes, v)
		}
	}
	if a.Updated.After(a.Date) {
		p.Updated = a.Updated
	}
	p.Disclaimer = b.settings.Disclaimer
	if p.Disclaimer == article.DefaultDisclaimer {
		// site.yaml gave none: the language's own.
		p.Disclaimer = b.tr.Text("disclaimer")
	}
	if a.ReviewedBy != "" {
		p.ReviewedBy, p.Reviewed, p.NextReview = a.ReviewedBy, a.Reviewed, a.NextReview
		if r := b.lib.Reviewer(a.ReviewedBy); r != nil {
			p.ReviewerURL = b.authorPath(r.Name)
		}
		p.Overdue = b.now.After(a.NextReview)
	}
	for _, src := range a.Sources {
		v := templates.Source{Title: src.Title, URL: src.URL, Publisher: src.Publisher, Year: src.Year, DOI: src.DOI, PMID: src.PMID}
		if src.DOI != "" {
			v.DOIURL = "https://doi.org/" + src.DOI
		}
		if src.PMID != "" {
			v.PMIDURL = "https://pubmed.ncbi.nlm.nih.gov/" + src.PMID + "/"
		}
		p.Sources = append(p.Sources, v)
	}
	if img := a.LeadImage; img != nil {
		p.Image = &templates.Picture{URL: img.URL, Alt: a.ImageAlt, Width: img.Width, Height: img.Height}
		p.Head.ImageURL, p.Head.ImageAlt = b.base+img.URL, a.ImageAlt
	}
	var sections []templates.Link
	for _, h := range a.Headings {
		if h.Level == 2 {
			sections = append(sections, templates.Link{Name: h.Text, URL: "#" + h.ID})
		}
	}
	if len(sections) >= ContentsMin {
		p.Contents = sections
	}
	for _, r := range b.related.related(a, RelatedCount) {
		p.Related = append(p.Related, b.teasers[r.Slug])
	}
	p.Head.Type = "article"
	p.Head.Published, p.Head.Modified, p.Head.Tags = a.Date, a.Modified(), a.Tags
	p.Head.LinkedData = b.articleData(a)
	p.Head.Translations, p.Head.Alternates = b.articleAlternates(a)
	return path, templates.Article(p)
}

// plainNote is the preview's note of how hard the article is to read,
// and how many places of it are marked; "" when it was not measured.
func plainNote(r article.Reading) string {
	if r.Words == 0 {
		return ""
	}
	var b strings.Builder
	switch {
	case !r.Graded:
		b.WriteString("No readability formula for this language.")
	case r.Grade > float64(r.Target):
		fmt.Fprintf(&b, "Reading grade %.1f (reading age %.0f, %s): above the site's target of grade %d.", r.Grade, r.ReadingAge, r.Formula, r.Target)
	default:
		fmt.Fprintf(&b, "Reading grade %.1f (reading age %.0f, %s): within the site's target of grade %d.", r.Grade, r.ReadingAge, r.Formula, r.Target)
	}
	switch len(r.Notes) {
	case 0:
		b.WriteString(" No sentence or word is marked.")
	case 1:
		b.WriteString(" 1 place is marked in the text: open “What to change” below, or point at the mark, to see what to change.")
	default:
		fmt.Fprintf(&b, " %d places are marked in the text: open “What to change” below, or point at a mark, to see what to change.", len(r.Notes))
	}
	return b.String()
}

// standfirst is the summary that leads an article's page, above the
// byline's details and the contents, so that a reader on a phone meets
// what the article is about on the first screen, as NHS and MedlinePlus
// pages open with what the reader most needs. A summary the loader took
// from the first paragraph (none was written) would only say it twice.
func standfirst(a *article.Article) string {
	if a.Summary == "" || strings.HasPrefix(strings.TrimSpace(a.Text), a.Summary) {
		return ""
	}
	return a.Summary
}

// teaser is a's card in lists, with links within its language.
func (b *builder) teaser(a *article.Article) templates.Teaser {
	t := templates.Teaser{
		Title:   a.Title,
		URL:     b.articlePath(a.Slug),
		Date:    a.Date,
		Summary: a.Summary,
		Draft:   a.Draft,
	}
	if a.ReviewedBy != "" {
		t.Reviewed = a.Reviewed
	}
	for _, name := range a.Authors {
		t.Authors = append(t.Authors, templates.Link{Name: name, URL: b.authorPath(name)})
	}
	for _, tag := range a.Tags {
		t.Tags = append(t.Tags, templates.Link{Name: tag, URL: b.tagPath(tag)})
	}
	return t
}
