package e2e

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestPasswords in Firefox ESR: the same pages, typed into with trusted
// key events and the button pressed with the mouse (WebDriver BiDi); every
// case asserted at the server, each refusal with its control.
func TestFirefoxPasswords(t *testing.T) {
	f := newFirefox(t)
	f.site.setPage("www.ameli.fr", loginPage("ameli — mon compte", ""))
	f.site.setPage("www.connexion-securisee.fr", loginPage("Connexion", ""))
	f.site.setPage("espace-client-en-ligne.fr", fetchPage)
	f.site.setPage("portail-compte.fr", shadowPage)
	f.site.setPage("www.caf.fr", signupPage)
	f.site.setPage("mon-dossier-2024.top", loginPage("Votre espace Assurance Maladie", `<p>Numéro de sécurité sociale <input name="nir"></p>`))
	// send types pw into the password field(s) (in a shadow root when
	// shadow) with trusted key events and presses the page's button with
	// the mouse, as a visitor does.
	send := func(url, pw string, shadow bool) {
		tab := f.tab(t)
		f.navigate(t, tab, url)
		time.Sleep(300 * time.Millisecond) // the page described to the engine
		root := "document"
		if shadow {
			root = `document.querySelector("x-login").shadowRoot`
		}
		n, _ := strconv.Atoi(f.eval(t, tab, `String(`+root+`.querySelectorAll("input[type=password]").length)`))
		for i := 0; i < n; i++ {
			f.eval(t, tab, root+`.querySelectorAll("input[type=password]")[`+strconv.Itoa(i)+`].focus(), "ok"`)
			var keys []string
			for _, r := range pw {
				keys = append(keys, string(r))
			}
			f.keys(t, tab, keys...)
		}
		f.clickOnElement(t, tab, root+`.getElementById("go")`)
		time.Sleep(900 * time.Millisecond) // the decision, then the request if any
	}
	t.Run("login on the official site is allowed", func(t *testing.T) {
		send("http://www.ameli.fr/", secret, false)
		waitFor(t, "the official login", func() bool { return leaked(f.site.postsTo("www.ameli.fr"), secret) })
	})
	for _, c := range []struct {
		name, url, host string
		shadow          bool
	}{
		{"by a form", "http://www.connexion-securisee.fr/", "www.connexion-securisee.fr", false},
		{"by script", "http://espace-client-en-ligne.fr/", "espace-client-en-ligne.fr", false},
		{"from a shadow root", "http://portail-compte.fr/", "portail-compte.fr", true},
	} {
		t.Run("ameli's password on an unknown site never leaves, "+c.name, func(t *testing.T) {
			send(c.url, secret, c.shadow)
			if p := f.site.postsTo(c.host); leaked(p, secret) {
				t.Fatalf("the password reached the server: %q", p)
			}
			send(c.url, other, c.shadow) // the control
			waitFor(t, "an ordinary password to go through", func() bool { return leaked(f.site.postsTo(c.host), other) })
		})
	}
	t.Run("a page that names ameli and asks for a social security number takes no password", func(t *testing.T) {
		send("http://mon-dossier-2024.top/", "tout-autre-mot", false)
		if p := f.site.postsTo("mon-dossier-2024.top"); leaked(p, "tout-autre-mot") {
			t.Fatalf("a password reached an impersonating page: %q", p)
		}
	})
	t.Run("choosing ameli's password on caf.fr is refused, another is accepted", func(t *testing.T) {
		send("http://www.caf.fr/", secret, false)
		if p := f.site.postsTo("www.caf.fr"); leaked(p, secret) {
			t.Fatalf("a reused password was accepted: %q", p)
		}
		send("http://www.caf.fr/", "Caf-Nouveau-2026", false)
		waitFor(t, "a new password to be accepted", func() bool { return leaked(f.site.postsTo("www.caf.fr"), "Caf-Nouveau-2026") })
	})
	t.Run("nothing of the password is stored", func(t *testing.T) {
		page := f.vigiePage(t, "arneli.fr")
		all := f.eval(t, page, `Promise.all([chrome.storage.local.get(null), chrome.storage.session.get(null)]).then(JSON.stringify)`)
		if strings.Contains(all, secret) {
			t.Fatal("the password is in the extension's storage")
		}
	})
}
