package e2e

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

const (
	secret = "Marianne-1789!"
	other  = "Autre-Secret-42"
)

func loginPage(title, extra string) string {
	return fmt.Sprintf(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>%s</title></head><body>
<h1>%s</h1>
<form id="f" method="post" action="/login"><label>Identifiant <input id="user" name="user"></label>
<label>Mot de passe <input id="pw" name="pw" type="password"></label><button id="go" type="submit">Se connecter</button></form>
%s</body></html>`, title, title, extra)
}

const signupPage = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Créer mon compte CAF</title></head><body>
<form id="f" method="post" action="/inscription">
<label>Nouveau mot de passe <input id="pw" name="pw" type="password" autocomplete="new-password"></label>
<label>Confirmer <input id="pw2" name="pw2" type="password" autocomplete="new-password"></label>
<button id="go" type="submit">Créer</button></form></body></html>`

// A login sent by script: the page reads the field in its click handler.
const fetchPage = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Espace client</title></head><body>
<label>Mot de passe <input id="pw" type="password"></label><button id="go" type="button">Valider</button>
<p id="sent"></p>
<script>document.getElementById("go").addEventListener("click", () => {
  fetch("/api/login", {method: "POST", body: document.getElementById("pw").value})
    .then(() => { document.getElementById("sent").textContent = "envoyé"; });
});</script></body></html>`

// The same inside a shadow root.
const shadowPage = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Connexion</title></head><body>
<x-login></x-login><script>
customElements.define("x-login", class extends HTMLElement { constructor() { super();
  const r = this.attachShadow({mode: "open"});
  r.innerHTML = '<input id="pw" type="password"><button id="go" type="button">OK</button>';
  r.getElementById("go").addEventListener("click", () => fetch("/api/shadow", {method: "POST", body: r.getElementById("pw").value}));
}});</script></body></html>`

func TestPasswords(t *testing.T) {
	b := newBrowser(t)
	b.site.pages["www.ameli.fr"] = loginPage("ameli — mon compte", "")
	b.site.pages["www.connexion-securisee.fr"] = loginPage("Connexion", "")
	b.site.pages["espace-client-en-ligne.fr"] = fetchPage
	b.site.pages["portail-compte.fr"] = shadowPage
	b.site.pages["www.caf.fr"] = signupPage
	b.site.pages["portail-demarches.fr"] = `<!doctype html><title>Démarches</title><body style="margin:0">
<iframe src="http://iframe-connexion.fr/" style="position:absolute;left:100px;top:100px;width:400px;height:260px;border:0"></iframe>`
	b.site.pages["iframe-connexion.fr"] = `<!doctype html><title>f</title><body style="margin:0">
<form method="post" action="/login"><input id="pw" name="pw" type="password"
 style="position:absolute;left:10px;top:150px;width:200px;height:30px"></form>`
	b.site.pages["mon-dossier-2024.top"] = loginPage("Votre espace Assurance Maladie", `<p>Numéro de sécurité sociale <input name="nir"></p>`)

	// typeAndSubmit types into #pw (trusted key events) and clicks #go.
	typeAndSubmit := func(t *testing.T, url, pw string) {
		tab := b.tab(t)
		if err := navigate(tab, url); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(tab, chromedp.SendKeys(chromedp.ID("pw"), pw)); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(url, "caf.fr") {
			chromedp.Do(tab, chromedp.SendKeys(chromedp.ID("pw2"), pw))
		}
		if err := chromedp.Do(tab, chromedp.Click(chromedp.ID("go"))); err != nil {
			t.Fatal(err)
		}
		time.Sleep(700 * time.Millisecond) // the decision, then the request if any
	}

	t.Run("login on the official site is allowed", func(t *testing.T) {
		typeAndSubmit(t, "http://www.ameli.fr/", secret)
		waitFor(t, "the official site's login", func() bool { return len(b.site.postsTo("www.ameli.fr")) == 1 })
		if p := b.site.postsTo("www.ameli.fr"); !strings.Contains(p[0], "pw=Marianne-1789") {
			t.Fatalf("the official site did not get its login: %v", p)
		}
	})
	t.Run("the same password on an unknown site never leaves", func(t *testing.T) {
		typeAndSubmit(t, "http://www.connexion-securisee.fr/", secret)
		if p := b.site.postsTo("www.connexion-securisee.fr"); len(p) != 0 {
			t.Fatalf("the password reached the server: %v", p)
		}
	})
	t.Run("nor when the page sends it by script", func(t *testing.T) {
		typeAndSubmit(t, "http://espace-client-en-ligne.fr/", secret)
		if p := b.site.postsTo("espace-client-en-ligne.fr"); len(p) != 0 {
			t.Fatalf("the password reached the server: %v", p)
		}
	})
	t.Run("nor when pasted into a field inside a shadow root", func(t *testing.T) {
		tab := b.tab(t)
		if err := navigate(tab, "http://portail-compte.fr/"); err != nil {
			t.Fatal(err)
		}
		eval[bool](t, tab, `document.querySelector("x-login").shadowRoot.getElementById("pw").focus(), true`)
		if _, err := chromedp.Call(tab, input.InsertText, input.InsertTextParams{Text: secret}); err != nil { // as a paste does
			t.Fatal(err)
		}
		if err := chromedp.Do(tab, chromedp.Click(chromedp.JSPath(`document.querySelector("x-login").shadowRoot.getElementById("go")`))); err != nil {
			t.Fatal(err)
		}
		time.Sleep(700 * time.Millisecond)
		if p := b.site.postsTo("portail-compte.fr"); len(p) != 0 {
			t.Fatalf("the password reached the server: %v", p)
		}
		if v := eval[string](t, tab, `document.querySelector("x-login").shadowRoot.getElementById("pw").value`); v != "" {
			t.Fatal("the field was not cleared")
		}
		screenshot(t, tab, "password-blocked")
	})
	t.Run("nor from a login form inside a cross-site iframe", func(t *testing.T) {
		tab := b.tab(t)
		if err := navigate(tab, "http://portail-demarches.fr/"); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the iframe", func() bool {
			return eval[bool](t, tab, `(() => { const f = document.querySelector("iframe"); return !!f && f.getBoundingClientRect().width > 0; })()`)
		})
		time.Sleep(500 * time.Millisecond) // the frame's own load
		type rect struct {
			X float64 `json:"x"`
			Y float64 `json:"y"`
		}
		r := eval[rect](t, tab, `(() => { const b = document.querySelector("iframe").getBoundingClientRect(); return {x: b.left, y: b.top}; })()`)
		// A real click into the frame's field, typing, then Enter.
		login := func(pw string) {
			if err := chromedp.Do(tab, chromedp.MouseClickXY(r.X+40, r.Y+165)); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Call(tab, input.InsertText, input.InsertTextParams{Text: pw}); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(tab, chromedp.KeyEvent("\r")); err != nil {
				t.Fatal(err)
			}
		}
		// Control first: an ordinary password through the frame is sent,
		// so typing into the frame does work.
		login(other)
		waitFor(t, "the control login", func() bool { return len(b.site.postsTo("iframe-connexion.fr")) == 1 })
		if err := navigate(tab, "http://portail-demarches.fr/"); err != nil {
			t.Fatal(err)
		}
		time.Sleep(800 * time.Millisecond)
		login(secret)
		time.Sleep(700 * time.Millisecond)
		if p := b.site.postsTo("iframe-connexion.fr"); len(p) != 1 {
			t.Fatalf("the password reached the server: %v", p)
		}
	})
	t.Run("another password on an unknown site goes through", func(t *testing.T) {
		typeAndSubmit(t, "http://www.connexion-securisee.fr/", other)
		waitFor(t, "an ordinary login to go through", func() bool { return len(b.site.postsTo("www.connexion-securisee.fr")) == 1 })
	})
	t.Run("a login by script with an ordinary password goes through", func(t *testing.T) {
		typeAndSubmit(t, "http://espace-client-en-ligne.fr/", other)
		waitFor(t, "the page's own login by script", func() bool { return len(b.site.postsTo("espace-client-en-ligne.fr")) == 1 })
		if p := b.site.postsTo("espace-client-en-ligne.fr"); !strings.Contains(p[0], other) {
			t.Fatalf("the page's own login was broken: %v", p)
		}
	})
	t.Run("a page that names ameli and asks for a social security number is suspicious", func(t *testing.T) {
		// Its password field takes no typing: what the form may still send
		// holds nothing typed.
		typeAndSubmit(t, "http://mon-dossier-2024.top/", "tout-autre-mot")
		if p := b.site.postsTo("mon-dossier-2024.top"); leaked(p, "tout-autre-mot") || leaked(p, "tout") {
			t.Fatalf("a password reached an impersonating page: %v", p)
		}
	})
	t.Run("choosing ameli's password on caf.fr is refused", func(t *testing.T) {
		typeAndSubmit(t, "http://www.caf.fr/", secret)
		if p := b.site.postsTo("www.caf.fr"); len(p) != 0 {
			t.Fatalf("a reused password was accepted: %v", p)
		}
	})
	t.Run("a different new password on caf.fr is accepted", func(t *testing.T) {
		typeAndSubmit(t, "http://www.caf.fr/", "Caf-Nouveau-2026")
		waitFor(t, "a new password to be accepted", func() bool { return len(b.site.postsTo("www.caf.fr")) == 1 })
	})
	ext := b.extPage(t)
	t.Run("nothing of the password is stored", func(t *testing.T) {
		all := eval[string](t, ext, `Promise.all([chrome.storage.local.get(null), chrome.storage.session.get(null)]).then(JSON.stringify)`)
		sum := sha256.Sum256([]byte(secret))
		for _, needle := range []string{secret, hex.EncodeToString(sum[:]), base64.StdEncoding.EncodeToString(sum[:])} {
			if strings.Contains(all, needle) {
				t.Fatalf("storage holds %q", needle)
			}
		}
		if !strings.Contains(all, `"pw"`) {
			t.Fatal("the session's tags are not in storage.session: the worker would forget them asleep")
		}
		// The profile folder, every file: not in clear, not as an unkeyed hash.
		// (Forms and pages saw the password, so the cache could; Vigie's own
		// files are what this checks, and it keeps nothing on disk.)
		filepath.WalkDir(filepath.Join(b.profile, "Default", "Local Extension Settings"), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			data, _ := os.ReadFile(p)
			if strings.Contains(string(data), secret) || strings.Contains(string(data), hex.EncodeToString(sum[:])) {
				t.Errorf("%s holds the password", p)
			}
			return nil
		})
	})
	t.Run("after the session is wiped, the password is free again", func(t *testing.T) {
		if !eval[bool](t, ext, `chrome.runtime.sendMessage({type: "wipePasswords"}).then(r => r.ok)`) {
			t.Fatal("wipe failed")
		}
		before := len(b.site.postsTo("www.caf.fr"))
		typeAndSubmit(t, "http://www.caf.fr/", secret)
		waitFor(t, "the password to be free after the wipe", func() bool { return len(b.site.postsTo("www.caf.fr")) == before+1 })
	})
}
