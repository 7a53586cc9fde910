package e2e

import (
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
	if n := eval[int](t, ext, `chrome.storage.local.get("counters").then(r => (r.counters || {}).sessionsEnded || 0)`); n != 1 {
		t.Fatalf("sessions ended: %d", n)
	}
	wt := b.tab(t)
	chromedp.Do(wt, chromedp.Navigate(welcome))
	if txt := eval[string](t, wt, `document.body.innerText`); !strings.Contains(txt, "Terminer ma session") || !strings.Contains(txt, "Bienvenue") {
		t.Fatalf("welcome page says %q", txt)
	}
	screenshot(t, wt, "welcome")
}

// An .exe is cancelled and the visitor told why; a PDF is saved.
func TestDownloadGuard(t *testing.T) {
	b := newBrowser(t)
	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(b.ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
	}); err != nil {
		t.Fatal(err)
	}
	tab := b.tab(t)
	navigate(tab, "http://www.exemple-telechargement.fr/attestation.pdf")
	waitFor(t, "the PDF on disk", func() bool {
		_, err := os.Stat(filepath.Join(dir, "attestation.pdf"))
		return err == nil
	})
	navigate(tab, "http://www.exemple-telechargement.fr/setup.exe")
	page := b.extURL("pages/download.html")
	waitFor(t, "the refusal page", func() bool {
		return b.openPage(func(u string) bool { return strings.HasPrefix(u, page) && strings.Contains(u, "setup.exe") }) != ""
	})
	time.Sleep(500 * time.Millisecond)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "setup") {
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
