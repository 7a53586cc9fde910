package e2e

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// A page that calls document.open()/write() at load erases every event
// listener of the document and the window, the password guard's too. The
// guard puts them back: ameli.fr's password typed there never reaches the
// server. Asserted at the server, with a control password that does.
func TestBothHostileDocumentOpen(t *testing.T) {
	eachBrowser(t, func(t *testing.T, d driver) {
		s := d.site()
		s.setPage("www.ameli.fr", loginPage("ameli — mon compte", ""))
		rewritten := loginPage("Connexion", "")
		s.setPage("www.aide-formulaires.fr", `<!doctype html><title>x</title><script>
document.open(); document.write(`+strconv.Quote(rewritten)+`); document.close();
</script>`)
		s.setPage("popup-ecrit.fr", `<!doctype html><title>Accueil</title><button id="open">Se connecter</button><script>
document.getElementById("open").onclick = () => {
  const w = window.open("about:blank");
  w.document.open(); w.document.write(`+strconv.Quote(strings.Replace(rewritten, `action="/login"`, `action="http://popup-ecrit.fr/login"`, 1))+`); w.document.close();
};</script>`)
		loginOnAmeli(t, d)
		hasForm := func(tab string) func() bool {
			return func() bool { return d.eval(t, tab, `String(!!document.getElementById("pw"))`) == "true" }
		}

		t.Run("page rewritten at load", func(t *testing.T) {
			typeIn := func(pw string) {
				tab := d.tab(t)
				d.navigate(t, tab, "http://www.aide-formulaires.fr/")
				waitFor(t, "the rewritten form", hasForm(tab))
				d.typeIn(t, tab, "pw", pw)
				d.click(t, tab, "go")
			}
			typeIn(other) // the control: a password of no official site goes through
			waitFor(t, "the control password sent", func() bool { return len(s.postsTo("www.aide-formulaires.fr")) == 1 })
			typeIn(secret)
			time.Sleep(1500 * time.Millisecond) // what a submission would take to arrive
			if p := s.postsTo("www.aide-formulaires.fr"); leaked(p, secret) {
				t.Fatalf("ameli.fr's password reached the page's server: %q", p)
			}
		})
		t.Run("about:blank popup written by script", func(t *testing.T) {
			typeInPopup := func(pw string) {
				tab := d.tab(t)
				d.navigate(t, tab, "http://popup-ecrit.fr/")
				popup := newTabAfter(t, d, "the written popup", func() { d.click(t, tab, "open") })
				waitFor(t, "the popup's form", hasForm(popup))
				d.typeIn(t, popup, "pw", pw)
				d.click(t, popup, "go")
				time.Sleep(1500 * time.Millisecond)
				d.closeTab(t, popup)
			}
			typeInPopup(other) // the control: this one is sent
			if p := s.postsTo("popup-ecrit.fr"); len(p) != 1 || !strings.Contains(p[0], other) {
				t.Fatalf("the control password did not reach the popup's server: %v", p)
			}
			typeInPopup(secret)
			if p := s.postsTo("popup-ecrit.fr"); leaked(p, secret) {
				t.Fatalf("ameli.fr's password reached the page's server: %q", p)
			}
		})
	})
}
