package e2e

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// The navigation gate, asserted at the server: a lookalike's server never
// receives a request, however the navigation reaches it, with the engine
// warm or the worker stopped, the server answering at once or in 150 ms.
// Vigie is force-installed by policy, as on terminals (blocking webRequest).
func TestGateLookalikeServerReceivesNothing(t *testing.T) {
	b := newBrowser(t)
	if mode := b.mode(t); mode != "gate" {
		t.Fatalf("policy-installed Vigie runs in mode %q, want gate", mode)
	}
	run := 0
	for _, cold := range []bool{false, true} {
		for _, delay := range []time.Duration{0, 150 * time.Millisecond} {
			name := fmt.Sprintf("warm, server %v", delay)
			if cold {
				name = fmt.Sprintf("worker stopped, server %v", delay)
			}
			t.Run(name, func(t *testing.T) {
				b.site.setDelay(delay)
				defer b.site.setDelay(0)
				for _, sc := range gateScenarios {
					run++
					host := fmt.Sprintf("r%d.%s", run, sc.host)
					t.Run(sc.name, func(t *testing.T) {
						if cold {
							b.stopWorker(t)
						}
						sc.run(t, b, host)
						time.Sleep(300 * time.Millisecond) // a late request would show now
						if n := b.site.hitsFor(host); n != 0 {
							t.Fatalf("the lookalike's server received %d request(s)", n)
						}
						// Counted once, before the next scenario stops the worker.
						sw, cancel, ok := b.attachWorker(t)
						if !ok {
							t.Fatal("no worker after the navigation")
						}
						defer cancel()
						got := 0
						waitFor(t, "the stop counted", func() bool {
							got, _ = chromedp.Run(sw, chromedp.Evaluate[int](`counters().then(c => c.lookalikeBlocked || 0)`, chromedp.EvalAwaitPromise))
							return got >= run
						})
						if got != run {
							t.Fatalf("%d stops counted after %d", got, run)
						}
					})
				}
			})
		}
	}
	t.Run("the console counts them", func(t *testing.T) { consoleCountsLookalikes(t, b, run) })
}

// The console counts the fake sites stopped, today and in all, and says
// the protection is active.
func consoleCountsLookalikes(t *testing.T, b *browser, atLeast int) {
	c := b.console(t)
	waitFor(t, "the counters", func() bool {
		return strings.Contains(eval[string](t, c, `document.getElementById("counters").innerText`), "Faux sites arrêtés")
	})
	txt := eval[string](t, c, `document.getElementById("counters").innerText`)
	var today, total int
	line := txt[strings.Index(txt, "Faux sites arrêtés"):]
	if _, err := fmt.Sscanf(line[strings.Index(line, "\n")+1:], "%d aujourd'hui, %d depuis le", &today, &total); err != nil || today < atLeast || total < today {
		t.Fatalf("the console's counter of fake sites says %q (want at least %d today)", line, atLeast)
	}
	if p := eval[string](t, c, `document.getElementById("protection").textContent`); !strings.Contains(p, "La protection est active.") {
		t.Errorf("the console says %q", p)
	}
}

type gateScenario struct {
	name, host string
	run        func(t *testing.T, b *browser, host string)
}

