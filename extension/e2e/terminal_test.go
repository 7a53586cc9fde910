package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// The visitor ends the session from the toolbar popup: cookies, storage,
// history and downloads are gone, every tab is closed, the welcome page
// is open, and the next visit to the site is logged out.
func TestEndOfSession(t *testing.T) {
	b := newBrowser(t)
	tab := b.tab(t)
	if err := navigate(tab, "http://www.ameli.fr/login-cookie"); err != nil {
		t.Fatal(err)
	}
	if err := navigate(tab, "http://www.ameli.fr/whoami"); err != nil {
		t.Fatal(err)
	}
	if who := eval[string](t, tab, `document.getElementById("who").textContent`); who != "visiteur-1" {
		t.Fatalf("the test login did not stick: %q", who)
	}
	// History reaches the profile's database within seconds (Chromium
	// commits it in batches): wait until it is there, to see it go.
	historyHas := func(s string) bool {
		files, _ := filepath.Glob(filepath.Join(b.profile, "Default", "History*"))
		for _, f := range files {
			if data, err := os.ReadFile(f); err == nil && strings.Contains(string(data), s) {
				return true
			}
		}
		return false
	}
	waitForLong(t, "the visit in the history database", 30*time.Second, func() bool { return historyHas("login-cookie") })
	// A download, to find it gone from the list afterwards.
	if _, err := chromedp.CallBrowser(b.ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	navigate(tab, "http://www.ameli.fr/attestation.pdf")
	ext0 := b.extPage(t)
	waitFor(t, "the download in the list", func() bool {
		return eval[int](t, ext0, `chrome.downloads.search({}).then(r => r.length)`) > 0
	})
	popup := b.tab(t)
	if err := chromedp.Do(popup, chromedp.Navigate(b.extURL("pages/popup.html"))); err != nil {
		t.Fatal(err)
	}
	screenshot(t, popup, "popup")
	if err := chromedp.Do(popup, chromedp.Click(chromedp.ID("end"))); err != nil {
		t.Fatal(err)
	}
	// One question first; "no" would keep the session.
	screenshot(t, popup, "popup-confirm")
	if err := chromedp.Do(popup, chromedp.Click(chromedp.ID("yes"))); err != nil && !strings.Contains(err.Error(), "context canceled") {
		t.Logf("click: %v (the popup's tab closes itself)", err)
	}
	welcome := b.extURL("pages/welcome.html")
	waitFor(t, "only the welcome page left", func() bool {
		targets, err := chromedp.Targets(b.ctx)
		if err != nil {
			return false
		}
		pages, hasWelcome := 0, false
		for _, tg := range targets {
			if tg.Type == "page" {
				pages++
				hasWelcome = hasWelcome || tg.URL == welcome
			}
		}
		return pages == 1 && hasWelcome
	})
	// A fresh tab: the site no longer knows the visitor.
	next := b.tab(t)
	if err := navigate(next, "http://www.ameli.fr/whoami"); err != nil {
		t.Fatal(err)
	}
	if who := eval[string](t, next, `document.getElementById("who").textContent`); who != "" {
		t.Fatalf("still logged in as %q after the end of session", who)
	}
	if ls := eval[string](t, next, `localStorage.getItem("secret-du-visiteur") || ""`); ls != "" {
		t.Fatal("local storage survived the end of session")
	}
	waitForLong(t, "the history to be emptied", 30*time.Second, func() bool { return !historyHas("login-cookie") })
	ext := b.extPage(t)
	if n := eval[int](t, ext, `chrome.downloads.search({}).then(r => r.length)`); n != 0 {
		t.Fatalf("%d downloads still listed", n)
	}
	if n := eval[int](t, ext, `chrome.runtime.sendMessage({type: "counters"}).then(c => c.sessionsEnded || 0)`); n != 1 {
		t.Fatalf("sessions ended: %d", n)
	}
	wt := b.tab(t)
	chromedp.Do(wt, chromedp.Navigate(welcome))
	if txt := eval[string](t, wt, `document.body.innerText`); !strings.Contains(txt, "J'ai fini : tout effacer") || !strings.Contains(txt, "Bienvenue") {
		t.Fatalf("welcome page says %q", txt)
	}
	screenshot(t, wt, "welcome")
}

// An .exe is cancelled and the visitor told why; a PDF is saved. Run in
// three fresh browsers, as the visitor meets it: the link clicked on a page,
// just after Vigie was force-installed (the moment a worker can be replaced
// and its events lost; the sweep at each worker start covers it). Headless
// Chromium writes downloads only to a DevTools download folder, which skips
// onDeterminingFilename: the later events and the sweep are what is tested
// here (docs/browser-facts.md).
func TestDownloadGuard(t *testing.T) {
	for i := 0; i < 3; i++ {
		t.Run(fmt.Sprint("fresh-browser-", i+1), func(t *testing.T) {
			dir := t.TempDir()
			b := startWith(t, t.TempDir(), policy, func(s *site) {
				s.setPage("www.exemple-telechargement.fr", `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Téléchargements</title>
<a id="pdf" href="/attestation.pdf">Attestation</a> <a id="exe" href="/setup.exe">Programme</a>`)
			})
			if _, err := chromedp.CallBrowser(b.ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
				Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
			}); err != nil {
				t.Fatal(err)
			}
			checkDownloadGuard(t, b, dir)
		})
	}
}

