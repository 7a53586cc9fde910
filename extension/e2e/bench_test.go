package e2e

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"
	"vigie/lists"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"vigie/lists/etalab"
	"vigie/lists/index"
	"vigie/lists/publish"
)

// fullIndex is the national list and the 36k public-sector hosts.
func fullIndex(b *testing.B) *index.Index {
	es, err := lists.DefaultEntries()
	if err != nil {
		b.Fatal(err)
	}
	more, err := etalab.ReadFile(filepath.Join(repoRoot(b), "..", "shared", "data", "etalab-urls.txt"))
	if err != nil {
		b.Fatal(err)
	}
	ix, err := index.Build(append(es, more...))
	if err != nil {
		b.Fatal(err)
	}
	return ix
}

// importList sets the mediator's code and imports ix as a signed list,
// from a Vigie page.
func importList(b *testing.B, ext context.Context, ix *index.Index) {
	full, err := publish.Build(testKey, "default", 2, time.Now(), time.Now().Add(24*time.Hour), ix)
	if err != nil {
		b.Fatal(err)
	}
	if ok, err := chromedp.Run(ext, chromedp.Evaluate[bool](`chrome.runtime.sendMessage({type: "pinSet", pin: "`+mediatorPIN+`"}).then(r => r.ok)`, chromedp.EvalAwaitPromise)); err != nil || !ok {
		b.Fatalf("choosing the mediator PIN: %v", err)
	}
	type result struct {
		Result string `json:"result"`
	}
	res, err := chromedp.Run(ext, chromedp.Evaluate[result](
		`chrome.runtime.sendMessage({type: "importBundle", data: "`+base64.StdEncoding.EncodeToString(full)+`"})`, chromedp.EvalAwaitPromise))
	if err != nil || res.Result != "updated" {
		b.Fatalf("importing the full list: %v %+v", err, res)
	}
}

// BenchmarkWorkerColdStart measures, in the real extension with the full
// list (national + 36k public-sector hosts) in storage, the service
// worker's start after Chromium stopped it: worker start → first verdict,
// against the floor "compile + instantiate + Go runtime start" of the same
// start (navigation start → verdict is BenchmarkGate's). make bench
// runs it (VIGIE_BENCH_OUT receives the medians as JSON).
func BenchmarkWorkerColdStart(b *testing.B) {
	ix := fullIndex(b)
	br := newBrowser(b)
	ext := br.extPage(b)
	importList(b, ext, ix)
	type timing struct {
		Start        float64 `json:"start"`
		Instantiated float64 `json:"instantiated"`
		GoReady      float64 `json:"goReady"`
		Restored     float64 `json:"restored"`
		FirstVerdict float64 `json:"firstVerdict"`
		NavToVerdict float64 `json:"navToVerdict"`
	}
	var floor, first, restore []float64
	var heap, wasmMem float64
	const runs = 21
	tab := br.tab(b)
	lastStart := -1.0
	for i := 0; i < runs; i++ {
		br.stopWorker(b)
		time.Sleep(200 * time.Millisecond)
		if err := navigate(tab, "http://www.ameli.fr/?run="+string(rune('a'+i))); err != nil {
			b.Fatal(err)
		}
		var tm timing
		var err error
		deadline := time.Now().Add(10 * time.Second)
		// The worker copies its timings to storage.session; reading them
		// from a Vigie page does not keep the worker alive or stop it.
		for time.Now().Before(deadline) {
			tm, err = chromedp.Run(ext, chromedp.Evaluate[timing](`chrome.storage.session.get("vigieTimings").then(r => r.vigieTimings || {})`, chromedp.EvalAwaitPromise))
			if err == nil && tm.FirstVerdict > 0 && tm.Start != lastStart {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		lastStart = tm.Start
		if tm.FirstVerdict == 0 {
			b.Fatalf("run %d: no verdict timings", i)
		}
		floor = append(floor, tm.GoReady-tm.Start)
		first = append(first, tm.FirstVerdict)
		restore = append(restore, tm.Restored-tm.GoReady)
	}
	// A password decision, as a content script asks it (from a Vigie page
	// here: the same message, the same worker path).
	var pw []float64
	for i := 0; i < runs; i++ {
		ms, err := chromedp.Run(ext, chromedp.Evaluate[float64](`(async () => {
			const t = performance.now();
			await chrome.runtime.sendMessage({type: "password", value: "Essai-`+string(rune('a'+i))+`", autocomplete: "", hints: "", count: 1});
			return performance.now() - t;
		})()`, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		pw = append(pw, ms)
	}
	// Reading the module from the extension's folder, alone: part of the
	// floor that depends on the machine's disk and Chromium's file loader.
	readModule, err := chromedp.Run(ext, chromedp.Evaluate[float64](`(async () => {
		const ts = [];
		for (let i = 0; i < 5; i++) {
			const t = performance.now();
			await (await fetch(chrome.runtime.getURL("vigie.wasm"))).arrayBuffer();
			ts.push(performance.now() - t);
		}
		return ts.sort((a, b) => a - b)[2];
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		b.Fatal(err)
	}
	// Memory, once, with the full list in force.
	if sw, cancel, ok := br.attachWorker(b); ok {
		wasmMem, _ = chromedp.Run(sw, chromedp.Evaluate[float64](`globalThis.__vigieMemory()`))
		if h, err := chromedp.Call(sw, runtime.GetHeapUsage, cdp.Empty{}); err == nil {
			heap = h.UsedSize
		}
		cancel()
	}
	med := func(x []float64) float64 { sort.Float64s(x); return x[len(x)/2] }
	out := map[string]any{
		"runs": runs, "floorMs": med(floor), "firstVerdictMs": med(first), "restoreMs": med(restore),
		"passwordMs": med(pw), "readModuleMs": readModule, "jsHeapBytes": heap, "wasmMemoryBytes": wasmMem, "entries": ix.Len(),
	}
	b.ReportMetric(med(first), "ms/first-verdict")
	b.ReportMetric(med(floor), "ms/floor")
	if p := os.Getenv("VIGIE_BENCH_OUT"); p != "" {
		j, _ := json.MarshalIndent(out, "", "  ")
		os.WriteFile(p, j, 0o644)
	}
}
