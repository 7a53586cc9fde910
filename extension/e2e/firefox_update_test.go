package e2e

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestListUpdateFromServer in Firefox ESR: the mediator's update fetches
// the signed list from the list server (a town's site becomes official),
// a tampered list from a compromised mirror is refused and the list in
// force stays, and after the background page slept and woke, the accepted
// list is still in force, from its kept copy.
func TestFirefoxListUpdateFromServer(t *testing.T) {
	f := newFirefoxWith(t, map[string]any{"extensions.background.idle.timeout": 1500})
	page := f.vigiePage(t, "arneli.fr")
	send := func(js string) string { return f.eval(t, page, js) }
	kind := func(host string) string {
		return send(`chrome.runtime.sendMessage({type: "check", url: "http://` + host + `/"}).then(v => v.kind)`)
	}
	update := func() string {
		return send(`chrome.runtime.sendMessage({type: "updateNow"}).then(r => r.result + " " + (r.error || ""))`)
	}
	if k := kind("www.mairie-de-vigie.fr"); k != "unknown" {
		t.Fatalf("before the update: %s", k)
	}
	if err := f.site.store.Put(context.Background(), "default", 1, signedList(t, 1, "mairie-de-vigie.fr")); err != nil {
		t.Fatal(err)
	}
	f.unlockFast(t, page)
	if r := update(); !strings.HasPrefix(r, "updated") || kind("www.mairie-de-vigie.fr") != "official" {
		t.Fatalf("the update: %s", r)
	}
	bad := signedList(t, 2, "mairie-de-vigie.fr", "faux-site-officiel.fr")
	bad[len(bad)-200] ^= 0x20
	f.site.mu.Lock()
	f.site.mirror = bad
	f.site.mu.Unlock()
	if r := update(); !strings.HasPrefix(r, "refused ") {
		t.Fatalf("a tampered list: %s", r)
	}
	if kind("faux-site-officiel.fr") == "official" || kind("www.mairie-de-vigie.fr") != "official" {
		t.Fatal("the tampered list changed the list in force")
	}
	since := send(`chrome.runtime.sendMessage({type: "status"}).then(s => String(s.since))`)
	time.Sleep(3 * time.Second) // the background page sleeps
	if k := kind("www.mairie-de-vigie.fr"); k != "official" {
		t.Fatalf("after the background page woke: %s", k)
	}
	if send(`chrome.runtime.sendMessage({type: "status"}).then(s => String(s.since))`) == since {
		t.Fatal("the background page did not sleep: this test would not test a wake")
	}
}
