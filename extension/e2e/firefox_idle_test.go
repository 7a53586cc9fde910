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
// visitor logged out; the console cannot change the managed delay.
func TestFirefoxIdleEndsSession(t *testing.T) {
	extensionDir(t)
	writeFirefoxSettings(t, map[string]any{"idleMinutes": 1})
	f := newFirefox(t)
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
	waitForLong(t, "the session to end by itself after the countdown", 90*time.Second, func() bool {
		return strings.Contains(f.location(t, ""), "/pages/welcome.html")
	})
	next := f.tab(t)
	f.navigate(t, next, "http://www.ameli.fr/whoami")
	if who := f.eval(t, next, `document.getElementById("who").textContent`); who != "" {
		t.Fatalf("still logged in as %q after the idle end of session", who)
	}
	// The value the policy fixes cannot be changed from the console, even
	// with the mediator's code (TestManagedPolicyOverridesConsole).
	page := f.vigiePage(t, "arneli.fr")
	f.eval(t, page, `chrome.runtime.sendMessage({type: "pinSet", pin: "`+mediatorPIN+`"}).then(r => String(r.ok))`)
	if r := f.eval(t, page, `chrome.runtime.sendMessage({type: "setIdle", minutes: 5}).then(r => r.error || "ok")`); r != "managed" {
		t.Fatalf("the console changed a managed value: %s", r)
	}
}
