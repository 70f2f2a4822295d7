// Command sample writes a content folder of generated articles, the same
// for the same seed, for benchmarks and load tests:
//
//	go run ./internal/sample/cmd/sample -n 10000 -out /tmp/content-10k
//	go run ./internal/sample/cmd/sample -n 10000 -languages en,es,fr -out /tmp/content-10k-3
//
// With -languages, every article is translated into each further
// language, in a file of the same name in that language's folder.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"healthsite/internal/sample"
)

func main() {
	n := flag.Int("n", 1000, "how many articles to write")
	seed := flag.Uint64("seed", 1, "the generator's seed: the same seed writes the same files")
	languages := flag.String("languages", "en", "the languages, the main one first, separated by commas: en, or en with any of es and fr")
	out := flag.String("out", "", "the folder to write into (created; must not hold articles already)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: sample [-n N] [-seed S] [-languages en,es,fr] -out DIR")
		os.Exit(2)
	}
	if err := sample.WriteLanguages(*out, *n, *seed, strings.Split(*languages, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "sample:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d articles in %s to %s\n", *n, *languages, *out)
}
