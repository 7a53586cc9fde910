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
	prefs := map[string]any{profilePref: t.TempDir()}
	f, tab, restart := startTerminalFirefox(t, prefs)
	f.navigate(t, tab, "http://www.ameli.fr/login-cookie")
	f.navigate(t, tab, "http://www.ameli.fr/whoami")
	if who := f.eval(t, tab, `document.getElementById("who").textContent`); who != "visiteur-1" {
		t.Fatalf("the test login did not stick: %q", who)
	}
	f.closeAndWait(t)

	g := restart()
	waitForLong(t, "the welcome page at start-up", 30*time.Second, func() bool {
		return strings.Contains(g.location(t, ""), "/pages/welcome.html")
	})
	if who := g.whoami(t); who != "" {
		t.Fatalf("the previous visitor is still logged in: %q", who)
	}
}

// whoami is who the test site's ameli.fr says is logged in, in a new tab.
func (f *firefox) whoami(t testing.TB) string {
	tab := f.tab(t)
	f.navigate(t, tab, "http://www.ameli.fr/whoami")
	return f.eval(t, tab, `document.getElementById("who").textContent`)
}

// The disk after a power cut, in Firefox ESR as docs/deploy configures a
// terminal: a visitor visits, types and posts, then Firefox is killed (no
// "J'ai fini", nothing written at exit). At the next start Vigie cleans
// before anyone uses the browser; once Firefox is closed again, no file of
// the profile (session store backups decompressed) holds the visited host
// or the typed value. The control: the same search finds both before the
// power cut.
func TestFirefoxStartupAfterPowerCutLeavesNothing(t *testing.T) {
	profile := t.TempDir()
	f, _, restart := startTerminalFirefox(t, map[string]any{profilePref: profile, sessionStoreInterval: 2000})
	const host = "mairie-coupure-2291.example.org"
	const typed = "0677889900-valeur-tapee-3318"
	f.fillForm(t, host, typed)
	for _, s := range []string{host, typed} {
		waitForLong(t, "control: "+s+" in the profile before the power cut", 40*time.Second, func() bool {
			return len(grepProfile(profile, s)) > 0
		})
	}
	f.stop() // killed

	g := restart()
	waitForLong(t, "the welcome page at start-up", 30*time.Second, func() bool {
		return strings.Contains(g.location(t, ""), "/pages/welcome.html")
	})
	page := g.vigiePage(t, "arneli.fr")
	waitFor(t, "the start's clean-up done", func() bool {
		return strings.Contains(g.eval(t, page, `chrome.storage.local.get("lastSessionEnd").then(r => JSON.stringify(r.lastSessionEnd || {}))`), `"reason":"startup"`)
	})
	time.Sleep(2 * time.Second) // Firefox writes what it writes after a wipe
	g.closeAndWait(t)
	for _, s := range []string{host, typed} {
		for _, file := range grepProfile(profile, s) {
			t.Errorf("%q is still in the profile: %s", s, file)
		}
	}
}

// startTerminalFirefox starts Firefox as docs/deploy configures a terminal
// (its policies file, Vigie force-installed from the update server) on
// the profile prefs names, and returns once Vigie stops a lookalike, with
// the install made old: the start that installs Vigie cleans nothing, the
// next ones clean. restart starts it again on the same profile.
func startTerminalFirefox(t *testing.T, prefs map[string]any) (f *firefox, tab string, restart func() *firefox) {
	extensionDir(t)
	xpi, err := os.ReadFile(filepath.Join(pkgDir, "vigie-firefox.xpi"))
	if err != nil {
		t.Fatal(err)
	}
	writeDocFirefoxPolicies(t)
	serve := func(s *site, _ string) { s.setFile("updates.vigie.test/vigie-firefox.xpi", xpi) }
	f = startFirefox(t, prefs, serve)
	tab = f.tab(t)
	waitForLong(t, "Vigie installed by policy", 30*time.Second, func() bool {
		f.navigate(t, tab, "http://arneli.fr/")
		return isWarning(f.location(t, tab), "arneli.fr")
	})
	// Written once this start has read the install time (a second after
	// the background page starts), or this session would be cleaned now.
	time.Sleep(1500 * time.Millisecond)
	f.eval(t, tab, `chrome.storage.local.set({installedAt: 0}).then(() => "ok")`)
	return f, tab, func() *firefox { return startFirefox(t, prefs, serve) }
}

// fillForm is a visitor at a town hall's form: the value typed in two
// tabs, posted from one (the other keeps it in its field).
func (f *firefox) fillForm(t testing.TB, host, typed string) {
	f.site.setPage(host, `<!doctype html><title>Démarche</title>
<form method="post" action="/envoi"><input id="tel" name="tel"><button id="go">Envoyer</button></form>`)
	tabs := []string{f.tab(t), f.tab(t)}
	for _, tab := range tabs {
		f.navigate(t, tab, "http://"+host+"/")
		f.typeIn(t, tab, "tel", typed)
	}
	f.clickOn(t, tabs[0], "go")
	waitFor(t, "the form sent", func() bool { return len(f.site.postsTo(host)) == 1 })
}

// closeAndWait closes Firefox as a terminal closes it (its files written),
// and returns once the process has ended.
func (f *firefox) closeAndWait(t testing.TB) {
	f.bidi.call("browser.close", map[string]any{}, nil)
	select {
	case <-f.exited:
	case <-time.After(30 * time.Second):
		t.Fatal("Firefox did not close")
	}
}
