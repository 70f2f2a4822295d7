package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"healthsite/internal/article"
	"healthsite/internal/server"
	"healthsite/internal/site"
	"healthsite/static"
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
	case "help":
		if len(args) > 1 {
			return fmt.Errorf("help takes one command at most, e.g. healthsite help check")
		}
		return writeHelp(stdout, getenv, strings.Join(args, ""))
	}
	if info, err := os.Stat(cmd); err == nil && info.IsDir() {
		return fmt.Errorf("unknown command %q: to serve that folder, healthsite serve -content %s (see healthsite help)", cmd, cmd)
	}
	return fmt.Errorf("unknown command %q (use serve, build, check, new or help)", cmd)
}

// config is what the flags and environment say.
type config struct {
	Addr       string // listen address, host:port; "" for the default
	ContentDir string // folder of articles; "" to let chooseContent decide
	BaseURL    string // absolute URL the site is published at; "" for site.yaml's
	Dev        bool   // the editor's preview: watch, reload, show drafts and problems
	StaticDir  string // in development, read static files from here; "" for the built-in ones
	MaxHeader  int    // largest request headers accepted, in bytes
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

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	start := time.Now()
	fset, cfg := serveFlags(getenv, stderr)
	if help, err := parseFlags(fset, args); help || err != nil {
		return err
	}
	if cfg.BaseURL != "" {
		if _, err := article.ParseBaseURL(cfg.BaseURL); err != nil {
			return fmt.Errorf("-base-url: %w", err)
		}
	}
	if cfg.MaxHeader < 4096 {
		return fmt.Errorf("-max-header-bytes %d is too small: browsers send several KiB of headers (use 16384, the default, or more)", cfg.MaxHeader)
	}
	choice, err := cfg.content(fset)
	if err != nil {
		return err
	}
	if cfg.Dev && choice.Dir == "" {
		// The preview is of files being edited, which the built-in
		// articles are not.
		return fmt.Errorf("-dev previews a content folder as you edit it, and %s: give the folder with -content DIR", strings.TrimSuffix(choice.Why, "; give one with -content DIR"))
	}
	cfg.ContentDir = choice.Dir
	cfg.Addr = serveAddr(cfg.Addr, cfg.Dev)
	fmt.Fprintln(stdout, choice)
	log, closeLog := newLog(stderr, 100*time.Millisecond)
	defer closeLog()
	if cfg.Dev {
		if info, err := os.Stat("static"); err == nil && info.IsDir() {
			cfg.StaticDir = "static"
		}
	}

	// SIGHUP reloads the content without a restart. It is caught from
	// here on, so that one sent during a slow start does not kill the
	// process; it is acted on once the site is up.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)

	clock := server.SystemClock{}
	// One memory of slow texts for every version, so that reloading a
	// file whose text takes too long to render does not render it again.
	renders := article.NewRenderGuard()
	dev := &preview{dir: cfg.ContentDir, renders: renders}
	// build loads the content as it is now; warnings go to warn, and in
	// the preview, which shows files with errors in the page, errors too.
	// seen, when not nil, is given the library read.
	build := func(warn func(*article.Error), seen func(*article.Library)) server.BuildFunc {
		return func(now time.Time, prev *site.Site) (*site.Site, error) {
			opts := site.Options{BaseURL: cfg.BaseURL, Now: now, Dev: cfg.Dev, Previous: prev}
			var lib *article.Library
			var err error
			if cfg.Dev {
				lib, opts.Problems, err = dev.load(now, warn)
			} else {
				lib, err = loadContent(cfg.ContentDir, now, renders, warn)
			}
			if err != nil {
				return nil, err
			}
			if seen != nil {
				seen(lib)
			}
			if cfg.StaticDir != "" {
				// Through os.Root, like the content: a symbolic link
				// out of the folder is not followed.
				root, err := os.OpenRoot(cfg.StaticDir)
				if err != nil {
					return nil, err
				}
				opts.Assets, err = static.Load(root.FS())
				root.Close()
				if err != nil {
					return nil, err
				}
			}
			return site.Build(lib, opts)
		}
	}
	// serve refuses to start without a good first version, and prints
	// every problem of it for the editor.
	var settings article.Settings
	st, err := build(func(e *article.Error) { fmt.Fprintln(stderr, e) }, func(lib *article.Library) { settings = lib.Settings() })(clock.Now(), nil)
	if err != nil {
		if problems := article.Errors(err); len(problems) > 0 {
			for _, e := range problems {
				fmt.Fprintln(stderr, e)
			}
			return errReported
		}
		return err
	}
	if u, err := url.Parse(st.BaseURL()); err == nil && !cfg.Dev && !isLoopback(u.Hostname()) {
		if e := sampleWarning(choice, settings); e != nil {
			fmt.Fprintln(stderr, e)
		}
	}
	if u, err := url.Parse(st.BaseURL()); err == nil && !cfg.Dev && isLoopback(u.Hostname()) {
		log.Warn("the base URL is a local address, so canonical links, feeds and the sitemap point at this machine; set -base-url (or base_url in site.yaml) to the public address",
			"base_url", st.BaseURL())
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return listenError(cfg.Addr, err)
	}
	// A preview kept to this computer answers only to its names, so
	// that no page of another site can read the drafts through a name
	// of its own pointed at 127.0.0.1 (DNS rebinding).
	srv := server.New(st, log, server.Options{Dev: cfg.Dev, LocalOnly: cfg.Dev && onlyThisComputer(ln.Addr()),
		Limits: server.Limits{MaxHeaderBytes: cfg.MaxHeader}})
	pub := server.NewPublisher(srv, build(func(e *article.Error) { log.Warn("content problem", "problem", e.Error()) }, nil), clock, log)

	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer wg.Wait() // the publisher and watcher stop before run returns
	defer cancel()
	wg.Go(func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				pub.Request("SIGHUP")
			}
		}
	})
	wg.Go(func() { pub.Run(ctx) })
	// The first version is served at once, each page plain until its
	// compressed variants are made: a large site starts in less time.
	done := st.Complete(ctx)
	wg.Go(func() {
		<-done.Ready()
		if err := done.Err(); err != nil {
			if ctx.Err() == nil {
				log.Error("search is not available: every search will fail until the content is reloaded", "error", err)
			}
			return
		}
		_, pages := st.Compressed()
		log.Info("compressed every page", "pages", pages, "duration", done.Compressing().Round(time.Millisecond))
		// Loading, rendering, indexing and compressing leave far more
		// memory free than the site keeps: give it back to the system
		// now rather than over the next minutes.
		debug.FreeOSMemory()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		log.Info("ready", "duration", time.Since(start).Round(time.Millisecond), "heap_mib", ms.HeapAlloc>>20)
	})
	if cfg.Dev {
		dirs, folders := []string{cfg.ContentDir}, []server.Folder{server.ContentFolder(cfg.ContentDir)}
		if cfg.StaticDir != "" {
			dirs, folders = append(dirs, cfg.StaticDir), append(folders, server.StaticFolder(cfg.StaticDir))
		}
		wg.Go(func() {
			if err := server.Watch(ctx, folders, log, func() { pub.Request("file changed") }); err != nil {
				log.Error("cannot watch files; reload with SIGHUP instead", "error", err)
			}
		})
		log.Info("development preview: watching for changes", "folders", strings.Join(dirs, ", "))
	}

	fmt.Fprintf(stdout, "healthsite: serving %d articles at %s (started in %s)\n",
		st.Articles(), listenURL(ln.Addr()), time.Since(start).Round(time.Millisecond))
	if cfg.Dev {
		fmt.Fprintln(stdout, previewReach(ln.Addr()))
	}
	return srv.Serve(ctx, ln)
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
// the memory of slow texts kept from one load to the next.
func loadContent(dir string, now time.Time, renders *article.RenderGuard, warn func(*article.Error)) (*article.Library, error) {
	src, err := contentChoice{Dir: dir}.open()
	if err != nil {
		return nil, err
	}
	defer src.close()
	lib, err := article.Load(src.fsys, article.Options{Root: src.root, Now: now, Renders: renders})
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
