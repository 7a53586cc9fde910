//go:build js && wasm

package main

import (
	"strings"
	"syscall/js"
	"testing"

	"vigie/wasm/engine"
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
