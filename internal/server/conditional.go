package server

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// serveBody writes a stored body with its validators, answering the
// conditional headers of RFC 9110, section 13: If-Match and
// If-Unmodified-Since with 412, If-None-Match and If-Modified-Since
// with 304. Unlike http.ServeContent it sends Content-Length with an
// encoded body too, and it ignores Range: pages are small, and a range
// of a compressed body helps no one.
func serveBody(w http.ResponseWriter, r *http.Request, body []byte, etag string, modified time.Time) {
	h := w.Header()
	h["Etag"] = []string{etag}
	if !modified.IsZero() {
		h["Last-Modified"] = []string{modified.UTC().Format(http.TimeFormat)}
	}
	switch conditional(r, etag, modified) {
	case http.StatusPreconditionFailed:
		// An error, not the page: no cache may keep it, and the page's
		// validators and encoding do not describe it.
		for _, k := range []string{"Content-Encoding", "Etag", "Last-Modified", "Vary"} {
			h.Del(k)
		}
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Type", "text/plain; charset=utf-8")
		writeBody(w, r, http.StatusPreconditionFailed, []byte("412 precondition failed: the page has changed\n"))
		return
	case http.StatusNotModified:
		// A 304 carries the validators and caching headers, not the
		// body's (RFC 9110, section 15.4.5).
		h.Del("Content-Type")
		h.Del("Content-Encoding")
		h.Del("Content-Length")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	writeBody(w, r, http.StatusOK, body)
}

// writeBody sends status with body and its Content-Length; a HEAD
// request gets the headers alone. The headers and body go out in one
// write where the connection allows it (see writeGathered).
func writeBody(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	w.Header()["Content-Length"] = []string{strconv.Itoa(len(body))}
	if r.Method == http.MethodHead {
		w.WriteHeader(status)
		return
	}
	if writeGathered(w, r, status, body) {
		return
	}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// conditional evaluates the request's preconditions against the page's
// validators, in the order of RFC 9110, section 13.2.2, and returns
// 412, 304, or 200 to send the page.
func conditional(r *http.Request, etag string, modified time.Time) int {
	modified = modified.Truncate(time.Second) // HTTP dates have whole seconds
	if im := headerList(r, "If-Match"); im != "" {
		if !matchETag(im, etag, false) {
			return http.StatusPreconditionFailed
		}
	} else if ius := r.Header.Get("If-Unmodified-Since"); ius != "" && !modified.IsZero() {
		if t, err := http.ParseTime(ius); err == nil && modified.After(t) {
			return http.StatusPreconditionFailed
		}
	}
	if inm := headerList(r, "If-None-Match"); inm != "" {
		if matchETag(inm, etag, true) {
			return http.StatusNotModified
		}
		return http.StatusOK
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" && !modified.IsZero() {
		if t, err := http.ParseTime(ims); err == nil && !modified.After(t) {
			return http.StatusNotModified
		}
	}
	return http.StatusOK
}

// matchETag reports whether the list of entity tags in header names
// etag, or is "*". If-None-Match compares weakly (a W/ prefix does not
// matter); If-Match strongly (a weak tag never matches).
func matchETag(header, etag string, weak bool) bool {
	for tag := range strings.SplitSeq(header, ",") {
		tag = strings.TrimSpace(tag)
		if tag == "*" {
			return true
		}
		if rest, ok := strings.CutPrefix(tag, "W/"); ok {
			if !weak {
				continue
			}
			tag = rest
		}
		if tag == etag {
			return true
		}
	}
	return false
}

// headerList is a list-valued request header as one list, however many
// lines the client sent it on (RFC 9110, section 5.3).
func headerList(r *http.Request, key string) string {
	return strings.Join(r.Header.Values(key), ",")
}
