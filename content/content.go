// Package content holds the articles the site ships with and its
// settings, embedded in the binary so that it runs anywhere.
package content

import "embed"

// FS holds site.yaml and every article. Names starting with a dot or an
// underscore are left out by embed and skipped by the loader alike.
//
//go:embed site.yaml *.md
var FS embed.FS
