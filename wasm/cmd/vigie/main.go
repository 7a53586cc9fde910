//go:build js && wasm

// Command vigie is the WebAssembly bridge: it builds the engine on the
// embedded default list and exposes it to the extension's service worker as
// globalThis.vigie. All decisions are made in Go; this file only converts
// values at the boundary.
package main

import (
	"syscall/js"

	"vigie/wasm/engine"
)

func main() {
	eng, err := engine.NewDefault()
	if err != nil {
		// The embedded list is checked by tests; if it ever fails, say so
		// loudly and leave no half-working API behind.
		js.Global().Get("console").Call("error", "vigie: "+err.Error())
		return
	}
	api := js.Global().Get("Object").New()
	api.Set("check", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return check(eng, args)
	}))
	api.Set("listInfo", js.FuncOf(func(js.Value, []js.Value) any {
		return js.ValueOf(map[string]any{"entries": eng.Index().Len(), "name": "default"})
	}))
	js.Global().Set("vigie", api)
	if ready := js.Global().Get("__vigieReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {} // serve calls until the worker stops
}

// check answers vigie.check(url). engine.Check never panics; the recover
// here covers the conversion to JS, so that a bad argument still gets the
// fail-safe verdict rather than an exception.
func check(eng *engine.Engine, args []js.Value) (out any) {
	defer func() {
		if r := recover(); r != nil {
			out = toJS(engine.Verdict{Kind: engine.Suspicious, Reason: "engine-error"})
		}
	}()
	if len(args) < 1 || args[0].Type() != js.TypeString {
		return toJS(engine.Verdict{Kind: engine.Invalid, Reason: "invalid.argument"})
	}
	return toJS(eng.Check(args[0].String()))
}

func toJS(v engine.Verdict) js.Value {
	return js.ValueOf(map[string]any{
		"kind":          string(v.Kind),
		"host":          v.Host,
		"display":       v.Display,
		"registrable":   v.Registrable,
		"imitates":      v.Imitates,
		"imitatesLabel": v.ImitatesLabel,
		"imitatesName":  v.ImitatesName,
		"realURL":       v.RealURL,
		"family":        v.Family,
		"score":         v.Score,
		"reason":        v.Reason,
	})
}
