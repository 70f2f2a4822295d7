package pool

import (
	"context"
	"sync/atomic"
	"testing"
)

func TestEach_CallsEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		seen := make([]atomic.Int32, n)
		if err := Each(context.Background(), n, func(i int) { seen[i].Add(1) }); err != nil {
			t.Fatal(err)
		}
		for i := range seen {
			if c := seen[i].Load(); c != 1 {
				t.Fatalf("n=%d: index %d called %d times", n, i, c)
			}
		}
	}
}

func TestEach_StopsWhenTheContextIsDone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int32
	err := Each(ctx, 1000, func(i int) {
		if calls.Add(1) == 10 {
			cancel()
		}
	})
	if err != context.Canceled {
		t.Errorf("Each returned %v, want context.Canceled", err)
	}
	if c := calls.Load(); c >= 1000 {
		t.Errorf("%d calls after the context was cancelled at the tenth", c)
	}
}
