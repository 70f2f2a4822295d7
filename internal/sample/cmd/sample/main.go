// Command sample writes a content folder of generated articles, the same
// for the same seed, for benchmarks and load tests:
//
//	go run ./internal/sample/cmd/sample -n 10000 -out /tmp/content-10k
package main

import (
	"flag"
	"fmt"
	"os"

	"healthsite/internal/sample"
)

func main() {
	n := flag.Int("n", 1000, "how many articles to write")
	seed := flag.Uint64("seed", 1, "the generator's seed: the same seed writes the same files")
	out := flag.String("out", "", "the folder to write into (created; must not hold articles already)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: sample [-n N] [-seed S] -out DIR")
		os.Exit(2)
	}
	if err := sample.WriteDir(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "sample:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d articles to %s\n", *n, *out)
}
