package e2e

import (
	"strings"
	"testing"
)

// "Terminer ma session" in Firefox ESR: cookies, local storage, history,
// downloaded files and their list, and recently closed tabs are gone, and
// the end of session reports no failure (Firefox refuses some of
// Chromium's browsingData keys; none may cancel the wipe).
func TestFirefoxEndOfSession(t *testing.T) {
	downloads := t.TempDir()
	f := newFirefoxWith(t, downloadPrefs(downloads))
	tab := f.tab(t)
	f.navigate(t, tab, "http://www.ameli.fr/login-cookie")
	f.navigate(t, tab, "http://www.ameli.fr/whoami")
	if who := f.eval(t, tab, `document.getElementById("who").textContent`); who != "visiteur-1" {
		t.Fatalf("the test login did not stick: %q", who)
	}
	f.navigate(t, tab, "http://www.ameli.fr/attestation.pdf")
	waitFor(t, "the downloaded file", func() bool { return len(filesIn(downloads)) == 1 })
	closed := f.tab(t)
	f.navigate(t, closed, "http://www.ameli.fr/page-fermee")
	if err := f.bidi.call("browsingContext.close", map[string]any{"context": closed}, nil); err != nil {
		t.Fatal(err)
	}
	page := f.vigiePage(t, "arneli.fr")
	if n := f.eval(t, page, `chrome.sessions.getRecentlyClosed({}).then(r => String(r.length))`); n == "0" {
		t.Fatal("the closed tab is not in recently closed: this test would not test its removal")
	}
	f.eval(t, page, `(chrome.runtime.sendMessage({type: "endSession", reason: "visitor"}), "sent")`)
	waitFor(t, "the welcome page", func() bool {
		return strings.Contains(f.location(t, ""), "/pages/welcome.html")
	})
	check := f.vigiePage(t, "amelii.fr")
	last := ""
	waitFor(t, "the end of session's report", func() bool {
		last = f.eval(t, check, `chrome.storage.local.get("lastSessionEnd").then(r => JSON.stringify(r.lastSessionEnd || {}))`)
		return strings.Contains(last, `"at"`)
	})
	if !strings.Contains(last, `"failed":[]`) {
		t.Fatalf("the end of session reports failures: %s", last)
	}
	if files := filesIn(downloads); len(files) != 0 {
		t.Fatalf("downloaded files left on the disk: %v", files)
	}
	if n := f.eval(t, check, `chrome.downloads.search({}).then(r => String(r.length))`); n != "0" {
		t.Fatalf("%s downloads still listed", n)
	}
	if n := f.eval(t, check, `chrome.sessions.getRecentlyClosed({}).then(r => String(r.length))`); n != "0" {
		t.Fatalf("%s entries left in recently closed", n)
	}
	next := f.tab(t)
	f.navigate(t, next, "http://www.ameli.fr/whoami")
	if who := f.eval(t, next, `document.getElementById("who").textContent`); who != "" {
		t.Fatalf("still logged in as %q after the end of session", who)
	}
	if ls := f.eval(t, next, `localStorage.getItem("secret-du-visiteur") || ""`); ls != "" {
		t.Fatal("local storage survived the end of session")
	}
}
