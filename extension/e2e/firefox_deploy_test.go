package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The Firefox policies.json of docs/deploy, pointed at this test's
// servers: Vigie is force-installed from the IT service's address, its
// icon put in the toolbar, its settings read, and it runs the gate.
func TestFirefoxDeployPolicyFile(t *testing.T) {
	extensionDir(t)
	xpi, err := os.ReadFile(filepath.Join(pkgDir, "vigie-firefox.xpi"))
	if err != nil {
		t.Fatal(err)
	}
	writeDocFirefoxPolicies(t)
	f := startFirefox(t, nil, func(s *site, profile string) {
		s.setFile("updates.vigie.test/vigie-firefox.xpi", xpi)
	})
	tab := f.tab(t)
	t.Cleanup(func() {
		if t.Failed() {
			log, _ := os.ReadFile(filepath.Join(f.profile, "firefox.log"))
			t.Logf("update server hits: %d\n%s", f.site.hitsFor("updates.vigie.test"), grepLines(string(log), "olic", "xtension", "ddon", "xpi"))
		}
	})
	waitForLong(t, "Vigie installed by policy", 30*time.Second, func() bool {
		f.navigate(t, tab, "http://arneli.fr/")
		return isWarning(f.location(t, tab), "arneli.fr")
	})
	if m := f.eval(t, tab, `browser.runtime.sendMessage({type: "status"}).then(s => s.mode)`); m != "gate" {
		t.Fatalf("mode %q, want gate", m)
	}
	if on := f.eval(t, tab, `browser.action.getUserSettings().then(s => String(s.isOnToolbar))`); on != "true" {
		t.Fatalf("Vigie's icon is not in the toolbar (isOnToolbar %s)", on)
	}
	if w := f.eval(t, tab, `browser.runtime.sendMessage({type: "settings"}).then(s => s.welcomeText || "")`); !strings.Contains(w, "Vigie-sur-Mer") {
		t.Fatalf("the welcome text from policy: %q", w)
	}
}

// writeDocFirefoxPolicies writes docs/deploy/firefox-policies.json,
// pointed at the test's servers, where Firefox on Linux reads the
// machine's policies, as an IT service deploys them, for the test's
// lifetime.
func writeDocFirefoxPolicies(t *testing.T) {
	removeStaleFirefoxPolicies()
	if _, err := os.Stat(firefoxPolicies); err == nil {
		t.Fatalf("%s exists already: this test would overwrite the machine's policies", firefoxPolicies)
	}
	if err := os.MkdirAll(filepath.Dir(firefoxPolicies), 0o755); err != nil {
		t.Fatalf("cannot write Firefox's policy folder (run as root, as CI does): %v", err)
	}
	// The file forbids developer tools, as it should on a terminal; that
	// also closes the remote protocol the test drives Firefox with.
	doc := strings.Replace(docPolicy(t, "firefox-policies.json", builtID), `"DisableDeveloperTools": true`, `"DisableDeveloperTools": false`, 1)
	if err := os.WriteFile(firefoxPolicies, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(firefoxPolicies) })
}

// firefoxPolicies is where Firefox on Linux reads the machine's policies.
const firefoxPolicies = "/etc/firefox/policies/policies.json"

// removeStaleFirefoxPolicies removes the file a killed run of this test
// left (recognised by the test servers it names), never another one.
func removeStaleFirefoxPolicies() {
	b, err := os.ReadFile(firefoxPolicies)
	if err == nil && (strings.Contains(string(b), "updates.vigie.test") && strings.Contains(string(b), "lists.vigie.test") ||
		strings.Contains(string(b), `"vigie-e2e":true`)) {
		os.Remove(firefoxPolicies)
	}
}

func grepLines(s string, words ...string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		for _, w := range words {
			if strings.Contains(l, w) {
				out = append(out, l)
				break
			}
		}
	}
	return strings.Join(out, "\n")
}
