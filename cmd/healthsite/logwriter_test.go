package main

import (
	"strings"
	"testing"
	"time"
)

func TestLogWriter_WritesWithinTheIntervalAndOnClose(t *testing.T) {
	var out syncBuffer
	l := newLogWriter(&out, 20*time.Millisecond)
	_, _ = l.Write([]byte("first line\n"))
	deadline := time.Now().Add(2 * time.Second)
	for !strings.Contains(out.String(), "first line") {
		if time.Now().After(deadline) {
			t.Fatal("a buffered line was not written within the interval")
		}
		time.Sleep(5 * time.Millisecond)
	}
	_, _ = l.Write([]byte("last line\n"))
	l.Close()
	if got := out.String(); got != "first line\nlast line\n" {
		t.Errorf("written %q", got)
	}
}
