package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func signedList(t *testing.T, version uint64, extra ...string) []byte {
	var lines strings.Builder
	for _, d := range extra {
		lines.WriteString("local " + d + "\n")
	}
	return signedListWith(t, version, lines.String())
}

// The mediator asks for an update in the console: the extension fetches
// the signed list from the list server, a host added in it becomes
// official; a tampered bundle is refused and the list in force stays; after
// the worker is stopped and started again, the accepted list is still in
// force.
func TestListUpdateFromServer(t *testing.T) {
	b := newBrowser(t)
	ext := b.extPage(t)
	kind := func(url string) string {
		return eval[string](t, ext, `chrome.runtime.sendMessage({type: "check", url: "`+url+`"}).then(v => v.kind)`)
	}
	const town = "http://www.mairie-de-vigie.fr/"
	if k := kind(town); k != "unknown" {
		t.Fatalf("before the update: %s", k)
	}

	// The publisher publishes version 1 with the town's site.
	if err := b.site.store.Put(context.Background(), "default", 1, signedList(t, 1, "mairie-de-vigie.fr")); err != nil {
		t.Fatal(err)
	}
	console := b.console(t)
	clickUpdate := func() string {
		before := eval[string](t, console, `document.getElementById("last").textContent`)
		if err := chromedp.Do(console, chromedp.Click(chromedp.ID("update"))); err != nil {
			t.Fatal(err)
		}
		var after string
		waitFor(t, "the update result", func() bool {
			after = eval[string](t, console, `document.getElementById("last").textContent`)
			return after != before && !strings.Contains(after, "en cours")
		})
		return after
	}
	if got := clickUpdate(); !strings.Contains(got, "Liste mise à jour") {
		t.Fatalf("console says %q", got)
	}
	if k := kind(town); k != "official" {
		t.Fatalf("after the update: %s", k)
	}
	text := eval[string](t, console, `document.body.innerText`)
	for _, want := range []string{"Version\nliste du ", "vérifiée, clé " + testKey.Public().ID().String()} {
		if !strings.Contains(text, want) {
			t.Errorf("console lacks %q:\n%s", want, text)
		}
	}
	screenshot(t, console, "console-updated")

	// A compromised mirror serves a tampered version 2.
	bad := signedList(t, 2, "mairie-de-vigie.fr", "faux-site-officiel.fr")
	bad[len(bad)-200] ^= 0x20
	b.site.mu.Lock()
	b.site.mirror = bad
	b.site.mu.Unlock()
	if got := clickUpdate(); !strings.Contains(got, "Liste refusée") || !strings.Contains(got, "L'ancienne liste reste en service") {
		t.Fatalf("console says %q", got)
	}
	if k := kind("http://faux-site-officiel.fr/"); k == "official" {
		t.Fatal("a tampered bundle was accepted")
	}
	if k := kind(town); k != "official" {
		t.Fatalf("the list in force was lost: %s", k)
	}

	// The mediator imports a newer list from a file: accepted; the same
	// file again: refused as not newer.
	file := filepath.Join(t.TempDir(), "liste.vgb")
	os.WriteFile(file, signedList(t, 3, "mairie-de-vigie.fr", "ecole-de-vigie.fr"), 0o644)
	importFile := func() string {
		if err := chromedp.Do(console, chromedp.SetUploadFiles(chromedp.ID("file"), []string{file})); err != nil {
			t.Fatal(err)
		}
		var got string
		waitFor(t, "the import result", func() bool {
			got = eval[string](t, console, `document.getElementById("importResult").textContent`)
			return got != ""
		})
		eval[bool](t, console, `(document.getElementById("importResult").textContent = "", true)`)
		return got
	}
	if got := importFile(); !strings.Contains(got, "Liste importée : version 3") {
		t.Fatalf("import says %q", got)
	}
	if k := kind("http://ecole-de-vigie.fr/"); k != "official" {
		t.Fatalf("after the import: %s", k)
	}
	if got := importFile(); !strings.Contains(got, "pas plus récente") {
		t.Fatalf("importing the same version again says %q", got)
	}

	// The worker sleeps and wakes: the accepted list comes back from storage.
	b.stopWorker(t)
	tab := b.tab(t)
	if err := navigate(tab, town); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the official icon after a worker restart", func() bool { return officialIcon(t, console, town) })

	// Without the cached index (cleared, or refused), the wake verifies
	// the signed bundle kept in storage again.
	eval[bool](t, console, `new Promise((resolve) => {
		const req = indexedDB.open("vigie", 1);
		req.onsuccess = () => {
			const tx = req.result.transaction("cache", "readwrite");
			tx.objectStore("cache").clear();
			tx.oncomplete = () => resolve(true);
		};
	})`)
	b.stopWorker(t)
	other := b.tab(t)
	if err := navigate(other, town+"?again"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the official icon after a restart without the cache", func() bool { return officialIcon(t, console, town+"?again") })
	sw := b.worker(t)
	if n := eval[float64](t, sw, `engine.then((api) => api.listInfo().version)`); n != 3 {
		t.Fatalf("list version after a restart without the cache: %v", n)
	}
}

// officialIcon: the toolbar icon of the tab at url says "official" (asked
// from a Vigie page).
func officialIcon(t *testing.T, ext context.Context, url string) bool {
	return eval[string](t, ext, `(async () => {
		const [tab] = await chrome.tabs.query({url: `+"`"+`${"`+url+`"}*`+"`"+`});
		return tab ? chrome.action.getTitle({tabId: tab.id}) : "no tab";
	})()`) == "Vigie : site officiel"
}
