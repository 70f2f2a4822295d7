package main

import (
	"strings"
	"testing"
	"time"
)

func TestLogWriter(t *testing.T) {
	var out syncBuffer
	l := newLogWriter(&out, time.Hour) // no flush by time in this test
	_, _ = l.Write([]byte("time=x level=INFO msg=request\n"))
	if out.String() != "" {
		t.Fatal("an info line was written at once")
	}
	_, _ = l.Write([]byte("time=x level=ERROR msg=\"reload failed\"\n"))
	if got := out.String(); got != "time=x level=INFO msg=request\ntime=x level=ERROR msg=\"reload failed\"\n" {
		t.Fatalf("after an error line: %q", got)
	}
	_, _ = l.Write([]byte("time=x level=INFO msg=last\n"))
	l.Close()
	if !strings.HasSuffix(out.String(), "msg=last\n") {
		t.Error("Close did not write out the rest")
	}
	_, _ = l.Write([]byte("time=x level=INFO msg=after\n"))
	if !strings.HasSuffix(out.String(), "msg=after\n") {
		t.Error("a line after Close was kept in the buffer")
	}
}

func TestLogWriter_WritesWithinTheInterval(t *testing.T) {
	var out syncBuffer
	l := newLogWriter(&out, 20*time.Millisecond)
	defer l.Close()
	_, _ = l.Write([]byte("time=x level=INFO msg=request\n"))
	deadline := time.Now().Add(2 * time.Second)
	for !strings.Contains(out.String(), "msg=request") {
		if time.Now().After(deadline) {
			t.Fatal("a buffered line was not written within the interval")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
