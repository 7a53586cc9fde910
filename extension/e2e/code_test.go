package e2e

import (
	"testing"
)

// The mediator's code typed on a warning page opens that site, and
// nothing else: the console stays locked, and what changes the protection
// is refused. Codes anyone tries first cannot be chosen.
func TestBothCodeOnWarningDoesNotOpenConsole(t *testing.T) {
	eachBrowser(t, func(t *testing.T, d driver) {
		ext := d.vigiePage(t)
		for _, easy := range []string{"0000", "1234", "2580"} {
			if r := d.eval(t, ext, `chrome.runtime.sendMessage({type: "pinSet", pin: "`+easy+`"}).then(r => r.error || "ok")`); r != "trivial" {
				t.Fatalf("choosing %s: %s, want trivial", easy, r)
			}
		}
		if r := d.eval(t, ext, `chrome.runtime.sendMessage({type: "pinSet", pin: "`+mediatorPIN+`"}).then(r => r.ok)`); r != "true" {
			t.Fatalf("choosing the code: %s", r)
		}
		d.eval(t, ext, `chrome.runtime.sendMessage({type: "pinLock"}).then(r => r.ok)`)
		tab := d.tab(t)
		d.navigate(t, tab, "http://arneli.fr/")
		waitFor(t, "the warning", func() bool { return d.isVigiePage(d.location(t, tab), "pages/warning.html") })
		d.eval(t, tab, `document.getElementById("proceed").open = true`)
		d.typeIn(t, tab, "pin", mediatorPIN+"\r")
		waitFor(t, "the site the code was typed for", func() bool { return d.location(t, tab) == "http://arneli.fr/" })
		for what, msg := range map[string]string{"switching strict mode off": `{type: "setStrict", strict: false}`,
			"adding the lookalike as official": `{type: "setLocal", domains: ["arneli.fr"]}`} {
			if r := d.eval(t, ext, `chrome.runtime.sendMessage(`+msg+`).then(r => r.error || "ok")`); r != "locked" {
				t.Fatalf("after the code on a warning page, %s answered %q, want locked", what, r)
			}
		}
		c := d.openVigie(t, "pages/options.html")
		waitFor(t, "the console's code form", func() bool { return d.eval(t, c, `document.body.dataset.gate || ""`) != "" })
		if d.eval(t, c, `document.getElementById("console").hidden`) != "true" {
			t.Fatal("the console is open without its own code")
		}
	})
}

// Forty wrong codes sent at once (a keystroke injector): five are checked,
// the others refused, and the right code is then refused too.
func TestBothConcurrentWrongCodesLockAfterFive(t *testing.T) {
	eachBrowser(t, func(t *testing.T, d driver) {
		ext := d.vigiePage(t)
		if r := d.eval(t, ext, `chrome.runtime.sendMessage({type: "pinSet", pin: "`+mediatorPIN+`"}).then(r => r.ok)`); r != "true" {
			t.Fatalf("choosing the code: %s", r)
		}
		d.eval(t, ext, `chrome.runtime.sendMessage({type: "pinLock"}).then(r => r.ok)`)
		if n := d.eval(t, ext, concurrentWrongCodes); n != "5" {
			t.Fatalf("%s of 40 concurrent wrong codes were checked, want 5", n)
		}
		if r := d.eval(t, ext, `chrome.runtime.sendMessage({type: "pinUnlock", pin: "`+mediatorPIN+`"}).then(r => r.ok ? "open" : r.locked ? "locked" : "refused")`); r != "locked" {
			t.Fatalf("the right code after five failures: %s, want locked", r)
		}
	})
}

// concurrentWrongCodes sends 40 wrong codes at once and counts those that
// were checked: a checked code's answer says how many tries remain, one
// refused unchecked (locked) does not. -1 if any opened the console.
const concurrentWrongCodes = `Promise.all(Array.from({length: 40}, (_, i) =>
	chrome.runtime.sendMessage({type: "pinUnlock", pin: String(1000 + i)}))).then(rs =>
		rs.some(r => r.ok) ? -1 : rs.filter(r => "remaining" in r).length)`
