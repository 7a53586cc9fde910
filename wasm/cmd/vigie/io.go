//go:build js && wasm

package main

import (
	"syscall/js"
	"unsafe"

	"vigie/wasm/engine"
)

// The verdict of a navigation crosses the JS↔Go boundary through two
// buffers in the module's linear memory instead of as JS strings: the
// worker writes the URL as UTF-8 into ioIn (TextEncoder.encodeInto), calls
// vigie.checkIO(length) and reads the encoded verdict from ioOut
// (TextDecoder). A string argument costs syscall/js a JS-side reference
// table entry and two more calls into JS to copy it; a string result, one
// more entry. Those came to about a third of a verdict's time in Node.
//
// Go's heap does not move, so the addresses stay valid for the life of the
// module. A URL longer than ioIn, or a verdict longer than ioOut, goes the
// string way (vigie.check): the worker never cuts a URL, which could hide
// its host.
var (
	ioIn  [8192]byte
	ioOut [4096]byte
)

func bufAddr(b []byte) int { return int(uintptr(unsafe.Pointer(&b[0]))) }

// checkIO answers vigie.checkIO(n): the verdict of the URL in ioIn[:n],
// written to ioOut; its length, or -1 if it must go the string way.
func checkIO(eng *engine.Engine, args []js.Value) (out any) {
	defer func() {
		if r := recover(); r != nil {
			out = -1
		}
	}()
	if len(args) < 1 || args[0].Type() != js.TypeNumber {
		return -1
	}
	n := args[0].Int()
	if n < 0 || n > len(ioIn) {
		return -1
	}
	v := eng.Check(string(ioIn[:n]))
	m, ok := encode(ioOut[:], v)
	if !ok {
		return -1
	}
	return m
}
