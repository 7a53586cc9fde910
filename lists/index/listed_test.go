package index

import (
	"strings"
	"testing"

	"vigie/lists/source"
)

// Block and honest entries are found by domain (and for their subdomains)
// and never as official; they survive Bytes/Load; an index written before
// them (VIGIX2) still loads.
func TestListedEntries(t *testing.T) {
	es, err := source.Parse(strings.NewReader("brand ameli.fr words=ameli\nblock faux-ameli.com imitates=ameli.fr\nhonest amelli.fr\n"))
	if err != nil {
		t.Fatal(err)
	}
	built, err := Build(es)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Load(built.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		host, reg string
		kind      source.Kind
		ok        bool
	}{
		{"faux-ameli.com", "faux-ameli.com", source.Block, true},
		{"www.faux-ameli.com", "faux-ameli.com", source.Block, true},
		{"amelli.fr", "amelli.fr", source.Honest, true},
		{"ameli.fr", "ameli.fr", source.Official, false},
		{"com", "", source.Official, false},
	} {
		i, kind, ok := ix.Listed(c.host, c.reg)
		if ok != c.ok || kind != c.kind {
			t.Errorf("Listed(%s) = %v %v", c.host, kind, ok)
		}
		if ok && c.kind == source.Block && ix.Entry(i).Label != "ameli.fr" {
			t.Errorf("the imitated site is %q", ix.Entry(i).Label)
		}
	}
	for _, d := range []string{"faux-ameli.com", "amelli.fr"} {
		if _, ok := ix.Find(d); ok {
			t.Errorf("%s found as official", d)
		}
		if _, ok := ix.Official(d, d); ok {
			t.Errorf("%s official", d)
		}
	}
	old, _ := Build([]source.Entry{{Domain: "ameli.fr", Tier: source.Brand, Words: []string{"ameli"}}})
	b := old.Bytes()
	copy(b, "VIGIX2\x00\x00")
	if _, err := Load(b); err != nil {
		t.Fatalf("a VIGIX2 index: %v", err)
	}
	copy(b, "VIGIX9\x00\x00")
	if _, err := Load(b); err == nil {
		t.Fatal("an unknown index format loaded")
	}
}
