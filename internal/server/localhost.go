package server

import (
	"fmt"
	"net"
	"net/http"
	"strings"
)

// localOnly answers only requests addressed to this computer by one of
// its own names (localhost, or a loopback address such as 127.0.0.1 or
// [::1]), at any port, and refuses the rest with 403. A preview that
// listens on 127.0.0.1 is out of the network's reach, but not out of a
// browser's: a page on another site can point a name of its own at
// 127.0.0.1 (DNS rebinding) and read the drafts from the editor's own
// browser. Such a request names the other site in its Host header.
func (s *Server) localOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, port, err := net.SplitHostPort(r.Host)
		if err != nil {
			host, port = r.Host, ""
		}
		if isLocalName(strings.Trim(host, "[]")) {
			next.ServeHTTP(w, r)
			return
		}
		if port == "" {
			port = "8080"
		}
		asked := "no name"
		if r.Host != "" {
			asked = r.Host
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprintf(w, "This preview shows drafts, so it answers only when this computer asks for it by its own name, and this request came for %s (open it at http://localhost:%s/; to share the preview with other computers, start it with -addr 0.0.0.0:%s).\n",
			asked, port, port)
	})
}

// isLocalName reports whether host, without port or brackets, is a name
// of this computer that no other site can point elsewhere: localhost,
// or a loopback IP address.
func isLocalName(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
