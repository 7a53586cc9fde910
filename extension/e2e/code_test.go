package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The mediator's code typed on a warning page opens that site, and
// nothing else: the console stays locked, and what changes the protection
// is refused.
func TestCodeOnWarningDoesNotOpenConsole(t *testing.T) {
	b := newBrowser(t)
	ext := b.extPage(t)
	if !eval[bool](t, ext, `chrome.runtime.sendMessage({type: "pinSet", pin: "`+mediatorPIN+`"}).then(r => r.ok)`) {
		t.Fatal("choosing the code")
	}
	eval[bool](t, ext, `chrome.runtime.sendMessage({type: "pinLock"}).then(r => r.ok)`)
	tab := b.tab(t)
	navigate(tab, "http://arneli.fr/")
	waitLocation(t, tab, "the warning", func(l string) bool { return strings.HasPrefix(l, b.extURL("pages/warning.html")) })
	eval[bool](t, tab, `document.getElementById("proceed").open = true`)
	if err := chromedp.Do(tab, chromedp.SendKeys(chromedp.ID("pin"), mediatorPIN+"\r")); err != nil {
		t.Fatal(err)
	}
	waitLocation(t, tab, "the site the code was typed for", func(l string) bool { return l == "http://arneli.fr/" })
	if r := eval[string](t, ext, `chrome.runtime.sendMessage({type: "setStrict", strict: false}).then(r => r.error || "ok")`); r != "locked" {
		t.Fatalf("after the code on a warning page, switching strict mode off answered %q, want locked", r)
	}
	if r := eval[string](t, ext, `chrome.runtime.sendMessage({type: "setLocal", domains: ["arneli.fr"]}).then(r => r.error || "ok")`); r != "locked" {
		t.Fatalf("after the code on a warning page, adding the lookalike as official answered %q, want locked", r)
	}
	c := b.tab(t)
	chromedp.Do(c, chromedp.Navigate(b.extURL("pages/options.html")))
	waitFor(t, "the console's code form", func() bool {
		return eval[string](t, c, `document.body.dataset.gate || ""`) != ""
	})
	if !eval[bool](t, c, `document.getElementById("console").hidden`) {
		t.Fatal("the console is open without its own code")
	}
}

// Forty wrong codes sent at once (a keystroke injector): five are checked,
// the others refused, and the right code is then refused too.
func TestConcurrentWrongCodesLockAfterFive(t *testing.T) {
	b := newBrowser(t)
	ext := b.extPage(t)
	if !eval[bool](t, ext, `chrome.runtime.sendMessage({type: "pinSet", pin: "`+mediatorPIN+`"}).then(r => r.ok)`) {
		t.Fatal("choosing the code")
	}
	eval[bool](t, ext, `chrome.runtime.sendMessage({type: "pinLock"}).then(r => r.ok)`)
	checked := eval[int](t, ext, concurrentWrongCodes)
	if checked != 5 {
		t.Fatalf("%d of 40 concurrent wrong codes were checked, want 5", checked)
	}
	if r := eval[string](t, ext, `chrome.runtime.sendMessage({type: "pinUnlock", pin: "`+mediatorPIN+`"}).then(r => r.ok ? "open" : r.locked ? "locked" : "refused")`); r != "locked" {
		t.Fatalf("the right code after five failures: %s, want locked", r)
	}
}

// concurrentWrongCodes sends 40 wrong codes at once and counts those that
// were checked: a checked code's answer says how many tries remain, one
// refused unchecked (locked) does not. -1 if any opened the console.
const concurrentWrongCodes = `Promise.all(Array.from({length: 40}, (_, i) =>
	chrome.runtime.sendMessage({type: "pinUnlock", pin: String(1000 + i)}))).then(rs =>
		rs.some(r => r.ok) ? -1 : rs.filter(r => "remaining" in r).length)`
