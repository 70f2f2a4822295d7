package main

import (
	"runtime"
	"runtime/metrics"
	"testing"
	"time"
)

func TestGCPercent(t *testing.T) {
	const mib = 1 << 20
	tests := []struct {
		live, headroom uint64
		want           int
	}{
		{4 * mib, 64 * mib, 1600},
		{32 * mib, 64 * mib, 200},
		{63 * mib, 64 * mib, 101},
		{64 * mib, 64 * mib, 100},
		{500 * mib, 64 * mib, 100},
		{0, 64 * mib, 100},
	}
	for _, tt := range tests {
		if got := gcPercent(tt.live, tt.headroom); got != tt.want {
			t.Errorf("gcPercent(%d MiB, %d MiB) = %d, want %d", tt.live/mib, tt.headroom/mib, got, tt.want)
		}
	}
}

// gogc reads the collector's current GOGC.
func gogc() uint64 {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestTuneGC_AfterEachCollectionUntilStopped: the tuner sets GOGC once
// a collection has measured the live heap, leaves GOGC from the
// environment alone, and restores the default when stopped.
func TestTuneGC_AfterEachCollectionUntilStopped(t *testing.T) {
	tests := []struct {
		name string
		env  string
		want func(uint64) bool
	}{
		{"tuned", "", func(p uint64) bool { return p > 100 }},
		{"GOGC set", "50", func(p uint64) bool { return p == 100 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stop := tuneGC(func(string) string { return tt.env }, 1<<40) // more than any test's heap
			deadline := time.Now().Add(5 * time.Second)
			for {
				runtime.GC()
				if p := gogc(); tt.want(p) || time.Now().After(deadline) {
					break
				}
				time.Sleep(10 * time.Millisecond)
			}
			if p := gogc(); !tt.want(p) {
				t.Errorf("GOGC %d after collections", p)
			}
			stop()
			runtime.GC()
			time.Sleep(20 * time.Millisecond)
			if p := gogc(); p != 100 {
				t.Errorf("GOGC %d once stopped, want 100", p)
			}
		})
	}
}
