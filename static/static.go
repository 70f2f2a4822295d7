// Package static holds the site's stylesheet, icons and images, embedded
// in the binary. Every file is served under a fingerprinted name, such as
// /static/style.3f2a9c1b.css, so that browsers and CDNs may cache it for
// a year: a changed file gets a new name.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"path"
	"slices"
	"strings"
	"sync"
)

//go:embed *.css *.svg
var files embed.FS

// Prefix is the URL path under which assets are served.
const Prefix = "/static/"

// Asset is one embedded file.
type Asset struct {
	Name        string // file name, e.g. style.css
	URL         string // fingerprinted URL path, e.g. /static/style.3f2a9c1b.css
	ContentType string
	Body        []byte
}

// Assets returns every embedded asset, sorted by name. The result is
// computed once and shared: do not modify it.
var Assets = sync.OnceValue(func() []Asset {
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		panic(err) // the embedded folder is fixed at build time
	}
	var out []Asset
	for _, e := range entries {
		if e.IsDir() || strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		body, err := fs.ReadFile(files, e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(body)
		ext := path.Ext(e.Name())
		ctype := mime.TypeByExtension(ext)
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		out = append(out, Asset{
			Name:        e.Name(),
			URL:         Prefix + strings.TrimSuffix(e.Name(), ext) + "." + hex.EncodeToString(sum[:4]) + ext,
			ContentType: ctype,
			Body:        body,
		})
	}
	slices.SortFunc(out, func(a, b Asset) int { return strings.Compare(a.Name, b.Name) })
	return out
})

// URL returns the fingerprinted URL of the named asset. It panics on a
// name that is not embedded: that is a programming error caught by any
// test that renders a page.
func URL(name string) string {
	for _, a := range Assets() {
		if a.Name == name {
			return a.URL
		}
	}
	panic("static: no asset named " + name)
}
