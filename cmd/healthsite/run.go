package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"healthsite/internal/article"
	"healthsite/internal/server"
)

// errReported is returned when the problems were already printed.
var errReported = errors.New("content has errors (see above); nothing was started")

// run is the whole program behind main, so that tests run it too.
// args includes the program name, as os.Args does.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	args = args[1:]
	cmd := "serve"
	if len(args) > 0 {
		switch a := args[0]; {
		case a == "-h" || a == "-help" || a == "--help":
			return writeHelp(stdout, getenv, "")
		case a != "" && a[0] != '-':
			cmd, args = a, args[1:]
		}
	}
	switch cmd {
	case "serve":
		return runServe(ctx, args, getenv, stdout, stderr)
	case "build":
		return runBuild(ctx, args, getenv, stdout, stderr)
	case "check":
		return runCheck(args, getenv, stdout, stderr)
	case "new":
		return runNew(args, getenv, stdout, stderr)
	case "import":
		return runImport(args, getenv, stdout, stderr)
	case "help":
		if len(args) > 1 {
			return fmt.Errorf("help takes one command at most, e.g. healthsite help check")
		}
		return writeHelp(stdout, getenv, strings.Join(args, ""))
	}
	if info, err := os.Stat(cmd); err == nil && info.IsDir() {
		return fmt.Errorf("unknown command %q: to serve that folder, healthsite serve -content %s (see healthsite help)", cmd, cmd)
	}
	return fmt.Errorf("unknown command %q (use serve, build, check, new, import or help)", cmd)
}

// config is what the flags and environment say.
type config struct {
	Addr       string // listen address, host:port; "" for the default
	ContentDir string // folder of articles; "" to let chooseContent decide
	BaseURL    string // absolute URL the site is published at; "" for site.yaml's
	Dev        bool   // the editor's preview: watch, reload, show drafts and problems
	Lang       string // new: the language of the article; "" for the main one
	StaticDir  string // in development, read static files from here; "" for the built-in ones
	MaxHeader  int    // largest request headers accepted, in bytes
	Cache      string // the render cache's folder; "" for the user's, cacheOff for none
}

// The addresses serve listens on without -addr. The preview shows
// drafts and scheduled articles, so like hugo server it is open only to
// this computer unless -addr says otherwise.
const (
	defaultAddr    = ":8080"
	defaultDevAddr = "127.0.0.1:8080"
)

// serveAddr is the address serve listens on: addr when -addr or
// HEALTHSITE_ADDR gives one, else the default for the preview or not.
func serveAddr(addr string, dev bool) string {
	switch {
	case addr != "":
		return addr
	case dev:
		return defaultDevAddr
	}
	return defaultAddr
}

// flags defines the flags shared by the subcommands, with defaults from
// the environment: -content for all; -base-url for those that publish
// (serve and build); -addr, -dev and -max-header-bytes for serve.
func (c *config) flags(fs *flag.FlagSet, getenv func(string) string, publish, serve bool) {
	if serve {
		fs.StringVar(&c.Addr, "addr", getenv("HEALTHSITE_ADDR"), "listen `address`, host:port (default "+defaultAddr+"; with -dev "+defaultDevAddr+", this computer only; env HEALTHSITE_ADDR)")
		fs.IntVar(&c.MaxHeader, "max-header-bytes", envInt(getenv, "HEALTHSITE_MAX_HEADER_BYTES", server.DefaultLimits().MaxHeaderBytes), "largest request headers accepted, in `bytes`; larger ones get 431 (env HEALTHSITE_MAX_HEADER_BYTES)")
		fs.BoolVar(&c.Dev, "dev", getenv("HEALTHSITE_DEV") == "true", "preview for editors: reload on every change, show drafts, show problems in the page (env HEALTHSITE_DEV=true)")
	}
	fs.StringVar(&c.ContentDir, "content", getenv("HEALTHSITE_CONTENT"), "read the articles in `DIR` (env HEALTHSITE_CONTENT; default: ./content if there is one, else the built-in sample articles)")
	if publish {
		fs.StringVar(&c.BaseURL, "base-url", getenv("HEALTHSITE_BASE_URL"), "absolute `URL` the site is published at, e.g. https://health.example.org (env HEALTHSITE_BASE_URL; default: base_url of site.yaml)")
		fs.StringVar(&c.Cache, "cache", getenv("HEALTHSITE_CACHE"), "keep each article's rendered HTML in `DIR` for the next build or start, which then renders only what changed; off for none (env HEALTHSITE_CACHE; default: healthsite in the user's cache folder, such as ~/.cache/healthsite)")
	}
}