var gateScenarios = []gateScenario{
	{"typed or followed link", "arneli.fr", func(t *testing.T, b *browser, host string) {
		tab := b.tab(t)
		navigate(tab, "http://"+host+"/connexion")
		b.waitWarning(t, tab, host)
	}},
	{"302 from an innocent host", "impots-gouv.fr", func(t *testing.T, b *browser, host string) {
		tab := b.tab(t)
		navigate(tab, "http://lien-court.example.org/redirect?to=http://"+host+"/")
		b.waitWarning(t, tab, host)
	}},
	{"meta refresh", "francetravai1.fr", func(t *testing.T, b *browser, host string) {
		from := "meta." + host[:strings.IndexByte(host, '.')] + ".example.org"
		b.site.setPage(from, `<!doctype html><meta http-equiv="refresh" content="0;url=http://`+host+`/">`)
		tab := b.tab(t)
		navigate(tab, "http://"+from+"/")
		b.waitWarning(t, tab, host)
	}},
	{"window.open", "ants-gouv.fr", func(t *testing.T, b *browser, host string) {
		tab := b.tab(t)
		navigate(tab, "http://www.boulangerie-dupont.fr/")
		yes := true
		if _, err := chromedp.Call(tab, runtime.Evaluate, runtime.EvaluateParams{
			Expression: `window.open("http://` + host + `/"); true`, UserGesture: &yes}); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the warning in the new tab", func() bool {
			return b.openPage(func(u string) bool {
				return strings.HasPrefix(u, b.extURL("pages/warning.html")) && strings.Contains(u, host)
			}) != ""
		})
	}},
	{"iframe", "caf-fr.com", func(t *testing.T, b *browser, host string) {
		from := "cadre." + host[:strings.IndexByte(host, '.')] + ".example.org"
		b.site.setPage(from, `<!doctype html><title>Actualités</title><iframe id="f" src="http://`+host+`/" style="width:100%;height:600px"></iframe>`)
		tab := b.tab(t)
		navigate(tab, "http://"+from+"/")
		waitFrameNotice(t, tab, "Vigie")
	}},
	{"iframe added while the worker is stopped", "msa-fr.com", func(t *testing.T, b *browser, host string) {
		// The frame's request comes first to a cold worker: it waits on a
		// notice that asks again until the engine answers, then is blocked.
		tab := b.tab(t)
		navigate(tab, "http://www.boulangerie-dupont.fr/")
		b.stopWorker(t)
		eval[bool](t, tab, `(() => { const f = document.createElement("iframe"); f.src = "http://`+host+`/"; document.body.append(f); return true; })()`)
		waitFrameNotice(t, tab, "imite")
	}},
}

// waitFrameNotice waits for a frame of tab replaced by Vigie's data:
// notice containing word.
func waitFrameNotice(t *testing.T, tab context.Context, word string) {
	waitFor(t, "the frame replaced by Vigie's notice", func() bool {
		tree, err := chromedp.Call(tab, page.GetFrameTree, cdp.Empty{})
		if err != nil || tree.FrameTree == nil {
			return false
		}
		for _, c := range tree.FrameTree.ChildFrames {
			if strings.HasPrefix(c.Frame.URL, "data:text/html") && strings.Contains(c.Frame.URL, word) {
				return true
			}
		}
		return false
	})
}

// Official and unknown sites load as usual through the gate, warm and
// cold, and an official site's own redirect is not broken.
func TestGateLetsOtherSitesThrough(t *testing.T) {
	b := newBrowser(t)
	for _, cold := range []bool{false, true} {
		for _, c := range []struct{ url, final, host string }{
			{"http://www.ameli.fr/", "http://www.ameli.fr/", "www.ameli.fr"},
			{"http://www.boulangerie-dupont.fr/", "http://www.boulangerie-dupont.fr/", "www.boulangerie-dupont.fr"},
			{"http://ameli.fr/redirect?to=http://www.ameli.fr/assure", "http://www.ameli.fr/assure", "www.ameli.fr"},
		} {
			t.Run(fmt.Sprintf("%s cold=%v", c.url, cold), func(t *testing.T) {
				if cold {
					b.stopWorker(t)
				}
				before := b.site.hitsFor(c.host)
				tab := b.tab(t)
				if err := navigate(tab, c.url); err != nil {
					t.Fatal(err)
				}
				waitLocation(t, tab, c.final, func(l string) bool { return l == c.final })
				if b.site.hitsFor(c.host) == before {
					t.Fatalf("%s was never requested", c.host)
				}
			})
		}
	}
}

// Without policy (unpacked, a plain install) there is no blocking
// webRequest: Vigie says so, and still replaces the lookalike.
func TestReducedModeUnpacked(t *testing.T) {
	b := newUnpackedBrowser(t)
	if mode := b.mode(t); mode != "reduced" {
		t.Fatalf("unpacked Vigie runs in mode %q, want reduced", mode)
	}
	tab := b.tab(t)
	navigate(tab, "http://arneli.fr/")
	b.waitWarning(t, tab, "arneli.fr")
	popup := b.tab(t)
	chromedp.Do(popup, chromedp.Navigate(b.extURL("pages/popup.html")))
	waitFor(t, "the popup's reduced-mode line", func() bool {
		return strings.Contains(eval[string](t, popup, `document.body.innerText`), "Protection réduite")
	})
}

