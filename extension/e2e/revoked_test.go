package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"vigie/lists"

	"vigie/lists/bundle"
	"vigie/lists/index"
	"vigie/lists/publish"
	"vigie/lists/source"
)

// signedBy signs the default list plus source lines with key, revoking
// the given keys (docs/keys.md).
func signedBy(t testing.TB, key publish.PrivateKey, version uint64, lines string, revoke ...bundle.PublicKey) []byte {
	es, err := lists.DefaultEntries()
	if err != nil {
		t.Fatal(err)
	}
	more, err := source.Parse(strings.NewReader(lines))
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Build(append(es, more...))
	if err != nil {
		t.Fatal(err)
	}
	var ids []bundle.KeyID
	for _, k := range revoke {
		ids = append(ids, k.ID())
	}
	b, err := publish.BuildRevoking(key, "default", version, time.Now(), time.Now().Add(24*time.Hour), ix, ids)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// rotationSteps publishes, in order, what a key rotation publishes and
// checks what the terminal does, through send (a message to the worker,
// JSON answer) and console (the console's text):
//  1. a list signed by the build's key: accepted;
//  2. a list signed by the new key (given by policy, with its publisher's
//     name), retiring the build's key: accepted, the console names the
//     publisher and dates the list;
//  3. a list signed by the retired key, with a higher version: refused
//     ("signée par une clé retirée"), its site stays unknown.
func rotationSteps(t *testing.T, s *site, newKey publish.PrivateKey, send func(js string) string, console func() string) {
	t.Helper()
	kind := func(host string) string {
		return send(`chrome.runtime.sendMessage({type: "check", url: "http://` + host + `/"}).then(v => v.kind)`)
	}
	update := func(version uint64, b []byte) string {
		// Served as a mirror would: the test's list server knows only the
		// build's key, and a terminal verifies what it gets anyway.
		s.mu.Lock()
		s.mirror = b
		s.mu.Unlock()
		return send(`chrome.runtime.sendMessage({type: "updateNow"}).then(r => r.result + " " + (r.error || ""))`)
	}
	send(`chrome.runtime.sendMessage({type: "pinSet", pin: "` + mediatorPIN + `"}).then(r => String(r.ok))`)
	if r := update(1, signedBy(t, testKey, 1, "local liste-un.fr\n")); !strings.HasPrefix(r, "updated") || kind("liste-un.fr") != "official" {
		t.Fatalf("step 1: %s, liste-un.fr %s", r, kind("liste-un.fr"))
	}
	if r := update(2, signedBy(t, newKey, 2, "local liste-deux.fr\n", testKey.Public())); !strings.HasPrefix(r, "updated") || kind("liste-deux.fr") != "official" {
		t.Fatalf("step 2: %s", r)
	}
	if c := console(); !strings.Contains(c, "vérifiée : Éditeur de test") || !strings.Contains(c, "liste du ") {
		t.Fatalf("step 2, the console says:\n%s", c)
	}
	if r := update(3, signedBy(t, testKey, 3, "local liste-trois.fr\n")); r != "refused revoked" || kind("liste-trois.fr") == "official" {
		t.Fatalf("step 3: %s, liste-trois.fr %s", r, kind("liste-trois.fr"))
	}
	if c := console(); !strings.Contains(c, "signée par une clé retirée") {
		t.Fatalf("step 3, the console says:\n%s", c)
	}
}

// Key rotation and revocation in Chromium (docs/keys.md): the steps
// above, then the IT service revokes the new key by policy while Vigie
// runs: its list is taken out of force (its site is no longer official)
// and the built-in list protects.
func TestRevokedKeyRefused(t *testing.T) {
	extensionDir(t)
	newKey, _ := publish.GenerateKey()
	settings := map[string]any{"publisherKeys": []string{newKey.Public().String() + " Éditeur de test"}}
	writePolicy(t, "3rdparty", map[string]any{"3rdparty": map[string]any{"extensions": map[string]any{builtID: settings}}})
	b := newBrowser(t)
	ext := b.extPage(t)
	// Policies reach a force-installed extension a moment after it starts.
	waitFor(t, "the policy's publisher key", func() bool {
		return strings.Contains(eval[string](t, ext, `chrome.storage.managed.get("publisherKeys").then(r => JSON.stringify(r.publisherKeys || []))`), "Éditeur de test")
	})
	console := b.console(t)
	send := func(js string) string { return eval[string](t, ext, js) }
	text := func() string {
		eval[bool](t, console, `location.reload(), true`)
		time.Sleep(500 * time.Millisecond)
		waitFor(t, "the console", func() bool { return strings.Contains(eval[string](t, console, `document.body.innerText`), "Liste") })
		return eval[string](t, console, `document.body.innerText`)
	}
	rotationSteps(t, b.site, newKey, send, text)

	settings["revokedKeys"] = []string{newKey.Public().ID().String()}
	writePolicy(t, "3rdparty", map[string]any{"3rdparty": map[string]any{"extensions": map[string]any{builtID: settings}}})
	waitForLong(t, "the new key's list out of force", 60*time.Second, func() bool {
		return send(`chrome.runtime.sendMessage({type: "check", url: "http://liste-deux.fr/"}).then(v => v.kind)`) != "official"
	})
	if k := send(`chrome.runtime.sendMessage({type: "check", url: "http://arneli.fr/"}).then(v => v.kind)`); k != "lookalike" {
		t.Fatalf("the built-in list does not protect: arneli.fr is %s", k)
	}
}

// geckoID is build.GeckoID (a program: not importable).
const geckoID = "vigie@vigie-terminal.fr"

// writeFirefoxSettings writes Vigie's managed settings into the machine's
// Firefox policies for the test's lifetime (Firefox reads them at start).
func writeFirefoxSettings(t *testing.T, settings map[string]any) {
	if _, err := os.Stat(firefoxPolicies); err == nil {
		if b, _ := os.ReadFile(firefoxPolicies); !strings.Contains(string(b), "vigie-e2e") {
			t.Fatalf("%s exists already: this test would overwrite the machine's policies", firefoxPolicies)
		}
	}
	if err := os.MkdirAll(filepath.Dir(firefoxPolicies), 0o755); err != nil {
		t.Fatalf("cannot write Firefox's policy folder (run as root, as CI does): %v", err)
	}
	doc := map[string]any{"policies": map[string]any{"3rdparty": map[string]any{"Extensions": map[string]any{geckoID: settings}}},
		"vigie-e2e": true}
	b, _ := json.Marshal(doc)
	if err := os.WriteFile(firefoxPolicies, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(firefoxPolicies) })
}