// content decides, as every subcommand does, which content to read,
// once fset has parsed the flags that c.flags defined.
func (c *config) content(fset *flag.FlagSet) (contentChoice, error) {
	from := "HEALTHSITE_CONTENT"
	fset.Visit(func(f *flag.Flag) {
		if f.Name == "content" {
			from = "-content"
		}
	})
	return chooseContent(c.ContentDir, from)
}

// envInt is the integer in the environment variable key, or def.
func envInt(getenv func(string) string, key string, def int) int {
	if n, err := strconv.Atoi(getenv(key)); err == nil {
		return n
	}
	return def
}

// serveFlags defines the flags of serve.
func serveFlags(getenv func(string) string, stderr io.Writer) (*flag.FlagSet, *config) {
	var cfg config
	fset := newFlagSet("serve", stderr)
	cfg.flags(fset, getenv, true, true)
	return fset, &cfg
}

// listenError is err, from listening at addr, in words for an editor:
// a port in use is most often another healthsite left running.
func listenError(addr string, err error) error {
	if !errors.Is(err, syscall.EADDRINUSE) {
		return err
	}
	host, port, _ := net.SplitHostPort(addr)
	next := "8081"
	if n, err := strconv.Atoi(port); err == nil && n > 0 && n < 65535 {
		next = strconv.Itoa(n + 1)
	}
	if host == "" {
		host = "127.0.0.1"
	}
	return fmt.Errorf("cannot listen at %s: the port %s is already in use, probably by another healthsite (stop that one, or choose another port: -addr %s)", addr, port, net.JoinHostPort(host, next))
}

// loadContent loads the articles of dir, or the built-in ones when dir
// is empty, and passes each warning to warn. renders, when not nil, is
// the memory of slow texts kept from one load to the next, and cache the
// rendered texts (saved once the load is done).
func loadContent(dir string, now time.Time, renders *article.RenderGuard, cache *article.RenderCache, warn func(*article.Error)) (*article.Library, error) {
	src, err := contentChoice{Dir: dir}.open()
	if err != nil {
		return nil, err
	}
	defer src.close()
	opts := src.options(now)
	opts.Renders, opts.Cache = renders, cache
	lib, err := article.Load(src.fsys, opts)
	// Even when the content has errors: the texts that rendered need
	// not render again once they are fixed.
	saveCache(cache, func(w string) {
		warn(&article.Error{Path: "healthsite", Severity: article.SeverityWarning, Message: w})
	})
	if err != nil {
		return nil, err
	}
	for _, e := range lib.Warnings() {
		warn(e)
	}
	return lib, nil
}

// isLoopback reports whether host names this machine.
func isLoopback(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// previewReach says who can open the preview listening at a: it shows
// drafts and scheduled articles, which only the editors should see.
func previewReach(a net.Addr) string {
	url := listenURL(a)
	if onlyThisComputer(a) {
		return fmt.Sprintf("healthsite: preview at %s (only this computer can open it; -addr 0.0.0.0:%d to share it)", url, a.(*net.TCPAddr).Port)
	}
	port := "8080"
	if tcp, ok := a.(*net.TCPAddr); ok {
		port = strconv.Itoa(tcp.Port)
	}
	return fmt.Sprintf("healthsite: preview at %s, open to every computer that can reach this one, drafts and scheduled articles included (-addr 127.0.0.1:%s to keep it to this computer)", url, port)
}

// onlyThisComputer reports whether a listener at a is out of the
// network's reach: on a loopback address.
func onlyThisComputer(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// listenURL is the address a browser can open for a listener.
func listenURL(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, fmt.Sprint(tcp.Port))
}
