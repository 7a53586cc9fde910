package e2e

import (
	"strings"
	"testing"
	"time"
)

// TestStrictModeProceedWithPIN in Firefox ESR: on the warning page, a
// wrong code keeps the warning; the mediator's code opens the lookalike,
// with the banner, and its password field still takes nothing to its
// server (ameli.fr's password nor another).
func TestFirefoxStrictModeProceedWithPIN(t *testing.T) {
	f := newFirefox(t)
	f.site.setPage("www.ameli.fr", loginPage("ameli — mon compte", ""))
	f.site.setPage("arneli.fr", loginPage("ameli — mon compte", ""))
	real := f.tab(t)
	f.navigate(t, real, "http://www.ameli.fr/")
	f.typeIn(t, real, "pw", secret) // typed: what password recognition listens to
	f.eval(t, real, `document.getElementById("f").requestSubmit(), "ok"`)
	waitFor(t, "the real login", func() bool { return len(f.site.postsTo("www.ameli.fr")) == 1 })
	tab := f.vigiePage(t, "arneli.fr")
	if r := f.eval(t, tab, `chrome.runtime.sendMessage({type: "pinSet", pin: "`+mediatorPIN+`"}).then(r => String(r.ok))`); r != "true" {
		t.Fatalf("choosing the code: %s", r)
	}
	f.eval(t, tab, `chrome.storage.session.remove("mediatorUntil").then(() => "ok")`)
	proceed := func(pin string) {
		f.eval(t, tab, `(() => { document.getElementById("proceed").open = true; document.getElementById("pin").value = "`+pin+`";
			document.getElementById("proceedForm").requestSubmit(); return "ok"; })()`)
	}
	proceed("0000")
	waitFor(t, "the refusal", func() bool {
		return f.eval(t, tab, `(document.getElementById("proceedResult") || {}).textContent || ""`) == "Code refusé."
	})
	if l := f.location(t, tab); !strings.Contains(l, "/pages/warning.html?") {
		t.Fatalf("a wrong code left the warning: %s", l)
	}
	proceed(mediatorPIN)
	f.waitLocation(t, tab, "the lookalike, opened by the mediator", func(l string) bool { return l == "http://arneli.fr/" })
	waitFor(t, "the banner on the opened lookalike", func() bool {
		return f.eval(t, tab, `String(document.querySelector("vigie-banner") !== null)`) == "true"
	})
	for _, pw := range []string{secret, other} {
		if f.eval(t, tab, `String(!!document.getElementById("pw"))`) != "true" {
			f.navigate(t, tab, "http://arneli.fr/")
		}
		f.typeIn(t, tab, "pw", pw)
		f.eval(t, tab, `document.getElementById("go").click(), "ok"`)
		time.Sleep(900 * time.Millisecond)
		if p := f.site.postsTo("arneli.fr"); leaked(p, secret) || leaked(p, other) {
			t.Fatalf("a password reached the lookalike: %q", p)
		}
	}
}
