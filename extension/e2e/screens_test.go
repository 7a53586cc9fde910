package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The pages of the way-back scenario: an innocent page links to a
// shortener whose script sends the visitor on to a lookalike.
func serveWayBack(s *site) {
	s.setPage("www.mairie-exemple.fr", `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Mairie</title>
<p><a id="l" href="http://raccourci-sms.fr/">Votre remboursement</a>`)
	s.setPage("raccourci-sms.fr", `<!doctype html><html lang="fr"><meta charset="utf-8"><title>…</title>
<script>location.href = "http://arneli.fr/"</script>`)
}

// "Revenir en arrière" on the warning reaches the last safe page of the
// tab, skipping the shortener that would lead to the fake site again; with
// no safe page before, the welcome page.
func TestWarningWayBack(t *testing.T) {
	b := startWith(t, t.TempDir(), policy, serveWayBack)
	warning := b.extURL("pages/warning.html")
	settle(t, b)
	tab := b.tab(t)
	if err := navigate(tab, "http://www.mairie-exemple.fr/"); err != nil {
		t.Fatal(err)
	}
	eval[bool](t, tab, `document.getElementById("l").click(), true`)
	waitLocation(t, tab, "the warning", func(l string) bool { return strings.HasPrefix(l, warning) })
	waitFor(t, "the warning's buttons", func() bool {
		return eval[string](t, tab, `document.activeElement ? document.activeElement.id : ""`) == "go"
	})
	eval[bool](t, tab, `document.getElementById("back").click(), true`)
	waitLocation(t, tab, "the innocent page", func(l string) bool { return l == "http://www.mairie-exemple.fr/" })
	time.Sleep(1500 * time.Millisecond)
	if l := eval[string](t, tab, `location.href`); l != "http://www.mairie-exemple.fr/" {
		t.Fatalf("after going back the tab went on to %q", l)
	}

	fresh := b.tab(t)
	navigate(fresh, "http://arneli.fr/")
	waitLocation(t, fresh, "the warning", func(l string) bool { return strings.HasPrefix(l, warning) })
	waitFor(t, "the warning's buttons", func() bool {
		return eval[string](t, fresh, `document.activeElement ? document.activeElement.id : ""`) == "go"
	})
	eval[bool](t, fresh, `document.getElementById("back").click(), true`)
	waitLocation(t, fresh, "the welcome page", func(l string) bool { return l == b.extURL("pages/welcome.html") })
}

// The banner of a suspicious site is compact, and the visitor can reduce
// it to a small mark (keyboard: Tab to "Réduire", Enter); it cannot be
// removed.
func TestBannerReduces(t *testing.T) {
	b := newBrowser(t)
	tab := b.tab(t)
	if err := navigate(tab, "http://caf.net/"); err != nil {
		t.Fatal(err)
	}
	height := func() float64 {
		return eval[float64](t, tab, `(() => { const h = document.querySelector("vigie-banner"); return h ? h.getBoundingClientRect().height : -1 })()`)
	}
	waitFor(t, "the banner", func() bool { return height() > 0 })
	if h := height(); h > 90 {
		t.Errorf("the banner is %.0f px tall at 100 %%", h)
	}
	screenshot(t, tab, "banner")
	for _, k := range []string{"\t", "\t", "\r"} { // the link, then "Réduire"
		if err := chromedp.Do(tab, chromedp.KeyEvent(k)); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "the banner reduced", func() bool { return height() == 0 })
	screenshot(t, tab, "banner-reduced")
	if eval[bool](t, tab, `document.querySelector("vigie-banner") === null`) {
		t.Fatal("reducing removed the banner")
	}
}

// settle waits until a freshly force-installed Vigie has been reloaded by
// Chromium, which empties its session state in the first seconds
// (docs/browser-facts.md): a terminal, where Vigie was installed long ago,
// never sees that. A mark in session storage must survive two seconds.
func settle(t *testing.T, b *browser) {
	waitFor(t, "Vigie to settle after its install", func() bool {
		ext := b.extPage(t)
		eval[bool](t, ext, `chrome.storage.session.set({settled: 1}).then(() => true)`)
		time.Sleep(2 * time.Second)
		return eval[bool](t, b.extPage(t), `chrome.storage.session.get("settled").then(r => !!r.settled)`)
	})
}
