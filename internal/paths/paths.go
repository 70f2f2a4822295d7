// Package paths is the site's URL scheme in one place: the paths of the
// pages every site has, and the roots that pages with names go under.
// internal/site builds the pages at them (its page kinds name these
// patterns), internal/server serves them, and internal/article checks
// links in the content against them, so that a link, a page and a
// route cannot disagree. It imports nothing of the project.
package paths

import "strings"

// The pages every site has, whatever its content, and the roots of the
// pages named by their content.
const (
	Home     = "/"            // the index, the first page of the list of every article
	Articles = "/articles/"   // an article is at /articles/{slug}/
	Tags     = "/tags/"       // the topics A–Z; a topic is at /tags/{tag}/
	Authors  = "/authors/"    // every author; an author at /authors/{author}/
	Search   = "/search"      // search results, made per request by the server
	Feed     = "/feed.xml"    // RSS 2.0
	Atom     = "/atom.xml"    // Atom 1.0
	JSONFeed = "/feed.json"   // JSON Feed 1.1
	Sitemap  = "/sitemap.xml" // every published page, for search engines
	Robots   = "/robots.txt"  // names the sitemap
	Health   = "/healthz"     // liveness, answered by the server
	Static   = "/static/"     // fingerprinted assets and images
)

// Paged is the segment of a list's later pages: page n of the list at
// root is at root + Paged + n + "/", as /page/2/ or /tags/knee/page/3/.
const Paged = "page/"

// Roots returns every path above but Home, and /page/: the pages every
// site has and the roots of the pages named by their content. Their
// first segments are the site's own, which no standalone page may take
// (article.ReservedPageNames), so a root added here is reserved too.
func Roots() []string {
	return []string{Articles, Tags, Authors, Search, Feed, Atom, JSONFeed, Sitemap, Robots, Health, Static, Home + Paged}
}

// Fixed returns the paths every site has, whatever its content.
func Fixed() []string {
	return []string{Home, Tags, Authors, Search, Feed, Atom, JSONFeed, Sitemap, Robots, Health}
}

// Language is the start of the paths of a further language's pages,
// /<tag> in lower case: /es, /pt-br. The main language's pages have no
// prefix.
func Language(tag string) string { return "/" + strings.ToLower(tag) }

// Served returns the paths the server answers itself, which are not
// pages of a built site: search results are made per request, and the
// health check is the server's own.
func Served() []string { return []string{Search, Health} }
