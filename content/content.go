// Package content holds the articles the site ships with and its
// settings, embedded in the binary so that it runs anywhere.
package content

import "embed"

// FS holds site.yaml, every article and every image, in any folder.
// Names starting with a dot or an underscore are left out by embed and
// skipped by the loader alike; files that are neither articles nor
// images (such as this one) are ignored by the loader.
//
//go:embed *
var FS embed.FS
