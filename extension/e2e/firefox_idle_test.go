package e2e

import (
	"strings"
	"testing"
	"time"
)

// TestIdleEndsSession in Firefox ESR, with Firefox's own idle detection
// (no hook): with idleMinutes 1 by policy and nobody touching the
// terminal, the countdown page appears after about 15 s, says what will
// happen, and the session ends by itself: the welcome page, the previous
// visitor logged out; the console cannot change the managed delay. And
// the disk, as docs/deploy configures Firefox (no disk cache): once
// Firefox is closed, no file of the profile (session store decompressed)
// holds the visited host or the value typed and posted; the control finds
// both there during the countdown.
func TestFirefoxIdleEndsSession(t *testing.T) {
	extensionDir(t)
	writeFirefoxSettings(t, map[string]any{"idleMinutes": 1})
	f := newFirefoxWith(t, map[string]any{"browser.cache.disk.enable": false, sessionStoreInterval: 2000})
	const host = "mairie-inactive-4410.example.org"
	const typed = "0655443322-valeur-tapee-6071"
	f.fillForm(t, host, typed)
	tab := f.tab(t)
	f.navigate(t, tab, "http://www.ameli.fr/login-cookie")
	f.navigate(t, tab, "http://www.ameli.fr/whoami")
	if who := f.eval(t, tab, `document.getElementById("who").textContent`); who != "visiteur-1" {
		t.Fatalf("the test login did not stick: %q", who)
	}
	var countdown string
	waitForLong(t, "the countdown", 60*time.Second, func() bool {
		for _, l := range strings.Split(f.location(t, ""), "\n") {
			if strings.Contains(l, "/pages/countdown.html") {
				countdown = l
				return true
			}
		}
		return false
	})
	var ctx string
	var tree struct {
		Contexts []struct{ Context, URL string }
	}
	f.bidi.call("browsingContext.getTree", map[string]any{"maxDepth": 0}, &tree)
	for _, c := range tree.Contexts {
		if c.URL == countdown {
			ctx = c.Context
		}
	}
	if ctx == "" {
		t.Fatal("no context for the countdown page")
	}
	if txt := f.eval(t, ctx, `document.body.innerText`); !strings.Contains(txt, "secondes, tout ce que vous avez fait sera effacé") {
		t.Errorf("the countdown says %q", txt)
	}
	for _, s := range []string{host, typed} { // the control, while the countdown runs
		waitForLong(t, "control: "+s+" in the profile before the end", 40*time.Second, func() bool {
			return len(grepProfile(f.profile, s)) > 0
		})
	}
	waitForLong(t, "the session to end by itself after the countdown", 90*time.Second, func() bool {
		return strings.Contains(f.location(t, ""), "/pages/welcome.html")
	})
	if who := f.whoami(t); who != "" {
		t.Fatalf("still logged in as %q after the idle end of session", who)
	}
	// The value the policy fixes cannot be changed from the console, even
	// with the mediator's code (TestManagedPolicyOverridesConsole).
	page := f.vigiePage(t, "arneli.fr")
	f.eval(t, page, `chrome.runtime.sendMessage({type: "pinSet", pin: "`+mediatorPIN+`"}).then(r => String(r.ok))`)
	if r := f.eval(t, page, `chrome.runtime.sendMessage({type: "setIdle", minutes: 5}).then(r => r.error || "ok")`); r != "managed" {
		t.Fatalf("the console changed a managed value: %s", r)
	}
	f.closeAndWait(t)
	for _, s := range []string{host, typed} {
		for _, file := range grepProfile(f.profile, s) {
			t.Errorf("after the idle end of session, %q is still in the profile: %s", s, file)
		}
	}
}
