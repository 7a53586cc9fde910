package e2e

import (
	"strings"
	"testing"
	"time"
)

// One browser for the whole file: starting Chromium costs a second or two.
func TestNavigationVerdicts(t *testing.T) {
	b := newBrowser(t)
	ext := b.extPage(t)

	// iconTitle asks the extension what the toolbar says for the tab at url.
	iconTitle := func(url string) string {
		return eval[string](t, ext, `(async () => {
			const [tab] = await chrome.tabs.query({url: `+"`"+`${"`+url+`"}*`+"`"+`});
			return tab ? chrome.action.getTitle({tabId: tab.id}) : "no tab";
		})()`)
	}

	t.Run("official host is marked official", func(t *testing.T) {
		tab := b.tab(t)
		if err := navigate(tab, "http://www.ameli.fr/"); err != nil {
			t.Fatal(err)
		}
		if got := b.site.hitsFor("www.ameli.fr"); got == 0 {
			t.Fatal("the official page was never requested")
		}
		// The sign of trust is the toolbar icon; nothing is drawn in the
		// page, which a page could imitate.
		waitFor(t, "the official icon", func() bool { return iconTitle("http://www.ameli.fr/") == "Vigie : site officiel" })
		if eval[bool](t, tab, `document.querySelector("vigie-banner, vigie-mark") !== null`) {
			t.Fatal("something was drawn in the official page")
		}
		if loc := waitLocation(t, tab, "the official page", func(string) bool { return true }); loc != "http://www.ameli.fr/" {
			t.Fatalf("official page was redirected to %s", loc)
		}
		screenshot(t, tab, "official-ameli")
	})

	t.Run("lookalike lands on the warning page naming ameli.fr", func(t *testing.T) {
		tab := b.tab(t)
		if err := navigate(tab, "http://arneli.fr/"); err != nil {
			t.Fatal(err)
		}
		loc := waitLocation(t, tab, "the warning page", func(l string) bool {
			return strings.HasPrefix(l, b.extURL("pages/warning.html"))
		})
		if !strings.Contains(loc, "u=http%3A%2F%2Farneli.fr") {
			t.Errorf("warning page does not name the blocked address: %s", loc)
		}
		waitFor(t, "the warning text", func() bool {
			return strings.Contains(eval[string](t, tab, `document.body.innerText`), "Ce site imite ameli")
		})
		text := eval[string](t, tab, `document.body.innerText`)
		for _, want := range []string{"Ce site est faux", "Ce n'est pas le site officiel", "arneli.fr", "Aller sur le vrai site : ameli.fr", "Revenir en arrière"} {
			if !strings.Contains(text, want) {
				t.Errorf("warning page lacks %q; it says:\n%s", want, text)
			}
		}
		if href := eval[string](t, tab, `document.getElementById("go").href`); href != "https://ameli.fr/" {
			t.Errorf("main button leads to %q, want https://ameli.fr/", href)
		}
		if role := eval[string](t, tab, `document.querySelector("main").getAttribute("role")`); role != "alert" {
			t.Errorf("warning is not announced: role=%q", role)
		}
		screenshot(t, tab, "warning-arneli")
	})

	t.Run("unknown host is left alone", func(t *testing.T) {
		tab := b.tab(t)
		const url = "http://www.boulangerie-dupont.fr/"
		if err := navigate(tab, url); err != nil {
			t.Fatal(err)
		}
		if b.site.hitsFor("www.boulangerie-dupont.fr") == 0 {
			t.Fatal("the unknown page was never requested")
		}
		waitFor(t, "the unknown icon", func() bool { return iconTitle(url) == "Vigie : site non vérifié" })
		time.Sleep(300 * time.Millisecond) // give a wrong redirect the time to happen
		if loc := waitLocation(t, tab, "the page", func(string) bool { return true }); loc != url {
			t.Fatalf("unknown page moved to %s", loc)
		}
		if eval[bool](t, tab, `document.querySelector("vigie-banner, vigie-mark") !== null`) {
			t.Fatal("an unknown page got a banner or a mark")
		}
	})

	t.Run("suspicious host gets a banner the page cannot remove", func(t *testing.T) {
		tab := b.tab(t)
		if err := navigate(tab, "http://caf.net/"); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the banner", func() bool {
			return eval[bool](t, tab, `document.querySelector("vigie-banner") !== null`)
		})
		// The page tries to get rid of it: it comes back.
		eval[bool](t, tab, `document.querySelector("vigie-banner").remove(), true`)
		waitFor(t, "the banner to come back", func() bool {
			return eval[bool](t, tab, `document.querySelector("vigie-banner") !== null`)
		})
		if eval[bool](t, tab, `document.querySelector("vigie-banner").shadowRoot !== null`) {
			t.Error("the banner's shadow root is open to the page")
		}
		waitFor(t, "the suspicious icon", func() bool { return iconTitle("http://caf.net/") == "Vigie : site douteux, prudence" })
		screenshot(t, tab, "banner-caf-net")
	})
}

func waitFor(t testing.TB, what string, ok func() bool) {
	t.Helper()
	waitForLong(t, what, 15*time.Second, ok)
}
