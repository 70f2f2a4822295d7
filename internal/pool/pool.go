// Package pool runs independent pieces of work on every core.
package pool

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls fn(i) for every i from 0 to n-1, on one goroutine per core,
// taking the next i as each call returns, and returns when every call
// has, or once ctx is done and the calls under way have returned: then
// with ctx's error, and some i never passed to fn.
func Each(ctx context.Context, n int, fn func(i int)) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(i)
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}
