package templates

// StandalonePage is a page of the site about itself: About, Editorial
// policy, Contact, Privacy.
type StandalonePage struct {
	Head    Head
	Title   string
	Summary string // a line under the title, or ""
	Body    string // safe HTML rendered from Markdown
}

// AuthorPage is the first page of an author's or reviewer's articles
// when a profile says who they are: name, credentials, role, photo and
// bio, then the articles they wrote and those they reviewed.
type AuthorPage struct {
	ListPage           // the articles they wrote; Heading names the list
	Name        string // the page's h1
	Credentials string
	Role        string
	Photo       *Picture // a portrait, or nil
	Bio         string   // safe HTML rendered from Markdown, or ""
	// Reviewed are the articles they reviewed, under ReviewedHeading.
	Reviewed        []Link
	ReviewedHeading string
}
