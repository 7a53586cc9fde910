package e2e

import (
	"strings"
	"testing"
	"time"
)

// In Firefox ESR: a suspicious host gets the banner (which comes back when
// the page removes it, behind a closed shadow root), an official host its
// mark, an unknown host nothing; a program download is refused, the
// visitor told why, and no file stays on the disk, while a PDF is saved.
func TestFirefoxPagesAndDownloads(t *testing.T) {
	downloads := t.TempDir()
	f := newFirefoxWith(t, downloadPrefs(downloads))
	has := func(ctx, sel string) bool {
		return f.eval(t, ctx, `String(document.querySelector("`+sel+`") !== null)`) == "true"
	}
	t.Run("suspicious host gets a banner the page cannot remove", func(t *testing.T) {
		tab := f.tab(t)
		f.navigate(t, tab, "http://caf.net/")
		waitFor(t, "the banner", func() bool { return has(tab, "vigie-banner") })
		f.eval(t, tab, `document.querySelector("vigie-banner").remove(), "ok"`)
		waitFor(t, "the banner to come back", func() bool { return has(tab, "vigie-banner") })
		if f.eval(t, tab, `String(document.querySelector("vigie-banner").shadowRoot === null)`) != "true" {
			t.Error("the banner's shadow root is open to the page")
		}
	})
	t.Run("official host: the toolbar says so, the page shows nothing", func(t *testing.T) {
		tab := f.tab(t)
		f.navigate(t, tab, "http://www.ameli.fr/")
		page := f.vigiePage(t, "amelii.fr")
		waitFor(t, "the official icon", func() bool {
			return f.eval(t, page, `chrome.tabs.query({url: "http://www.ameli.fr/*"}).then(([tab]) => tab ? chrome.action.getTitle({tabId: tab.id}) : "no tab")`) == "Vigie : site officiel"
		})
		if has(tab, "vigie-banner") || has(tab, "vigie-mark") {
			t.Fatal("something was drawn in the official page")
		}
	})
	t.Run("unknown host gets nothing", func(t *testing.T) {
		tab := f.tab(t)
		f.navigate(t, tab, "http://www.boulangerie-dupont.fr/")
		time.Sleep(time.Second)
		if has(tab, "vigie-banner") || has(tab, "vigie-mark") {
			t.Fatal("an unknown site got a banner or a mark")
		}
	})
	t.Run("a program is refused, a PDF saved", func(t *testing.T) {
		tab := f.tab(t)
		f.navigate(t, tab, "http://www.exemple-telechargement.fr/attestation.pdf")
		waitFor(t, "the PDF on disk", func() bool {
			for _, p := range filesIn(downloads) {
				if strings.HasSuffix(p, "attestation.pdf") {
					return true
				}
			}
			return false
		})
		f.navigate(t, tab, "http://www.exemple-telechargement.fr/setup.exe")
		waitFor(t, "the refusal page", func() bool {
			l := f.location(t, "")
			return strings.Contains(l, "/pages/download.html?") && strings.Contains(l, "setup.exe")
		})
		time.Sleep(time.Second)
		for _, p := range filesIn(downloads) {
			if strings.Contains(p, "setup") {
				t.Fatalf("the refused program is on the disk: %s", p)
			}
		}
	})
}
