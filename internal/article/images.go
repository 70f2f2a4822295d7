package article

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"image"
	_ "image/gif" // decoders for image.DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"io"
	"mime"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	_ "golang.org/x/image/webp"

	"healthsite/internal/markdown"
)

// ImagePrefix is the URL path under which the content's images are
// served, each under a fingerprinted name.
const ImagePrefix = "/static/content/"

// MaxImageSize is the largest image file accepted.
const MaxImageSize = 10 << 20

// imageExts are the image files the content folder may hold.
var imageExts = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".svg": true, ".avif": true}

// Image is a picture kept in the content folder, such as
// content/images/knee.jpg, for articles to show.
type Image struct {
	Path          string // in the content folder, e.g. images/knee.jpg
	URL           string // fingerprinted, e.g. /static/content/images/knee.3f2a9c1b.jpg
	ContentType   string
	Width, Height int // 0 when the format does not say (AVIF, SVG without a size)
	Body          []byte
}

// isImage reports whether name is an image file by its extension.
func isImage(name string) bool { return imageExts[strings.ToLower(path.Ext(name))] }

// readImage makes an Image of the file at name with contents body.
func readImage(name string, body []byte, p *problems) *Image {
	ext := path.Ext(name)
	sum := sha256.Sum256(body)
	img := &Image{
		Path:        name,
		URL:         ImagePrefix + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext,
		ContentType: mime.TypeByExtension(strings.ToLower(ext)),
		Body:        body,
	}
	if img.ContentType == "" {
		img.ContentType = "application/octet-stream"
	}
	switch strings.ToLower(ext) {
	case ".avif":
		// No decoder in the standard library: served without a size.
	case ".svg":
		img.Width, img.Height = svgSize(body)
	default:
		cfg, _, err := image.DecodeConfig(bytes.NewReader(body))
		if err != nil {
			p.errorf(0, 0, "the image cannot be read as %s (export it again from your image editor, or check its extension)", strings.ToUpper(strings.TrimPrefix(ext, ".")))
			return nil
		}
		img.Width, img.Height = cfg.Width, cfg.Height
	}
	return img
}

// svgSize reads the width and height of an SVG drawing from its root
// element: its width and height in pixels, or else its viewBox.
func svgSize(body []byte) (int, int) {
	d := xml.NewDecoder(bytes.NewReader(body))
	for {
		tok, err := d.Token()
		if err == io.EOF || err != nil {
			return 0, 0
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		var w, h, box string
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "width":
				w = a.Value
			case "height":
				h = a.Value
			case "viewBox":
				box = a.Value
			}
		}
		px := func(s string) int {
			n, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "px"), 64)
			if err != nil || n <= 0 {
				return 0
			}
			return int(n + 0.5)
		}
		if px(w) > 0 && px(h) > 0 {
			return px(w), px(h)
		}
		if f := strings.Fields(strings.ReplaceAll(box, ",", " ")); len(f) == 4 {
			return px(f[2]), px(f[3])
		}
		return 0, 0
	}
}

// resolveImage finds the content image an article at articlePath
// refers to with dest: a path relative to the article's file, or to the
// content folder when it starts with /. It returns nil for a URL of
// another site or of the site's own static files, which are not the
// content's to check; ok is false for a missing image.
func resolveImage(images map[string]*Image, articlePath, dest string) (img *Image, ok bool) {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || dest == "" || strings.HasPrefix(u.Path, "/static/") {
		return nil, true
	}
	name := u.Path
	if strings.HasPrefix(name, "/") {
		name = strings.TrimPrefix(path.Clean(name), "/")
	} else {
		name = path.Join(path.Dir(articlePath), name)
	}
	img, ok = images[name]
	return img, ok
}

// resolveImage is resolveImage for the file at file, a path in the
// content folder. A file in a further language's folder (es/rodilla.md)
// also finds an image where its original would, by the same relative
// path from the same place in the main language's folders: a
// translation starts as a copy of its original, image lines and all, so
// images/knee.jpg in es/rodilla.md is content/images/knee.jpg, as in
// knee.md, unless the language's folder has its own
// (content/es/images/knee.jpg), which comes first. ../images/knee.jpg,
// from the language's folder up, and /images/knee.jpg find the same.
func (l *loader) resolveImage(file, dest string) (*Image, bool) {
	img, ok := resolveImage(l.images, file, dest)
	if ok || strings.HasPrefix(dest, "/") {
		return img, ok
	}
	if tag, rest := l.settings.splitLanguage(file); tag != l.settings.Language {
		if img, ok := resolveImage(l.images, rest, dest); ok {
			return img, ok
		}
	}
	return img, ok
}

