package e2e

import (
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Two official sites' forms that Vigie misread (issue 11), as real pages:
// a sign-up page that says "Définissez votre mot de passe" (no
// autocomplete, one field), where ameli.fr's password must not be reused,
// and a login page with a "Créer mon compte" link, where the same
// password is a login (a warning, not a block).
const (
	signupDefine = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Créer mon compte - caf.fr</title></head><body>
<h1>Créer mon compte</h1><form id="f" method="post" action="/inscription">
<label>Adresse électronique <input name="mail"></label>
<label for="pw">Définissez votre mot de passe</label> <input id="pw" name="pw" type="password">
<button id="go" type="submit">Valider</button></form></body></html>`
	loginWithCreateLink = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Connexion - impots.gouv.fr</title></head><body>
<h1>Connexion à votre espace particulier</h1><form id="f" method="post" action="/login">
<label>Numéro fiscal <input name="spi"></label><label>Mot de passe <input id="pw" name="pw" type="password"></label>
<button id="go" type="submit">Connexion</button></form>
<p>Pas encore de compte ? <a href="/creer">Créer mon compte</a></p></body></html>`
)

func setFieldKindPages(s *site) {
	s.setPage("www.ameli.fr", loginPage("ameli — mon compte", ""))
	s.setPage("www.caf.fr", signupDefine)
	s.setPage("cfspart.impots.gouv.fr", loginWithCreateLink)
}

// checkFieldKinds: submit(url, pw) types pw into #pw of the page at url
// and sends the form.
func checkFieldKinds(t *testing.T, s *site, submit func(url, pw string)) {
	submit("http://www.ameli.fr/", secret)
	waitFor(t, "the ameli login", func() bool { return len(s.postsTo("www.ameli.fr")) == 1 })
	submit("http://www.caf.fr/", secret)
	time.Sleep(time.Second)
	if p := s.postsTo("www.caf.fr"); leaked(p, secret) {
		t.Fatalf("ameli.fr's password was reused on caf.fr's sign-up page: %q", p)
	}
	submit("http://cfspart.impots.gouv.fr/", secret)
	waitFor(t, "the impots.gouv.fr login (a login, not a sign-up)", func() bool { return leaked(s.postsTo("cfspart.impots.gouv.fr"), secret) })
}

func TestFieldKindOnRealForms(t *testing.T) {
	b := newBrowser(t)
	setFieldKindPages(b.site)
	checkFieldKinds(t, b.site, func(url, pw string) {
		tab := b.tab(t)
		navigate(tab, url)
		if err := chromedp.Do(tab, chromedp.SendKeys(chromedp.ID("pw"), pw), chromedp.Click(chromedp.ID("go"))); err != nil {
			t.Fatal(err)
		}
	})
}

func TestFirefoxFieldKindOnRealForms(t *testing.T) {
	f := newFirefox(t)
	setFieldKindPages(f.site)
	checkFieldKinds(t, f.site, func(url, pw string) {
		tab := f.tab(t)
		f.navigate(t, tab, url)
		f.eval(t, tab, `(() => { const p = document.getElementById("pw"); p.focus(); p.value = `+strconv.Quote(pw)+`;
			document.getElementById("f").requestSubmit(); return "ok"; })()`)
	})
}
