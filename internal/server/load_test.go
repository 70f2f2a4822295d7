package server

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"healthsite/internal/article"
	"healthsite/internal/sample"
	"healthsite/internal/site"
)

// The load and fault tests run on 127.0.0.1 only and stop by
// themselves. make test runs a short version; make loadtest the full
// one (go test ./internal/server -run Load -args -full).
var fullLoad = flag.Bool("full", false, "run the load and fault tests at full size: 1,000 requests/s for 20 s, 100 reloads")

type loadSize struct {
	rate              int           // requests a second
	duration          time.Duration // of the attack
	reloads, broken   int           // reloads during it, and how many of them with a broken file
	readHeaderTimeout time.Duration
}

func size() loadSize {
	if *fullLoad {
		return loadSize{rate: 1000, duration: 20 * time.Second, reloads: 100, broken: 10, readHeaderTimeout: DefaultLimits().ReadHeaderTimeout}
	}
	return loadSize{rate: 300, duration: 4 * time.Second, reloads: 20, broken: 2, readHeaderTimeout: time.Second}
}

// liveSite serves a generated content folder through Serve on a free
// loopback port, with a Publisher that reloads it from disk, as
// `healthsite serve -content DIR` does.
type liveSite struct {
	dir  string
	url  string
	srv  *Server
	pub  *Publisher
	done chan error // Serve's result
	stop context.CancelFunc
}

func startLiveSite(t *testing.T, articles int, lim Limits) *liveSite {
	t.Helper()
	dir := t.TempDir()
	if err := sample.WriteDir(dir, articles, 1); err != nil {
		t.Fatal(err)
	}
	build := func(now time.Time, prev *site.Site) (*site.Site, error) {
		lib, err := article.Load(os.DirFS(dir), article.Options{Root: dir, Now: now})
		if err != nil {
			return nil, err
		}
		return site.Build(lib, site.Options{Now: now, Previous: prev, BaseURL: "https://health.example.org"})
	}
	st, err := build(time.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	done := st.Complete(t.Context())
	if err := done.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	srv := New(done, log, Options{Limits: lim})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ls := &liveSite{dir: dir, url: "http://" + ln.Addr().String(), srv: srv, pub: NewPublisher(srv, build, SystemClock{}, log), done: make(chan error, 1), stop: cancel}
	go func() { ls.done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		<-ls.done
	})
	return ls
}

