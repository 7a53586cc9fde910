package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// hiddenShown lists the elements of a page that carry the hidden
// attribute and are drawn all the same (a page style overriding it).
const hiddenShown = `[...document.querySelectorAll("[hidden]")].filter((e) => getComputedStyle(e).display !== "none")
  .map((e) => e.id || e.tagName).join(",")`

// Pages (as they open, before any script shows a part) whose hidden parts
// stay hidden: the hold page's "Réessayer" while it waits, the warning's
// code field in non-strict mode, an empty button.
var hiddenPages = []string{"pages/hold.html?s=1", "pages/warning.html?u=http%3A%2F%2Farneli.fr%2F",
	"pages/download.html?f=setup.exe&r=program", "pages/options.html", "pages/popup.html", "pages/welcome.html", "pages/countdown.html"}

func TestHiddenStaysHidden(t *testing.T) {
	b := newBrowser(t)
	for _, p := range hiddenPages {
		tab := b.tab(t)
		// Not navigate(), which waits for a hold page to give way.
		if err := chromedp.Do(tab, chromedp.Navigate(b.extURL(p))); err != nil {
			t.Fatal(err)
		}
		if shown := eval[string](t, tab, hiddenShown); shown != "" {
			t.Errorf("%s: hidden but drawn: %s", p, shown)
		}
	}
}

// The same in Firefox ESR.
func TestFirefoxHiddenStaysHidden(t *testing.T) {
	f := newFirefox(t)
	page := f.vigiePage(t, "arneli.fr")
	loc := f.location(t, page)
	base := loc[:strings.Index(loc, "/pages/")+1]
	for _, p := range hiddenPages {
		tab := f.extTab(t, page, base+p)
		if shown := f.eval(t, tab, hiddenShown); shown != "" {
			t.Errorf("%s: hidden but drawn: %s", p, shown)
		}
	}
}