// In the reduced mode too, a host once judged lookalike receives nothing
// more: the browser's own rules stop it, where the listener cannot. The
// control: before it was judged, a page's image and post reach it.
func TestReducedModeRulesStopJudgedHosts(t *testing.T) {
	b := newUnpackedBrowser(t)
	const host = "reduit.arneli.fr"
	sender := func(n string) {
		page := "page" + n + ".example.org"
		b.site.setPage(page, `<!doctype html><title>x</title><img src="http://`+host+`/pixel.gif"><script>fetch("http://`+host+`/collect", {method: "POST", mode: "no-cors", body: "a=b"}).catch(() => {})</script>`)
		navigate(b.tab(t), "http://"+page+"/")
	}
	sender("1")
	waitFor(t, "the page's requests at the host, before it is judged (control)", func() bool { return b.site.hitsFor(host) >= 2 })
	tab := b.tab(t)
	navigate(tab, "http://"+host+"/")
	b.waitWarning(t, tab, host)
	ext := b.extPage(t)
	waitFor(t, "the browser's rule for the host", func() bool { return eval[bool](t, ext, blockRule("Session", host, "")) })
	hits := b.site.hitsFor(host)
	sender("2")
	again := b.tab(t)
	navigate(again, "http://"+host+"/encore")
	b.waitWarning(t, again, host)
	time.Sleep(500 * time.Millisecond)
	if n := b.site.hitsFor(host) - hits; n != 0 {
		t.Fatalf("the judged host received %d more request(s): %q", n, b.site.askedFor(host))
	}
}

// blockRule is JavaScript, for a Vigie page, that answers whether the
// browser's rules of that kind ("Dynamic" or "Session") block host, for
// requests of type typ ("" for any).
func blockRule(kind, host, typ string) string {
	return `chrome.declarativeNetRequest.get` + kind + `Rules().then(rs => rs.some(r => r.action.type === "block" &&
		(r.condition.requestDomains || []).includes(` + strconv.Quote(host) + `) &&
		(` + strconv.Quote(typ) + ` === "" || r.condition.resourceTypes.includes(` + strconv.Quote(typ) + `))))`
}

// mode asks the worker how it protects navigations: "gate" or "reduced".
func (b *browser) mode(t testing.TB) string {
	p := b.extPage(t)
	var m string
	waitFor(t, "the worker's status", func() bool {
		m = eval[string](t, p, `chrome.runtime.sendMessage({type: "status"}).then(s => (s && s.mode) || "")`)
		return m != ""
	})
	return m
}

func (b *browser) waitWarning(t testing.TB, tab context.Context, host string) {
	t.Helper()
	waitLocation(t, tab, "the warning page for "+host, func(l string) bool {
		return strings.HasPrefix(l, b.extURL("pages/warning.html")) && strings.Contains(l, host)
	})
}

// A form sent to its own page's origin while the engine is stopped
// arrives whole, as a POST: that origin was judged when the page loaded,
// and a hold would have turned the post into a visit.
func TestGateColdFormPostKeepsItsBody(t *testing.T) {
	b := newBrowser(t)
	const host = "formulaire-mairie.fr"
	b.site.setPage(host, `<!doctype html><title>Démarche</title>
<form method="post" action="/envoi"><input id="tel" name="tel"><button id="go">Envoyer</button></form>`)
	tab := b.tab(t)
	navigate(tab, "http://"+host+"/")
	if err := chromedp.Do(tab, chromedp.SendKeys(chromedp.ID("tel"), "0612345678")); err != nil {
		t.Fatal(err)
	}
	b.stopWorker(t)
	if err := chromedp.Do(tab, chromedp.Click(chromedp.ID("go"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the form's post", func() bool {
		p := b.site.postsTo(host)
		return len(p) == 1 && strings.Contains(p[0], "tel=0612345678")
	})
}
