package article

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestCheck_SlowTextIsRenderedOnceAndRemembered checks that a text
// which runs over the render budget is reported again at once, without
// another render, and that no two renders of one text run together:
// goldmark cannot be stopped, so each would go on pinning a core.
func TestCheck_SlowTextIsRenderedOnceAndRemembered(t *testing.T) {
	const fix = " to render, so it is not published (this comes from thousands of nested brackets, quotes, emphasis or list markers: look for a long run of the same punctuation and remove it)"
	over := func(budget string) string {
		return "x.md:8:1: error: the article text takes over " + budget + fix
	}
	type step struct {
		budget  time.Duration
		callers int    // loads of the file at the same time
		want    string // the one problem each reports; "" for none
	}
	tests := []struct {
		name    string
		steps   []step
		renders int64 // renders started by all the steps
	}{
		{"ReportedAgainWithoutRendering", []step{
			{time.Nanosecond, 1, over("1ns")},
			{time.Nanosecond, 1, over("1ns")},
			{time.Millisecond, 1, over("1ms")},
		}, 1},
		{"OneRenderAtATime", []step{
			{time.Millisecond, 8, over("1ms")},
			{time.Millisecond, 8, over("1ms")},
		}, 1},
		{"RenderedAgainWithinALargerBudget", []step{
			{time.Nanosecond, 1, over("1ns")},
			{time.Minute, 1, ""},
		}, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// A text of its own, unknown to the process, that takes
			// goldmark tens of milliseconds.
			text := fmt.Sprintf("%s %d %s", tc.name, time.Now().UnixNano(), strings.Repeat("[", 50000))
			fsys := fstest.MapFS{"x.md": {Data: []byte("---\ntitle: Slow\nauthor: A\ndate: 2024-01-01\nsummary: S.\n---\n\n" + text + "\n")}}
			renders := NewRenderGuard()
			for i, s := range tc.steps {
				got := make([][]string, s.callers)
				var wg sync.WaitGroup
				for c := range s.callers {
					wg.Go(func() {
						for _, e := range Check(fsys, Options{RenderBudget: s.budget, Renders: renders}).Problems {
							got[c] = append(got[c], e.Error())
						}
					})
				}
				wg.Wait()
				var want []string
				if s.want != "" {
					want = []string{s.want}
				}
				for c := range got {
					if diff := cmp.Diff(want, got[c]); diff != "" {
						t.Errorf("step %d, load %d: problems (-want +got):\n%s", i, c, diff)
					}
				}
			}
			if n := renders.started.Load(); n != tc.renders {
				t.Errorf("%d renders started, want %d", n, tc.renders)
			}
		})
	}
}

// TestCheck_LoadsWithoutACommonGuardShareNothing checks that what one
// guard knows of a slow text is no other's: the memory belongs to the
// program that passes it to its loads, not to the process.
func TestCheck_LoadsWithoutACommonGuardShareNothing(t *testing.T) {
	text := fmt.Sprintf("Shared %d %s", time.Now().UnixNano(), strings.Repeat("[", 50000))
	fsys := fstest.MapFS{"x.md": {Data: []byte("---\ntitle: Slow\nauthor: A\ndate: 2024-01-01\nsummary: S.\n---\n\n" + text + "\n")}}
	a, b := NewRenderGuard(), NewRenderGuard()
	for _, g := range []*RenderGuard{a, a, b, nil} {
		if r := Check(fsys, Options{RenderBudget: time.Nanosecond, Renders: g}); len(r.Problems) != 1 {
			t.Fatalf("problems: %v", r.Problems)
		}
	}
	if n, m := a.started.Load(), b.started.Load(); n != 1 || m != 1 {
		t.Errorf("renders started: %d by the guard used twice, %d by the other; want 1 each", n, m)
	}
}

// TestRenderGuard_RemembersABoundedNumberOfBodies checks that the
// memory of slow bodies does not grow without bound.
func TestRenderGuard_RemembersABoundedNumberOfBodies(t *testing.T) {
	g := NewRenderGuard()
	for i := range maxSlowBodies + 10 {
		g.remember([32]byte{byte(i), byte(i >> 8)}, time.Second)
	}
	if len(g.slow) != maxSlowBodies || len(g.order) != maxSlowBodies {
		t.Errorf("remembers %d bodies (%d in order), want %d", len(g.slow), len(g.order), maxSlowBodies)
	}
	if _, ok := g.slow[[32]byte{0}]; ok {
		t.Error("the oldest body is still remembered")
	}
	last := maxSlowBodies + 9
	if _, ok := g.slow[[32]byte{byte(last), byte(last >> 8)}]; !ok {
		t.Error("the newest body is forgotten")
	}
}
