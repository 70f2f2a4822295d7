package site

import (
	"strconv"
	"strings"
	"time"

	"healthsite/internal/article"
)

// Linked data (schema.org JSON-LD) of the pages, as typed values:
// templ's JSONScript marshals them with <, > and & escaped, so that no
// text from front matter can end the script element.

type ldWebSite struct {
	Context         string          `json:"@context"`
	Type            string          `json:"@type"`
	Name            string          `json:"name"`
	URL             string          `json:"url"`
	Description     string          `json:"description,omitempty"`
	InLanguage      string          `json:"inLanguage,omitempty"`
	PotentialAction *ldSearchAction `json:"potentialAction,omitempty"`
}

type ldSearchAction struct {
	Type       string       `json:"@type"`
	Target     ldEntryPoint `json:"target"`
	QueryInput string       `json:"query-input"`
}

type ldEntryPoint struct {
	Type        string `json:"@type"`
	URLTemplate string `json:"urlTemplate"`
}

type ldArticle struct {
	Context          string         `json:"@context"`
	Type             string         `json:"@type"`
	Headline         string         `json:"headline"`
	Description      string         `json:"description,omitempty"`
	URL              string         `json:"url"`
	MainEntityOfPage string         `json:"mainEntityOfPage"`
	Author           []ldPerson     `json:"author"`
	DatePublished    string         `json:"datePublished"`
	DateModified     string         `json:"dateModified"`
	Publisher        ldOrganization `json:"publisher"`
	Image            []string       `json:"image,omitempty"`
	InLanguage       string         `json:"inLanguage,omitempty"`
	// The original a translation translates, and an original's
	// translations.
	TranslationOfWork *ldWork      `json:"translationOfWork,omitempty"`
	WorkTranslation   []ldWork     `json:"workTranslation,omitempty"`
	Keywords          []string     `json:"keywords,omitempty"`
	WordCount         int          `json:"wordCount,omitempty"`
	LastReviewed      string       `json:"lastReviewed,omitempty"`
	ReviewedBy        *ldPerson    `json:"reviewedBy,omitempty"`
	Citation          []ldCitation `json:"citation,omitempty"`
	MedicalAudience   *ldAudience  `json:"medicalAudience,omitempty"`
}

type ldCitation struct {
	Type          string   `json:"@type"`
	Name          string   `json:"name"`
	URL           string   `json:"url"`
	Publisher     string   `json:"publisher,omitempty"`
	DatePublished string   `json:"datePublished,omitempty"`
	SameAs        []string `json:"sameAs,omitempty"`
}

type ldAudience struct {
	Type         string `json:"@type"`
	AudienceType string `json:"audienceType"`
}

type ldPerson struct {
	Type            string `json:"@type"`
	Name            string `json:"name"`
	URL             string `json:"url,omitempty"`
	HonorificSuffix string `json:"honorificSuffix,omitempty"` // credentials, from a profile
	JobTitle        string `json:"jobTitle,omitempty"`        // role, from a profile
	Description     string `json:"description,omitempty"`     // bio, on the person's own page
	Image           string `json:"image,omitempty"`
}

type ldOrganization struct {
	Type string  `json:"@type"`
	Name string  `json:"name"`
	URL  string  `json:"url"`
	Logo *ldLogo `json:"logo,omitempty"`
}

type ldLogo struct {
	Type string `json:"@type"`
	URL  string `json:"url"`
}

// website is the home page's linked data: the site, and how to search it.
func (b *builder) website() *ldWebSite {
	return &ldWebSite{
		Context:     "https://schema.org",
		Type:        "WebSite",
		Name:        b.settings.Name,
		URL:         b.base + b.at(HomePath),
		Description: b.settings.Description,
		InLanguage:  b.settings.Language,
		PotentialAction: &ldSearchAction{
			Type:       "SearchAction",
			Target:     ldEntryPoint{Type: "EntryPoint", URLTemplate: searchTemplate(b.base, b.searchAction)},
			QueryInput: "required name=search_term_string",
		},
	}
}

// publisher is the site as the publisher of its articles.
func (b *builder) publisher() ldOrganization {
	return ldOrganization{Type: "Organization", Name: b.settings.Name, URL: b.base + "/",
		Logo: &ldLogo{Type: "ImageObject", URL: b.base + b.assets.URL("favicon.svg")}}
}

// articleData is an article page's linked data: a MedicalWebPage, with
// the Article properties, its clinical review and its sources.
func (b *builder) articleData(a *article.Article) *ldArticle {
	url := b.base + b.articlePath(a.Slug)
	d := &ldArticle{
		Context:          "https://schema.org",
		Type:             "MedicalWebPage",
		Headline:         a.Title,
		Description:      a.Description,
		URL:              url,
		MainEntityOfPage: url,
		DatePublished:    a.Date.Format(time.RFC3339),
		DateModified:     a.Modified().Format(time.RFC3339),
		Publisher:        b.publisher(),
		InLanguage:       b.settings.Language,
		Keywords:         a.Tags,
		WordCount:        a.Words,
	}
	d.TranslationOfWork, d.WorkTranslation = b.translationData(a)
	for _, name := range a.Authors {
		d.Author = append(d.Author, b.person(name, b.lib.Profile(name), false))
	}
	if a.LeadImage != nil {
		d.Image = []string{b.base + a.LeadImage.URL}
	}
	d.MedicalAudience = &ldAudience{Type: "MedicalAudience", AudienceType: "Patient"}
	if a.ReviewedBy != "" {
		d.LastReviewed = a.Reviewed.Format("2006-01-02")
		d.ReviewedBy = &ldPerson{Type: "Person", Name: a.ReviewedBy}
		if r := b.lib.Reviewer(a.ReviewedBy); r != nil {
			p := b.person(r.Name, r, false)
			d.ReviewedBy = &p
		}
	}
	for _, s := range a.Sources {
		c := ldCitation{Type: "CreativeWork", Name: s.Title, URL: s.URL, Publisher: s.Publisher}
		if s.Year > 0 {
			c.DatePublished = strconv.Itoa(s.Year)
		}
		if s.DOI != "" {
			c.SameAs = append(c.SameAs, "https://doi.org/"+s.DOI)
		}
		if s.PMID != "" {
			c.SameAs = append(c.SameAs, "https://pubmed.ncbi.nlm.nih.gov/"+s.PMID+"/")
		}
		d.Citation = append(d.Citation, c)
	}
	return d
}

// searchTemplate is the URL template of the site's search: its own, or
// the server's that -search-url names.
func searchTemplate(base, action string) string {
	if strings.HasPrefix(action, "/") {
		action = base + action
	}
	return action + "?q={search_term_string}"
}