func checkDownloadGuard(t *testing.T, b *browser, dir string) {
	tab := b.tab(t)
	if err := navigate(tab, "http://www.exemple-telechargement.fr/"); err != nil {
		t.Fatal(err)
	}
	click := func(id string) { eval[bool](t, tab, `document.getElementById("`+id+`").click(), true`) }
	click("pdf")
	waitFor(t, "the PDF on disk", func() bool {
		_, err := os.Stat(filepath.Join(dir, "attestation.pdf"))
		return err == nil
	})
	// If the engine was cold, the click waited on the hold page; a file is
	// no page, so the visitor is taken back to the one they clicked on.
	waitLocation(t, tab, "the page with the links", func(u string) bool { return u == "http://www.exemple-telechargement.fr/" })
	click("exe")
	page := b.extURL("pages/download.html")
	waitFor(t, "the refusal page", func() bool {
		return b.openPage(func(u string) bool { return strings.HasPrefix(u, page) && strings.Contains(u, "setup.exe") }) != ""
	})
	// What remains on the disk, not what Vigie believes it did.
	waitFor(t, "no program in the download folder", func() bool {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if e.Name() != "attestation.pdf" {
				return false
			}
		}
		return true
	})
	time.Sleep(500 * time.Millisecond)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "attestation.pdf" {
			t.Fatalf("the program reached the disk: %s", e.Name())
		}
	}
	ext := b.extPage(t)
	// Gone from the downloads list too (cancelled, file removed, erased).
	state := eval[string](t, ext, `chrome.downloads.search({filenameRegex: "setup"}).then(r => r.map(d => d.state + ":" + d.exists).join(","))`)
	if state != "" && !strings.Contains(state, "interrupted") && !strings.Contains(state, ":false") {
		t.Fatalf("the .exe download is %q", state)
	}
	if pdf := eval[string](t, ext, `chrome.downloads.search({filenameRegex: "attestation"}).then(r => r.map(d => d.state).join(","))`); pdf != "complete" {
		t.Fatalf("the PDF download is %q", pdf)
	}
	if n := eval[int](t, ext, `chrome.runtime.sendMessage({type: "counters"}).then(c => c.downloadBlocked || 0)`); n != 1 {
		t.Fatalf("downloads refused counted %d times, want 1", n)
	}
}

func waitForLong(t testing.TB, what string, d time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if ok() {
			return
		}
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}
