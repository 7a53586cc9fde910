package e2e

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"vigie/build/crx"
	"vigie/wasm/engine"
)

// BenchmarkGate measures the gate as a terminal runs it (policy-installed,
// full list, no Vigie page open while navigating, which would keep the
// extension's process alive and hide its start-up):
//   - requests that reach a lookalike's server, over navigations to real
//     phishing hosts of the development set that the engine flags, warm and
//     after stopping the worker (server answering in 150 ms);
//   - navigation start → verdict at the gate, from the request's own
//     timestamp, warm and after a worker stop (the hold page's wait);
//   - an official page's time to first byte with Vigie and without it.
//
// make bench runs it (VIGIE_GATE_BENCH_OUT receives the figures as JSON).
func BenchmarkGate(b *testing.B) {
	ix := fullIndex(b)
	hosts := phishingLookalikes(b, 140)
	br := newBrowser(b)
	{
		ext, cancel := chromedp.NewContext(br.ctx)
		chromedp.Do(ext, chromedp.Navigate(br.extURL("pages/popup.html")))
		importList(b, ext, ix)
		eval[bool](b, ext, `chrome.storage.session.remove("gateTimings").then(() => true)`)
		cancel() // closes the Vigie page
	}
	const warmN, coldN = 100, 30
	tab := br.tab(b)
	reached := func(hs []string) int {
		n := 0
		for _, h := range hs {
			n += br.site.hitsFor(h)
		}
		return n
	}
	warm := hosts[:warmN]
	for _, h := range warm {
		navigate(tab, "http://"+h+"/")
	}
	time.Sleep(time.Second)
	warmReached := reached(warm)

	br.site.setDelay(150 * time.Millisecond)
	cold := hosts[warmN : warmN+coldN]
	for _, h := range cold {
		br.stopWorker(b)
		time.Sleep(300 * time.Millisecond)
		navigate(tab, "http://"+h+"/")
	}
	// The same with the kept engine gone (a crash): the worker's own
	// engine judges, after its restart and the module's compile.
	const ownN = 10
	own := hosts[warmN+coldN : warmN+coldN+ownN]
	for _, h := range own {
		br.stopWorker(b)
		if u := br.openPage(func(u string) bool { return strings.HasPrefix(u, br.extURL("pages/engine.html")) }); u != "" {
			closeTarget(b, br, u)
		}
		time.Sleep(300 * time.Millisecond)
		navigate(tab, "http://"+h+"/")
	}
	br.site.setDelay(0)
	time.Sleep(time.Second)
	coldReached := reached(cold) + reached(own)

	// An official page, warm: time to first byte with Vigie.
	ttfb := func(br *browser) []float64 {
		tab := br.tab(b)
		var out []float64
		for i := 0; i < 31; i++ {
			navigate(tab, "http://www.ameli.fr/?n="+string(rune('a'+i%26))+string(rune('a'+i/26)))
			v := eval[float64](b, tab, `performance.getEntriesByType("navigation")[0].responseStart`)
			out = append(out, v)
		}
		return out
	}
	withVigie := ttfb(br)

	ext, cancel := chromedp.NewContext(br.ctx)
	chromedp.Do(ext, chromedp.Navigate(br.extURL("pages/popup.html")))
	var timings [][3]float64
	waitFor(b, "the gate's timings", func() bool {
		timings = eval[[][3]float64](b, ext, `chrome.storage.session.get("gateTimings").then(r => r.gateTimings || [])`)
		return len(timings) > 0
	})
	cancel()
	br.stop()

	plain := newPlainBrowser(b)
	without := ttfb(plain)
	plain.stop()

	// The floor: what a blocking webRequest listener costs by itself, in a
	// policy-installed extension that answers {} at once.
	var unpolicy func()
	floorBr := startWith(b, b.TempDir(), none, func(s *site) { unpolicy = floorExtension(b, s) })
	waitExtension(b, floorBr.ctx, floorExtensionID)
	floor := ttfb(floorBr)
	floorWorker := func(f func(sw context.Context)) {
		targets, _ := chromedp.Targets(floorBr.ctx)
		for _, tg := range targets {
			if tg.Type == "service_worker" && strings.Contains(tg.URL, floorExtensionID) {
				sw, cancel := chromedp.NewContext(floorBr.ctx, chromedp.WithTargetID(tg.TargetID))
				f(sw)
				cancel()
				return
			}
		}
	}
	var floorWaits, coldFloor []float64
	floorWorker(func(sw context.Context) { floorWaits, _ = chromedp.Run(sw, chromedp.Evaluate[[]float64](`waits`)) })
	// The platform's cold floor: the same wait for the first request after
	// a worker stop, in the extension that does nothing.
	floorTab := floorBr.tab(b)
	for i := 0; i < 15; i++ {
		stopWorkerOf(b, floorBr, floorExtensionID)
		time.Sleep(300 * time.Millisecond)
		navigate(floorTab, fmt.Sprintf("http://froid-%d.example.org/", i))
	}
	time.Sleep(time.Second)
	floorWorker(func(sw context.Context) {
		coldFloor = eval[[]float64](b, sw, `chrome.storage.session.get("cold").then(r => r.cold || [])`)
	})
	floorBr.stop()
	unpolicy()

	var warmMs, heldMs, keptMs, workMs []float64
	for _, t := range timings {
		if t[1] == 2 {
			keptMs = append(keptMs, t[0])
		} else if t[1] == 1 {
			heldMs = append(heldMs, t[0])
		} else {
			warmMs = append(warmMs, t[0])
			workMs = append(workMs, t[2])
		}
	}
	out := map[string]any{
		"warmNavigations": warmN, "warmReached": warmReached,
		"coldNavigations": coldN + ownN, "coldReached": coldReached,
		"gateKeptMs": median(keptMs), "gateKeptN": len(keptMs), "gateColdFloorMs": median(coldFloor), "gateColdFloorN": len(coldFloor),
		"gateWarmMs": median(warmMs), "gateWarmN": len(warmMs), "gateWorkMs": median(workMs),
		"gateHeldMs": median(heldMs), "gateHeldN": len(heldMs),
		"ttfbWithMs": median(withVigie), "ttfbWithoutMs": median(without), "ttfbFloorMs": median(floor),
		"gateFloorMs": median(floorWaits), "gateFloorN": len(floorWaits),
	}
	b.ReportMetric(float64(warmReached+coldReached), "requests-reaching-lookalikes")
	if p := os.Getenv("VIGIE_GATE_BENCH_OUT"); p != "" {
		j, _ := json.MarshalIndent(out, "", "  ")
		os.WriteFile(p, j, 0o644)
	}
	if warmReached+coldReached > 0 {
		b.Errorf("%d requests reached a lookalike's server", warmReached+coldReached)
	}
}

