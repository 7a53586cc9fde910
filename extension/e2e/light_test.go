package e2e

import (
	"strings"
	"testing"
)

// The console's light, seen before the code is typed: green with the
// list in plain words when all is well, orange with the reason when the
// last wipe failed or the list expires within a week. The colour is said
// in words too.
func TestBothConsoleLight(t *testing.T) {
	eachBrowser(t, func(t *testing.T, d driver) {
		c := d.openVigie(t, "pages/options.html")
		light := func() (string, string) {
			return d.eval(t, c, `document.getElementById("light").dataset.light`), d.eval(t, c, `document.getElementById("light").innerText`)
		}
		waitFor(t, "the light", func() bool { col, _ := light(); return col != "" })
		col, text := light()
		if col != "green" || !strings.Contains(text, "Tout va bien") || !strings.Contains(text, "Vigie protège cet ordinateur") {
			t.Fatalf("the light is %s: %q", col, text)
		}
		if d.eval(t, c, `document.getElementById("console").hidden`) != "true" {
			t.Fatal("the console is open without the code")
		}
		d.eval(t, c, `chrome.storage.local.set({lastSessionEnd: {at: new Date().toISOString(), reason: "idle", failed: ["files"]}}).then(() => true)`)
		d.closeTab(t, c)
		c = d.openVigie(t, "pages/options.html")
		waitFor(t, "the orange light", func() bool { col, _ := light(); return col == "orange" })
		if _, text := light(); !strings.Contains(text, "n'a pas tout effacé") {
			t.Fatalf("the orange light says %q", text)
		}
		// A signed list that expires within the week (the test lists last
		// a day): orange, and it says when.
		d.eval(t, c, `chrome.storage.local.set({lastSessionEnd: {at: new Date().toISOString(), reason: "idle", failed: []}}).then(() => true)`)
		updateToReportedIn(t, d, d.vigiePage(t))
		d.closeTab(t, c)
		c = d.openVigie(t, "pages/options.html")
		waitFor(t, "the orange light of a list about to expire", func() bool {
			col, text := light()
			return col == "orange" && strings.Contains(text, "expire le")
		})
	})
}
