// Command pslcheck prints, for each host read on stdin, its public suffix
// and registrable domain as golang.org/x/net/publicsuffix computes them.
// build/xnet_test.go runs it against the x/net of go.mod and against the
// patched copy the engine is built with: the outputs must be identical.
package main

import (
	"bufio"
	"fmt"
	"os"

	"golang.org/x/net/publicsuffix"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		h := in.Text()
		ps, icann := publicsuffix.PublicSuffix(h)
		reg, err := publicsuffix.EffectiveTLDPlusOne(h)
		fmt.Fprintf(out, "%s\t%s\t%v\t%s\t%v\n", h, ps, icann, reg, err)
	}
}
