//go:build js && wasm

package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strings"
	"syscall/js"
	"testing"
	"time"

	"vigie/lists"
	"vigie/lists/index"
	"vigie/lists/publish"
	"vigie/lists/source"
	"vigie/wasm/engine"
	"vigie/wasm/mediator"
)

// field reads one field of an encoded verdict (see toJS).
func field(v any, i int) string {
	return strings.Split(v.(js.Value).String(), "\x1f")[i]
}

// The bridge turns a verdict into one string, and a bad argument into a
// verdict rather than an exception.
func TestCheck(t *testing.T) {
	eng, err := engine.NewDefault()
	if err != nil {
		t.Fatal(err)
	}
	v := check(eng, []js.Value{js.ValueOf("http://arneli.fr/")})
	if field(v, 0) != "lookalike" || field(v, 1) != "arneli.fr" || field(v, 4) != "ameli.fr" ||
		field(v, 6) != "ameli.fr" || field(v, 7) != "https://ameli.fr/" || field(v, 8) != "skeleton" ||
		field(v, 9) != "95" || field(v, 10) != "lookalike.skeleton" {
		t.Fatalf("encoded verdict %q", v.(js.Value).String())
	}
	if f := strings.Split(v.(js.Value).String(), "\x1f"); len(f) != 11 {
		t.Fatalf("%d fields, extension/verdicts.js reads 11", len(f))
	}
	if field(check(eng, []js.Value{js.ValueOf(42)}), 0) != "invalid" {
		t.Fatal("non-string argument")
	}
	if field(check(eng, nil), 0) != "invalid" {
		t.Fatal("no argument")
	}
	var broken engine.Engine
	v = check(&broken, []js.Value{js.ValueOf("https://www.ameli.fr/")})
	if field(v, 0) != "suspicious" || field(v, 10) != "engine-error" {
		t.Fatalf("engine panic: %q", v.(js.Value).String())
	}
}

// A list accepted once is kept by the worker (exportIndex) and handed back
// at its next wake (loadVerified) with its dates as numbers; a record kept
// by an older version (dates as text) is refused, so the worker verifies
// the bundle again.
func TestListKeptAcrossWakes(t *testing.T) {
	created := time.Now().Add(-time.Hour).Truncate(time.Second)
	_, u, keys := signedJS(t, created, source.Entry{Domain: "ecole-de-vigie.fr", Label: "ecole-de-vigie.fr"})
	a, _ := engine.NewDefault()
	r := loadInflated(a, u, keys)
	if !r.Get("ok").Bool() || r.Get("version").Int() != 9 || r.Get("created").Float() != float64(created.UnixMilli()) {
		t.Fatalf("loadBundle: ok %v version %v created %v", r.Get("ok"), r.Get("version"), r.Get("created"))
	}
	kept := exportIndex(a).(js.Value)
	fresh, _ := engine.NewDefault()
	if r := loadVerified(fresh, []js.Value{kept.Get("index"), kept, keys}).(js.Value); !r.Get("ok").Bool() {
		t.Fatalf("loadVerified: %v", r.Get("error"))
	}
	if v := check(fresh, []js.Value{js.ValueOf("https://ecole-de-vigie.fr/")}); field(v, 0) != "official" {
		t.Fatalf("after the wake: %q", v.(js.Value).String())
	}
	kept.Set("created", "2026-11-23T00:00:00Z")
	other, _ := engine.NewDefault()
	if r := loadVerified(other, []js.Value{kept.Get("index"), kept, keys}).(js.Value); r.Get("ok").Bool() || r.Get("error").String() != "argument" {
		t.Fatal("a record with dates as text was accepted")
	}
	// Its signer revoked by policy since: the kept list is refused too.
	kept = exportIndex(a).(js.Value)
	line := keys.Index(0).String() // a revocation may name the key by its line
	trust := js.ValueOf(map[string]any{"keys": []any{line}, "revoked": []any{line}})
	revoked, _ := engine.NewDefault()
	if r := loadVerified(revoked, []js.Value{kept.Get("index"), kept, trust}).(js.Value); r.Get("ok").Bool() || r.Get("error").String() != "revoked" {
		t.Fatalf("a kept list signed by a revoked key: ok %v error %v", r.Get("ok"), r.Get("error"))
	}
}

