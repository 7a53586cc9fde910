//go:build js && wasm

// Command empty is the platform's floor: a Go program that exports one
// function through syscall/js and does nothing else.
package main

import "syscall/js"

func main() {
	js.Global().Set("floor", js.FuncOf(func(_ js.Value, a []js.Value) any { return a[0].String() }))
	select {}
}
