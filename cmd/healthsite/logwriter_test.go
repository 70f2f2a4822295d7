package main

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// TestLog_WritesWarningsAtOnceByLevel pins that what is written out at
// once is decided by the record's level, not by its text: an info
// record that quotes "level=WARN" waits in the buffer, and a level
// above ERROR (printed ERROR+4) does not.
func TestLog_WritesWarningsAtOnceByLevel(t *testing.T) {
	var out syncBuffer
	log, closeLog := newLog(&out, time.Hour) // no flush by time in this test
	log.Info("request")
	if out.String() != "" {
		t.Fatal("an info line was written at once")
	}
	log.Info("the editor wrote level=WARN in a title")
	if got := out.String(); got != "" {
		t.Fatalf("an info record whose text says level=WARN was written at once: %q", got)
	}
	log.Warn("reload failed")
	got := out.String()
	for _, want := range []string{"msg=request", "level=WARN", "msg=\"reload failed\""} {
		if !strings.Contains(got, want) {
			t.Errorf("after a warning, %q is not written out:\n%s", want, got)
		}
	}
	log.With("component", "publisher").WithGroup("g").Log(context.Background(), slog.LevelError+4, "worse than an error")
	if got := out.String(); !strings.Contains(got, "level=ERROR+4") {
		t.Errorf("a record above ERROR from a derived logger waited in the buffer:\n%s", got)
	}
	log.Info("last")
	closeLog()
	if !strings.HasSuffix(out.String(), "msg=last\n") {
		t.Error("closing did not write out the rest")
	}
	log.Info("after")
	if !strings.HasSuffix(out.String(), "msg=after\n") {
		t.Error("a line after closing was kept in the buffer")
	}
}

func TestLog_WritesWithinTheInterval(t *testing.T) {
	var out syncBuffer
	log, closeLog := newLog(&out, 20*time.Millisecond)
	defer closeLog()
	log.Info("request")
	deadline := time.Now().Add(2 * time.Second)
	for !strings.Contains(out.String(), "msg=request") {
		if time.Now().After(deadline) {
			t.Fatal("a buffered line was not written within the interval")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