// The PIN's attempts go out and come back as a plain object, charged
// before each check: after five failures the console is locked even for
// the right PIN, and only the rescue code (typed in groups) opens it.
func TestPINAttemptsRoundTrip(t *testing.T) {
	rec, err := mediator.Hash("482157")
	if err != nil {
		t.Fatal(err)
	}
	rescue, rescueRec, err := mediator.NewRescue()
	if err != nil {
		t.Fatal(err)
	}
	now := float64(time.Now().UnixMilli())
	attempts := js.ValueOf(map[string]any{})
	try := func(code, record string, at float64) (locked, ok bool) {
		c := pinChargeJS([]js.Value{attempts, js.ValueOf(at), js.ValueOf(code)}).(js.Value)
		attempts = c.Get("attempts")
		if c.Get("locked").Bool() {
			return true, false
		}
		ok = pinVerifyJS([]js.Value{js.ValueOf(code), js.ValueOf(record)}).(js.Value).Get("ok").Bool()
		return false, ok
	}
	for i := 0; i < 5; i++ {
		if locked, ok := try("000000", rec, now); locked || ok {
			t.Fatalf("try %d: locked %v ok %v", i, locked, ok)
		}
	}
	if attempts.Get("pin").Get("lockedUntil").Float() <= now {
		t.Fatalf("attempts after five failures: %v", attempts.Get("pin").Get("failures"))
	}
	if locked, ok := try("482157", rec, now+1000); ok || !locked {
		t.Fatal("the right PIN opened a locked console")
	}
	grouped := rescue[:4] + " " + rescue[4:8] + " " + rescue[8:12] + " " + rescue[12:]
	if locked, ok := try(grouped, rescueRec, now+2000); locked || !ok {
		t.Fatalf("the rescue code: locked %v ok %v", locked, ok)
	}
	// Attempts of an older format ({failures, lockedUntil} as text) are the PIN's.
	attempts = js.ValueOf(map[string]any{"failures": 1, "lockedUntil": "2026-11-23T00:00:00Z"})
	if locked, ok := try("482157", rec, now); locked || !ok {
		t.Fatal("the right PIN with old-format attempts")
	}
	if attempts.Get("pin").Get("failures").Int() != 2 {
		t.Fatalf("the old failure was not kept: %v", attempts.Get("pin").Get("failures"))
	}
	if r := pinVerifyJS([]js.Value{js.ValueOf("482157"), js.ValueOf("bad")}).(js.Value); r.Get("error").String() != "record" {
		t.Fatal("a bad record is not reported")
	}
}

// checkIO gives, through linear memory, the same encoded verdict as check;
// a length out of range is refused (-1) so that the worker goes the
// string way.
func TestCheckIO(t *testing.T) {
	eng, _ := engine.NewDefault()
	for _, u := range []string{"http://arneli.fr/", "https://www.ameli.fr/", "https://xn--amli-9ra.fr/", "https://exemple.fr/" + strings.Repeat("a", 3000)} {
		n := copy(ioIn[:], u)
		m := checkIO(eng, []js.Value{js.ValueOf(n)}).(int)
		want := check(eng, []js.Value{js.ValueOf(u)}).(js.Value).String()
		if m < 0 || string(ioOut[:m]) != want {
			t.Errorf("%s: checkIO gave %d %q, check %q", u, m, ioOut[:max(m, 0)], want)
		}
	}
	for _, bad := range []js.Value{js.ValueOf(-1), js.ValueOf(len(ioIn) + 1), js.ValueOf("12"), js.Undefined()} {
		if m := checkIO(eng, []js.Value{bad}); m != -1 {
			t.Errorf("checkIO(%v) = %v, want -1", bad, m)
		}
	}
	if m := checkIO(eng, nil); m != -1 {
		t.Errorf("checkIO() = %v, want -1", m)
	}
	// A verdict that does not fit the output buffer is refused, not cut.
	if _, ok := encode(make([]byte, 10), engine.Verdict{Kind: engine.Official, Host: "www.ameli.fr"}); ok {
		t.Error("a verdict was cut to fit")
	}
}

