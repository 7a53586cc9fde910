package lists

import (
	"testing"

	"vigie/lists/source"
)

// The shipped default list parses, has the brands phishers imitate, and
// holds at least 60 brand entries.
func TestDefaultList(t *testing.T) {
	es, err := DefaultEntries()
	if err != nil {
		t.Fatal(err)
	}
	brands := map[string]bool{}
	for _, e := range es {
		if e.Tier == source.Brand {
			brands[e.Domain] = true
		}
	}
	if len(brands) < 60 {
		t.Errorf("only %d brand entries", len(brands))
	}
	for _, d := range []string{"ameli.fr", "caf.fr", "impots.gouv.fr", "service-public.fr", "franceconnect.gouv.fr",
		"francetravail.fr", "msa.fr", "lassuranceretraite.fr", "info-retraite.fr", "agirc-arrco.fr", "urssaf.fr",
		"ants.gouv.fr", "antai.gouv.fr", "certificat-air.gouv.fr", "moncompteformation.gouv.fr", "mesdroitssociaux.gouv.fr",
		"laposte.fr", "labanquepostale.fr", "colissimo.fr", "chronopost.fr", "gouv.fr"} {
		if !brands[d] {
			t.Errorf("default list lacks brand %s", d)
		}
	}
}
