package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"vigie/wasm/mediator"
)

// docPolicy reads one of the example policy files of docs/deploy, made to
// point at this test's build and servers: the extension ID, the update
// server, the list server, the publisher key and a real PIN record.
func docPolicy(t testing.TB, name string, id string) string {
	b, err := os.ReadFile(filepath.Join(repoRoot(t), "docs", "deploy", name))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := mediator.Hash(mediatorPIN)
	if err != nil {
		t.Fatal(err)
	}
	return strings.NewReplacer(
		"dehbppnnkabiflepcgiimpdbhnkbikfe", id,
		"https://extensions.example.fr/vigie/", updateURL,
		"https://listes.example.fr/v1/lists/default", listURL,
		"vigie-public-key-1 REMPLACEZ-PAR-VOTRE-CLE-PUBLIQUE=", testKey.Public().String(),
		"pbkdf2-sha256$100000$REMPLACEZ$PAR-LA-SORTIE-DE-listctl-pin-hash", rec,
	).Replace(string(b))
}

// The Linux policy file of docs/deploy, as an IT service would copy it to
// /etc/chromium/policies/managed: Vigie is force-installed, its icon
// pinned, its settings read, the mediator's code from policy works, and it
// runs the gate.
func TestDeployPolicyFileChromium(t *testing.T) {
	extensionDir(t)
	policy := docPolicy(t, "chromium-linux-vigie.json", builtID)
	// The file forbids DevTools, as it should on a terminal; the test
	// needs them to look inside the extension.
	policy = strings.Replace(policy, `"DeveloperToolsAvailability": 2`, `"DeveloperToolsAvailability": 1`, 1)
	b := startWith(t, t.TempDir(), none, func(s *site) {
		file := filepath.Join(policyDir, "vigie-e2e-deploy-doc.json")
		os.MkdirAll(policyDir, 0o755)
		if err := os.WriteFile(file, []byte(policy), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Remove(file) })
	})
	b.extID = waitExtension(t, b.ctx, builtID)
	if m := b.mode(t); m != "gate" {
		t.Fatalf("mode %q, want gate", m)
	}
	p := b.extPage(t)
	waitFor(t, "the icon pinned to the toolbar", func() bool {
		return eval[bool](t, p, `chrome.action.getUserSettings().then(s => s.isOnToolbar)`)
	})
	w := b.tab(t)
	chromedp.Do(w, chromedp.Navigate(b.extURL("pages/welcome.html")))
	waitFor(t, "the welcome text from policy", func() bool {
		return strings.Contains(eval[string](t, w, `document.body.innerText`), "Vigie-sur-Mer")
	})
	b.console(t) // opens with the code whose record the policy gives
}
