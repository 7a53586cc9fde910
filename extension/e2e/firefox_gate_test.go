package e2e

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The gate in Firefox ESR: a blocking listener awaits the verdict, so a
// lookalike's server receives nothing, however the navigation reaches it.
// Asserted at the server.
func TestFirefoxGateLookalikeServerReceivesNothing(t *testing.T) {
	f := newFirefox(t)
	firefoxGate(t, f, 0)
	t.Run("status says gate", func(t *testing.T) {
		tab := f.tab(t)
		f.navigate(t, tab, "http://arneli.fr/")
		f.waitLocation(t, tab, "the warning", func(l string) bool { return isWarning(l, "arneli.fr") })
		if m := f.eval(t, tab, `browser.runtime.sendMessage({type: "status"}).then(s => s.mode)`); m != "gate" {
			t.Fatalf("Firefox runs in mode %q, want gate", m)
		}
	})
}

// The same with the background page asleep before every navigation: the
// listener wakes it and waits for the engine to start.
func TestFirefoxGateAsleep(t *testing.T) {
	f := newFirefoxWith(t, map[string]any{"extensions.background.idle.timeout": 1500})
	tab := f.tab(t)
	started := func() string {
		f.navigate(t, tab, "http://arneli.fr/?since")
		f.waitLocation(t, tab, "the warning", func(l string) bool { return isWarning(l, "arneli.fr") })
		return f.eval(t, tab, `browser.runtime.sendMessage({type: "status"}).then(s => String(s.since))`)
	}
	first := started()
	time.Sleep(3 * time.Second)
	if started() == first {
		t.Fatal("the background page did not sleep: this test would not test a cold start")
	}
	firefoxGate(t, f, 3*time.Second)
}

// firefoxGate runs every scenario with a server answering at once and in
// 150 ms; asleep waits before each navigation.
func firefoxGate(t *testing.T, f *firefox, asleep time.Duration) {
	// Each stop is counted once, whichever path stopped it (the console's
	// counters, read from a Vigie page: the warning of a first fake site).
	page := f.vigiePage(t, "amelii.fr")
	stops := func() int {
		n, _ := strconv.Atoi(f.eval(t, page, `chrome.runtime.sendMessage({type: "counters"}).then(c => String(c.lookalikeBlocked || 0))`))
		return n
	}
	base := 0
	waitFor(t, "the first stop counted", func() bool { base = stops(); return base > 0 })
	run := 0
	for _, delay := range []time.Duration{0, 150 * time.Millisecond} {
		t.Run(fmt.Sprintf("server %v", delay), func(t *testing.T) {
			f.site.setDelay(delay)
			defer f.site.setDelay(0)
			for _, sc := range firefoxGateScenarios {
				run++
				host := fmt.Sprintf("r%d.%s", run, sc.host)
				t.Run(sc.name, func(t *testing.T) {
					time.Sleep(asleep)
					sc.run(t, f, host)
					time.Sleep(300 * time.Millisecond)
					if n := f.site.hitsFor(host); n != 0 {
						t.Fatalf("the lookalike's server received %d request(s)", n)
					}
					got := 0
					waitFor(t, "the stop counted", func() bool { got = stops(); return got >= base+run })
					if got != base+run {
						t.Fatalf("%d stops counted after %d", got-base, run)
					}
				})
			}
		})
	}
}

var firefoxGateScenarios = []struct {
	name, host string
	run        func(t *testing.T, f *firefox, host string)
}{
	{"typed or followed link", "arneli.fr", func(t *testing.T, f *firefox, host string) {
		tab := f.tab(t)
		f.navigate(t, tab, "http://"+host+"/connexion")
		f.waitLocation(t, tab, "the warning", func(l string) bool { return isWarning(l, host) })
	}},
	{"302 from an innocent host", "impots-gouv.fr", func(t *testing.T, f *firefox, host string) {
		tab := f.tab(t)
		f.navigate(t, tab, "http://lien-court.example.org/redirect?to=http://"+host+"/")
		f.waitLocation(t, tab, "the warning", func(l string) bool { return isWarning(l, host) })
	}},
	{"meta refresh", "francetravai1.fr", func(t *testing.T, f *firefox, host string) {
		from := "meta." + host[:strings.IndexByte(host, '.')] + ".example.org"
		f.site.setPage(from, `<!doctype html><meta http-equiv="refresh" content="0;url=http://`+host+`/">`)
		tab := f.tab(t)
		f.navigate(t, tab, "http://"+from+"/")
		f.waitLocation(t, tab, "the warning", func(l string) bool { return isWarning(l, host) })
	}},
	{"window.open", "ants-gouv.fr", func(t *testing.T, f *firefox, host string) {
		tab := f.tab(t)
		f.navigate(t, tab, "http://www.boulangerie-dupont.fr/")
		f.eval(t, tab, `window.open("http://`+host+`/"); "ok"`)
		f.waitLocation(t, "", "the warning in the new tab", func(l string) bool { return isWarning(l, host) })
	}},
	{"iframe", "caf-fr.com", func(t *testing.T, f *firefox, host string) {
		from := "cadre." + host[:strings.IndexByte(host, '.')] + ".example.org"
		f.site.setPage(from, `<!doctype html><title>Actualités</title><iframe id="f" src="http://`+host+`/" style="width:100%;height:600px"></iframe>`)
		tab := f.tab(t)
		f.navigate(t, tab, "http://"+from+"/")
		f.waitLocation(t, tab, "the frame replaced by Vigie's notice", func(l string) bool {
			return strings.Contains(l, "\ndata:text/html")
		})
	}},
}

// Official and unknown sites load as usual through Firefox's gate.
func TestFirefoxGateLetsOtherSitesThrough(t *testing.T) {
	f := newFirefox(t)
	for _, c := range []struct{ url, final, host string }{
		{"http://www.ameli.fr/", "http://www.ameli.fr/", "www.ameli.fr"},
		{"http://www.boulangerie-dupont.fr/", "http://www.boulangerie-dupont.fr/", "www.boulangerie-dupont.fr"},
		{"http://ameli.fr/redirect?to=http://www.ameli.fr/assure", "http://www.ameli.fr/assure", "www.ameli.fr"},
	} {
		t.Run(c.url, func(t *testing.T) {
			before := f.site.hitsFor(c.host)
			tab := f.tab(t)
			f.navigate(t, tab, c.url)
			f.waitLocation(t, tab, c.final, func(l string) bool { return l == c.final })
			if f.site.hitsFor(c.host) == before {
				t.Fatalf("%s was never requested", c.host)
			}
		})
	}
}

// TestGateColdFormPostKeepsItsBody in Firefox ESR: the form is sent after
// the background page fell asleep.
func TestFirefoxGateColdFormPostKeepsItsBody(t *testing.T) {
	f := newFirefoxWith(t, map[string]any{"extensions.background.idle.timeout": 1500})
	const host = "formulaire-mairie.fr"
	f.site.setPage(host, `<!doctype html><title>Démarche</title>
<form method="post" action="/envoi"><input id="tel" name="tel"><button id="go">Envoyer</button></form>`)
	tab := f.tab(t)
	f.navigate(t, tab, "http://"+host+"/")
	f.typeIn(t, tab, "tel", "0612345678")
	time.Sleep(3 * time.Second) // the background page sleeps
	f.clickOn(t, tab, "go")
	waitFor(t, "the form's post", func() bool {
		p := f.site.postsTo(host)
		return len(p) == 1 && strings.Contains(p[0], "tel=0612345678")
	})
}
