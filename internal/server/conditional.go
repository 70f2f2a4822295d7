package server

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// serveBody writes a stored body with its head, answering the
// conditional headers of RFC 9110, section 13: If-Match and
// If-Unmodified-Since with 412, If-None-Match and If-Modified-Since
// with 304. Unlike http.ServeContent it sends Content-Length with an
// encoded body too, and it ignores Range: pages are small, and a range
// of a compressed body helps no one.
func serveBody(w http.ResponseWriter, r *http.Request, body []byte, head *pageHead) {
	h := w.Header()
	head.set(h)
	switch conditional(r, head.etag, head.modified) {
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
	send(w, r, http.StatusOK, body)
}

// writeBody sends status with body and its Content-Length; a HEAD
// request gets the headers alone.
func writeBody(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	w.Header()["Content-Length"] = []string{strconv.Itoa(len(body))}
	send(w, r, status, body)
}

// send sends status with body, whose Content-Length is set; a HEAD
// request gets the headers alone. The headers and body go out in one
// write where the connection allows it (see writeGathered).
func send(w http.ResponseWriter, r *http.Request, status int, body []byte) {
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
	if len(r.Header) == 0 {
		return http.StatusOK // no preconditions, and nothing to look up
	}
	modified = modified.Truncate(time.Second) // HTTP dates have whole seconds
	if im := headerList(r, "If-Match"); im != "" {
		if !matchETag(im, etag, false) {
			return http.StatusPreconditionFailed
		}
	} else if ius := headerValue(r, "If-Unmodified-Since"); ius != "" && !modified.IsZero() {
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
	if ims := headerValue(r, "If-Modified-Since"); ims != "" && !modified.IsZero() {
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
// lines the client sent it on (RFC 9110, section 5.3). key must be
// canonical (see http.CanonicalHeaderKey), as net/http keeps a
// request's keys.
func headerList(r *http.Request, key string) string {
	v := r.Header[key]
	if len(v) == 1 {
		return v[0]
	}
	return strings.Join(v, ",")
}

// headerValue is the first value of a request header, as
// http.Header.Get returns it; key must be canonical.
func headerValue(r *http.Request, key string) string {
	if v := r.Header[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}
