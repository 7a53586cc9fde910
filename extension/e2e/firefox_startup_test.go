package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestStartupCleansTheTerminal in Firefox ESR: Vigie force-installed by
// the machine's policies (an add-on that survives a restart, as on a
// terminal), a visitor logged in, Firefox closed as a terminal closes it
// (power cut or log-off, no "J'ai fini"): at the next start, Vigie wipes
// the session and opens the welcome page before anyone uses the browser.
func TestFirefoxStartupCleansTheTerminal(t *testing.T) {
	extensionDir(t)
	xpi, err := os.ReadFile(filepath.Join(pkgDir, "vigie-firefox.xpi"))
	if err != nil {
		t.Fatal(err)
	}
	writeDocFirefoxPolicies(t)
	profile := t.TempDir()
	serve := func(s *site, _ string) { s.setFile("updates.vigie.test/vigie-firefox.xpi", xpi) }
	f := startFirefox(t, map[string]any{profilePref: profile}, serve)
	tab := f.tab(t)
	waitForLong(t, "Vigie installed by policy", 30*time.Second, func() bool {
		f.navigate(t, tab, "http://arneli.fr/")
		return isWarning(f.location(t, tab), "arneli.fr")
	})
	// Vigie was installed long ago (the start that installs it skips the
	// clean-up: there is nothing to clean then). Written once that start
	// has read the install time (a second after the background page
	// starts), or this session would be cleaned now.
	time.Sleep(1500 * time.Millisecond)
	f.eval(t, tab, `chrome.storage.local.set({installedAt: 0}).then(() => "ok")`)
	f.navigate(t, tab, "http://www.ameli.fr/login-cookie")
	f.navigate(t, tab, "http://www.ameli.fr/whoami")
	if who := f.eval(t, tab, `document.getElementById("who").textContent`); who != "visiteur-1" {
		t.Fatalf("the test login did not stick: %q", who)
	}
	f.bidi.call("browser.close", map[string]any{}, nil)
	select {
	case <-f.exited:
	case <-time.After(30 * time.Second):
		t.Fatal("Firefox did not close")
	}

	g := startFirefox(t, map[string]any{profilePref: profile}, serve)
	waitForLong(t, "the welcome page at start-up", 30*time.Second, func() bool {
		return strings.Contains(g.location(t, ""), "/pages/welcome.html")
	})
	next := g.tab(t)
	g.navigate(t, next, "http://www.ameli.fr/whoami")
	if who := g.eval(t, next, `document.getElementById("who").textContent`); who != "" {
		t.Fatalf("the previous visitor is still logged in: %q", who)
	}
}

// The disk after a power cut, in Firefox ESR as docs/deploy configures a
// terminal: a visitor visits, types and posts, then Firefox is killed (no
// "J'ai fini", nothing written at exit). At the next start Vigie cleans
// before anyone uses the browser; once Firefox is closed again, no file of
// the profile (session store backups decompressed) holds the visited host
// or the typed value. The control: the same search finds both before the
// power cut.
func TestFirefoxStartupAfterPowerCutLeavesNothing(t *testing.T) {
	extensionDir(t)
	xpi, err := os.ReadFile(filepath.Join(pkgDir, "vigie-firefox.xpi"))
	if err != nil {
		t.Fatal(err)
	}
	writeDocFirefoxPolicies(t)
	profile := t.TempDir()
	serve := func(s *site, _ string) { s.setFile("updates.vigie.test/vigie-firefox.xpi", xpi) }
	f := startFirefox(t, map[string]any{profilePref: profile, sessionStoreInterval: 2000}, serve)
	tab := f.tab(t)
	waitForLong(t, "Vigie installed by policy", 30*time.Second, func() bool {
		f.navigate(t, tab, "http://arneli.fr/")
		return isWarning(f.location(t, tab), "arneli.fr")
	})
	time.Sleep(1500 * time.Millisecond) // see TestFirefoxStartupCleansTheTerminal
	f.eval(t, tab, `chrome.storage.local.set({installedAt: 0}).then(() => "ok")`)
	const host = "mairie-coupure-2291.example.org"
	const typed = "0677889900-valeur-tapee-3318"
	f.site.setPage(host, `<!doctype html><title>Démarche</title>
<form method="post" action="/envoi"><input id="tel" name="tel"><button id="go">Envoyer</button></form>`)
	f.navigate(t, tab, "http://"+host+"/")
	f.typeIn(t, tab, "tel", typed)
	visit := f.tab(t) // a second tab, its typed value still in the form
	f.navigate(t, visit, "http://"+host+"/")
	f.typeIn(t, visit, "tel", typed)
	f.clickOn(t, tab, "go")
	waitFor(t, "the form sent", func() bool { return len(f.site.postsTo(host)) == 1 })
	for _, s := range []string{host, typed} {
		waitForLong(t, "control: "+s+" in the profile before the power cut", 40*time.Second, func() bool {
			return len(grepProfile(profile, s)) > 0
		})
	}
	f.stop() // killed

	g := startFirefox(t, map[string]any{profilePref: profile, sessionStoreInterval: 2000}, serve)
	waitForLong(t, "the welcome page at start-up", 30*time.Second, func() bool {
		return strings.Contains(g.location(t, ""), "/pages/welcome.html")
	})
	page := g.vigiePage(t, "arneli.fr")
	waitFor(t, "the start's clean-up done", func() bool {
		return strings.Contains(g.eval(t, page, `chrome.storage.local.get("lastSessionEnd").then(r => JSON.stringify(r.lastSessionEnd || {}))`), `"reason":"startup"`)
	})
	time.Sleep(2 * time.Second)
	g.bidi.call("browser.close", map[string]any{}, nil)
	select {
	case <-g.exited:
	case <-time.After(30 * time.Second):
		t.Fatal("Firefox did not close")
	}
	for _, s := range []string{host, typed} {
		for _, file := range grepProfile(profile, s) {
			t.Errorf("%q is still in the profile: %s", s, file)
		}
	}
}
