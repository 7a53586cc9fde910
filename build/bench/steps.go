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
		SHA256, Inflate, Load, VerifyAgain float64
	}
	read := func(b []byte) (s steps, err error) {
		var m map[string]float64
		if err = json.Unmarshal(b, &m); err != nil {
			return s, fmt.Errorf("steps: %v: %s", err, b)
		}
		return steps{m["sha256Ms"], m["inflateMs"], m["loadMs"], m["verifyAgainMs"]}, nil
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
	r.row("list update by step, wasm in Node (first call) / natively: SHA-256 of the payload", cell(w.SHA256, n.SHA256), "same bundle, same run", "what bounds the update")
	r.row("… inflate the payload (DEFLATE)", cell(w.Inflate, n.Inflate), "same", "—")
	r.row("… unpack and check the index's layout", cell(w.Load, n.Load), "same", "—")
	r.row("… the whole verification again (second call, warmer code)", cell(w.VerifyAgain, n.VerifyAgain), "same", "—")
	r.note("A list update is compute-bound in WebAssembly: hashing, inflating and checking run in V8's baseline tier on a first call, without the processor's vector instructions (SHA-256 is tens of times slower than natively, DEFLATE a few times). The browser's own SHA-256 (WebCrypto) and inflater (DecompressionStream) would take most of it off, at the cost of letting the platform compute what Go now verifies; it runs once per list update, in the background, never on a navigation's path.")
	return nil
}
