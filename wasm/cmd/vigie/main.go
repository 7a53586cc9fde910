//go:build js && wasm

// Command vigie is the WebAssembly bridge: it builds the engine, with no
// list of its own (the worker gives it the extension's built-in list, then
// a signed one), and exposes it to the extension's service worker as
// globalThis.vigie. All decisions are made in Go; this file only converts
// values at the boundary.
package main

import (
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"vigie/wasm/engine"
	"vigie/wasm/mediator"
	"vigie/wasm/passwords"
	"vigie/wasm/reports"
)

// version of the engine's API.
const version = 1

func main() {
	// No list in the module: the worker gives the built-in list
	// (builtin.idx, the national and public-sector lists) with loadBuiltin
	// before its first verdict; until then every verdict is "suspicious".
	eng := engine.New(nil)
	api := js.Global().Get("Object").New()
	api.Set("loadBuiltin", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return loadBuiltin(eng, args)
	}))
	api.Set("check", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return check(eng, args)
	}))
	// checkIO is check through linear memory: see io.go.
	api.Set("io", obj("in", bufAddr(ioIn[:]), "inSize", len(ioIn), "out", bufAddr(ioOut[:])))
	api.Set("checkIO", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return checkIO(eng, args)
	}))
	// version does nothing but answer a number, as checkIO does: the floor
	// of one JS→Go call, for make bench.
	api.Set("version", js.FuncOf(func(js.Value, []js.Value) any { return version }))
	// cacheVerdicts(false) makes every verdict do the engine's whole work:
	// for make bench, which reports both.
	api.Set("cacheVerdicts", js.FuncOf(func(_ js.Value, args []js.Value) any {
		eng.SetCache(len(args) > 0 && args[0].Truthy())
		return nil
	}))
	// blockedDomains: the list's blocked domains, one a line, for the
	// browser's rule engine (rules.js); null if the engine failed.
	api.Set("blockedDomains", js.FuncOf(func(js.Value, []js.Value) any {
		d, ok := eng.BlockedDomains()
		if !ok {
			return nil
		}
		return strings.Join(d, "\n")
	}))
	api.Set("listInfo", js.FuncOf(func(js.Value, []js.Value) any {
		return infoJS(eng.Info())
	}))
	api.Set("bundlePayload", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return bundlePayload(eng, args)
	}))
	api.Set("loadBundle", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return loadBundle(eng, args)
	}))
	api.Set("exportIndex", js.FuncOf(func(js.Value, []js.Value) any {
		return exportIndex(eng)
	}))
	api.Set("recheck", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return recheck(eng, args)
	}))
	api.Set("loadVerified", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return loadVerified(eng, args)
	}))
	vault, err := passwords.New()
	if err != nil {
		js.Global().Get("console").Call("error", "vigie: "+err.Error())
		return
	}
	api.Set("password", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return password(eng, vault, args)
	}))
	// typed(text, url): the official site whose password ends what is
	// being typed on the page at url, or "" (docs/passwords.md).
	api.Set("typed", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 2 || args[0].Type() != js.TypeString || args[1].Type() != js.TypeString {
			return ""
		}
		return eng.Typed(vault, args[0].String(), args[1].String())
	}))
	// fieldKind(autocomplete, own words, password fields, form's words).
	api.Set("fieldKind", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 3 {
			return string(passwords.Login)
		}
		context := ""
		if len(args) > 3 && args[3].Type() == js.TypeString {
			context = args[3].String()
		}
		return string(passwords.FieldKind(args[0].String(), args[1].String(), context, args[2].Int()))
	}))
	api.Set("page", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 2 || args[0].Type() != js.TypeString || args[1].Type() != js.TypeString {
			return ""
		}
		return eng.Impersonation(args[0].String(), args[1].String())
	}))
	api.Set("passwordState", js.FuncOf(func(js.Value, []js.Value) any {
		return vault.State()
	}))
	api.Set("restorePasswords", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return len(args) > 0 && args[0].Type() == js.TypeString && vault.Restore(args[0].String()) == nil
	}))
	api.Set("wipePasswords", js.FuncOf(func(js.Value, []js.Value) any {
		return vault.Wipe() == nil
	}))
	api.Set("download", js.FuncOf(func(_ js.Value, args []js.Value) any { return download(args) }))
	// reportsTSV(reports) → the export file's text: [{at, host, kind,
	// verdict, imitates}], each cell made inert for a spreadsheet.
	api.Set("reportsTSV", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 1 || args[0].Type() != js.TypeObject {
			return reports.TSV(nil)
		}
		var rows [][]string
		for i := 0; i < args[0].Length(); i++ {
			r := args[0].Index(i)
			rows = append(rows, []string{jsString(r.Get("at")), jsString(r.Get("host")), jsString(r.Get("kind")),
				jsString(r.Get("verdict")), jsString(r.Get("imitates"))})
		}
		return reports.TSV(rows)
	}))
	api.Set("downloadZip", js.FuncOf(func(_ js.Value, args []js.Value) any { return downloadZip(args) }))
	// pinCheck(pin) → "ok", "weak" or "trivial": a new code judged as soon
	// as it is typed, before it is asked again (nothing is hashed).
	api.Set("pinCheck", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 1 || args[0].Type() != js.TypeString {
			return "weak"
		}
		switch mediator.Acceptable(args[0].String()) {
		case mediator.ErrTrivial:
			return "trivial"
		case nil:
			return "ok"
		}
		return "weak"
	}))
	// pinHash(pin) → the record, or "weak" / "trivial" when the code is
	// refused (a record always starts "pbkdf2-").
	api.Set("pinHash", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 1 || args[0].Type() != js.TypeString {
			return "weak"
		}
		rec, err := mediator.Hash(args[0].String())
		switch {
		case err == mediator.ErrTrivial:
			return "trivial"
		case err != nil:
			return "weak"
		}
		return rec
	}))
	// pinCharge(attempts, nowMillis, code) → {locked, lockedUntil,
	// remaining, attempts, rescue}: a try spent before it is checked. The
	// worker stores attempts whole ({pin, rescue}: a rescue code has its
	// own count; each {failures, since, lockedUntil}, milliseconds since
	// 1970), then calls pinVerify(code, record) → {ok, error}, the slow
	// PBKDF2 comparison, and pinRefund(attempts, nowMillis) when it is right.
	api.Set("pinCharge", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return pinChargeJS(args)
	}))
	// pinRefund(attempts, nowMillis, code): after a right code, the
	// attempts to store: the PIN's try given back, or the rescue count cleared.
	api.Set("pinRefund", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 3 {
			return obj()
		}
		pin, rescue := storedAttempts(args[0])
		if mediator.IsRescue(typedCode(args[2])) {
			rescue = mediator.Attempts{}
		} else {
			pin = mediator.Refund(pin, millis(args[1]))
		}
		return obj("pin", attemptsJS(pin), "rescue", attemptsJS(rescue))
	}))
	// rescueNew() → {code, record}: the rescue code shown once when the
	// PIN is chosen; null if the random source fails.
	api.Set("rescueNew", js.FuncOf(func(js.Value, []js.Value) any {
		code, rec, err := mediator.NewRescue()
		if err != nil {
			return nil
		}
		return obj("code", code, "record", rec)
	}))
	api.Set("pinVerify", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return pinVerifyJS(args)
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

// pinChargeJS answers vigie.pinCharge. The code decides which count is
// charged: a rescue code's (by its length) or the PIN's.
func pinChargeJS(args []js.Value) any {
	if len(args) < 2 {
		return obj("locked", true, "error", "argument")
	}
	pin, rescueA := storedAttempts(args[0])
	rescue := len(args) > 2 && mediator.IsRescue(typedCode(args[2]))
	a, locked := mediator.Attempts{}, false
	if rescue {
		rescueA, locked = mediator.ChargeRescue(rescueA, millis(args[1]))
		a = rescueA
	} else {
		pin, locked = mediator.Charge(pin, millis(args[1]))
		a = pin
	}
	remaining := 0 // tries left if this one fails
	if a.LockedUntil.IsZero() {
		remaining = mediator.MaxFailures - a.Failures
	}
	return obj("locked", locked, "lockedUntil", unixMilli(a.LockedUntil), "remaining", remaining,
		"attempts", obj("pin", attemptsJS(pin), "rescue", attemptsJS(rescueA)), "rescue", rescue)
}

// jsString is a string field, or "" when it is not one.
func jsString(v js.Value) string {
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

// typedCode is a code as typed: a rescue code is copied in groups of four.
func typedCode(v js.Value) string {
	if v.Type() != js.TypeString {
		return ""
	}
	return strings.ReplaceAll(v.String(), " ", "")
}

// storedAttempts reads the stored {pin, rescue}; a record of the older
// format ({failures, lockedUntil}) is the PIN's.
func storedAttempts(v js.Value) (pin, rescue mediator.Attempts) {
	if v.Type() != js.TypeObject {
		return
	}
	if p := v.Get("pin"); p.Type() == js.TypeObject {
		return attempts(p), attempts(v.Get("rescue"))
	}
	return attempts(v), mediator.Attempts{}
}

func attemptsJS(a mediator.Attempts) js.Value {
	return obj("failures", a.Failures, "since", unixMilli(a.Since), "lockedUntil", unixMilli(a.LockedUntil))
}

// pinVerifyJS answers vigie.pinVerify.
func pinVerifyJS(args []js.Value) any {
	if len(args) < 2 || args[0].Type() != js.TypeString || args[1].Type() != js.TypeString {
		return obj("ok", false, "error", "argument")
	}
	ok, err := mediator.Verify(typedCode(args[0]), args[1].String())
	if err != nil {
		return obj("ok", false, "error", "record")
	}
	return obj("ok", ok)
}

// obj builds a JS object from key, value pairs. A Go map literal given to
// js.ValueOf would do the same with more code in the module; these objects
// answer rare calls (lists, PIN), never a navigation.
func obj(kv ...any) js.Value {
	o := js.Global().Get("Object").New()
	for i := 0; i+1 < len(kv); i += 2 {
		o.Set(kv[i].(string), kv[i+1])
	}
	return o
}

// attempts reads the stored {failures, lockedUntil}. Anything else (no
// record yet, or a record of an older format) counts as no failure.
func attempts(v js.Value) mediator.Attempts {
	var a mediator.Attempts
	if v.Type() != js.TypeObject {
		return a
	}
	if f := v.Get("failures"); f.Type() == js.TypeNumber {
		a.Failures = f.Int()
	}
	a.Since = millis(v.Get("since"))
	a.LockedUntil = millis(v.Get("lockedUntil"))
	return a
}

// millis reads a date given as milliseconds since 1970 (Date.now()); zero
// time when it is not a number. Dates cross the boundary as numbers: Go's
// date formatting and parsing would add 15 KB to the compressed module.
func millis(v js.Value) time.Time {
	if v.Type() != js.TypeNumber || v.Float() <= 0 {
		return time.Time{}
	}
	return time.UnixMilli(int64(v.Float()))
}

func unixMilli(t time.Time) float64 {
	if t.IsZero() {
		return 0
	}
	return float64(t.UnixMilli())
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

// verdictFields names the fields of an encoded verdict, in order: the
// worker's decoder (VigieUI.verdictFields in extension/verdicts.js) holds
// the same list, and TestVerdictFieldsAgree holds both to fields.
var verdictFields = [...]string{"kind", "host", "display", "registrable", "imitates", "imitatesLabel",
	"imitatesName", "realURL", "family", "score", "reason"}

// passwordFields names the fields of vigie.password's answer, as the
// worker splits them (extension/background.js, case "password").
var passwordFields = [...]string{"action", "reason", "site", "changeURL"}

// fields are a verdict's fields in the order of verdictFields.
func fields(v engine.Verdict) [len(verdictFields)]string {
	return [...]string{string(v.Kind), v.Host, v.Display, v.Registrable, v.Imitates,
		v.ImitatesLabel, v.ImitatesName, v.RealURL, v.Family, strconv.Itoa(v.Score), v.Reason}
}

// toJS encodes a verdict as one string, fields separated by U+001F (which
// no host name or label holds). One string crosses the boundary in one
// call; building a JS object field by field costs a call per field (about
// three times the whole verdict).
func toJS(v engine.Verdict) js.Value {
	f := fields(v)
	return js.ValueOf(strings.Join(f[:], "\x1f"))
}

// encode writes what toJS would give into dst, and reports false if it
// does not fit.
func encode(dst []byte, v engine.Verdict) (int, bool) {
	n := 0
	for i, f := range fields(v) {
		if i > 0 {
			if n >= len(dst) {
				return 0, false
			}
			dst[n] = 0x1f
			n++
		}
		if n+len(f) > len(dst) {
			return 0, false
		}
		n += copy(dst[n:], f)
	}
	return n, true
}

// bundlePayload answers vigie.bundlePayload(bytes: Uint8Array, trust):
// {ok: true, start, end, inflated} (the compressed payload is
// bytes[start:end], inflated bytes long) or {ok: false, error, message}.
// The worker inflates that part with the browser's DecompressionStream
// only when ok, then calls loadBundle: the module carries no inflater.
func bundlePayload(eng *engine.Engine, args []js.Value) any {
	return withBundle(args, func(b []byte, trust engine.Trust) (js.Value, error) {
		start, end, n, err := eng.BundlePayload(b, trust, time.Now())
		return obj("ok", true, "start", start, "end", end, "inflated", n), err
	})
}

// loadBundle answers vigie.loadBundle(bytes: Uint8Array, trust, inflated:
// Uint8Array): {ok: true, ...list info} or {ok: false, error: code,
// message}. inflated is what the browser inflated of the payload that
// bundlePayload pointed to (empty if it could not): the engine accepts it
// only if it is the exact index the publisher signed.
func loadBundle(eng *engine.Engine, args []js.Value) any {
	return withBundle(args, func(b []byte, trust engine.Trust) (js.Value, error) {
		packed, _ := bytesArg(args, 2)
		info, err := eng.LoadBundle(b, packed, trust, time.Now())
		o := infoJS(info)
		o.Set("ok", true)
		return o, err
	})
}

// withBundle reads the arguments both bundle calls share (the bundle's
// bytes, the terminal's trust) and answers what do gives, or {ok: false,
// error, message}: a refusal, bad arguments, or a panic (never an ok).
func withBundle(args []js.Value, do func(b []byte, trust engine.Trust) (js.Value, error)) (out any) {
	defer func() {
		if r := recover(); r != nil {
			out = obj("ok", false, "error", "engine-error", "message", "engine error")
		}
	}()
	b, ok := bytesArg(args, 0)
	if !ok {
		return obj("ok", false, "error", "argument", "message", "want a Uint8Array")
	}
	trust, err := trustArg(args, 1)
	if err != nil {
		return obj("ok", false, "error", "keys", "message", err.Error())
	}
	v, err := do(b, trust)
	if err != nil {
		return obj("ok", false, "error", engine.ErrorCode(err), "message", err.Error())
	}
	return v
}

// bytesArg copies args[i], a Uint8Array, into Go memory.
func bytesArg(args []js.Value, i int) ([]byte, bool) {
	if len(args) <= i || args[i].Type() != js.TypeObject || !args[i].InstanceOf(js.Global().Get("Uint8Array")) {
		return nil, false
	}
	b := make([]byte, args[i].Get("length").Int())
	js.CopyBytesToGo(b, args[i])
	return b, true
}

// setOverlay answers vigie.setOverlay(domains: string[]).
func setOverlay(eng *engine.Engine, args []js.Value) (out any) {
	defer func() {
		if r := recover(); r != nil {
			out = obj("ok", false, "error", "engine-error")
		}
	}()
	n, err := eng.SetOverlay(stringList(args, 0))
	if err != nil {
		return obj("ok", false, "error", "domain", "message", err.Error())
	}
	return obj("ok", true, "count", n)
}

// trustArg reads the terminal's trust at args[i]: an object {keys,
// revoked, listRevoked} (string arrays: the policy's keys, the policy's
// revoked keys, the keys accepted bundles revoked), or an array of keys.
func trustArg(args []js.Value, i int) (engine.Trust, error) {
	if len(args) > i && args[i].Type() == js.TypeObject && !args[i].InstanceOf(js.Global().Get("Array")) {
		t := []js.Value{args[i].Get("keys"), args[i].Get("revoked"), args[i].Get("listRevoked")}
		return engine.NewTrust(stringList(t, 0), stringList(t, 1), stringList(t, 2))
	}
	return engine.NewTrust(stringList(args, i), nil, nil)
}

func infoJS(i engine.ListInfo) js.Value {
	revokes := js.Global().Get("Array").New()
	for _, id := range i.Revokes {
		revokes.Call("push", id)
	}
	return obj(
		"name", i.Name, "version", float64(i.Version), "created", unixMilli(i.Created), "expires", unixMilli(i.Expires),
		"keyId", i.KeyID, "publisher", i.Publisher, "revokes", revokes, "entries", i.Entries, "embedded", i.Embedded, "local", i.Local,
	)
}

// exportIndex answers vigie.exportIndex(): the index in force and its
// description, for the worker to keep (IndexedDB) and hand back at its next
// wake through loadVerified. Only for a list that came from a bundle.
func exportIndex(eng *engine.Engine) any {
	info := eng.Info()
	if info.Embedded {
		return js.Null()
	}
	raw := eng.Index().Bytes()
	u := js.Global().Get("Uint8Array").New(len(raw))
	js.CopyBytesToJS(u, raw)
	o := infoJS(info)
	o.Set("index", u)
	return o
}

// loadVerified answers vigie.loadVerified(index: Uint8Array, info, trust):
// see engine.LoadVerified (trust as for loadBundle).
func loadVerified(eng *engine.Engine, args []js.Value) (out any) {
	defer func() {
		if r := recover(); r != nil {
			out = obj("ok", false, "error", "engine-error")
		}
	}()
	raw, ok := bytesArg(args, 0)
	if !ok || len(args) < 2 || args[1].Type() != js.TypeObject {
		return obj("ok", false, "error", "argument")
	}
	in := args[1]
	if in.Get("created").Type() != js.TypeNumber || in.Get("expires").Type() != js.TypeNumber {
		// Kept by an older version: the caller verifies the bundle again.
		return obj("ok", false, "error", "argument")
	}
	info := engine.ListInfo{Name: in.Get("name").String(), Version: uint64(in.Get("version").Float()),
		Created: millis(in.Get("created")), Expires: millis(in.Get("expires")), KeyID: in.Get("keyId").String(), Entries: in.Get("entries").Int()}
	if !info.Expires.IsZero() && !time.Now().Before(info.Expires) {
		return obj("ok", false, "error", "expired")
	}
	trust, err := trustArg(args, 2)
	if err != nil {
		return obj("ok", false, "error", "keys", "message", err.Error())
	}
	got, err := eng.LoadVerified(raw, info, trust)
	if err != nil {
		return obj("ok", false, "error", engine.ErrorCode(err), "message", err.Error())
	}
	o := infoJS(got)
	o.Set("ok", true)
	return o
}

// loadBuiltin answers vigie.loadBuiltin(index: Uint8Array): the list built
// into the extension, read from its own files ({ok, entries} or {ok:
// false, error}). Its layout is checked (index.Load); its integrity is the
// extension package's.
func loadBuiltin(eng *engine.Engine, args []js.Value) (out any) {
	defer func() {
		if r := recover(); r != nil {
			out = obj("ok", false, "error", "engine-error")
		}
	}()
	raw, ok := bytesArg(args, 0)
	if !ok {
		return obj("ok", false, "error", "argument")
	}
	if err := eng.SetBuiltin(raw); err != nil {
		return obj("ok", false, "error", engine.ErrorCode(err), "message", err.Error())
	}
	return obj("ok", true, "entries", eng.Info().Entries)
}

// recheck answers vigie.recheck(trust) after a policy change: {ok: true}
// if the list in force keeps its place, else {ok: false, error} and the
// built-in list is in force (engine.Recheck).
func recheck(eng *engine.Engine, args []js.Value) (out any) {
	defer func() {
		if r := recover(); r != nil {
			out = obj("ok", false, "error", "engine-error")
		}
	}()
	trust, err := trustArg(args, 0)
	if err != nil {
		return obj("ok", false, "error", "keys", "message", err.Error())
	}
	if err := eng.Recheck(trust); err != nil {
		return obj("ok", false, "error", engine.ErrorCode(err), "message", err.Error())
	}
	return obj("ok", true)
}

// password answers vigie.password(value, url, field, impersonated): the
// decision as "action U+001F reason U+001F site U+001F changeURL". The value
// is hashed in Go and not kept; JS forgets it after this call.
func password(eng *engine.Engine, vault *passwords.Vault, args []js.Value) (out any) {
	defer func() {
		if r := recover(); r != nil {
			out = "block\x1fengine-error\x1f\x1f"
		}
	}()
	if len(args) < 4 {
		return "block\x1fargument\x1f\x1f"
	}
	d, change := eng.Password(vault, args[0].String(), args[1].String(), passwords.Field(args[2].String()), args[3].String())
	return string(d.Action) + "\x1f" + d.Reason + "\x1f" + d.Site + "\x1f" + change
}

// stringList reads the optional array of strings at args[i] (a policy's list).
func stringList(args []js.Value, i int) []string {
	if len(args) <= i || args[i].Type() != js.TypeObject {
		return nil
	}
	out := make([]string, 0, args[i].Length())
	for j := 0; j < args[i].Length(); j++ {
		out = append(out, args[i].Index(j).String())
	}
	return out
}

// download answers "" when the file (name, media type, the policy's
// allowed extensions) may be saved, else the family that refuses it
// (docs/downloads.md).
func download(args []js.Value) any {
	if len(args) < 2 || args[0].Type() != js.TypeString {
		return "program" // fail-safe: a malformed call allows nothing
	}
	return engine.DownloadFamily(args[0].String(), args[1].String(), stringList(args, 2))
}

// downloadZip judges a zip's bytes (a Uint8Array) by the names it holds:
// [family, entry], family "" when every entry may be saved.
func downloadZip(args []js.Value) any {
	b, ok := bytesArg(args, 0)
	if !ok {
		return []any{engine.ArchiveUnreadable, ""}
	}
	f, entry := engine.JudgeZip(b, stringList(args, 1))
	return []any{f, entry}
}
