package server

import (
	"net/http"
	"strings"
)

// The Content-Security-Policy of every response. Pages load only the
// site's own stylesheet and images, and run no script at all: the one
// script, the editors' preview's reload, exists only under -dev, which
// adds script-src for it. No 'unsafe-inline' anywhere: JSON-LD blocks
// are data, which CSP does not govern. connect-src 'self' lets tools
// that audit a page from inside it (Lighthouse fetches /robots.txt
// that way) and the preview's event stream reach the site; with no
// script allowed, a page itself can connect nowhere.
const (
	cspBase = "default-src 'none'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
	cspDev  = cspBase + "; script-src 'self'"
)

// permissionsPolicy turns off the powerful features an article never
// needs, for the page and anything it could embed.
const permissionsPolicy = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()"

// hsts tells browsers to use https only, for two years, once they have
// seen the site over https.
const hsts = "max-age=63072000; includeSubDomains"

// secureHeaders sets the security headers on every response: pages,
// redirects, 304s, 404s, 405s, 500s, static files and feeds alike.
func (s *Server) secureHeaders(next http.Handler) http.Handler {
	csp := cspBase
	if s.opts.Dev {
		csp = cspDev
	}
	// The values are shared by every response and set without
	// canonicalizing their keys again (net/http never changes them):
	// no allocation for them per request.
	fixed := []field{
		{"Content-Security-Policy", []string{csp}},
		{"X-Content-Type-Options", []string{"nosniff"}},
		{"Referrer-Policy", []string{"strict-origin-when-cross-origin"}},
		{"Permissions-Policy", []string{permissionsPolicy}},
		{"Cross-Origin-Opener-Policy", []string{"same-origin"}},
		{"Cross-Origin-Resource-Policy", []string{"same-origin"}},
	}
	hstsValue := []string{hsts}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for _, f := range fixed {
			h[f.key] = f.value
		}
		// Only a site published over https can ask for https: on an
		// http address it would lock readers out.
		if strings.HasPrefix(s.siteOf(r).BaseURL(), "https://") {
			h["Strict-Transport-Security"] = hstsValue
		}
		next.ServeHTTP(w, r)
	})
}
