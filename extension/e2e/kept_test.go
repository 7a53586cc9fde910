package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// After a worker stop, the kept engine (an offscreen document's worker,
// extension/offscreen.js) judges the held navigation while the worker's
// own engine starts, with the list in force: a host only the updated list
// reports is stopped (its server receives nothing) and the verdict is
// recorded as the kept engine's; an ordinary site then loads (the hold's
// verdict lets it through once, no loop). If the kept engine is gone
// (crash), the worker's own engine judges, and the kept engine comes back.
func TestGateColdKeptEngine(t *testing.T) {
	b := newBrowser(t)
	ext := b.extPage(t)
	updateToReported(t, b, ext)
	waitFor(t, "the kept engine holding the new list", func() bool {
		return strings.Contains(eval[string](t, ext, `chrome.storage.session.get("engineStamp").then(r => r.engineStamp || "")`), `["default",1,`)
	})
	keptDoc := func() string {
		return b.openPage(func(u string) bool { return strings.HasPrefix(u, b.extURL("pages/engine.html")) })
	}
	if keptDoc() == "" {
		t.Fatal("no offscreen document for the kept engine")
	}
	// lastHold is how the last held navigation was judged (gateTimings).
	lastHold := func(before int) int {
		var held [][3]float64
		waitFor(t, "the hold's timing", func() bool {
			all := eval[[][3]float64](t, ext, `chrome.storage.session.get("gateTimings").then(r => r.gateTimings || [])`)
			held = nil
			for _, g := range all[min(before, len(all)):] {
				if g[1] > 0 {
					held = append(held, g)
				}
			}
			return len(held) > 0
		})
		last := held[len(held)-1]
		t.Logf("navigation start → verdict: %.1f ms", last[0])
		return int(last[1])
	}
	count := func() int {
		return eval[int](t, ext, `chrome.storage.session.get("gateTimings").then(r => (r.gateTimings || []).length)`)
	}

	t.Run("reported host, worker stopped", func(t *testing.T) {
		// The updated list's blocked domains are the browser's own rules
		// too (Chromium still asks the gate's listener first).
		waitFor(t, "the browser's rule for the reported host", func() bool {
			return eval[bool](t, ext, blockRule("Dynamic", reportedHost, ""))
		})
		b.stopWorker(t)
		b.stoppedAt(t, reportedHost, "/suivi")
	})
	t.Run("lookalike, worker stopped", func(t *testing.T) {
		const host = "kept1.arneli.fr"
		n := count()
		b.stopWorker(t)
		b.stoppedAt(t, host, "/")
		if by := lastHold(n); by != 2 {
			t.Fatalf("the held navigation was judged by %d, want 2 (the kept engine)", by)
		}
	})
	t.Run("ordinary site, worker stopped", func(t *testing.T) {
		const host = "epicerie-du-port.fr"
		n := count()
		b.stopWorker(t)
		tab := b.tab(t)
		navigate(tab, "http://"+host+"/")
		waitLocation(t, tab, "the site itself", func(l string) bool { return l == "http://"+host+"/" })
		if h := b.site.hitsFor(host); h == 0 { // the page (and perhaps its icon)
			t.Fatal("the site's server received nothing")
		}
		if by := lastHold(n); by != 2 {
			t.Fatalf("the held navigation was judged by %d, want 2 (the kept engine)", by)
		}
	})
	t.Run("kept engine gone, worker stopped", func(t *testing.T) {
		// The worker stopped first: none of its work in flight starts the
		// kept engine again behind the test's back.
		tab := b.tab(t)
		b.stopWorker(t)
		time.Sleep(500 * time.Millisecond)
		closeTarget(t, b, keptDoc())
		waitFor(t, "the kept engine closed", func() bool { return keptDoc() == "" })
		n := count()
		host := "kept3.arneli.fr"
		navigate(tab, "http://"+host+"/")
		b.waitWarning(t, tab, host)
		time.Sleep(300 * time.Millisecond)
		if h := b.site.hitsFor(host); h != 0 {
			t.Fatalf("the lookalike's server received %d request(s)", h)
		}
		if by := lastHold(n); by != 1 {
			t.Fatalf("the held navigation was judged by %d, want 1 (the worker's engine)", by)
		}
		waitFor(t, "the kept engine started again", func() bool { return keptDoc() != "" })
	})
}

func closeTarget(t testing.TB, b *browser, url string) {
	targets, err := chromedp.Targets(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range targets {
		if tg.URL == url {
			if _, err := chromedp.CallBrowser(b.ctx, target.CloseTarget, target.CloseTargetParams{TargetID: tg.TargetID}); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("no target at %s", url)
}
