package main

import (
	"bufio"
	"bytes"
	"io"
	"sync"
	"time"
)

// logWriter buffers the request log and writes it out at least every
// interval, and whenever 64 KiB have gathered: one write for many
// request lines instead of one each, which matters when the log goes
// to a pipe or a journal. A warning or an error is written out at once,
// and after Close every line is.
type logWriter struct {
	mu     sync.Mutex
	buf    *bufio.Writer
	closed bool
	stop   chan struct{}
	done   chan struct{}
}

func newLogWriter(w io.Writer, interval time.Duration) *logWriter {
	l := &logWriter{buf: bufio.NewWriterSize(w, 64<<10), stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(l.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				l.Flush()
			case <-l.stop:
				return
			}
		}
	}()
	return l
}

// urgent are the levels of log/slog's text format that are written out
// at once.
var urgent = [][]byte{[]byte(" level=WARN "), []byte(" level=ERROR ")}

// Write buffers p, a whole log record: slog writes one at a time.
func (l *logWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n, err := l.buf.Write(p)
	if err == nil && (l.closed || bytes.Contains(p, urgent[0]) || bytes.Contains(p, urgent[1])) {
		err = l.buf.Flush()
	}
	return n, err
}

// Flush writes out what is buffered.
func (l *logWriter) Flush() {
	l.mu.Lock()
	defer l.mu.Unlock()
	_ = l.buf.Flush()
}

// Close stops the flushing and writes out the rest; lines written
// later (by requests that outlive the shutdown) go straight through.
func (l *logWriter) Close() {
	close(l.stop)
	<-l.done
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed = true
	_ = l.buf.Flush()
}
