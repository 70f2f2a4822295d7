package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	"healthsite/internal/article"
	"healthsite/internal/server"
	"healthsite/internal/site"
	"healthsite/static"
)

// runServe is healthsite serve: it builds the first version, refusing
// to start on invalid content, then serves it, reloading on SIGHUP, when
// a scheduled article is due, and in the preview on every change.
func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	start := time.Now()
	cfg, choice, err := parseServe(args, getenv, stderr)
	if cfg == nil || err != nil {
		return err
	}
	fmt.Fprintln(stdout, choice)
	log, closeLog := newLog(stderr, 100*time.Millisecond)
	defer closeLog()

	// SIGHUP reloads the content without a restart. It is caught from
	// here on, so that one sent during a slow start does not kill the
	// process; it is acted on once the site is up.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)

	// The preview watches its folders before it loads them, so that a
	// save during the load is not missed.
	wt := newWatcher(cfg, log)
	if wt != nil {
		defer wt.Close() // after the watcher's goroutine has stopped
	}
	clock := server.SystemClock{}
	c := newVersions(cfg, getenv)
	st, settings, err := firstVersion(c, clock.Now(), stderr)
	if err != nil {
		return err
	}
	warnBaseURL(cfg, choice, settings, st, log, stderr)
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return listenError(cfg.Addr, err)
	}
	// A preview kept to this computer answers only to its names, so
	// that no page of another site can read the drafts through a name
	// of its own pointed at 127.0.0.1 (DNS rebinding).
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer wg.Wait() // the publisher and watcher stop before run returns
	defer cancel()
	// The first version is served at once, each page plain until its
	// Completion has made the compressed variants: a large site starts
	// in less time.
	done := st.Complete(ctx)
	// Nothing below holds st: once done makes the Site whole, the built
	// one's plain bytes are garbage.
	articles := articleCount(st)
	srv := server.New(done, log, server.Options{Dev: cfg.Dev, LocalOnly: cfg.Dev && onlyThisComputer(ln.Addr()),
		Limits: server.Limits{MaxHeaderBytes: cfg.MaxHeader}})
	pub := server.NewPublisher(srv, c.build(func(e *article.Error) { log.Warn("content problem", "problem", e.Error()) }, nil), clock, log)
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
	wg.Go(func() { logReady(ctx, done, start, log) })
	if wt != nil {
		wg.Go(func() { wt.Run(ctx, func() { pub.Request("file changed") }) })
	}

	fmt.Fprintf(stdout, "healthsite: serving %s at %s (started in %s)\n",
		articles, listenURL(ln.Addr()), time.Since(start).Round(time.Millisecond))
	if cfg.Dev {
		fmt.Fprintln(stdout, previewReach(ln.Addr()))
	}
	defer tuneGC(getenv, gcHeadroom)()
	return srv.Serve(ctx, ln)
}

// firstVersion builds the site serve starts with. serve refuses to
// start without a good one, and prints every problem of it for the
// editor (the error is then errReported).
func firstVersion(c *versions, now time.Time, stderr io.Writer) (*site.Site, article.Settings, error) {
	var settings article.Settings
	st, err := c.build(func(e *article.Error) { fmt.Fprintln(stderr, e) }, func(lib *article.Library) { settings = lib.Settings() })(now, nil)
	if problems := article.Errors(err); len(problems) > 0 {
		for _, e := range problems {
			fmt.Fprintln(stderr, e)
		}
		return nil, settings, errReported
	}
	return st, settings, err
}

// parseServe reads serve's flags and environment and checks them. It
// returns a nil config, and no error, when it printed the help.
func parseServe(args []string, getenv func(string) string, stderr io.Writer) (*config, contentChoice, error) {
	fset, cfg := serveFlags(getenv, stderr)
	if help, err := parseFlags(fset, args); help || err != nil {
		return nil, contentChoice{}, err
	}
	if cfg.BaseURL != "" {
		if _, err := article.ParseBaseURL(cfg.BaseURL); err != nil {
			return nil, contentChoice{}, fmt.Errorf("-base-url: %w", err)
		}
	}
	if cfg.MaxHeader < 4096 {
		return nil, contentChoice{}, fmt.Errorf("-max-header-bytes %d is too small: browsers send several KiB of headers (use 16384, the default, or more)", cfg.MaxHeader)
	}
	choice, err := cfg.content(fset)
	if err != nil {
		return nil, contentChoice{}, err
	}
	if cfg.Dev && choice.Dir == "" {
		// The preview is of files being edited, which the built-in
		// articles are not.
		return nil, contentChoice{}, fmt.Errorf("-dev previews a content folder as you edit it, and %s: give the folder with -content DIR", strings.TrimSuffix(choice.Why, "; give one with -content DIR"))
	}
	cfg.ContentDir = choice.Dir
	cfg.Addr = serveAddr(cfg.Addr, cfg.Dev)
	if cfg.Dev {
		if info, err := os.Stat("static"); err == nil && info.IsDir() {
			cfg.StaticDir = "static"
		}
	}
	return cfg, choice, nil
}

