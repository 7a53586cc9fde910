package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"
)

// ordinaryPage sets up a town hall's page as terminals load them: HTML,
// a stylesheet, two scripts, 26 images over three hosts, and a map in a
// cross-site frame (31 requests), and returns its address.
func ordinaryPage(s *site) string {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")
	hosts := []string{"www.commune-exemple.fr", "static.commune-exemple.fr", "cdn.example-cdn.net"}
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="fr"><meta charset="utf-8"><title>Mairie</title>`)
	s.setFile(hosts[1]+"/site.css", []byte("body{font:16px sans-serif} img{width:32px;height:32px}"))
	b.WriteString(`<link rel="stylesheet" href="http://` + hosts[1] + `/site.css">`)
	for i, h := range []string{hosts[1], hosts[2]} {
		p := fmt.Sprintf("/app%d.js", i)
		s.setFile(h+p, []byte("window.x"+fmt.Sprint(i)+" = 1;"))
		b.WriteString(`<script src="http://` + h + p + `"></script>`)
	}
	b.WriteString(`<h1>Bienvenue à la mairie</h1>`)
	for i := 0; i < 26; i++ {
		h := hosts[i%3]
		p := fmt.Sprintf("/img/%d.png", i)
		s.setFile(h+p, png)
		b.WriteString(`<img alt="" src="http://` + h + p + `">`)
	}
	b.WriteString(`<iframe src="http://carte.example-maps.org/" width="300" height="200"></iframe>`)
	s.setPage(hosts[0], b.String())
	return "http://" + hosts[0] + "/"
}

// loadTimes navigates to url n times and returns, for each, the time from
// the navigation command to the page's load event (the browser's clock,
// the same machine's), in ms; cold stops the extension's worker first.
func loadTimes(b *testing.B, br *browser, extID, url string, n int, cold bool) []float64 {
	tab := br.tab(b)
	navigate(tab, url+"?premier") // the first load of all fills the caches alike
	var out []float64
	for i := 0; i < n; i++ {
		if cold {
			stopWorkerOf(b, br, extID)
			time.Sleep(300 * time.Millisecond)
		}
		start := float64(time.Now().UnixNano()) / 1e6
		navigate(tab, fmt.Sprintf("%s?n=%d", url, i))
		end := eval[float64](b, tab, `(() => { const e = performance.getEntriesByType("navigation")[0]; return performance.timeOrigin + e.loadEventEnd; })()`)
		if end > start {
			out = append(out, end-start)
		}
	}
	return out
}

func median(x []float64) float64 { return quantile(x, 0.5) }

// quantile q of x (nearest rank), or -1 for no data.
func quantile(x []float64, q float64) float64 {
	if len(x) == 0 {
		return -1
	}
	y := append([]float64(nil), x...)
	sort.Float64s(y)
	return y[int(q*float64(len(y)-1)+0.5)]
}

// spread is the interquartile range of x: how much one run moves.
func spread(x []float64) [2]float64 { return [2]float64{quantile(x, 0.25), quantile(x, 0.75)} }

// BenchmarkPageLoad: what the gate adds to an ordinary page (31 requests,
// every one through the listener), from the navigation command to the
// load event, against the floor extension (a blocking listener on every
// request answering {} at once) in the same run, warm and after a worker
// stop; and the requests that reach a lookalike by request type, warm and
// cold. make bench runs it (VIGIE_PAGELOAD_BENCH_OUT receives the JSON).
func BenchmarkPageLoad(b *testing.B) {
	const warmN, coldN = 21, 11
	var unpolicy func()
	floorBr := startWith(b, b.TempDir(), none, func(s *site) { unpolicy = floorExtension(b, s) })
	waitExtension(b, floorBr.ctx, floorExtensionID)
	u := ordinaryPage(floorBr.site)
	floorWarm := loadTimes(b, floorBr, floorExtensionID, u, warmN, false)
	floorCold := loadTimes(b, floorBr, floorExtensionID, u, coldN, true)
	floorBr.stop()
	unpolicy()

	br := newBrowser(b)
	u = ordinaryPage(br.site)
	vigieWarm := loadTimes(b, br, br.extID, u, warmN, false)
	vigieCold := loadTimes(b, br, br.extID, u, coldN, true)

	// Requests reaching a lookalike, by request type (the scenarios of
	// TestGateEveryRequestType), warm and with the worker stopped first.
	byType := map[string][2]int{}
	d := &chromiumPages{b: br}
	for v, cold := range []bool{false, true} {
		names, targets := sendRequestAttacks(b, br.site, d, 10+v, false, cold)
		time.Sleep(2 * time.Second)
		for i, n := range names {
			c := byType[n]
			c[v] = br.site.hitsFor(targets[i])
			byType[n] = c
		}
	}
	br.stop()

	out := map[string]any{
		"warmN": len(vigieWarm), "coldN": len(vigieCold),
		"loadWarmMs": median(vigieWarm), "loadWarmFloorMs": median(floorWarm),
		"loadColdMs": median(vigieCold), "loadColdFloorMs": median(floorCold),
		"loadWarmSpread": spread(vigieWarm), "loadWarmFloorSpread": spread(floorWarm),
		"reachedByType": byType,
	}
	if p := os.Getenv("VIGIE_PAGELOAD_BENCH_OUT"); p != "" {
		j, _ := json.MarshalIndent(out, "", "  ")
		os.WriteFile(p, j, 0o644)
	}
	b.ReportMetric(median(vigieWarm)-median(floorWarm), "ms-over-floor-warm")
	for n, c := range byType {
		if c[0]+c[1] > 0 {
			b.Errorf("%s: %d request(s) reached a lookalike warm, %d cold", n, c[0], c[1])
		}
	}
}
