package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

type wasmResult struct {
	CompileMs       float64 `json:"compileMs"`
	InstantiateMs   float64 `json:"instantiateMs"`
	GoStartMs       float64 `json:"goStartMs"`
	LoadBundleMs    float64 `json:"loadBundleMs"`
	InflateMs       float64 `json:"inflateMs"`
	LoadVerifiedMs  float64 `json:"loadVerifiedMs"`
	EmptyCallNs     float64 `json:"emptyCallNs"`
	VerdictNs       float64 `json:"verdictNs"`
	BaselineNs      float64 `json:"baselineNs"`
	StringWayNs     float64 `json:"stringWayNs"`
	VerdictColdNs   float64 `json:"verdictColdNs"`
	OfficialNs      float64 `json:"officialNs"`
	UnknownNs       float64 `json:"unknownNs"`
	FlaggedNs       float64 `json:"flaggedNs"`
	WasmMemoryBytes int     `json:"wasmMemoryBytes"`
	Entries         int     `json:"entries"`
}

// nodeRuns: the Node part runs in this many fresh processes, and the
// report keeps the one with the median verdict ratio. The empty call's
// cost moves with the state of Go's and V8's collectors (between 9 and
// 15 µs from one process to the next on the same machine), more than the
// verdict's; one process could land on either side.
const nodeRuns = 3

// wasmBench runs build/bench/wasm.mjs in Node.
func wasmBench(r *report, e *env) error {
	var runs []wasmResult
	for i := 0; i < nodeRuns; i++ {
		out := filepath.Join(e.dir, fmt.Sprintf("wasm-%d.json", i))
		cmd := exec.Command("node", "build/bench/wasm.mjs", filepath.Join(e.out, "chrome"), e.bundlePath, filepath.Join(e.dir, "urls.txt"), out)
		cmd.Stderr = os.Stderr
		if b, err := cmd.Output(); err != nil {
			return fmt.Errorf("node: %v %s", err, b)
		}
		var w wasmResult
		b, _ := os.ReadFile(out)
		if err := json.Unmarshal(b, &w); err != nil {
			return err
		}
		runs = append(runs, w)
	}
	ratio := func(w wasmResult) float64 { return w.VerdictNs / w.EmptyCallNs }
	sort.Slice(runs, func(i, j int) bool { return ratio(runs[i]) < ratio(runs[j]) })
	w := runs[len(runs)/2]
	var seen []string
	for _, x := range runs {
		seen = append(seen, fmt.Sprintf("%.2f×", ratio(x)))
	}
	r.note("Node: %d fresh processes; the table shows the one with the median verdict ratio (ratios seen: %s).",
		nodeRuns, strings.Join(seen, ", "))
	x := func(ns float64) string { return fmt.Sprintf("%.1f µs (%.2f×)", ns/1000, ns/w.EmptyCallNs) }
	r.row("wasm in Node: verdict as the worker asks it (VigieUI.checker → vigie.checkIO), realistic mix, full list", fmt.Sprintf("**%.1f µs** (%.2f× the empty call)", w.VerdictNs/1000, w.VerdictNs/w.EmptyCallNs), fmt.Sprintf("empty syscall/js call %.1f µs", w.EmptyCallNs/1000), "≤ 2× empty call")
	r.row("wasm in Node: the same mix without the verdict cache (every verdict does the engine's whole work)", x(w.VerdictColdNs), "same empty call", "—")
	r.row("wasm in Node: without the cache, official / unknown / flagged hosts", x(w.OfficialNs)+" / "+x(w.UnknownNs)+" / "+x(w.FlaggedNs), "same empty call", "—")
	r.row("wasm in Node: the same verdict with a JS string in and out (vigie.check)", x(w.StringWayNs), "same empty call", "for the record")
	if e.nativeMixMean > 0 {
		r.row("where a verdict's time goes (realistic mix): the boundary (empty call) / engine and glue in wasm / the same engine natively",
			fmt.Sprintf("%.1f µs / %.1f µs / %.1f µs", w.EmptyCallNs/1000, (w.VerdictColdNs-w.EmptyCallNs)/1000, e.nativeMixMean/1000), "without the cache", "for the record")
	}
	r.row("JS baseline in the same process: tldts + Set, registrable + exact match only", fmt.Sprintf("%.2f µs", w.BaselineNs/1000), "—", "for the record")
	r.row("wasm in Node: compile / instantiate / Go start", fmt.Sprintf("%.0f / %.0f / %.0f ms", w.CompileMs, w.InstantiateMs, w.GoStartMs), "—", "—")
	r.row("wasm in Node: a list update of the 36k-host bundle as the worker runs it (Go checks, the platform inflates, Go checks and loads), first call (once per list update)", fmt.Sprintf("**%.1f ms** (%.1f× native), of which the platform's inflater %.1f ms", w.LoadBundleMs, w.LoadBundleMs/(float64(e.nativeVerify.Microseconds())/1000), w.InflateMs), fmt.Sprintf("the whole verification natively, inflating in Go, %.1f ms", float64(e.nativeVerify.Microseconds())/1000), "≤ 50 ms")
	r.row("wasm in Node: hand the kept index to a fresh engine (at each worker wake)", fmt.Sprintf("%.1f ms", w.LoadVerifiedMs), "—", "—")
	r.row("wasm linear memory with the full list", mb(w.WasmMemoryBytes), "—", "≤ 40 MB (worker)")
	return nil
}
