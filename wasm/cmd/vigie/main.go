//go:build js && wasm

// Command vigie is the WebAssembly bridge: it builds the engine on the
// embedded default list and exposes it to the extension's service worker as
// globalThis.vigie. All decisions are made in Go; this file only converts
// values at the boundary.
package main

import (
	"syscall/js"
	"time"

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
		return infoJS(eng.Info())
	}))
	api.Set("loadBundle", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return loadBundle(eng, args)
	}))
	api.Set("setOverlay", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return setOverlay(eng, args)
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

// loadBundle answers vigie.loadBundle(bytes: Uint8Array, extraKeys?: string[]):
// {ok: true, ...list info} or {ok: false, error: code, message}.
func loadBundle(eng *engine.Engine, args []js.Value) (out any) {
	defer func() {
		if r := recover(); r != nil {
			out = js.ValueOf(map[string]any{"ok": false, "error": "engine-error", "message": "engine error"})
		}
	}()
	if len(args) < 1 || !args[0].InstanceOf(js.Global().Get("Uint8Array")) {
		return js.ValueOf(map[string]any{"ok": false, "error": "argument", "message": "want a Uint8Array"})
	}
	b := make([]byte, args[0].Get("length").Int())
	js.CopyBytesToGo(b, args[0])
	var extra []string
	if len(args) > 1 && args[1].Type() == js.TypeObject {
		for i := 0; i < args[1].Length(); i++ {
			extra = append(extra, args[1].Index(i).String())
		}
	}
	keys, err := engine.TrustedKeys(extra...)
	if err != nil {
		return js.ValueOf(map[string]any{"ok": false, "error": "keys", "message": err.Error()})
	}
	info, err := eng.LoadBundle(b, keys, time.Now())
	if err != nil {
		return js.ValueOf(map[string]any{"ok": false, "error": engine.ErrorCode(err), "message": err.Error()})
	}
	o := infoJS(info)
	o.Set("ok", true)
	return o
}

// setOverlay answers vigie.setOverlay(domains: string[]).
func setOverlay(eng *engine.Engine, args []js.Value) (out any) {
	defer func() {
		if r := recover(); r != nil {
			out = js.ValueOf(map[string]any{"ok": false, "error": "engine-error"})
		}
	}()
	var ds []string
	if len(args) > 0 && args[0].Type() == js.TypeObject {
		for i := 0; i < args[0].Length(); i++ {
			ds = append(ds, args[0].Index(i).String())
		}
	}
	n, err := eng.SetOverlay(ds)
	if err != nil {
		return js.ValueOf(map[string]any{"ok": false, "error": "domain", "message": err.Error()})
	}
	return js.ValueOf(map[string]any{"ok": true, "count": n})
}

func infoJS(i engine.ListInfo) js.Value {
	date := func(t time.Time) any {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	}
	return js.ValueOf(map[string]any{
		"name": i.Name, "version": float64(i.Version), "created": date(i.Created), "expires": date(i.Expires),
		"keyId": i.KeyID, "entries": i.Entries, "embedded": i.Embedded, "local": i.Local,
	})
}