// TestLoad_ReloadsUnderLoadLoseNothing sends a steady stream of
// requests over every page while the content is reloaded again and
// again, some reloads with a broken file: no request may fail, and
// every broken reload must leave the last good version in place.
func TestLoad_ReloadsUnderLoadLoseNothing(t *testing.T) {
	sz := size()
	ls := startLiveSite(t, 40, Limits{})
	var targets []vegeta.Target
	for _, p := range ls.srv.Site().Paths() {
		targets = append(targets, vegeta.Target{Method: "GET", URL: ls.url + p, Header: http.Header{"Accept-Encoding": {"gzip, br"}}})
	}
	targets = append(targets,
		vegeta.Target{Method: "GET", URL: ls.url + "/search?q=stretching"},
		vegeta.Target{Method: "GET", URL: ls.url + "/healthz"},
		vegeta.Target{Method: "GET", URL: ls.url + "/articles/article-00001/"}, // plain, for clients without gzip
	)

	// The reloads, spread over the attack: each edits one article, and
	// every reloads/broken-th one breaks another first.
	edited := filepath.Join(ls.dir, sample.Slug(0)+".md")
	victim := filepath.Join(ls.dir, sample.Slug(3)+".md")
	original, err := os.ReadFile(victim)
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(edited)
	if err != nil {
		t.Fatal(err)
	}
	var good, failed, lastGood, reloadsTook atomic.Int64
	reloadsDone := make(chan error, 1)
	go func() {
		// On a schedule, so that a slow reload does not push the rest
		// past the end of the attack.
		began, every := time.Now(), sz.duration/time.Duration(sz.reloads+1)
		for i := range sz.reloads {
			time.Sleep(time.Until(began.Add(every * time.Duration(i+1))))
			broken := i%(sz.reloads/sz.broken) == sz.reloads/sz.broken-1
			if broken {
				if err := os.WriteFile(victim, []byte("---\ntitle: Broken\nauthor: A\ndate: 8th October\n---\n\nText.\n"), 0o644); err != nil {
					reloadsDone <- err
					return
				}
			}
			edit := strings.Replace(string(text), "\n\n", fmt.Sprintf("\n\nEdit number %d.\n\n", i), 1)
			if err := os.WriteFile(edited, []byte(edit), 0o644); err != nil {
				reloadsDone <- err
				return
			}
			err := ls.pub.Reload(context.Background(), "load test")
			switch {
			case broken && err == nil:
				reloadsDone <- fmt.Errorf("reload %d: a broken file was published", i)
				return
			case broken:
				failed.Add(1)
				if err := os.WriteFile(victim, original, 0o644); err != nil {
					reloadsDone <- err
					return
				}
			case err != nil:
				reloadsDone <- fmt.Errorf("reload %d: %v", i, err)
				return
			default:
				good.Add(1)
				lastGood.Store(int64(i))
			}
		}
		reloadsTook.Store(int64(time.Since(began)))
		reloadsDone <- nil
	}()

	attacker := vegeta.NewAttacker(vegeta.Timeout(10*time.Second), vegeta.KeepAlive(true), vegeta.Workers(16), vegeta.MaxWorkers(256))
	var m vegeta.Metrics
	codes := map[int]int{}
	var firstFailure string
	for res := range attacker.Attack(vegeta.NewStaticTargeter(targets...), vegeta.Rate{Freq: sz.rate, Per: time.Second}, sz.duration, "reloads") {
		m.Add(res)
		codes[int(res.Code)]++
		if (res.Code != http.StatusOK || res.Error != "") && firstFailure == "" {
			firstFailure = fmt.Sprintf("%s %d %s", res.URL, res.Code, res.Error)
		}
	}
	m.Close()
	if err := <-reloadsDone; err != nil {
		t.Fatal(err)
	}
	t.Logf("%d requests in %s (%.0f/s) over %d URLs; %d reloads in %s (%d refused for a broken file); latency p50 %s, p99 %s, max %s; status %v",
		m.Requests, m.Duration.Round(time.Millisecond), m.Rate, len(targets), good.Load()+failed.Load(),
		time.Duration(reloadsTook.Load()).Round(time.Millisecond), failed.Load(),
		m.Latencies.P50, m.Latencies.P99, m.Latencies.Max, codes)
	if codes[http.StatusOK] != int(m.Requests) || len(m.Errors) > 0 {
		t.Errorf("%d of %d requests failed; the first: %s; errors: %v", int(m.Requests)-codes[http.StatusOK], m.Requests, firstFailure, m.Errors)
	}
	if want := uint64(float64(sz.rate) * sz.duration.Seconds() * 0.9); m.Requests < want {
		t.Errorf("only %d requests were sent, want about %d", m.Requests, want)
	}
	if good.Load() != int64(sz.reloads-sz.broken) || failed.Load() != int64(sz.broken) {
		t.Errorf("%d good and %d refused reloads, want %d and %d", good.Load(), failed.Load(), sz.reloads-sz.broken, sz.broken)
	}
	// The last good version is the one served.
	if body := getBody(t, ls.url+"/articles/"+sample.Slug(0)+"/"); !strings.Contains(body, fmt.Sprintf("Edit number %d.", lastGood.Load())) {
		t.Errorf("the last good reload's edit (%d) is not served", lastGood.Load())
	}
}

// TestShutdown_WaitsForSlowRequests starts 50 requests that take a
// second each, then shuts the server down: every one of them completes,
// and Serve returns once they have.
func TestShutdown_WaitsForSlowRequests(t *testing.T) {
	const n = 50
	ls := startLiveSite(t, 3, Limits{})
	var entered sync.WaitGroup
	entered.Add(n)
	inner := ls.srv.handler
	ls.srv.handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("slow") != "" {
			entered.Done()
			time.Sleep(time.Second)
		}
		inner.ServeHTTP(w, r)
	})
	client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: 0, MaxIdleConnsPerHost: n}}
	errs := make(chan error, n)
	for i := range n {
		go func() {
			resp, err := client.Get(fmt.Sprintf("%s/?slow=%d", ls.url, i))
			if err != nil {
				errs <- err
				return
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			switch {
			case err != nil:
				errs <- err
			case resp.StatusCode != 200 || !strings.Contains(string(body), "</html>"):
				errs <- fmt.Errorf("status %d, %d bytes", resp.StatusCode, len(body))
			default:
				errs <- nil
			}
		}()
	}
	entered.Wait()
	began := time.Now()
	ls.stop()
	// New connections are refused once shutdown has begun.
	time.Sleep(50 * time.Millisecond)
	if c, err := net.DialTimeout("tcp", strings.TrimPrefix(ls.url, "http://"), time.Second); err == nil {
		c.Close()
		t.Error("a new connection was accepted during shutdown")
	}
	var failed []string
	for range n {
		if err := <-errs; err != nil {
			failed = append(failed, err.Error())
		}
	}
	if err := <-ls.done; err != nil {
		t.Errorf("Serve: %v", err)
	}
	ls.done <- nil // for the cleanup
	t.Logf("%d slow requests finished %s after shutdown began", n-len(failed), time.Since(began).Round(time.Millisecond))
	if len(failed) > 0 {
		t.Errorf("%d of %d requests in flight failed at shutdown: %v", len(failed), n, failed)
	}
}

