package engine

import (
	"strings"
	"testing"

	"vigie/lists/index"
	"vigie/lists/source"
)

func reportedEngine(t *testing.T, extra string) *Engine {
	t.Helper()
	src := `brand ameli.fr "Assurance Maladie (ameli)" words=ameli,cpam affix=ameli except=amelie
brand *.gouv.fr "Sites de l'État (gouv.fr)" words=gouv
block ameli-remboursement-sante.com imitates=ameli.fr
block mon-colis-suivi.example
block faux.github.io imitates=ameli.fr
block www.ameli.fr
` + extra
	es, err := source.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Build(es)
	if err != nil {
		t.Fatal(err)
	}
	return New(ix)
}

// A host the publisher's feeds reported is a lookalike ("reported"), with
// the official site the feed names; its subdomains too; a platform's
// other hosts are not; an official site is never taken down by a feed.
func TestReportedHosts(t *testing.T) {
	e := reportedEngine(t, "")
	for _, c := range []struct {
		url, kind, family, imitates string
	}{
		{"https://ameli-remboursement-sante.com/x", "lookalike", "reported", "ameli.fr"},
		{"https://secure.ameli-remboursement-sante.com/", "lookalike", "reported", "ameli.fr"},
		{"http://mon-colis-suivi.example/", "lookalike", "reported", ""},
		{"https://faux.github.io/ameli", "lookalike", "reported", "ameli.fr"},
		{"https://vrai.github.io/", "unknown", "", ""},
		{"https://github.io/", "unknown", "", ""},
		{"https://www.ameli.fr/", "official", "", "ameli.fr"},
	} {
		v := e.Check(c.url)
		if string(v.Kind) != c.kind || v.Family != c.family || v.Imitates != c.imitates {
			t.Errorf("%s: %s/%s imitates %q, want %s/%s %q", c.url, v.Kind, v.Family, v.Imitates, c.kind, c.family, c.imitates)
		}
	}
	if v := e.Check("https://ameli-remboursement-sante.com/"); v.RealURL != "https://ameli.fr/" {
		t.Errorf("real site %q", v.RealURL)
	}
}

// An honest neighbour is never a lookalike; without its declaration the
// same name is (the control).
func TestHonestNeighbours(t *testing.T) {
	for _, c := range []struct{ extra, want string }{{"", "lookalike"}, {"honest amelli.fr \"Amelli, boulangerie\"\n", "unknown"}} {
		v := reportedEngine(t, c.extra).Check("https://www.amelli.fr/")
		if string(v.Kind) != c.want {
			t.Errorf("with %q: %s (%s)", c.extra, v.Kind, v.Reason)
		}
	}
}

// The list cannot say a domain is official and reported at once.
func TestBlockAndOfficialConflict(t *testing.T) {
	es, _ := source.Parse(strings.NewReader("local mairie-x.fr\nblock mairie-x.fr\n"))
	if _, err := index.Build(es); err == nil || !strings.Contains(err.Error(), "both") {
		t.Fatalf("built: %v", err)
	}
}

// What the browser's rule engine blocks whole: the reported domains the
// engine judges lookalike, never one above an official entry (www.ameli.fr
// is official: its block stays with the engine) or a local site.
func TestBlockedDomains(t *testing.T) {
	e := reportedEngine(t, "block portail.mairie-y.fr\nblock mairie-y.fr\n")
	blocked, ok := e.BlockedDomains()
	got := strings.Join(blocked, " ")
	want := "ameli-remboursement-sante.com faux.github.io mairie-y.fr mon-colis-suivi.example portail.mairie-y.fr"
	if !ok || got != want {
		t.Fatalf("blocked %q (%v), want %q", got, ok, want)
	}
	if _, err := e.SetOverlay([]string{"portail.mairie-y.fr"}); err != nil {
		t.Fatal(err)
	}
	if blocked, ok = e.BlockedDomains(); !ok || strings.Join(blocked, " ") != "ameli-remboursement-sante.com faux.github.io mon-colis-suivi.example" {
		t.Fatalf("with the local site portail.mairie-y.fr: blocked %q", blocked)
	}
	var broken Engine // no state at all: a panic inside, recovered
	if d, ok := broken.BlockedDomains(); ok || d != nil {
		t.Fatalf("a failing engine answered %q, %v", d, ok)
	}
}