// Downloads: a family or "" by name, fail-safe on a malformed call; a zip
// judged by the names it holds, unreadable when it is not bytes.
func TestDownloadBridge(t *testing.T) {
	for _, c := range []struct {
		args []js.Value
		want string
	}{
		{[]js.Value{js.ValueOf("attestation.pdf"), js.ValueOf("application/pdf")}, ""},
		{[]js.Value{js.ValueOf("setup.exe"), js.ValueOf("")}, "program"},
		{[]js.Value{js.ValueOf("appli.apk"), js.ValueOf(""), js.ValueOf([]any{"apk"})}, ""},
		{[]js.Value{js.ValueOf("x.pdf")}, "program"},
		{[]js.Value{js.ValueOf(3), js.ValueOf("")}, "program"},
	} {
		if got := download(c.args).(string); got != c.want {
			t.Errorf("download(%v) = %q, want %q", c.args, got, c.want)
		}
	}
	zipOf := func(names ...string) js.Value {
		var buf bytes.Buffer
		w := zip.NewWriter(&buf)
		for _, n := range names {
			w.Create(n)
		}
		w.Close()
		u := js.Global().Get("Uint8Array").New(buf.Len())
		js.CopyBytesToJS(u, buf.Bytes())
		return u
	}
	pair := func(v any) string { a := v.([]any); return a[0].(string) + "|" + a[1].(string) }
	if got := pair(downloadZip([]js.Value{zipOf("a.pdf", "b.jpg")})); got != "|" {
		t.Errorf("clean zip: %q", got)
	}
	if got := pair(downloadZip([]js.Value{zipOf("a.pdf", "b.scr")})); got != "program|b.scr" {
		t.Errorf("zip with a program: %q", got)
	}
	if got := pair(downloadZip([]js.Value{js.ValueOf("PK")})); got != engine.ArchiveUnreadable+"|" {
		t.Errorf("a string: %q", got)
	}
}

// The module holds no list: before loadBuiltin every verdict is the
// fail-safe "suspicious"; a damaged built-in file is refused and changes
// nothing; the real one is in force at once.
func TestLoadBuiltin(t *testing.T) {
	eng := engine.New(nil)
	if v := check(eng, []js.Value{js.ValueOf("https://www.ameli.fr/")}); field(v, 0) != "suspicious" {
		t.Fatalf("with no list: %q", v.(js.Value).String())
	}
	bad := js.Global().Get("Uint8Array").New(16)
	if r := loadBuiltin(eng, []js.Value{bad}).(js.Value); r.Get("ok").Bool() {
		t.Fatal("a damaged built-in list was accepted")
	}
	u := js.Global().Get("Uint8Array").New(len(lists.DefaultIndex))
	js.CopyBytesToJS(u, lists.DefaultIndex)
	if r := loadBuiltin(eng, []js.Value{u}).(js.Value); !r.Get("ok").Bool() || r.Get("entries").Int() == 0 {
		t.Fatalf("loadBuiltin: %v", r.Get("error"))
	}
	if v := check(eng, []js.Value{js.ValueOf("https://www.ameli.fr/")}); field(v, 0) != "official" {
		t.Fatalf("after loadBuiltin: %q", v.(js.Value).String())
	}
}

// loadInflated loads a bundle as the worker does: bundlePayload, the
// payload inflated (compress/flate here, DecompressionStream in the
// browser), loadBundle with it.
func loadInflated(eng *engine.Engine, u, trust js.Value) js.Value {
	p := bundlePayload(eng, []js.Value{u, trust}).(js.Value)
	if !p.Get("ok").Bool() {
		return p
	}
	b := make([]byte, u.Length())
	js.CopyBytesToGo(b, u)
	packed, _ := publish.Inflate(b[p.Get("start").Int():p.Get("end").Int()], p.Get("inflated").Int())
	v := js.Global().Get("Uint8Array").New(len(packed))
	js.CopyBytesToJS(v, packed)
	return loadBundle(eng, []js.Value{u, trust, v}).(js.Value)
}

