package main

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"
)

// nativeBench times the engine natively with the full list.
func nativeBench(r *report, e *env) error {
	// Every native figure is the engine's whole work: the verdict cache
	// is off, except for the row that measures it.
	e.eng.SetCache(false)
	defer e.eng.SetCache(true)
	bench := func(url string) testing.BenchmarkResult {
		e.eng.Check(url)
		return testing.Benchmark(func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				e.eng.Check(url)
			}
		})
	}
	// The floor: parsing the URL alone (hostname.Parse is the first step
	// of every verdict).
	official := bench("https://www.impots.gouv.fr/portail/particulier")
	r.row("verdict natively, official host (full list)", fmt.Sprintf("%.0f ns, %d allocs", float64(official.NsPerOp()), official.AllocsPerOp()), "—", "≤ 2 µs, 0 allocs")
	e.eng.SetCache(true)
	hit := bench("https://ameli-remboursement.com/suivi")
	e.eng.SetCache(false)
	r.row("verdict natively, the same scheme and host again (verdict cache)", fmt.Sprintf("%.0f ns, %d allocs", float64(hit.NsPerOp()), hit.AllocsPerOp()), "—", "—")
	for _, c := range []struct{ what, url string }{
		{"unknown host", "https://www.lemonde.fr/international/"},
		{"skeleton (arneli.fr)", "http://arneli.fr/"},
		{"edit distance (amelli.fr)", "http://amelli.fr/"},
		{"hyphenation (impots-gouv.fr)", "https://impots-gouv.fr/"},
		{"suffix swap (ameli.com)", "https://ameli.com/"},
		{"combosquat (ameli-remboursement.com)", "https://ameli-remboursement.com/"},
		{"target embedding (ameli.fr.secure-login.com)", "https://ameli.fr.secure-login.com/"},
		{"free hosting (ameli.github.io)", "https://ameli.github.io/"},
	} {
		res := bench(c.url)
		r.row("verdict natively, "+c.what, fmt.Sprintf("%.0f ns, %d allocs", float64(res.NsPerOp()), res.AllocsPerOp()), "—", "—")
	}
	// The worst case: 253-character hosts of confusables, hyphens, repeats.
	worst := bench("https://" + strings.TrimSuffix(strings.Repeat(strings.Repeat("аrn", 20)+".", 4), ".") + ".fr/")
	r.row("verdict natively, worst case: 253-character host of confusables", fmt.Sprintf("%.0f ns", float64(worst.NsPerOp())), "—", "< 1 ms")
	// The realistic mix: time every URL, report the median and the 90th
	// percentile.
	per := make([]float64, 0, len(e.urls))
	for _, u := range e.urls {
		const n = 20
		t := time.Now()
		for i := 0; i < n; i++ {
			e.eng.Check(u)
		}
		per = append(per, float64(time.Since(t).Nanoseconds())/n)
	}
	sort.Float64s(per)
	// One pass over the whole mix, as the Node step walks it: the mean
	// that the wasm verdict is compared with.
	t := time.Now()
	for _, u := range e.urls {
		e.eng.Check(u)
	}
	e.nativeMixMean = float64(time.Since(t).Nanoseconds()) / float64(len(e.urls))
	r.row("verdict natively, realistic URL mix: median / p90 / mean of one pass", fmt.Sprintf("%.0f ns / %.0f ns / %.0f ns", per[len(per)/2], per[len(per)*9/10], e.nativeMixMean), "—", "median ≤ 2 µs")
	r.row("index build for the full list (publisher side, once)", e.buildTime.Round(time.Millisecond).String(), "—", "not at load")
	return nil
}
