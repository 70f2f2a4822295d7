package templates

// StandalonePage is a page of the site about itself: About, Editorial
// policy, Contact, Privacy.
type StandalonePage struct {
	Head    Head
	Title   string
	Summary string // a line under the title, or ""
	Body    string // safe HTML rendered from Markdown
}
