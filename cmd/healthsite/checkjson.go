package main

import (
	"cmp"
	"encoding/json"
	"io"
	"math"
	"time"

	"healthsite/internal/article"
)

// checkDocument is what check -format json writes: the problems that the
// text report lists, one object each, for an editor's plugin or a CI
// step that annotates the lines. Its field names are an interface:
// add fields, never rename them.
type checkDocument struct {
	Content   string          `json:"content"` // the folder checked, as the first line of text names it
	Files     int             `json:"files"`
	Errors    int             `json:"errors"`
	Warnings  int             `json:"warnings"`
	Problems  []jsonProblem   `json:"problems"`
	Scheduled []jsonScheduled `json:"scheduled,omitempty"`
	Articles  []jsonArticle   `json:"articles,omitempty"` // how hard each article that loads is to read
	Reviews   []jsonReview    `json:"reviews,omitempty"`  // check -reviews only
	Overdue   *int            `json:"overdue,omitempty"`  // check -reviews only
}

// jsonProblem is one article.Error. Line and column are 1-based, 0 when
// the problem is the whole file's; the message is the text report's,
// its fix in parentheses at the end.
type jsonProblem struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"` // "error" or "warning"
	Message  string `json:"message"`
	Text     string `json:"text,omitempty"` // the line of the file the problem is on
}

// jsonScheduled is an article dated in the future: not a problem, but
// readers will not see it until then.
type jsonScheduled struct {
	Path     string    `json:"path"`
	Title    string    `json:"title"`
	GoesLive time.Time `json:"goes_live"`
}

// jsonArticle is an article's readability. Grade, reading age and
// formula are absent for a language without a formula.
type jsonArticle struct {
	Path       string   `json:"path"`
	Slug       string   `json:"slug"`
	Language   string   `json:"language"`
	Words      int      `json:"words"`
	Sentences  int      `json:"sentences"`
	Grade      *float64 `json:"grade,omitempty"`
	ReadingAge *float64 `json:"reading_age,omitempty"`
	Formula    string   `json:"formula,omitempty"`
}

// jsonReview is one row of check -reviews.
type jsonReview struct {
	Path       string `json:"path"`
	Title      string `json:"title"`
	Status     string `json:"status"` // "not reviewed", "due" or "overdue"
	ReviewedBy string `json:"reviewed_by,omitempty"`
	Reviewed   string `json:"reviewed,omitempty"`    // 2006-01-02
	NextReview string `json:"next_review,omitempty"` // 2006-01-02
}

// writeCheckJSON writes check's report as one JSON document.
func writeCheckJSON(w io.Writer, content string, r *article.Report, scheduled []*article.Article) error {
	doc := checkDocument{
		Content:  content,
		Files:    r.Files,
		Errors:   r.Count(article.SeverityError),
		Warnings: r.Count(article.SeverityWarning),
		Problems: jsonProblems(r.Problems),
	}
	for _, a := range scheduled {
		doc.Scheduled = append(doc.Scheduled, jsonScheduled{Path: a.Path, Title: a.Title, GoesLive: a.Date})
	}
	for _, a := range r.Articles {
		g := a.Reading
		j := jsonArticle{Path: a.Path, Slug: a.Slug, Language: cmp.Or(a.Lang, r.Settings.Language), Words: g.Words, Sentences: g.Sentences}
		if g.Graded {
			grade, age := math.Round(g.Grade*10)/10, math.Round(g.ReadingAge*10)/10
			j.Grade, j.ReadingAge, j.Formula = &grade, &age, g.Formula
		}
		doc.Articles = append(doc.Articles, j)
	}
	return writeJSON(w, doc)
}

// writeReviewsJSON writes check -reviews as one JSON document, its
// articles in the order of the text table.
func writeReviewsJSON(w io.Writer, content string, arts []*article.Article, now time.Time) error {
	doc := checkDocument{Content: content, Files: len(arts), Problems: []jsonProblem{}, Overdue: new(int)}
	for _, a := range arts {
		row := jsonReview{Path: a.Path, Title: a.Title, Status: "not reviewed"}
		if a.ReviewedBy != "" {
			row.Status, row.ReviewedBy = "due", a.ReviewedBy
			row.Reviewed, row.NextReview = a.Reviewed.Format(time.DateOnly), a.NextReview.Format(time.DateOnly)
			if now.After(a.NextReview) {
				row.Status = "overdue"
				*doc.Overdue++
			}
		}
		doc.Reviews = append(doc.Reviews, row)
	}
	return writeJSON(w, doc)
}

// jsonProblems converts problems, never to nil: a clean check has
// "problems": [].
func jsonProblems(problems []*article.Error) []jsonProblem {
	out := make([]jsonProblem, 0, len(problems))
	for _, e := range problems {
		out = append(out, jsonProblem{Path: e.Path, Line: e.Line, Column: e.Col, Severity: e.Severity.String(), Message: e.Message, Text: e.Text})
	}
	return out
}

func writeJSON(w io.Writer, doc checkDocument) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
