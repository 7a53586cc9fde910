package e2e

import (
	"strings"
	"testing"
	"time"
)

// typeIn focuses the element and types text as a visitor would (trusted
// key events over WebDriver BiDi).
func (f *firefox) typeIn(t testing.TB, ctx, id, text string) {
	f.eval(t, ctx, `document.getElementById("`+id+`").focus(), "ok"`)
	var keys []string
	for _, r := range text {
		if r == '\r' || r == '\n' {
			r = '\uE007' // WebDriver's Enter
		}
		keys = append(keys, string(r))
	}
	f.keys(t, ctx, keys...)
}

// clickOn presses and releases the mouse over the element's centre.
func (f *firefox) clickOn(t testing.TB, ctx, id string) {
	f.clickOnElement(t, ctx, `document.getElementById("`+id+`")`)
}

// TestHostileReadersWithoutSubmit in Firefox ESR.
func TestFirefoxHostileReadersWithoutSubmit(t *testing.T) {
	f := newFirefox(t)
	serveReaders(f.site)
	real := f.tab(t)
	f.navigate(t, real, "http://www.ameli.fr/")
	f.typeIn(t, real, "pw", secret)
	f.clickOn(t, real, "go")
	waitFor(t, "the real login", func() bool { return len(f.site.postsTo("www.ameli.fr")) == 1 })

	t.Run("Enter keydown", func(t *testing.T) {
		for _, pw := range []string{other, secret} {
			tab := f.tab(t)
			f.navigate(t, tab, "http://entree-espace.fr/")
			f.typeIn(t, tab, "pw", pw)
			f.keys(t, tab, "\uE007")
			time.Sleep(1500 * time.Millisecond)
		}
		onlyControl(t, f.site.postsTo("entree-espace.fr"))
	})
	t.Run("pointerdown on a div", func(t *testing.T) {
		for _, pw := range []string{other, secret} {
			tab := f.tab(t)
			f.navigate(t, tab, "http://bouton-div.fr/")
			f.typeIn(t, tab, "pw", pw)
			f.clickOn(t, tab, "go")
			time.Sleep(1500 * time.Millisecond)
		}
		onlyControl(t, f.site.postsTo("bouton-div.fr"))
	})
	t.Run("a suspicious page takes no typing", func(t *testing.T) {
		tab := f.tab(t)
		f.navigate(t, tab, "http://caf.net/")
		time.Sleep(500 * time.Millisecond)
		f.typeIn(t, tab, "pw", "nouveau-secret")
		f.typeIn(t, tab, "cb", "4970101234567890")
		time.Sleep(1500 * time.Millisecond)
		if v := f.eval(t, tab, `document.getElementById("pw").value + document.getElementById("cb").value`); v != "" {
			t.Fatalf("the fields hold %q", v)
		}
		for _, p := range f.site.postsTo("caf.net") {
			if !strings.HasSuffix(p, " v=") {
				t.Fatalf("a typed character reached the page's server: %q", p)
			}
		}
	})
}
