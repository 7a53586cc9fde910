package engine

import (
	"strings"
	"testing"

	"vigie/wasm/passwords"
)

func TestImpersonation(t *testing.T) {
	e := newDefault(t)
	for _, c := range []struct{ url, text, want string }{
		{"https://secure-compte-client.com/login", "Connexion à votre compte ameli — Assurance Maladie", "ameli.fr"},
		{"https://xyz-portail.net/", "Espace particulier — Sécurité : IMPÔTS.GOUV", "impots.gouv.fr"},
		{"https://pay-now.top/", "Votre colis Colissimo est en attente", "colissimo.fr"},
		{"https://www.ameli.fr/", "Connexion à votre compte ameli", ""},           // the real site
		{"https://boulangerie-dupont.fr/", "Connexion à votre compte client", ""}, // names nobody
		{"https://cafe-du-port.fr/", "Le café du port vous accueille", ""},        // café is not caf
		// What a hostile page does to hide the name (issue 11):
		{"https://xyz-portail.net/", "Connexion à votre compte a m e l i", "ameli.fr"},
		{"https://xyz-portail.net/", "Connexion à votre compte A.M.E.L.I", "ameli.fr"},
		{"https://xyz-portail.net/", "Connexion à votre compte amel1", "ameli.fr"},
		{"https://xyz-portail.net/", "Connexion à votre compte ame1i", "ameli.fr"},
		{"https://xyz-portail.net/", "Espace 1mp0ts", "impots.gouv.fr"},
		{"https://xyz-portail.net/", "Connexion à votre compte Ａｍｅｌｉ", "ameli.fr"},
		{"https://xyz-portail.net/", strings.Repeat("Bienvenue sur notre portail de services. ", 300) + "Votre compte ameli", "ameli.fr"},
		// and what an honest page says that must not be read as a name:
		{"https://cafe-du-port.fr/", "Ouvert en 2024, 7j/7, 3 salles, 4 menus", ""},
		{"https://cafe-du-port.fr/", "Le café-brasserie, la cafétéria", ""},
	} {
		if got := e.Impersonation(c.url, c.text); got != c.want {
			t.Errorf("Impersonation(%s, %q) = %q, want %q", c.url, c.text, got, c.want)
		}
	}
}

func TestPasswordDecisions(t *testing.T) {
	e := newDefault(t)
	v, _ := passwords.New()
	const p = "Marianne-1789!"
	if d, _ := e.Password(v, p, "https://www.ameli.fr/connexion", passwords.Login, ""); d.Action != passwords.Allow {
		t.Fatalf("on ameli.fr: %+v", d)
	}
	if d, _ := e.Password(v, p, "https://exemple-inconnu.fr/login", passwords.Login, ""); d.Action != passwords.Block || d.Site != "ameli.fr" {
		t.Fatalf("on an unknown site: %+v", d)
	}
	if d, _ := e.Password(v, "autre", "https://pay-now.top/", passwords.Login, "colissimo.fr"); d.Action != passwords.Block || d.Site != "colissimo.fr" {
		t.Fatalf("on an impersonating page: %+v", d)
	}
	if d, _ := e.Password(v, p, "https://caf.fr/inscription", passwords.NewPassword, ""); d.Action != passwords.Block || d.Reason != "reuse-new" {
		t.Fatalf("new password reused: %+v", d)
	}
	d, change := e.Password(v, p, "https://impots.gouv.fr/", passwords.Login, "")
	if d.Action != passwords.Warn || change != "https://cfspart.impots.gouv.fr/" {
		t.Fatalf("login with a reused password: %+v %q", d, change)
	}
	var broken Engine
	if d, _ := broken.Password(v, p, "https://www.ameli.fr/", passwords.Login, ""); d.Action != passwords.Block {
		t.Fatalf("engine failure must block: %+v", d)
	}
}
