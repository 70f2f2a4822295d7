// Package static holds the site's stylesheet, icons and scripts,
// embedded in the binary. Every file is served under a fingerprinted
// name, such as /static/style.3f2a9c1b.css, so that browsers and CDNs
// may cache it for a year: a changed file gets a new name.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"path"
	"slices"
	"strings"
	"sync"
)

//go:embed *.css *.svg *.js
var files embed.FS

// Prefix is the URL path under which assets are served.
const Prefix = "/static/"

// DevScript is the script that reloads the page when the content
// changes. Only development mode serves it or links to it.
const DevScript = "dev.js"

// Asset is one file.
type Asset struct {
	Name        string // file name, e.g. style.css
	URL         string // fingerprinted URL path, e.g. /static/style.3f2a9c1b.css
	ContentType string
	Body        []byte
}

// Set is a loaded set of assets. It is immutable.
type Set struct {
	assets []Asset
}

var embedded = sync.OnceValue(func() *Set {
	s, err := Load(files)
	if err != nil {
		panic(err) // the embedded folder is fixed at build time
	}
	return s
})

// Embedded returns the assets built into the program, loaded once.
func Embedded() *Set { return embedded() }

// Served reports whether a file named name at the top of the folder is
// served: Go files and names that start with a dot (editor swap files)
// are not. Load and the preview's watcher both go by it.
func Served(name string) bool {
	return !strings.HasSuffix(name, ".go") && !strings.HasPrefix(name, ".")
}

// Load reads every file at the top of fsys (the embedded folder, or the
// static/ folder on disk in development) that is Served; folders in it
// are not read.
func Load(fsys fs.FS) (*Set, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("reading static files: %w", err)
	}
	s := &Set{}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !Served(name) {
			continue
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("reading static file %s: %w", name, err)
		}
		sum := sha256.Sum256(body)
		ext := path.Ext(name)
		ctype := mime.TypeByExtension(ext)
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		s.assets = append(s.assets, Asset{
			Name:        name,
			URL:         Prefix + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext,
			ContentType: ctype,
			Body:        body,
		})
	}
	slices.SortFunc(s.assets, func(a, b Asset) int { return strings.Compare(a.Name, b.Name) })
	return s, nil
}

// All returns every asset, sorted by name. Do not modify it.
func (s *Set) All() []Asset { return s.assets }

// URL returns the fingerprinted URL of the named asset, or "" when
// there is none.
func (s *Set) URL(name string) string {
	for _, a := range s.assets {
		if a.Name == name {
			return a.URL
		}
	}
	return ""
}