var floorExtensionID string

// newFloorBrowser starts Chromium with the floor extension force-installed
// and no Vigie: the controls of the gate's scenarios.
func newFloorBrowser(t testing.TB) *browser {
	var unpolicy func()
	fb := startWith(t, t.TempDir(), none, func(s *site) { unpolicy = floorExtension(t, s) })
	t.Cleanup(unpolicy)
	waitExtension(t, fb.ctx, floorExtensionID)
	return fb
}

// floorExtension packs, signs and serves a policy-installed extension whose
// only code is a blocking listener answering {}, and names it in the
// force-install policy.
func floorExtension(b testing.TB, s *site) (unpolicy func()) {
	key, err := crx.LoadKey(filepath.Join(b.TempDir(), "floor.pem"), true)
	if err != nil {
		b.Fatal(err)
	}
	floorExtensionID = crx.ID(&key.PublicKey)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range map[string]string{
		"manifest.json": `{"manifest_version": 3, "name": "floor", "version": "1.0",
			"background": {"service_worker": "bg.js"}, "permissions": ["webRequest", "webRequestBlocking", "storage"],
			"host_permissions": ["<all_urls>"]}`,
		// It keeps its own wait, measured as Vigie's gate measures it.
		// The first request after a start is a cold one: kept in session
		// storage, which outlives the worker.
		// Every request goes through it, as through Vigie's gate; the
		// waits it keeps are the pages'.
		"bg.js": `globalThis.waits = []; let first = true;
			chrome.webRequest.onBeforeRequest.addListener((d) => {
				if (d.type !== "main_frame") return {};
				const w = performance.timeOrigin + performance.now() - d.timeStamp;
				if (first) chrome.storage.session.get("cold").then(({cold = []}) => chrome.storage.session.set({cold: cold.concat([w])}));
				else waits.push(w);
				first = false; return {}; },
			{urls: ["http://*/*", "https://*/*", "ws://*/*", "wss://*/*"]}, ["blocking"]);
			setInterval(() => chrome.runtime.getPlatformInfo(), 20000);`,
	} {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	zw.Close()
	pkg, err := crx.Write(buf.Bytes(), key)
	if err != nil {
		b.Fatal(err)
	}
	s.setFile("floor.vigie.test/floor.crx", pkg)
	s.setFile("floor.vigie.test/updates.xml", crx.UpdateManifest(floorExtensionID, "1.0", "http://floor.vigie.test/floor.crx"))
	return writePolicy(b, "floor", map[string]any{
		"ExtensionInstallForcelist":  []string{floorExtensionID + ";http://floor.vigie.test/updates.xml"},
		"DeveloperToolsAvailability": 1,
	})
}

// phishingLookalikes returns up to n hosts of the development phishing set
// that the engine judges lookalikes: the navigations the gate must stop.
func phishingLookalikes(b *testing.B, n int) []string {
	f, err := os.Open(filepath.Join(repoRoot(b), "..", "shared", "data", "dev-phishing.tsv"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	e, err := engine.NewDefault()
	if err != nil {
		b.Fatal(err)
	}
	var out []string
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() && len(out) < n {
		host, _, _ := strings.Cut(sc.Text(), "\t")
		v := e.Check("http://" + host + "/")
		if v.Kind == engine.Lookalike && !seen[v.Registrable] {
			seen[v.Registrable] = true
			out = append(out, host)
		}
	}
	if len(out) < n {
		b.Fatalf("only %d lookalike hosts in the development set", len(out))
	}
	return out
}
