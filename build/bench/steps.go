package main

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
)

// listUpdateSteps times a list update step by step, natively and in Node
// (build/bench/steps), in the same run as the whole figure: it shows
// which step bounds the list update in WebAssembly.
func listUpdateSteps(r *report, e *env) error {
	type steps struct {
		Check, SHA256, Load, VerifyAgain float64
	}
	read := func(b []byte) (s steps, err error) {
		var m map[string]float64
		if err = json.Unmarshal(b, &m); err != nil {
			return s, fmt.Errorf("steps: %v: %s", err, b)
		}
		return steps{m["checkMs"], m["sha256Ms"], m["loadMs"], m["verifyAgainMs"]}, nil
	}
	pub := e.bundlePath + ".pub"
	nat, err := exec.Command("go", "run", "./build/bench/steps", e.bundlePath, pub).Output()
	if err != nil {
		return fmt.Errorf("steps natively: %v", err)
	}
	mod := filepath.Join(e.dir, "steps.wasm")
	if err := buildWasm(e.modfile, "./build/bench/steps", mod); err != nil {
		return err
	}
	wasm, err := exec.Command("node", filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec_node.js"), mod, e.bundlePath, pub).Output()
	if err != nil {
		return fmt.Errorf("steps in Node: %v", err)
	}
	n, err := read(nat)
	if err != nil {
		return err
	}
	w, err := read(wasm)
	if err != nil {
		return err
	}
	cell := func(wm, nm float64) string {
		return fmt.Sprintf("%.1f ms / %.1f ms (%.0f×)", wm, nm, wm/max(nm, 0.01))
	}
	r.row("list update by step, wasm in Node (first call) / natively: check before inflating (signature, claims, SHA-256 of the compressed payload)", cell(w.Check, n.Check), "same bundle, same run", "what bounds the update")
	r.row("… SHA-256 of the inflated index", cell(w.SHA256, n.SHA256), "same", "—")
	r.row("… unpack and check the index's layout", cell(w.Load, n.Load), "same", "—")
	r.row("… the whole check of the inflated index again (second call, warmer code)", cell(w.VerifyAgain, n.VerifyAgain), "same", "—")
	r.note("A list update: Go checks the bundle before its payload is inflated, the browser inflates it (DecompressionStream: the module carries no inflater), Go checks the inflated index against the hash the publisher signed, then its layout. In WebAssembly, hashing and checking run without the processor's vector instructions; SHA-256 hashes in calls of 16 blocks so that V8's optimised code takes over after the first calls.")
	return nil
}