// TestRevokedKeyRefused in Firefox ESR. Firefox reads its policies at
// start: the policy's revocation is tried on a second start, where the
// new key's list is refused.
func TestFirefoxRevokedKeyRefused(t *testing.T) {
	extensionDir(t)
	newKey, _ := publish.GenerateKey()
	settings := map[string]any{"publisherKeys": []string{newKey.Public().String() + " Éditeur de test"}}
	writeFirefoxSettings(t, settings)
	f := newFirefox(t)
	page := f.vigiePage(t, "arneli.fr")
	waitFor(t, "the policy's publisher key", func() bool {
		return strings.Contains(f.eval(t, page, `chrome.storage.managed.get("publisherKeys").then(r => JSON.stringify(r.publisherKeys || []))`), "Éditeur de test")
	})
	loc := f.location(t, page)
	base := loc[:strings.Index(loc, "/pages/")+1]
	send := func(js string) string { return f.eval(t, page, js) }
	var console string
	text := func() string {
		if console == "" {
			console = f.extTab(t, page, base+"pages/options.html")
		} else {
			f.eval(t, console, `(location.reload(), "ok")`)
			time.Sleep(500 * time.Millisecond)
		}
		waitFor(t, "the console", func() bool { return f.eval(t, console, `String(document.getElementById("console").hidden)`) == "false" })
		time.Sleep(300 * time.Millisecond)
		return f.eval(t, console, `document.body.innerText`)
	}
	rotationSteps(t, f.site, newKey, send, text)
	f.stop()

	settings["revokedKeys"] = []string{newKey.Public().ID().String()}
	writeFirefoxSettings(t, settings)
	g := newFirefox(t)
	page = g.vigiePage(t, "arneli.fr")
	g.eval(t, page, `chrome.runtime.sendMessage({type: "pinSet", pin: "`+mediatorPIN+`"}).then(r => String(r.ok))`)
	g.site.mu.Lock()
	g.site.mirror = signedBy(t, newKey, 2, "local liste-deux.fr\n")
	g.site.mu.Unlock()
	if r := g.eval(t, page, `chrome.runtime.sendMessage({type: "updateNow"}).then(r => r.result + " " + (r.error || ""))`); r != "refused revoked" {
		t.Fatalf("the revoked key's list: %s", r)
	}
}
