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
