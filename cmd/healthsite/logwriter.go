package main

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"sync"
	"time"
)

// logBuffer buffers the request log and writes it out at least every
// interval, and whenever 64 KiB have gathered: one write for many
// request lines instead of one each, which matters when the log goes
// to a pipe or a journal. After Close every line goes straight through.
type logBuffer struct {
	mu     sync.Mutex
	buf    *bufio.Writer
	closed bool
	stop   chan struct{}
	done   chan struct{}
}

func newLogBuffer(w io.Writer, interval time.Duration) *logBuffer {
	l := &logBuffer{buf: bufio.NewWriterSize(w, 64<<10), stop: make(chan struct{}), done: make(chan struct{})}
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

// Write buffers p, a whole log record: slog writes one at a time.
func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n, err := l.buf.Write(p)
	if err == nil && l.closed {
		err = l.buf.Flush()
	}
	return n, err
}

// Flush writes out what is buffered.
func (l *logBuffer) Flush() {
	l.mu.Lock()
	defer l.mu.Unlock()
	_ = l.buf.Flush()
}

// Close stops the flushing and writes out the rest; lines written
// later (by requests that outlive the shutdown) go straight through.
func (l *logBuffer) Close() {
	close(l.stop)
	<-l.done
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed = true
	_ = l.buf.Flush()
}

// flushingHandler is slog's text format into a logBuffer that writes a
// warning or an error out at once, decided by the record's level rather
// than by what its text happens to contain. The handler of the logger
// newLog returns (root) formats plain records itself (see
// appendPlainRecord); one made by WithAttrs or WithGroup, whose lines
// carry more, leaves them all to slog.
type flushingHandler struct {
	slog.Handler
	out  *logBuffer
	root bool
}

// Handle writes r, and writes out the buffer when r is a warning or worse.
func (h flushingHandler) Handle(ctx context.Context, r slog.Record) error {
	err := h.write(ctx, r)
	if r.Level >= slog.LevelWarn {
		h.out.Flush()
	}
	return err
}

// write writes r into the buffer, formatted by hand when it is plain.
func (h flushingHandler) write(ctx context.Context, r slog.Record) error {
	if h.root {
		bp := lineBuffers.Get().(*[]byte)
		defer lineBuffers.Put(bp)
		if b, ok := appendPlainRecord((*bp)[:0], r); ok {
			if cap(b) <= 16<<10 { // a huge line's buffer is not kept
				*bp = b[:0]
			}
			_, err := h.out.Write(b)
			return err
		}
	}
	return h.Handler.Handle(ctx, r)
}

// WithAttrs keeps the flushing for loggers made with With.
func (h flushingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return flushingHandler{h.Handler.WithAttrs(attrs), h.out, false}
}

// WithGroup keeps the flushing for loggers made with WithGroup.
func (h flushingHandler) WithGroup(name string) slog.Handler {
	return flushingHandler{h.Handler.WithGroup(name), h.out, false}
}

// newLog returns serve's logger, slog's text format to w buffered for at
// most interval, and the function that writes out the rest at the end.
func newLog(w io.Writer, interval time.Duration) (*slog.Logger, func()) {
	out := newLogBuffer(w, interval)
	return slog.New(flushingHandler{slog.NewTextHandler(out, nil), out, true}), out.Close
}
