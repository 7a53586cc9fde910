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

// In strict mode, going past a warning takes the mediator's PIN; the site
// then opens for this session, still under a banner, and no password typed
// there reaches it — ameli.fr's least of all.
func TestStrictModeProceedWithPIN(t *testing.T) {
	b := newBrowser(t)
	ext := b.extPage(t)
	if !eval[bool](t, ext, `chrome.runtime.sendMessage({type: "pinSet", pin: "`+mediatorPIN+`"}).then(r => r.ok)`) {
		t.Fatal("choosing the PIN")
	}
	eval[bool](t, ext, `chrome.storage.session.remove("mediatorUntil").then(() => true)`)
	// The visitor logs in on the real site first.
	b.site.pages["www.ameli.fr"] = loginPage("ameli — mon compte", "")
	b.site.pages["arneli.fr"] = loginPage("ameli — mon compte", "")
	real := b.tab(t)
	navigate(real, "http://www.ameli.fr/")
	if err := chromedp.Do(real, chromedp.SendKeys(chromedp.ID("pw"), secret), chromedp.Click(chromedp.ID("go"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the real login", func() bool { return len(b.site.postsTo("www.ameli.fr")) == 1 })
	tab := b.tab(t)
	navigate(tab, "http://arneli.fr/")
	waitLocation(t, tab, "the warning page", func(l string) bool { return strings.HasPrefix(l, b.extURL("pages/warning.html")) })
	eval[bool](t, tab, `document.getElementById("proceed").open = true`)
	proceed := func(pin string) {
		if err := chromedp.Do(tab, chromedp.SendKeys(chromedp.ID("pin"), pin+"\r")); err != nil {
			t.Fatal(err)
		}
	}
	proceed("0000")
	waitFor(t, "the refusal", func() bool {
		return eval[string](t, tab, `(document.getElementById("proceedResult") || {}).textContent || ""`) == "Code refusé."
	})
	if loc := waitLocation(t, tab, "the page", func(string) bool { return true }); !strings.HasPrefix(loc, b.extURL("pages/warning.html")) {
		t.Fatalf("a wrong PIN left the warning: %s", loc)
	}
	proceed(mediatorPIN)
	waitLocation(t, tab, "the lookalike, opened by the mediator", func(l string) bool { return l == "http://arneli.fr/" })
	waitFor(t, "the banner on the opened lookalike", func() bool {
		return eval[bool](t, tab, `document.querySelector("vigie-banner") !== null`)
	})
	// Even opened, the lookalike never receives ameli.fr's password, nor
	// any other: its password field takes no typing, and what its form
	// may send holds nothing typed.
	for _, pw := range []string{secret, other} {
		if !eval[bool](t, tab, `!!document.getElementById("pw")`) { // the form was sent (empty): open the page again
			navigate(tab, "http://arneli.fr/")
		}
		if err := chromedp.Do(tab, chromedp.SendKeys(chromedp.ID("pw"), pw), chromedp.Click(chromedp.ID("go"))); err != nil {
			t.Fatal(err)
		}
		time.Sleep(700 * time.Millisecond)
		if p := b.site.postsTo("arneli.fr"); leaked(p, secret) || leaked(p, other) {
			t.Fatalf("a password reached the lookalike: %v", p)
		}
	}
}

// The mediator lets one refused download through with the PIN.
func TestMediatorAllowsOneDownload(t *testing.T) {
	b := newBrowser(t)
	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(b.ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir}); err != nil {
		t.Fatal(err)
	}
	ext := b.extPage(t)
	eval[bool](t, ext, `chrome.runtime.sendMessage({type: "pinSet", pin: "`+mediatorPIN+`"}).then(r => r.ok)`)
	tab := b.tab(t)
	navigate(tab, "http://www.exemple-telechargement.fr/setup.exe")
	var page string
	waitFor(t, "the refusal page", func() bool {
		page = b.openPage(func(u string) bool { return strings.HasPrefix(u, b.extURL("pages/download.html")) })
		return page != ""
	})
	refusal := b.tab(t)
	chromedp.Do(refusal, chromedp.Navigate(page))
	eval[bool](t, refusal, `document.querySelector("details").open = true`)
	if err := chromedp.Do(refusal, chromedp.SendKeys(chromedp.ID("pin"), mediatorPIN+"\r")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the allowance", func() bool {
		return strings.Contains(eval[string](t, refusal, `document.getElementById("allowResult").textContent`), "Autorisé une fois")
	})
	navigate(tab, "http://www.exemple-telechargement.fr/setup.exe")
	waitFor(t, "the allowed program on disk", func() bool {
		_, err := os.Stat(filepath.Join(dir, "setup.exe"))
		return err == nil
	})
	// Once only.
	os.Remove(filepath.Join(dir, "setup.exe"))
	navigate(tab, "http://www.exemple-telechargement.fr/setup.exe")
	time.Sleep(1500 * time.Millisecond)
	if _, err := os.Stat(filepath.Join(dir, "setup.exe")); err == nil {
		t.Fatal("the allowance was used twice")
	}
}

// After the idle delay a countdown appears; activity closes it; left
// alone, it ends the session after 60 seconds.
func TestIdleEndsSession(t *testing.T) {
	b := newBrowser(t)
	sw := b.worker(t)
	countdown := b.extURL("pages/countdown.html")
	open := func() bool { return b.isOpen(countdown) }
	eval[bool](t, sw, `VigieSession.onIdleState("idle").then(() => true)`)
	waitFor(t, "the countdown", open)
	eval[bool](t, sw, `VigieSession.onIdleState("active").then(() => true)`)
	waitFor(t, "activity to close the countdown", func() bool { return !open() })
	eval[bool](t, sw, `VigieSession.onIdleState("idle").then(() => true)`)
	waitFor(t, "the countdown again", open)
	waitForLong(t, "the session to end by itself after the countdown", 75*time.Second,
		func() bool { return b.isOpen(b.extURL("pages/welcome.html")) })
}
