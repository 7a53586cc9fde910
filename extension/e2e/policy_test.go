package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A value set by the IT service through Chromium's managed policy folder
// (3rdparty → extensions → ID) overrides the mediator's console.
func TestManagedPolicyOverridesConsole(t *testing.T) {
	extensionDir(t) // the ID is the package key's
	writePolicy(t, "3rdparty", map[string]any{"3rdparty": map[string]any{"extensions": map[string]any{builtID: map[string]any{
		"idleMinutes": 42, "welcomeText": "France Services de Vigie-sur-Mer, ouvert du lundi au vendredi",
	}}}})
	br := newBrowser(t)
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
