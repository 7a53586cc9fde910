package index

import (
	"bytes"
	"errors"
	"testing"

	"vigie/lists/source"
)

func testEntries() []source.Entry {
	return []source.Entry{
		{Domain: "ameli.fr", Tier: source.Brand, Label: "ameli", Words: []string{"ameli", "cpam"}, Affix: []string{"ameli"}, Except: []string{"amelie"}, PasswordURL: "https://assure.ameli.fr/"},
		{Domain: "gouv.fr", Tier: source.Brand, Suffix: true, Label: "État", Words: []string{"gouv"}},
		{Domain: "impots.gouv.fr", Tier: source.Brand, Label: "Impôts", Words: []string{"impots"}},
		{Domain: "service-public.fr", Tier: source.Brand, Label: "SP"},
		{Domain: "histovec.interieur.gouv.fr", Tier: source.Brand, Label: "HistoVec"},
		{Domain: "mairie-x.blogspot.com", Tier: source.Local, Label: "Mairie X"},
		{Domain: "github.io", Tier: source.Local, Label: "platform (wrongly listed)"},
		{Domain: "ameli.fr", Tier: source.Local, Label: "duplicate, lower tier"},
	}
}

func build(t *testing.T) *Index {
	t.Helper()
	ix, err := Build(testEntries())
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestOfficial(t *testing.T) {
	ix := build(t)
	for _, c := range []struct {
		host, reg string
		want      string // entry domain, "" for none
	}{
		{"ameli.fr", "ameli.fr", "ameli.fr"},
		{"www.ameli.fr", "ameli.fr", "ameli.fr"},
		{"a.b.assure.ameli.fr", "ameli.fr", "ameli.fr"},
		{"xameli.fr", "xameli.fr", ""},
		{"ameli.fr.evil.com", "evil.com", ""},
		{"impots.gouv.fr", "impots.gouv.fr", "impots.gouv.fr"},
		{"anything.gouv.fr", "anything.gouv.fr", "gouv.fr"}, // the explicit suffix rule
		{"www.anything.gouv.fr", "anything.gouv.fr", "gouv.fr"},
		{"gouv.fr", "", ""}, // the rule covers what is under gouv.fr
		{"mairie-x.blogspot.com", "mairie-x.blogspot.com", "mairie-x.blogspot.com"},
		{"www.mairie-x.blogspot.com", "mairie-x.blogspot.com", "mairie-x.blogspot.com"},
		{"mairie-y.blogspot.com", "mairie-y.blogspot.com", ""},
		// A plain entry never reaches above the registrable domain: listing
		// a platform does not make its users official.
		{"evil.github.io", "evil.github.io", ""},
	} {
		i, ok := ix.Official(c.host, c.reg)
		got := ""
		if ok {
			got = ix.Entry(i).Domain
		}
		if got != c.want {
			t.Errorf("Official(%s) = %q, want %q", c.host, got, c.want)
		}
	}
}

func TestEntryFields(t *testing.T) {
	ix := build(t)
	i, ok := ix.Find("ameli.fr")
	if !ok {
		t.Fatal("ameli.fr not found")
	}
	e := ix.Entry(i)
	if e.Tier != source.Brand || e.Name != "ameli" || e.Label != "ameli" || e.PasswordURL != "https://assure.ameli.fr/" {
		t.Fatalf("duplicate handling or fields wrong: %+v", e)
	}
	i, _ = ix.Find("histovec.interieur.gouv.fr")
	if n := ix.Entry(i).Name; n != "histovec" {
		t.Fatalf("name of a deep entry = %q", n)
	}
	var joined []string
	ix.Joined("impotsgouv", func(e int) bool { joined = append(joined, ix.Entry(e).Domain); return true })
	if len(joined) != 1 || joined[0] != "impots.gouv.fr" {
		t.Fatalf("Joined(impotsgouv) = %v", joined)
	}
	found := false
	ix.Words("ameli", func(e int, fl byte) bool { found = fl&WordAffix != 0; return false })
	if !found {
		t.Fatal("ameli is not an affix word")
	}
	if !ix.IsExcept("amelie") || ix.IsExcept("ameli") {
		t.Fatal("except table wrong")
	}
	found = false
	ix.NearForms("amli", func(form string, e int) bool { found = form == "ameli"; return !found })
	if !found {
		t.Fatal("amli does not lead to ameli")
	}
	if !ix.HasWordPrefix("cpamxyz") || ix.HasWordPrefix("zzz") {
		t.Fatal("word prefixes wrong")
	}
}

func TestDeterministicAndRoundTrip(t *testing.T) {
	a, b := build(t).Bytes(), build(t).Bytes()
	if !bytes.Equal(a, b) {
		t.Fatal("two builds of the same list differ")
	}
	ix, err := Load(a)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ix.Bytes(), a) {
		t.Fatal("Load then Bytes changes the index")
	}
}

// Every truncation and every single-byte corruption of the header and of
// the records is either refused by Load or leaves an index whose lookups do
// not crash.
func TestLoadRefusesCorruption(t *testing.T) {
	good := build(t).Bytes()
	for n := 0; n < len(good); n++ {
		if _, err := Load(good[:n]); !errors.Is(err, ErrFormat) {
			t.Fatalf("truncated to %d bytes: err = %v", n, err)
		}
	}
	for i := 0; i < len(good); i++ {
		bad := bytes.Clone(good)
		bad[i] ^= 0xff
		ix, err := Load(bad)
		if err != nil {
			continue
		}
		for _, h := range []string{"www.ameli.fr", "x.gouv.fr", "amli", "impotsgouv"} {
			ix.Official(h, h)
			ix.Skeletons(h, func(int) bool { return true })
			ix.NearForms(h, func(string, int) bool { return true })
		}
		for e := 0; e < ix.Len(); e++ {
			ix.Entry(e)
		}
	}
}

func TestJoinedForms(t *testing.T) {
	for _, c := range []struct {
		domain, name string
		want         []string
	}{
		{"impots.gouv.fr", "impots", []string{"impots", "impotsgouv", "impotsgouvfr"}},
		{"service-public.fr", "service-public", []string{"servicepublic", "servicepublicfr"}},
		{"ameli.fr", "ameli", []string{"ameli", "amelifr"}},
	} {
		got := JoinedForms(c.domain, c.name)
		if len(got) != len(c.want) {
			t.Errorf("JoinedForms(%s) = %v, want %v", c.domain, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("JoinedForms(%s) = %v, want %v", c.domain, got, c.want)
			}
		}
	}
}

func FuzzLoad(f *testing.F) {
	ix, _ := Build(testEntries())
	f.Add(ix.Bytes())
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, b []byte) {
		ix, err := Load(b)
		if err != nil {
			return
		}
		ix.Official("www.ameli.fr", "ameli.fr")
		ix.Skeletons("ameli", func(int) bool { return true })
		for e := 0; e < ix.Len(); e++ {
			ix.Entry(e)
		}
	})
}

func TestPackRoundTrip(t *testing.T) {
	raw := build(t).Bytes()
	p, err := Pack(raw)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(p, raw) {
		t.Fatal("Pack changed nothing")
	}
	if err := Unpack(p); err != nil || !bytes.Equal(p, raw) {
		t.Fatalf("Unpack(Pack(x)) != x: %v", err)
	}
	if err := Unpack([]byte("junk")); err == nil {
		t.Fatal("junk unpacked")
	}
}
