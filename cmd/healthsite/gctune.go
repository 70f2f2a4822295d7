package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// gcHeadroom is the least the heap grows by between two collections
// while serve runs: 64 MiB, or as much as the live heap, whichever is
// more. With Go's default alone (as much as the live heap), a small
// site's few MiB of pages meant a collection every few hundred
// requests, and the collector's share of serving an article was a
// seventh of its CPU; a large site, whose live heap is more than the
// headroom, is collected as by default.
const gcHeadroom = 64 << 20

// gcTuner sets the collector's target after each collection, so that
// the next one comes after the heap has grown by at least its headroom:
// GOGC = max(100, headroom / live heap × 100). See tuneGC.
type gcTuner struct {
	headroom uint64
	sample   []metrics.Sample // only tune uses it: cleanups run one at a time

	mu      sync.Mutex // serializes setting GOGC, and stopping
	stopped bool
	percent int // the GOGC set last
}

// tuneGC starts tuning the collector for serving, unless the
// environment sets GOGC: then the operator's choice stands. It returns
// the function that stops the tuning and restores the default.
func tuneGC(getenv func(string) string, headroom uint64) (stop func()) {
	if getenv("GOGC") != "" {
		return func() {}
	}
	t := &gcTuner{headroom: headroom, percent: 100, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	t.arm()
	return func() {
		t.mu.Lock()
		defer t.mu.Unlock()
		if !t.stopped {
			t.stopped = true
			debug.SetGCPercent(100)
		}
	}
}

// arm has tune run after the next collection: a cleanup runs once the
// collector finds its object unreachable, and the object is garbage at
// once.
func (t *gcTuner) arm() {
	runtime.AddCleanup(new([16]uintptr), func(t *gcTuner) { t.tune() }, t)
}

// tune sets GOGC for the live heap the last collection left, and arms
// itself for the next collection.
func (t *gcTuner) tune() {
	metrics.Read(t.sample)
	live := t.sample[0].Value.Uint64()
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return
	}
	if p := gcPercent(live, t.headroom); p != t.percent {
		t.percent = p
		debug.SetGCPercent(p)
	}
	t.arm()
}

// gcPercent is the GOGC that lets a live heap of live bytes grow by
// headroom, and by no less than Go's default, 100 (as much again).
func gcPercent(live, headroom uint64) int {
	if live == 0 || live >= headroom {
		return 100
	}
	return int(headroom * 100 / live)
}
