package main

import (
	"fmt"
	"sort"
	"strings"
)

// pageLoadFigures is what extension/e2e BenchmarkPageLoad writes.
type pageLoadFigures struct {
	WarmN         int               `json:"warmN"`
	ColdN         int               `json:"coldN"`
	LoadWarm      float64           `json:"loadWarmMs"`
	LoadWarmFloor float64           `json:"loadWarmFloorMs"`
	LoadCold      float64           `json:"loadColdMs"`
	LoadColdFloor float64           `json:"loadColdFloorMs"`
	WarmSpread    [2]float64        `json:"loadWarmSpread"`      // 25th and 75th percentiles
	FloorSpread   [2]float64        `json:"loadWarmFloorSpread"` // the same for the floor
	ReachedByType map[string][2]int `json:"reachedByType"`
}

// pageLoadBench: an ordinary page's load event with the gate on every
// request, against the floor extension, and the requests reaching a
// lookalike by request type.
func pageLoadBench(r *report, e *env) error {
	var p pageLoadFigures
	runErr, err := e2eBench(e, "BenchmarkPageLoad", "VIGIE_PAGELOAD_BENCH_OUT", &p)
	if err != nil {
		return fmt.Errorf("page load bench: %v", err)
	}
	var names []string
	for n := range p.ReachedByType {
		names = append(names, n)
	}
	sort.Strings(names)
	var cells []string
	for _, n := range names {
		c := p.ReachedByType[n]
		cells = append(cells, fmt.Sprintf("%s %d/%d", n, c[0], c[1]))
	}
	r.row("Requests reaching a lookalike by request type, warm / worker stopped before the page (policy-installed Chromium)",
		"**"+strings.Join(cells, ", ")+"**", "the same pages with the floor extension: each arrives (extension/e2e TestGateEveryRequestType)", "0 each")
	r.row(fmt.Sprintf("Ordinary page (31 requests, a cross-site frame): navigation command → load event, warm (median of %d)", p.WarmN),
		fmt.Sprintf("**%.0f ms** (%+.0f ms over the floor)", p.LoadWarm, p.LoadWarm-p.LoadWarmFloor),
		fmt.Sprintf("floor extension (a blocking listener on every request answering {}): %.0f ms", p.LoadWarmFloor), "≤ 10 ms over the floor")
	r.row(fmt.Sprintf("The same after a worker stop (median of %d)", p.ColdN),
		fmt.Sprintf("**%.0f ms** (%+.0f ms over the floor)", p.LoadCold, p.LoadCold-p.LoadColdFloor),
		fmt.Sprintf("floor extension, its worker stopped too: %.0f ms", p.LoadColdFloor), "≤ 60 ms over the floor")
	r.note("Page load: every request of the page (31) goes through the gate's listener, as through the floor extension's, so the difference is the engine's answer and what the worker does besides (the icon, storage). Read the warm row against the spread of the same run: the middle half of the loads took %.0f–%.0f ms with Vigie and %.0f–%.0f ms with the floor extension.",
		p.WarmSpread[0], p.WarmSpread[1], p.FloorSpread[0], p.FloorSpread[1])
	if runErr != nil {
		return fmt.Errorf("page load bench: %v", runErr)
	}
	return nil
}