// imageOptions are the Markdown options that show the content's images
// for the article at articlePath (a path in the content folder).
func (l *loader) imageOptions(articlePath string) markdown.Options {
	return markdown.Options{Image: func(dest string) (markdown.Image, bool) {
		img, ok := l.resolveImage(articlePath, dest)
		if img == nil || !ok {
			return markdown.Image{}, false
		}
		return markdown.Image{URL: img.URL, Width: img.Width, Height: img.Height}, true
	}}
}

// isExternal reports whether dest is an image on another site.
func isExternal(dest string) bool {
	u, err := url.Parse(dest)
	return err == nil && (u.Scheme != "" || u.Host != "")
}

// externalImage is the warning for an image on another site: the
// site's Content-Security-Policy lets pages show only their own images.
func externalImage(p *problems, line, col int, dest string) {
	p.warnf(line, col, "the image %s is on another site, and pages may show only their own images, so it will not appear (save it in the content folder, e.g. content/images/, and use its path)", dest)
}

// missingImage is the problem of an image that is not in the folder:
// one that is there by another case (Knee.JPG for knee.jpg) is named,
// because web servers and CDNs, unlike Windows and macOS, tell them apart;
// one that is there but has errors of its own refers to them.
func (l *loader) missingImage(p *problems, line, col int, articlePath, dest string) {
	images, root := l.images, l.root
	want := path.Join(path.Dir(articlePath), dest)
	if strings.HasPrefix(dest, "/") {
		want = strings.TrimPrefix(path.Clean(dest), "/")
	}
	if l.broken[want] {
		p.errorf(line, col, "the image %s cannot be shown, because %s has problems of its own (fix them first: they are listed with that file)", dest, displayPath(root, want))
		return
	}
	// written gives the path to write for the image at name, keeping
	// the folders written as .. and taking the names after them from
	// the file's own.
	written := func(name string) string {
		if strings.HasPrefix(dest, "/") {
			return "/" + name
		}
		parts := strings.Split(path.Clean(dest), "/")
		up := 0
		for up < len(parts) && parts[up] == ".." {
			up++
		}
		own := strings.Split(name, "/")
		return strings.Join(append(parts[:up:up], own[max(len(own)-(len(parts)-up), 0):]...), "/")
	}
	if want == ".." || strings.HasPrefix(want, "../") {
		// Above the content folder: the path from the file without
		// the .. that lead out of it.
		inside := strings.TrimLeft(strings.TrimPrefix(path.Clean("/"+want), "/"), "/")
		fix := "put the file in the content folder, e.g. in " + displayPath(root, "images") + "/, and write its path from the file"
		if images[inside] != nil {
			fix = "write " + relativeTo(articlePath, inside)
		}
		p.errorf(line, col, "the image %s leads out of the content folder, where the site cannot show it (%s)", dest, fix)
		return
	}
	var same []string
	for name := range images {
		if strings.EqualFold(name, want) {
			same = append(same, name)
		}
	}
	slices.Sort(same)
	if len(same) > 0 {
		name := same[0]
		p.errorf(line, col, "the image %s is not in the content folder, but %s is: names are case-sensitive on web servers (write %s)", dest, displayPath(root, name), written(name))
		return
	}
	names := make([]string, 0, len(images))
	for name := range images {
		names = append(names, name)
	}
	slices.Sort(names)
	if near := suggest(want, names); near != "" && path.Dir(near) == path.Dir(strings.ToLower(want)) {
		p.errorf(line, col, "the image %s is not in the content folder (did you mean %s?)", dest, written(near))
		return
	}
	if tag, rest := l.settings.splitLanguage(articlePath); tag != l.settings.Language && !strings.HasPrefix(dest, "/") {
		// A translation looked in two places (resolveImage).
		shared := path.Join(path.Dir(rest), dest)
		if shared != ".." && !strings.HasPrefix(shared, "../") {
			p.errorf(line, col, "the image %s is not in the content folder: neither %s, for this language alone, nor %s, shared with its original, is there (put the file at one of them, or correct the name; names are case-sensitive)", dest, displayPath(root, want), displayPath(root, shared))
			return
		}
	}
	p.errorf(line, col, "the image %s is not in the content folder (put the file at %s, or correct the name; names are case-sensitive)", dest, displayPath(root, want))
}

// relativeTo is the path to write in the file at from (a path in the
// content folder) for the file at to: from its folder, down.
func relativeTo(from, to string) string {
	dir := path.Dir(from)
	if dir == "." {
		return to
	}
	if rest, ok := strings.CutPrefix(to, dir+"/"); ok {
		return rest
	}
	return "/" + to
}
