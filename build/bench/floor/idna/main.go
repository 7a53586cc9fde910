//go:build js && wasm

// Command idna is the empty floor plus the IDNA mapping every host needs
// (golang.org/x/net/idna).
package main

import (
	"syscall/js"

	"golang.org/x/net/idna"
)

func main() {
	js.Global().Set("floor", js.FuncOf(func(_ js.Value, a []js.Value) any {
		s, _ := idna.Lookup.ToASCII(a[0].String())
		return s
	}))
	select {}
}
