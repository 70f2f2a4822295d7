package readability

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestCompareJS(t *testing.T) {
	f, _ := os.Open("/tmp/rd/js-syl.txt")
	sc := bufio.NewScanner(f)
	bad, n := 0, 0
	for sc.Scan() {
		w, c, _ := strings.Cut(sc.Text(), " ")
		want, _ := strconv.Atoi(c)
		n++
		if got := Syllables("en", w); got != want {
			bad++
			fmt.Printf("%s ours=%d js=%d\n", w, got, want)
		}
	}
	fmt.Println("differ", bad, "of", n)
}
