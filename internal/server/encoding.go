package server

import (
	"strconv"
	"strings"

	"healthsite/internal/site"
)

// negotiate picks the encoding of a response from the request's
// Accept-Encoding (RFC 9110, section 12.5.3) among those the page has:
// the acceptable one with the highest q-value, and on a tie the
// smallest (brotli, then gzip, then the plain bytes). Without the
// header, or when the client accepts nothing the page has, the plain
// bytes are sent: every client can read them, and a 406 would leave
// the reader with nothing.
func negotiate(accept string, has func(site.Encoding) bool) site.Encoding {
	if accept == "" {
		return site.Identity
	}
	var q [site.NumEncodings]float64
	var named [site.NumEncodings]bool
	star := -1.0
	for elem := range strings.SplitSeq(accept, ",") {
		coding, params, _ := strings.Cut(elem, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		weight, ok := qvalue(params)
		if !ok || coding == "" {
			continue
		}
		if coding == "*" {
			star = max(star, weight)
			continue
		}
		for _, e := range site.Encodings() {
			if coding == e.Token() || (e == site.Gzip && coding == "x-gzip") {
				// A coding named twice keeps its best weight.
				q[e] = max(q[e], weight)
				if !named[e] {
					q[e] = weight
				}
				named[e] = true
			}
		}
	}
	for _, e := range site.Encodings() {
		if !named[e] {
			switch {
			case star >= 0:
				q[e] = star
			case e == site.Identity:
				// The plain bytes are acceptable unless refused, but
				// any coding the client names is preferred to them.
				q[e] = 0.001
			}
		}
	}
	best, bestQ := site.Identity, 0.0    // the fallback
	for _, e := range site.Encodings() { // most preferred first, so ties keep it
		if q[e] > bestQ && has(e) {
			best, bestQ = e, q[e]
		}
	}
	return best
}

// qvalue reads the weight of an Accept-Encoding element from its
// parameters: 1 when there is none, and false when it is malformed, so
// that the element is ignored.
func qvalue(params string) (float64, bool) {
	if strings.TrimSpace(params) == "" {
		return 1, true
	}
	for p := range strings.SplitSeq(params, ";") {
		k, v, _ := strings.Cut(p, "=")
		if !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		v = strings.TrimSpace(v)
		// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
		if v == "" || len(v) > 5 || (v[0] != '0' && v[0] != '1') {
			return 0, false
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || f > 1 {
			return 0, false
		}
		return f, true
	}
	return 1, true
}