// versions loads each version serve publishes.
type versions struct {
	cfg *config
	// One memory of slow texts for every version, so that reloading a
	// file whose text takes too long to render does not render it again.
	renders *article.RenderGuard
	// The rendered texts of the last version, and of the last run
	// before this one; nil in the preview, which marks what the
	// plain-language checks find in each text as it renders it.
	cache *article.RenderCache
	dev   *preview
}

func newVersions(cfg *config, getenv func(string) string) *versions {
	renders := article.NewRenderGuard()
	c := &versions{cfg: cfg, renders: renders, dev: &preview{dir: cfg.ContentDir, renders: renders}}
	if !cfg.Dev {
		c.cache = openCache(getenv, cfg.Cache, cfg.ContentDir, "render", article.OpenRenderCache)
	}
	return c
}

// build returns the function that loads the content as it is now;
// warnings go to warn, and in the preview, which shows files with errors
// in the page, errors too. seen, when not nil, is given the library read.
func (c *versions) build(warn func(*article.Error), seen func(*article.Library)) server.BuildFunc {
	cfg := c.cfg
	return func(now time.Time, prev *site.Site) (*site.Site, error) {
		opts := site.Options{BaseURL: cfg.BaseURL, Now: now, Dev: cfg.Dev, Previous: prev}
		var lib *article.Library
		var err error
		if cfg.Dev {
			lib, opts.Problems, err = c.dev.load(now, warn)
		} else {
			lib, err = loadContent(cfg.ContentDir, now, c.renders, c.cache, warn)
		}
		if err != nil {
			return nil, err
		}
		if seen != nil {
			seen(lib)
		}
		if cfg.StaticDir != "" {
			if opts.Assets, err = loadStatic(cfg.StaticDir); err != nil {
				return nil, err
			}
		}
		return site.Build(lib, opts)
	}
}

// loadStatic reads the static files of dir, for the preview.
func loadStatic(dir string) (*static.Set, error) {
	// Through os.Root, like the content: a symbolic link out of the
	// folder is not followed.
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return static.Load(root.FS())
}

// warnBaseURL warns, outside the preview, of a site published with the
// sample articles at a real address, or at an address of this machine.
func warnBaseURL(cfg *config, choice contentChoice, settings article.Settings, st *site.Site, log *slog.Logger, stderr io.Writer) {
	u, err := url.Parse(st.BaseURL())
	if err != nil || cfg.Dev {
		return
	}
	if !isLoopback(u.Hostname()) {
		if e := sampleWarning(choice, settings); e != nil {
			fmt.Fprintln(stderr, e)
		}
		return
	}
	log.Warn("the base URL is a local address, so canonical links, feeds and the sitemap point at this machine; set -base-url (or base_url in site.yaml) to the public address",
		"base_url", st.BaseURL())
}

// logReady logs when the first version is complete, and gives back to
// the system the memory its making left free.
func logReady(ctx context.Context, done *site.Completion, start time.Time, log *slog.Logger) {
	<-done.Ready()
	if err := done.Err(); err != nil {
		if ctx.Err() == nil {
			log.Error("search is not available: every search will fail until the content is reloaded", "error", err)
		}
		return
	}
	_, pages := done.Compressed()
	log.Info("compressed every page", "pages", pages, "duration", done.Compressing().Round(time.Millisecond))
	// Loading, rendering, indexing and compressing leave far more
	// memory free than the site keeps: give it back to the system now
	// rather than over the next minutes.
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	log.Info("ready", "duration", time.Since(start).Round(time.Millisecond), "heap_mib", ms.HeapAlloc>>20)
}

// newWatcher watches the preview's folders, or returns nil outside the
// preview or when they cannot be watched (the editor is told to reload
// with SIGHUP instead).
func newWatcher(cfg *config, log *slog.Logger) *server.Watcher {
	if !cfg.Dev {
		return nil
	}
	dirs, folders := []string{cfg.ContentDir}, []server.Folder{server.ContentFolder(cfg.ContentDir)}
	if cfg.StaticDir != "" {
		dirs, folders = append(dirs, cfg.StaticDir), append(folders, server.StaticFolder(cfg.StaticDir))
	}
	wt, err := server.NewWatcher(folders, log)
	if err != nil {
		log.Error("cannot watch files; reload with SIGHUP instead", "error", err)
		return nil
	}
	log.Info("development preview: watching for changes", "folders", strings.Join(dirs, ", "))
	return wt
}

// articleCount says how many articles st publishes, "3 articles", and
// on a site of several languages how many in each, "6 articles in 2
// languages (en 3, es 3)": a count of the main language's alone would
// read as if the translations were missing.
func articleCount(st *site.Site) string {
	n := func(k int) string {
		if k == 1 {
			return "1 article"
		}
		return fmt.Sprintf("%d articles", k)
	}
	langs := st.ArticlesByLanguage()
	if len(langs) < 2 {
		return n(st.Articles())
	}
	each := make([]string, len(langs))
	for i, l := range langs {
		each[i] = fmt.Sprintf("%s %d", l.Lang, l.Articles)
	}
	return fmt.Sprintf("%s in %d languages (%s)", n(st.Articles()), len(langs), strings.Join(each, ", "))
}
