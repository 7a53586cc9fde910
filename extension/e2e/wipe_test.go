package e2e

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
)

// What remains on the disk after "Terminer ma session", read from the
// profile's files and the downloads folder once Chromium has closed: no
// downloaded file, nothing in "recently closed", and no visited host name
// or value typed in a form in any file but what no extension API removes:
// Chromium's own append-only logs (its session log and a LevelDB log
// awaiting compaction) and the site engagement scores in Preferences.
// That residue is listed by the test: the terminal's launcher deletes the
// whole profile (TestTerminalLauncherLeavesNothing, docs/deploy.md §6).
func TestEndOfSessionOnDisk(t *testing.T) {
	b := newBrowser(t)
	const host = "mairie-visite-5821.example.org"
	const typed = "0612345678-valeur-tapee-9137"
	b.site.setPage(host, `<!doctype html><title>Démarche</title>
<form method="post" action="/envoi"><input id="tel" name="tel"><button id="go">Envoyer</button></form>`)
	downloads := t.TempDir()
	if _, err := chromedp.CallBrowser(b.ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads}); err != nil {
		t.Fatal(err)
	}
	tab := b.tab(t)
	navigate(tab, "http://"+host+"/")
	if err := chromedp.Do(tab, chromedp.SendKeys(chromedp.ID("tel"), typed), chromedp.Click(chromedp.ID("go"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the form sent", func() bool { return len(b.site.postsTo(host)) == 1 })
	navigate(tab, "http://"+host+"/attestation.pdf")
	waitFor(t, "the downloaded file", func() bool { return len(filesIn(downloads)) == 1 })
	// A tab closed by the visitor: in "recently closed" until the wipe.
	closed := b.tab(t)
	navigate(closed, "http://"+host+"/page-fermee")
	chromedp.Cancel(closed)
	time.Sleep(2 * time.Second) // let Chromium write its session and history files

	ext := b.extPage(t)
	if n := eval[int](t, ext, `chrome.sessions.getRecentlyClosed({}).then(r => r.length)`); n == 0 {
		t.Fatal("the closed tab is not in recently closed: this test would not test its removal")
	}
	// The end of session closes every tab, this one too: nothing awaits.
	eval[bool](t, ext, `chrome.runtime.sendMessage({type: "endSession", reason: "visitor"}), true`)
	waitFor(t, "the welcome page", func() bool { return b.isOpen(b.extURL("pages/welcome.html")) })
	welcome := b.tab(t)
	chromedp.Do(welcome, chromedp.Navigate(b.extURL("pages/popup.html")))
	var last map[string]any
	waitFor(t, "the end of session's report", func() bool {
		last = eval[map[string]any](t, welcome, `chrome.storage.local.get("lastSessionEnd").then(r => r.lastSessionEnd || {})`)
		return last["at"] != nil
	})
	if f, _ := last["failed"].([]any); len(f) != 0 {
		t.Fatalf("the end of session reports failures: %v", f)
	}
	if files := filesIn(downloads); len(files) != 0 {
		t.Fatalf("downloaded files left on the disk: %v", files)
	}
	if n := eval[int](t, welcome, `chrome.sessions.getRecentlyClosed({}).then(r => r.length)`); n != 0 {
		t.Fatalf("%d entries left in recently closed", n)
	}
	// Closed as a terminal closes it (Browser.close: files flushed), not
	// killed, which would leave what was on disk before the wipe.
	time.Sleep(2 * time.Second)
	chromedp.CallBrowser(b.ctx, cdpbrowser.Close, cdp.Empty{})
	time.Sleep(3 * time.Second)
	b.stop()
	for _, secret := range []string{host, typed} {
		for _, f := range grepTree(b.profile, secret) {
			if chromiumLog(f) || onlyEngagement(filepath.Join(b.profile, f), secret) {
				t.Logf("known residue (operating system's side): %q in %s", secret, f)
				continue
			}
			t.Errorf("%q is still in the profile: %s%s", secret, f, around(filepath.Join(b.profile, f), secret))
		}
	}
}

// onlyEngagement: the file is Chromium's Preferences and s stands only in
// its site and media engagement scores (a score per site visited, which no
// extension API removes; an ephemeral profile does).
func onlyEngagement(path, s string) bool {
	if filepath.Base(path) != "Preferences" {
		return false
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	var prefs map[string]any
	if json.Unmarshal(b, &prefs) != nil {
		return false
	}
	profile, _ := prefs["profile"].(map[string]any)
	cs, _ := profile["content_settings"].(map[string]any)
	ex, _ := cs["exceptions"].(map[string]any)
	if ex == nil {
		return false
	}
	delete(ex, "site_engagement")
	delete(ex, "media_engagement") // visits per site for media autoplay, the same kind of score
	rest, _ := json.Marshal(prefs)
	return !bytes.Contains(rest, []byte(s))
}

// chromiumLog: Chromium's session log (Sessions/Session_*, Tabs_*) and
// LevelDB write-ahead logs (*.log under a *_db folder).
func chromiumLog(rel string) bool {
	rel = filepath.ToSlash(rel)
	return strings.Contains(rel, "/Sessions/Session_") || strings.Contains(rel, "/Sessions/Tabs_") ||
		strings.Contains(rel, "_db/") && strings.HasSuffix(rel, ".log")
}

func filesIn(dir string) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// grepTree lists the files under dir that contain s (as UTF-8 or UTF-16).
func grepTree(dir, s string) []string {
	u16 := make([]byte, 0, 2*len(s))
	for _, c := range []byte(s) {
		u16 = append(u16, c, 0)
	}
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err == nil && (bytes.Contains(data, []byte(s)) || bytes.Contains(data, u16)) {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return nil
	})
	return out
}

// context shows what surrounds s in a text file (where in Preferences).
func around(path, s string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	i := bytes.Index(b, []byte(s))
	if i < 0 || bytes.IndexByte(b, 0) >= 0 {
		return ""
	}
	lo, hi := max(0, i-300), min(len(b), i+len(s)+200)
	return "\n\t…" + string(b[lo:hi]) + "…"
}
