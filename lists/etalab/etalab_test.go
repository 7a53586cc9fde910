package etalab

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vigie/lists/source"
)

func TestRead(t *testing.T) {
	in := `http://aspach-le-bas.alsace
http://www.aspach-le-bas.alsace
https://www.bischheim.alsace/
https://mairie-x.blogspot.com
https://www.mairie-x.blogspot.com/page
http://huissier-justice.fr
http://www.huissier-justice.fr
not a url at all
http://192.168.0.1/
https://Niedersoultzbach.Hanau-LaPetitePierre.alsace
`
	es, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range es {
		if e.Tier != source.Local {
			t.Errorf("%s: tier %v", e.Domain, e.Tier)
		}
		got = append(got, e.Domain)
	}
	want := []string{
		"aspach-le-bas.alsace",    // www folded into the domain
		"bischheim.alsace",        //
		"mairie-x.blogspot.com",   // a host on a shared platform stays a host
		"huissier-justice.fr",     // a public suffix of its own: an exact entry
		"www.huissier-justice.fr", // ... so www is not folded into it
		"niedersoultzbach.hanau-lapetitepierre.alsace",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("got  %v\nwant %v", got, want)
	}
}

func TestReadEmpty(t *testing.T) {
	if _, err := Read(strings.NewReader("# nothing\n\n")); err == nil {
		t.Fatal("an empty list was accepted")
	}
}

// The real file from ../shared/data reads whole.
func TestReadShared(t *testing.T) {
	p := filepath.Join("..", "..", "..", "shared", "data", "etalab-urls.txt")
	if _, err := os.Stat(p); err != nil {
		// A clone without ../shared (make test says so): the built-in copy
		// below is read all the same.
		t.Skipf("../shared/data is absent (%v): the Etalab file is not read", err)
	}
	es, err := ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) < 30000 {
		t.Fatalf("only %d hosts read", len(es))
	}
}

// The built-in copy reads as the Etalab list does: tens of thousands of
// public-sector entries beside the national list.
func TestBuiltinEntries(t *testing.T) {
	es, err := BuiltinEntries()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range es {
		seen[e.Domain] = true
	}
	if len(es) < 31000 || !seen["bischheim.alsace"] || !seen["ameli.fr"] {
		t.Fatalf("%d entries; bischheim.alsace %v, ameli.fr %v", len(es), seen["bischheim.alsace"], seen["ameli.fr"])
	}
}
