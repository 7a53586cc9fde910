package e2e

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// dottedNames: a lookalike written with extra dots, which the browsers
// send as written (to a resolver or a proxy that reaches the name without
// them); each is judged as that name.
var dottedNames = []string{"http://dots1.arneli.fr../connexion", "http://www.dots2.arneli.fr........../", "http://dots3.arneli..fr/", "http://.dots4.arneli.fr/"}

// A lookalike written with extra dots is stopped like the name it reaches.
// The control: a browser with the floor extension sends each one as written.
func TestGateExtraDots(t *testing.T) {
	t.Run("control: floor extension", func(t *testing.T) {
		fb := newFloorBrowser(t)
		for i, u := range dottedNames {
			navigate(fb.tab(t), u)
			part := fmt.Sprintf("dots%d", i+1)
			waitFor(t, u+" at the server", func() bool { return fb.site.hitsLike(part) > 0 })
		}
	})
	b := newBrowser(t)
	for i, u := range dottedNames {
		t.Run(u, func(t *testing.T) {
			tab := b.tab(t)
			navigate(tab, u)
			waitLocation(t, tab, "the warning", func(l string) bool { return strings.HasPrefix(l, b.extURL("pages/warning.html")) })
			if n := b.site.hitsLike(fmt.Sprintf("dots%d", i+1)); n != 0 {
				t.Fatalf("the lookalike's server received %d request(s)", n)
			}
		})
	}
}

// The same in Firefox ESR, the floor extension as the control.
func TestFirefoxGateExtraDots(t *testing.T) {
	t.Run("control: floor extension", func(t *testing.T) {
		ff := startFirefox(t, nil, func(*site, string) {})
		installFirefoxFloor(t, ff)
		for i, u := range dottedNames {
			ff.navigate(t, ff.tab(t), u)
			part := fmt.Sprintf("dots%d", i+1)
			waitFor(t, u+" at the server", func() bool { return ff.site.hitsLike(part) > 0 })
		}
	})
	f := newFirefox(t)
	for i, u := range dottedNames {
		t.Run(u, func(t *testing.T) {
			tab := f.tab(t)
			f.navigate(t, tab, u)
			f.waitLocation(t, tab, "the warning", func(l string) bool {
				return strings.HasPrefix(l, "moz-extension://") && strings.Contains(l, "/pages/warning.html?")
			})
			if n := f.site.hitsLike(fmt.Sprintf("dots%d", i+1)); n != 0 {
				t.Fatalf("the lookalike's server received %d request(s)", n)
			}
		})
	}
}

// extensionPagesOpened: Vigie's pages as a web page may open them, the
// address escaped (the gate's form) or last and raw (the rules' form).
var extensionPagesOpened = []string{"pages/hold.html?u=", "pages/warning.html?u=", "pages/warning.html?r=1&u=", "pages/hold.html?s=1&u="}

// destination is the address a page gives, in the form page takes.
func destination(page, host string) string {
	u := "http://" + host + "/"
	if strings.HasSuffix(page, "1&u=") {
		return u
	}
	return url.QueryEscape(u)
}

// openers: a web page that sends the tab to one of Vigie's own pages with
// an address of its choosing, to use Vigie's origin as a way on.
func openerPage(ext, dest string) string {
	return `<!doctype html><title>Lien</title><script>location.href = "` + ext + `";</script>` + dest
}

// Vigie's hold and warning pages, opened by a web page with an address the
// gate never held, send the tab nowhere but the welcome page: the address
// given receives nothing.
func TestExtensionPagesAreNoWayOn(t *testing.T) {
	b := newBrowser(t)
	for i, page := range extensionPagesOpened {
		t.Run(page, func(t *testing.T) {
			dest := fmt.Sprintf("destination%d.example.org", i)
			from := fmt.Sprintf("lien%d.example.org", i)
			b.site.setPage(from, openerPage(b.extURL(page)+destination(page, dest), ""))
			tab := b.tab(t)
			navigate(tab, "http://"+from+"/")
			waitLocation(t, tab, "the welcome page", func(l string) bool { return l == b.extURL("pages/welcome.html") })
			if n := b.site.hitsFor(dest); n != 0 {
				t.Fatalf("%s received %d request(s) through Vigie's page", dest, n)
			}
		})
	}
	// Without an address (the startup rules where they cannot carry one):
	// the page says what to do, and goes nowhere.
	tab := b.tab(t)
	navigate(tab, b.extURL("pages/hold.html?s=1"))
	waitFor(t, "the startup hold's sentence", func() bool {
		return strings.Contains(eval[string](t, tab, `document.body.innerText`), "Vigie démarre")
	})
}

// The same in Firefox ESR (the page knows this install's address).
func TestFirefoxExtensionPagesAreNoWayOn(t *testing.T) {
	f := newFirefox(t)
	warn := f.vigiePage(t, "amelii.fr")
	base := f.eval(t, warn, `chrome.runtime.getURL("")`)
	for i, page := range extensionPagesOpened {
		t.Run(page, func(t *testing.T) {
			dest := fmt.Sprintf("destination%d.example.org", i)
			from := fmt.Sprintf("lien%d.example.org", i)
			f.site.setPage(from, openerPage(base+page+destination(page, dest), ""))
			tab := f.tab(t)
			f.navigate(t, tab, "http://"+from+"/")
			f.waitLocation(t, tab, "the welcome page", func(l string) bool { return l == base+"pages/welcome.html" })
			if n := f.site.hitsFor(dest); n != 0 {
				t.Fatalf("%s received %d request(s) through Vigie's page", dest, n)
			}
		})
	}
	// Without an address, as Firefox's startup rule sends a page there.
	hold := f.extTab(t, warn, base+"pages/hold.html?s=1")
	waitFor(t, "the startup hold's sentence", func() bool {
		return strings.Contains(f.eval(t, hold, `document.body.innerText`), "Vigie démarre")
	})
}
