package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The extension's ID is fixed by the manifest key, so that an IT service
// can name it in policies.
const extensionID = "dehbppnnkabiflepcgiimpdbhnkbikfe"

// A value set by the IT service through Chromium's managed policy folder
// (3rdparty → extensions → ID) overrides the mediator's console.
func TestManagedPolicyOverridesConsole(t *testing.T) {
	dir := "/etc/chromium/policies/managed"
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("cannot write Chromium's policy folder (run as root, as CI does): %v", err)
	}
	stale, _ := filepath.Glob(filepath.Join(dir, "vigie-e2e-*.json")) // left by a killed run
	for _, f := range stale {
		os.Remove(f)
	}
	file := filepath.Join(dir, fmt.Sprintf("vigie-e2e-%d.json", os.Getpid()))
	policy := map[string]any{"3rdparty": map[string]any{"extensions": map[string]any{extensionID: map[string]any{
		"idleMinutes": 42, "welcomeText": "France Services de Vigie-sur-Mer, ouvert du lundi au vendredi",
	}}}}
	b, _ := json.Marshal(policy)
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(file) })

	br := newBrowser(t)
	if br.extID != extensionID {
		t.Fatalf("extension ID %s, want %s (the manifest key fixes it)", br.extID, extensionID)
	}
	c := br.console(t)
	waitFor(t, "the managed idle delay", func() bool {
		return eval[string](t, c, `document.getElementById("idle").value`) == "42" &&
			eval[bool](t, c, `document.getElementById("idle").disabled`)
	})
	if r := eval[string](t, c, `chrome.runtime.sendMessage({type: "setIdle", minutes: 5}).then(r => r.error || "ok")`); r != "managed" {
		t.Fatalf("the console changed a managed value: %s", r)
	}
	w := br.tab(t)
	chromedp.Do(w, chromedp.Navigate(br.extURL("pages/welcome.html")))
	waitFor(t, "the welcome text from policy", func() bool {
		return strings.Contains(eval[string](t, w, `document.body.innerText`), "Vigie-sur-Mer")
	})
}