// TestSlowloris_ConnectionsClosedAfterReadHeaderTimeout opens 200
// connections that trickle their headers one line at a time: each is
// closed within ReadHeaderTimeout + 1 s, and the site answers other
// readers promptly meanwhile.
func TestSlowloris_ConnectionsClosedAfterReadHeaderTimeout(t *testing.T) {
	const n = 200
	sz := size()
	ls := startLiveSite(t, 3, Limits{ReadHeaderTimeout: sz.readHeaderTimeout})
	addr := strings.TrimPrefix(ls.url, "http://")
	start := time.Now()
	closed := make(chan time.Duration, n)
	var opened sync.WaitGroup
	opened.Add(n)
	for range n {
		go func() {
			c, err := net.Dial("tcp", addr)
			opened.Done()
			if err != nil {
				closed <- -1
				return
			}
			defer c.Close()
			_, _ = io.WriteString(c, "GET / HTTP/1.1\r\nHost: health.example.org\r\n")
			gone := make(chan struct{})
			go func() {
				_, _ = io.Copy(io.Discard, c) // returns when the server closes
				close(gone)
			}()
			tick := time.NewTicker(100 * time.Millisecond)
			defer tick.Stop()
			deadline := time.After(sz.readHeaderTimeout + 5*time.Second)
			for i := 0; ; i++ {
				select {
				case <-gone:
					closed <- time.Since(start)
					return
				case <-deadline:
					closed <- -2
					return
				case <-tick.C:
					_, _ = fmt.Fprintf(c, "X-Trickle-%d: still here\r\n", i)
				}
			}
		}()
	}
	opened.Wait()
	// Readers are served while the 200 connections hang on.
	time.Sleep(sz.readHeaderTimeout / 2)
	for range 5 {
		t0 := time.Now()
		getBody(t, ls.url+"/")
		if d := time.Since(t0); d > time.Second {
			t.Errorf("a reader waited %s during the slowloris attack", d)
		}
	}
	var last time.Duration
	for range n {
		d := <-closed
		switch {
		case d == -1:
			t.Fatal("could not connect")
		case d == -2:
			t.Fatalf("a trickling connection was still open %s after ReadHeaderTimeout", 5*time.Second)
		}
		last = max(last, d)
	}
	t.Logf("%d trickling connections all closed within %s (ReadHeaderTimeout %s)", n, last.Round(time.Millisecond), sz.readHeaderTimeout)
	if limit := sz.readHeaderTimeout + time.Second; last > limit {
		t.Errorf("the last trickling connection was closed after %s, over ReadHeaderTimeout + 1 s (%s)", last, limit)
	}
}

// TestHeaderLimit_431 sends 20 KiB of headers: the answer is 431, and a
// request within the limit is answered.
func TestHeaderLimit_431(t *testing.T) {
	ls := startLiveSite(t, 3, Limits{})
	send := func(headerBytes int) int {
		c, err := net.Dial("tcp", strings.TrimPrefix(ls.url, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		_ = c.SetDeadline(time.Now().Add(5 * time.Second))
		var b strings.Builder
		b.WriteString("GET / HTTP/1.1\r\nHost: health.example.org\r\nConnection: close\r\n")
		for i := 0; b.Len() < headerBytes; i++ {
			fmt.Fprintf(&b, "X-Filler-%04d: %s\r\n", i, strings.Repeat("a", 100))
		}
		b.WriteString("\r\n")
		if _, err := io.WriteString(c, b.String()); err != nil && !errors.Is(err, net.ErrClosed) {
			t.Logf("write: %v", err)
		}
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatalf("reading the answer to %d bytes of headers: %v", headerBytes, err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := send(20 << 10); got != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("20 KiB of headers: %d, want 431", got)
	}
	if got := send(8 << 10); got != http.StatusOK {
		t.Errorf("8 KiB of headers: %d, want 200", got)
	}
}
