package e2e

import (
	"strings"
	"testing"

	"vigie/wasm/mediator"
)

// A Vigie page in Firefox, to send the worker messages: the warning page
// reached through a lookalike (BiDi cannot open extension pages itself).
func (f *firefox) vigiePage(t testing.TB, host string) string {
	tab := f.tab(t)
	f.navigate(t, tab, "http://"+host+"/")
	f.waitLocation(t, tab, "the warning", func(l string) bool { return isWarning(l, host) })
	return tab
}

// unlockFast stores a PIN record made here and opens the console, from a
// Vigie page: for tests whose background page sleeps after a second or
// two, which choosing a code (two PBKDF2 in the background) can outlast
// on a loaded machine, dropping the answer.
func (f *firefox) unlockFast(t testing.TB, page string) {
	rec, err := mediator.Hash(mediatorPIN)
	if err != nil {
		t.Fatal(err)
	}
	f.eval(t, page, `Promise.all([chrome.storage.local.set({pinRecord: "`+rec+`"}),
		chrome.storage.session.set({mediatorUntil: Date.now() + 5 * 60 * 1000})]).then(() => "ok")`)
}

// The same as TestConsolePIN's lockout, in Firefox ESR: five wrong codes
// lock the PIN across an add-on reload; the rescue code given when the PIN
// was chosen, in its groups of four, opens the console.
func TestFirefoxLockoutOutlivesReload(t *testing.T) {
	f := newFirefox(t)
	page := f.vigiePage(t, "arneli.fr")
	rescue := f.eval(t, page, `chrome.runtime.sendMessage({type: "pinSet", pin: "`+mediatorPIN+`"}).then(r => r.rescue || "")`)
	if len(rescue) != 16 {
		t.Fatalf("rescue code %q", rescue)
	}
	f.eval(t, page, `chrome.runtime.sendMessage({type: "pinLock"}).then(r => String(r.ok))`)
	unlock := func(ctx, code string) string {
		return f.eval(t, ctx, `chrome.runtime.sendMessage({type: "pinUnlock", pin: "`+code+`"}).then(r => r.ok ? "open" : r.locked ? "locked" : "refused")`)
	}
	for i := 0; i < 5; i++ {
		if r := unlock(page, "000000"); r == "open" {
			t.Fatal("a wrong code opened the console")
		}
	}
	f.reloadAddon(t, "rechargement.arneli.fr")
	page = f.vigiePage(t, "amelii.fr")
	if r := unlock(page, mediatorPIN); r != "locked" {
		t.Fatalf("the right PIN after the reload: %s, want locked", r)
	}
	if r := unlock(page, rescue[:4]+" "+rescue[4:8]+" "+rescue[8:12]+" "+rescue[12:]); r != "open" {
		t.Fatalf("the rescue code: %s, want open", r)
	}
}

// Choosing the code in Firefox ESR's console: a code that cannot be chosen
// (too easy, too short) is refused as soon as it is typed, with its
// reason, and the console still asks to choose one.
func TestFirefoxChooseCodeRefusedAtOnce(t *testing.T) {
	f := newFirefox(t)
	page := f.vigiePage(t, "arneli.fr")
	loc := f.location(t, page)
	c := f.extTab(t, page, loc[:strings.Index(loc, "/pages/")+1]+"pages/options.html")
	waitFor(t, "the code form", func() bool { return f.eval(t, c, `document.body.dataset.gate || ""`) == "ready" })
	for code, want := range map[string]string{"1234": "trop facile à deviner", "59174": "6 à 12 chiffres"} {
		f.eval(t, c, `document.getElementById("pin").value = "`+code+`", document.getElementById("pinForm").requestSubmit(), "ok"`)
		waitFor(t, "the refusal of "+code, func() bool {
			return strings.Contains(f.eval(t, c, `document.getElementById("pinResult").textContent`), want)
		})
		if l := f.eval(t, c, `document.getElementById("pinLabel").textContent`); !strings.Contains(l, "Choisissez") {
			t.Fatalf("after %s the console asks %q", code, l)
		}
	}
}
