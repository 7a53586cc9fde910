//go:build js && wasm

package main

import (
	"syscall/js"
	"testing"

	"vigie/wasm/engine"
)

// The bridge turns a verdict into a plain JS object, and a bad argument
// into a verdict rather than an exception.
func TestCheck(t *testing.T) {
	eng, err := engine.NewDefault()
	if err != nil {
		t.Fatal(err)
	}
	v := check(eng, []js.Value{js.ValueOf("http://arneli.fr/")}).(js.Value)
	if v.Get("kind").String() != "lookalike" || v.Get("imitates").String() != "ameli.fr" ||
		v.Get("realURL").String() != "https://ameli.fr/" || v.Get("score").Int() < 70 {
		t.Fatalf("kind=%s imitates=%s", v.Get("kind").String(), v.Get("imitates").String())
	}
	v = check(eng, []js.Value{js.ValueOf(42)}).(js.Value)
	if v.Get("kind").String() != "invalid" {
		t.Fatalf("non-string argument: %s", v.Get("kind").String())
	}
	v = check(eng, nil).(js.Value)
	if v.Get("kind").String() != "invalid" {
		t.Fatalf("no argument: %s", v.Get("kind").String())
	}
	var broken engine.Engine
	v = check(&broken, []js.Value{js.ValueOf("https://www.ameli.fr/")}).(js.Value)
	if v.Get("kind").String() != "suspicious" || v.Get("reason").String() != "engine-error" {
		t.Fatalf("engine panic: %s %s", v.Get("kind").String(), v.Get("reason").String())
	}
}