// The engine takes only the exact signed index from the inflater: a
// changed byte, or nothing at all, is refused and the list stays; a
// bundle refused by bundlePayload is never to be inflated.
func TestLoadBundleChecksWhatWasInflated(t *testing.T) {
	b, u, keys := signedJS(t, time.Now().Add(-time.Hour))
	a, _ := engine.NewDefault()
	p := bundlePayload(a, []js.Value{u, keys}).(js.Value)
	if !p.Get("ok").Bool() {
		t.Fatalf("bundlePayload: %v", p.Get("error"))
	}
	packed, _ := publish.Inflate(b[p.Get("start").Int():p.Get("end").Int()], p.Get("inflated").Int())
	packed[100] ^= 1
	v := js.Global().Get("Uint8Array").New(len(packed))
	js.CopyBytesToJS(v, packed)
	for _, give := range []js.Value{v, js.Global().Get("Uint8Array").New(0), js.Undefined()} {
		if r := loadBundle(a, []js.Value{u, keys, give}).(js.Value); r.Get("ok").Bool() || r.Get("error").String() != "payload" {
			t.Fatalf("a wrong inflation: ok %v error %v", r.Get("ok"), r.Get("error"))
		}
	}
	if a.Info().Version != 0 {
		t.Fatalf("the list in force changed: %+v", a.Info())
	}
	b[len(b)-70] ^= 1
	js.CopyBytesToJS(u, b)
	if p := bundlePayload(a, []js.Value{u, keys}).(js.Value); p.Get("ok").Bool() || p.Get("error").String() != "payload" {
		t.Fatalf("a tampered payload passed bundlePayload: %v", p.Get("error"))
	}
}

// signedJS is version 9 of the default list and extra entries, created at
// created and valid two days, signed by a new key: its bytes, the same as
// a Uint8Array, and the key as the trust argument.
func signedJS(t *testing.T, created time.Time, extra ...source.Entry) ([]byte, js.Value, js.Value) {
	k, _ := publish.GenerateKey()
	es, _ := lists.DefaultEntries()
	ix, err := index.Build(append(es, extra...))
	if err != nil {
		t.Fatal(err)
	}
	b, err := publish.Build(k, "default", 9, created, created.Add(48*time.Hour), ix)
	if err != nil {
		t.Fatal(err)
	}
	u := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(u, b)
	return b, u, js.ValueOf([]any{k.Public().String()})
}

// The worker decodes answers by position: its field lists must be the
// bridge's. verdictFields is held to the Verdict's own fields (each name
// is the struct field's, lower-cased first letter), verdicts.js and
// background.js to verdictFields and passwordFields.
func TestVerdictFieldsAgree(t *testing.T) {
	v := engine.Verdict{Kind: "k", Host: "h", Display: "d", Registrable: "r", Imitates: "i", ImitatesLabel: "il",
		ImitatesName: "in", RealURL: "u", Family: "f", Score: 7, Reason: "why"}
	got := fields(v)
	rv := reflect.ValueOf(v)
	for i, name := range verdictFields {
		f := rv.FieldByName(strings.ToUpper(name[:1]) + name[1:])
		if !f.IsValid() {
			t.Fatalf("verdictFields[%d] %q names no field of engine.Verdict", i, name)
		}
		want := fmt.Sprint(f.Interface())
		if got[i] != want {
			t.Errorf("fields()[%d] is %q, but verdictFields says %q (%q)", i, got[i], name, want)
		}
	}
	quoted := func(names []string) string {
		q := make([]string, len(names))
		for i, n := range names {
			q[i] = `"` + n + `"`
		}
		return strings.Join(q, ", ")
	}
	js, err := os.ReadFile("../../../extension/verdicts.js")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`verdictFields: \[([^\]]*)\]`).FindSubmatch(js)
	if m == nil {
		t.Fatal("no verdictFields list in extension/verdicts.js")
	}
	if list := strings.Join(strings.Fields(string(m[1])), " "); list != quoted(verdictFields[:]) {
		t.Errorf("extension/verdicts.js decodes [%s], the bridge encodes [%s]", list, quoted(verdictFields[:]))
	}
	bg, err := os.ReadFile("../../../extension/background.js")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(strings.Split(password(nil, nil, nil).(string), "\x1f")); n != len(passwordFields) {
		t.Errorf("vigie.password answers %d fields, passwordFields names %d", n, len(passwordFields))
	}
	m = regexp.MustCompile(`const \[([a-zA-Z, ]*)\] = \w+\.password\(`).FindSubmatch(bg)
	if m == nil || string(m[1]) != strings.Join(passwordFields[:], ", ") {
		t.Errorf("extension/background.js splits vigie.password's answer as [%s], the bridge answers [%s]", m, strings.Join(passwordFields[:], ", "))
	}
}
