package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

type coldStart struct {
	Runs          int     `json:"runs"`
	FloorMs       float64 `json:"floorMs"`        // compile + instantiate + Go start, median
	FirstVerdict  float64 `json:"firstVerdictMs"` // worker start → first verdict, median
	RestoreMs     float64 `json:"restoreMs"`
	ReadModuleMs  float64 `json:"readModuleMs"`
	PasswordMs    float64 `json:"passwordMs"`
	HeapBytes     float64 `json:"jsHeapBytes"`
	WasmMemBytes  float64 `json:"wasmMemoryBytes"`
	FullListEntry int     `json:"entries"`
}

// chromiumBench drives the real extension in Chromium
// (extension/e2e BenchmarkWorkerColdStart) and reads its JSON.
func chromiumBench(r *report, e *env) error {
	out, _ := filepath.Abs(filepath.Join(e.dir, "chromium.json"))
	bundle, _ := filepath.Abs(e.bundlePath)
	cmd := exec.Command("go", "test", "-run", "^$", "-bench", "WorkerColdStart", "-benchtime", "1x", "./extension/e2e")
	cmd.Env = append(os.Environ(), "VIGIE_BENCH_OUT="+out, "VIGIE_BENCH_BUNDLE="+bundle)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("chromium bench: %v", err)
	}
	var c coldStart
	b, err := os.ReadFile(out)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return err
	}
	r.row(fmt.Sprintf("Chromium: worker restart → first verdict, full list (median of %d)", c.Runs), fmt.Sprintf("**%.0f ms** (%.2f× floor)", c.FirstVerdict, c.FirstVerdict/c.FloorMs), fmt.Sprintf("floor fetch + compile + instantiate + Go start %.0f ms", c.FloorMs), "≤ 120 ms and ≤ 1.5× floor")
	r.row("Chromium: of the floor, reading the module from the extension's folder alone (fetch → ArrayBuffer, median of 5)", fmt.Sprintf("%.0f ms", c.ReadModuleMs), "—", "—")
	r.row("Chromium: of which the stored list handed back to the engine", fmt.Sprintf("%.0f ms", c.RestoreMs), "—", "—")
	r.row(fmt.Sprintf("Chromium: password decision after a field commit, message round trip (median of %d)", c.Runs), fmt.Sprintf("**%.2f ms**", c.PasswordMs), "—", "≤ 5 ms")
	r.row("Chromium worker memory with the full list: JS heap + wasm memory", fmt.Sprintf("**%s**", mb(int(c.HeapBytes+c.WasmMemBytes))), fmt.Sprintf("wasm %s, JS heap %s", mb(int(c.WasmMemBytes)), mb(int(c.HeapBytes))), "≤ 40 MB")
	return nil
}
