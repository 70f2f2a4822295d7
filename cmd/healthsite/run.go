package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"healthsite/internal/article"
	"healthsite/internal/server"
	"healthsite/internal/site"
	"healthsite/static"
)

const usage = `healthsite publishes a folder of Markdown health articles as a website.

Usage:
  healthsite [serve] [-addr :8080] [-content DIR] [-base-url URL] [-dev]
  healthsite check [-content DIR] [-strict]   list every problem, exit 1 on errors
  healthsite new [-content DIR] "Title"       start a new article file

Without -content, the articles built into the program are served.
Every flag can also be set with an environment variable:
HEALTHSITE_ADDR, HEALTHSITE_CONTENT, HEALTHSITE_BASE_URL, HEALTHSITE_DEV.
-dev is the editor's preview: it watches the content folder, reloads the
open page after each save, shows drafts, and shows problems in the page.
`

// errReported is returned when the problems were already printed.
var errReported = errors.New("content has errors (see above); nothing was started")

// run is the whole program behind main, so that tests run it too.
// args includes the program name, as os.Args does.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	args = args[1:]
	cmd := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return runServe(ctx, args, getenv, stdout, stderr)
	case "check":
		return runCheck(args, getenv, stdout, stderr)
	case "new":
		return runNew(args, getenv, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q (use serve, check or new)", cmd)
}

// config is what the flags and environment say.
type config struct {
	Addr       string // listen address, host:port
	ContentDir string // folder of articles; "" for the built-in ones
	BaseURL    string // absolute URL the site is published at; "" for site.yaml's
	Dev        bool   // the editor's preview: watch, reload, show drafts and problems
	StaticDir  string // in development, read static files from here; "" for the built-in ones
}

// flags defines the flags shared by the subcommands, with defaults from
// the environment.
func (c *config) flags(fs *flag.FlagSet, getenv func(string) string, serve bool) {
	if serve {
		fs.StringVar(&c.Addr, "addr", envOr(getenv, "HEALTHSITE_ADDR", ":8080"), "listen `address`, host:port (env HEALTHSITE_ADDR)")
		fs.BoolVar(&c.Dev, "dev", getenv("HEALTHSITE_DEV") == "true", "preview for editors: reload on every change, show drafts, show problems in the page (env HEALTHSITE_DEV=true)")
	}
	fs.StringVar(&c.ContentDir, "content", getenv("HEALTHSITE_CONTENT"), "read articles from `DIR` instead of the built-in ones (env HEALTHSITE_CONTENT)")
	fs.StringVar(&c.BaseURL, "base-url", getenv("HEALTHSITE_BASE_URL"), "absolute `URL` the site is published at, e.g. https://health.example.org (env HEALTHSITE_BASE_URL; default: base_url of site.yaml)")
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	start := time.Now()
	var cfg config
	fset := flag.NewFlagSet("serve", flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.Usage = func() { fmt.Fprint(stderr, usage); fset.PrintDefaults() }
	cfg.flags(fset, getenv, true)
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fset.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q (serve takes only flags)", fset.Args())
	}
	if cfg.BaseURL != "" {
		if _, err := article.ParseBaseURL(cfg.BaseURL); err != nil {
			return fmt.Errorf("-base-url: %w", err)
		}
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	if cfg.Dev {
		if cfg.ContentDir == "" {
			// The preview edits files: the repository's content/ folder
			// rather than the copy built into the program.
			if info, err := os.Stat("content"); err != nil || !info.IsDir() {
				return errors.New("-dev watches a content folder: give it with -content DIR")
			}
			cfg.ContentDir = "content"
		}
		if info, err := os.Stat("static"); err == nil && info.IsDir() {
			cfg.StaticDir = "static"
		}
	}

	clock := server.SystemClock{}
	// build loads the content as it is now; warnings go to warn.
	build := func(warn io.Writer) server.BuildFunc {
		return func(now time.Time) (*site.Site, error) {
			lib, err := loadContent(cfg.ContentDir, warn)
			if err != nil {
				return nil, err
			}
			opts := site.Options{BaseURL: cfg.BaseURL, Now: now, Dev: cfg.Dev}
			if cfg.StaticDir != "" {
				if opts.Assets, err = static.Load(os.DirFS(cfg.StaticDir)); err != nil {
					return nil, err
				}
			}
			return site.Build(lib, opts)
		}
	}
	// serve refuses to start without a good first version, and prints
	// every problem of it for the editor.
	st, err := build(stderr)(clock.Now())
	if err != nil {
		if problems := article.Errors(err); len(problems) > 0 {
			for _, e := range problems {
				fmt.Fprintln(stderr, e)
			}
			return errReported
		}
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	srv := server.New(st, log, server.Options{Dev: cfg.Dev})
	pub := server.NewPublisher(srv, build(io.Discard), clock, log)

	// SIGHUP reloads the content without a restart.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				pub.Request("SIGHUP")
			}
		}
	}()
	go pub.Run(ctx)
	if cfg.Dev {
		dirs := []string{cfg.ContentDir}
		if cfg.StaticDir != "" {
			dirs = append(dirs, cfg.StaticDir)
		}
		go func() {
			if err := server.Watch(ctx, dirs, log, func() { pub.Request("file changed") }); err != nil {
				log.Error("cannot watch files; reload with SIGHUP instead", "error", err)
			}
		}()
		log.Info("development preview: watching for changes", "folders", strings.Join(dirs, ", "))
	}

	fmt.Fprintf(stdout, "healthsite: serving %d articles at %s (started in %s)\n",
		st.Articles(), listenURL(ln.Addr()), time.Since(start).Round(time.Millisecond))
	return srv.Serve(ctx, ln)
}

// loadContent loads the articles of dir, or the built-in ones when dir
// is empty. Warnings are printed to warn, one a line.
func loadContent(dir string, warn io.Writer) (*article.Library, error) {
	src, err := openContent(dir)
	if err != nil {
		return nil, err
	}
	defer src.close()
	lib, err := article.Load(src.fsys, article.Options{Root: src.root})
	if err != nil {
		return nil, err
	}
	for _, e := range lib.Warnings() {
		fmt.Fprintln(warn, e)
	}
	return lib, nil
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
