package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// From the first event: a navigation to a lookalike fired 0, 100, 500,
// 1,000 and 2,000 ms after a fresh install's worker appears, and after an
// extension reload, reaches nothing: the startup rules (enabled by the
// browser at install, before any of Vigie's code runs) hold the page until
// the gate listens. The control: the same navigation in a browser with the
// floor extension arrives.
func TestGateFromInstall(t *testing.T) {
	delays := []time.Duration{0, 100 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second}
	t.Run("control: floor extension", func(t *testing.T) {
		fb := newFloorBrowser(t)
		navigate(fb.ctx, "http://install-control.arneli.fr/connexion")
		waitFor(t, "the lookalike's page, without Vigie", func() bool { return fb.site.hitsFor("install-control.arneli.fr") > 0 })
	})
	for i, delay := range delays {
		t.Run(fmt.Sprintf("fresh install, %v", delay), func(t *testing.T) {
			b := newBrowser(t) // returns as soon as the worker appears
			time.Sleep(delay)
			host := fmt.Sprintf("install%d.arneli.fr", i)
			navigate(b.ctx, "http://"+host+"/connexion")
			b.waitWarning(t, b.ctx, host)
			time.Sleep(300 * time.Millisecond)
			if n := b.site.hitsFor(host); n != 0 {
				t.Fatalf("the lookalike's server received %d request(s)", n)
			}
		})
	}
	t.Run("extension reload", func(t *testing.T) {
		b := newBrowser(t)
		for i, delay := range delays {
			reloadExtension(t, b)
			time.Sleep(delay)
			host := fmt.Sprintf("reload%d.arneli.fr", i)
			tab := b.tab(t)
			navigate(tab, "http://"+host+"/connexion")
			b.waitWarning(t, tab, host)
			time.Sleep(300 * time.Millisecond)
			if n := b.site.hitsFor(host); n != 0 {
				t.Fatalf("%v after the reload: the lookalike's server received %d request(s)", delay, n)
			}
		}
	})
}

// workerTarget is the target id of Vigie's running worker, or "".
func workerTarget(t testing.TB, b *browser) string {
	targets, err := chromedp.Targets(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range targets {
		if tg.Type == "service_worker" && strings.HasPrefix(tg.URL, "chrome-extension://"+b.extID+"/") {
			return string(tg.TargetID)
		}
	}
	return ""
}

// The same in Firefox ESR, right after the add-on is installed: the page
// is stopped (the startup rules' hold page, which cannot carry the address
// in Firefox, or the warning), and the lookalike receives nothing.
func TestFirefoxGateFromInstall(t *testing.T) {
	for i, delay := range []time.Duration{0, 100 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second} {
		t.Run(fmt.Sprint(delay), func(t *testing.T) {
			f := newFirefox(t) // returns when the install does
			time.Sleep(delay)
			host := fmt.Sprintf("install%d.arneli.fr", i)
			f.navigate(t, f.ctx, "http://"+host+"/connexion")
			l := f.waitLocation(t, f.ctx, "the page stopped", func(l string) bool {
				return isWarning(l, host) || strings.Contains(l, "/pages/hold.html?s=1")
			})
			time.Sleep(300 * time.Millisecond)
			if n := f.site.hitsFor(host); n != 0 {
				t.Fatalf("the lookalike's server received %d request(s)", n)
			}
			t.Logf("stopped at %s", l)
		})
	}
	t.Run("extension reload", func(t *testing.T) {
		f := newFirefox(t)
		for i, delay := range []time.Duration{0, 100 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second} {
			f.reloadAddon(t, fmt.Sprintf("reload-avant%d.arneli.fr", i))
			time.Sleep(delay)
			host := fmt.Sprintf("reload%d.arneli.fr", i)
			tab := f.tab(t)
			f.navigate(t, tab, "http://"+host+"/connexion")
			f.waitLocation(t, tab, "the page stopped", func(l string) bool {
				return isWarning(l, host) || strings.Contains(l, "/pages/hold.html?s=1")
			})
			time.Sleep(300 * time.Millisecond)
			if n := f.site.hitsFor(host); n != 0 {
				t.Fatalf("%v after the reload: the lookalike's server received %d request(s)", delay, n)
			}
		}
	})
}

// reloadAddon reloads Vigie from one of its pages (reached through the
// lookalike host) and returns when the new add-on exists. Between the old
// add-on's unloading and the new one's loading, Firefox runs no add-on at
// all: no extension can stop anything there (Chromium's tests wait for the
// new worker likewise). The new one exists when a probe page is stopped.
// The install is kept recent: see the Chromium reload test.
func (f *firefox) reloadAddon(t *testing.T, host string) {
	f.reloadAddonWith(t, host, "{installedAt: Date.now()}")
}

// reloadAddonWith stores marks (a JS object) in storage.local first.
func (f *firefox) reloadAddonWith(t *testing.T, host, marks string) {
	page := f.vigiePage(t, host)
	f.eval(t, page, `browser.storage.local.set(`+marks+`).then(() => { setTimeout(() => browser.runtime.reload(), 10); return "ok"; })`)
	waitFor(t, "the reload (Vigie's page closed)", func() bool { return !strings.Contains(f.location(t, ""), host) })
	probe := f.tab(t)
	waitFor(t, "the reloaded add-on", func() bool {
		if f.location(t, probe) == "" { // closed by a start-of-session clean-up
			probe = f.tab(t)
		}
		// Not f.navigate: a navigation begun while no add-on runs may
		// never "complete" (CI saw one hang for the driver's full minute).
		f.bidi.call("browsingContext.navigate", map[string]any{"context": probe, "url": "http://probe." + host + "/", "wait": "none"}, nil)
		for end := time.Now().Add(2 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
			l := f.location(t, probe)
			if isWarning(l, "probe."+host) || strings.Contains(l, "/pages/hold.html?s=1") {
				return true
			}
		}
		return false
	})
}
