//go:build js && wasm

// Command floor is the smallest program that links what the engine cannot
// do without (x/net/publicsuffix and idna) and the syscall/js bridge: the
// last size floor of make bench, built like the engine against the patched
// x/net (publicsuffix without net/http/cookiejar, build/xnet.go).
package main

import (
	"syscall/js"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

func main() {
	js.Global().Set("floor", js.FuncOf(func(_ js.Value, a []js.Value) any {
		s, _ := idna.Lookup.ToASCII(a[0].String())
		p, _ := publicsuffix.PublicSuffix(s)
		return p
	}))
	select {}
}
