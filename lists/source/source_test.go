package source

import (
	"os"
	"strings"
	"testing"
)

func TestParseLine(t *testing.T) {
	e, err := ParseLine(`brand ameli.fr "ameli (Assurance Maladie)" words=ameli,Carte-Vitale password=https://assure.ameli.fr/`)
	if err != nil {
		t.Fatal(err)
	}
	if e.Domain != "ameli.fr" || e.Tier != Brand || e.Suffix || e.Label != "ameli (Assurance Maladie)" ||
		strings.Join(e.Words, ",") != "ameli,cartevitale" || e.PasswordURL != "https://assure.ameli.fr/" {
		t.Fatalf("got %+v", e)
	}
	// themestart= words are themes too, and marked.
	e, err = ParseLine(`brand antai.gouv.fr "ANTAI" themes=amande themestart=Amende,amendes`)
	if err != nil || strings.Join(e.Themes, ",") != "amande,amende,amendes" || strings.Join(e.ThemeStart, ",") != "amende,amendes" {
		t.Fatalf("themestart: %+v %v", e, err)
	}
	if _, err := ParseLine(`block faux.fr themestart=amende`); err == nil {
		t.Fatal("themestart= on a block entry accepted")
	}
	e, err = ParseLine(`brand *.gouv.fr "l'État"`)
	if err != nil || !e.Suffix || e.Domain != "gouv.fr" {
		t.Fatalf("suffix rule: %+v %v", e, err)
	}
	e, err = ParseLine(`local Mairie-Exemple.FR.`)
	if err != nil || e.Domain != "mairie-exemple.fr" || e.Tier != Local || e.Label != "mairie-exemple.fr" {
		t.Fatalf("local: %+v %v", e, err)
	}
	e, err = ParseLine(`local sécurité.fr`)
	if err != nil || e.Domain != "xn--scurit-bva2d.fr" && !strings.HasPrefix(e.Domain, "xn--") {
		t.Fatalf("IDN: %+v %v", e, err)
	}
}

func TestParseErrors(t *testing.T) {
	for _, bad := range []string{
		`gold ameli.fr`, `brand`, `brand fr`, `brand ameli.fr "unclosed`, `brand ameli.fr color=red`,
		`brand ameli.fr password=http://x.fr/`, `brand ameli.fr "a" "b"`, `brand xn--zz.fr`,
	} {
		if _, err := ParseLine(bad); err == nil {
			t.Errorf("ParseLine(%q) accepted", bad)
		}
	}
	_, err := Parse(strings.NewReader("# ok\nbrand ameli.fr\n\nbrand\n"))
	if err == nil || !strings.Contains(err.Error(), "line 4") {
		t.Fatalf("error does not name the line: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	def, err := os.ReadFile("../default.txt") // lists.Default (which imports this package)
	if err != nil {
		f.Fatal(err)
	}
	for _, l := range strings.SplitN(string(def), "\n", 40)[20:39] {
		f.Add(l)
	}
	f.Add(`brand *.gouv.fr "x" words=a,b`)
	f.Add("local \"\x00\" a=b")
	f.Fuzz(func(t *testing.T, s string) {
		es, err := Parse(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, e := range es {
			if e.Domain == "" || !strings.Contains(e.Domain, ".") {
				t.Fatalf("accepted entry without a domain: %+v", e)
			}
		}
	})
}

func TestBlockAndHonestLines(t *testing.T) {
	es, err := Parse(strings.NewReader("block Faux-Ameli.com imitates=ameli.fr\nhonest amelli.fr \"Boulangerie\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if es[0].Kind != Block || es[0].Domain != "faux-ameli.com" || es[0].Imitates != "ameli.fr" || es[1].Kind != Honest || es[1].Label != "Boulangerie" {
		t.Fatalf("%+v", es)
	}
	for _, bad := range []string{
		"block *.example.com",              // a rule, not a domain
		"honest a.fr words=a",              // words guard official sites only
		"local a.fr imitates=ameli.fr",     // imitates= is a block's
		"block a.fr imitates=not a domain", // a domain
	} {
		if _, err := ParseLine(bad); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}
