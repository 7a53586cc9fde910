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

// Strict mode: on the warning page, a wrong code keeps the warning; the
// mediator's code opens the lookalike, with the banner, and its password
// field still takes nothing to its server (ameli.fr's password nor
// another).
func TestBothStrictModeProceedWithPIN(t *testing.T) {
	eachBrowser(t, func(t *testing.T, d driver) {
		s := d.site()
		ext := d.vigiePage(t)
		if r := d.eval(t, ext, `chrome.runtime.sendMessage({type: "pinSet", pin: "`+mediatorPIN+`"}).then(r => r.ok)`); r != "true" {
			t.Fatalf("choosing the code: %s", r)
		}
		d.eval(t, ext, `chrome.storage.session.remove("mediatorUntil").then(() => true)`)
		// The visitor logs in on the real site first.
		s.setPage("www.ameli.fr", loginPage("ameli — mon compte", ""))
		s.setPage("arneli.fr", loginPage("ameli — mon compte", ""))
		loginOnAmeli(t, d)
		tab := d.tab(t)
		d.navigate(t, tab, "http://arneli.fr/")
		waitFor(t, "the warning page", func() bool { return d.isVigiePage(d.location(t, tab), "pages/warning.html") })
		d.eval(t, tab, `document.getElementById("proceed").open = true`)
		proceed := func(pin string) { d.typeIn(t, tab, "pin", pin+"\r") }
		proceed("0000")
		waitFor(t, "the refusal", func() bool {
			return d.eval(t, tab, `(document.getElementById("proceedResult") || {}).textContent || ""`) == "Code refusé."
		})
		if l := d.location(t, tab); !d.isVigiePage(l, "pages/warning.html") {
			t.Fatalf("a wrong code left the warning: %s", l)
		}
		proceed(mediatorPIN)
		waitFor(t, "the lookalike, opened by the mediator", func() bool { return d.location(t, tab) == "http://arneli.fr/" })
		waitFor(t, "the banner on the opened lookalike", func() bool {
			return d.eval(t, tab, `document.querySelector("vigie-banner") !== null`) == "true"
		})
		// Even opened, the lookalike never receives ameli.fr's password, nor
		// any other: its password field takes no typing, and what its form
		// may send holds nothing typed.
		for _, pw := range []string{secret, other} {
			if d.eval(t, tab, `!!document.getElementById("pw")`) != "true" { // the form was sent (empty): open the page again
				d.navigate(t, tab, "http://arneli.fr/")
			}
			d.typeIn(t, tab, "pw", pw)
			d.click(t, tab, "go")
			time.Sleep(900 * time.Millisecond)
			if p := s.postsTo("arneli.fr"); leaked(p, secret) || leaked(p, other) {
				t.Fatalf("a password reached the lookalike: %v", p)
			}
		}
	})
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
