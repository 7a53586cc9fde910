package index

import (
	"fmt"
	"testing"

	"vigie/lists"
	"vigie/lists/source"
)

// The filter never hides a key (every key of every table passes it), and
// it answers "absent" for nearly every string that is not a key.
func TestFilter(t *testing.T) {
	ix, err := Load(lists.DefaultIndex)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	n := 0
	for tag, b := range [][]byte{ix.skel, ix.dels, ix.joined, ix.words, ix.except, ix.theme} {
		tb := keyTable{ix.heap, b}
		for i := 0; i < tb.len(); i++ {
			k := tb.key(i)
			keys[fmt.Sprint(tag, k)] = true
			n++
			if !ix.seen.has(keyHash(byte(tag), k)) {
				t.Fatalf("table %d key %q is filtered out", tag, k)
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d keys: the test does not exercise the filter", n)
	}
	fp, tries := 0, 0
	for i := 0; i < 100000; i++ {
		k := fmt.Sprintf("host%dname", i)
		if keys[fmt.Sprint(tableDels, k)] {
			continue
		}
		tries++
		if ix.seen.has(keyHash(tableDels, k)) {
			fp++
		}
	}
	if rate := float64(fp) / float64(tries); rate > 0.01 {
		t.Fatalf("false positive rate %.2f %% with %d keys", 100*rate, n)
	}
}

// The deletion hashes NearForms derives from prefix and suffix hashes are
// the hashes of the deletions themselves.
func TestDeletionHashes(t *testing.T) {
	for _, q := range []string{"ameli", "impotsgouv", "a", "aab", "x-y-z", "cartevitale2026", ""} {
		var del [63]uint64
		if h := deletionHashes(q, &del); h != poly(q) {
			t.Fatalf("%q: whole hash %x, want %x", q, h, poly(q))
		}
		for i := 0; i < len(q); i++ {
			if want := poly(q[:i] + q[i+1:]); del[i] != want {
				t.Fatalf("%q without byte %d: %x, want %x", q, i, del[i], want)
			}
		}
	}
}

// NearForms finds what looking up q and each of its deletions in the
// deletions table finds.
func TestNearForms(t *testing.T) {
	ix, err := Load(lists.DefaultIndex)
	if err != nil {
		t.Fatal(err)
	}
	t0 := keyTable{ix.heap, ix.dels}
	brute := func(q string) map[string]bool {
		got := map[string]bool{}
		look := func(k string) {
			for i := 0; i < t0.len(); i++ {
				if t0.key(i) == k {
					got[fmt.Sprint(t0.form(i), t0.entry(i))] = true
				}
			}
		}
		look(q)
		for i := 0; i < len(q); i++ {
			look(q[:i] + q[i+1:])
		}
		return got
	}
	found := 0
	for _, q := range []string{"amelli", "ameli", "aemli", "impotsgouv", "impotgouv", "impotsgouvv", "francetravaille", "lemonde", "xxxxxx", "cartevital"} {
		want := brute(q)
		found += len(want)
		got := map[string]bool{}
		ix.NearForms(q, func(form string, e int) bool { got[fmt.Sprint(form, e)] = true; return true })
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: NearForms %v, lookups %v", q, got, want)
		}
	}
	if found < 5 {
		t.Fatalf("only %d candidates in all: the test does not exercise NearForms", found)
	}
	n := 0
	ix.NearForms("amelli", func(string, int) bool { n++; return false })
	if n != 1 {
		t.Errorf("NearForms went on after fn said stop: %d calls", n)
	}
}

// With tens of thousands of entries, every domain is found and no other;
// the names' filter never hides a name and answers "absent" for nearly
// every other.
func TestEntryFilter(t *testing.T) {
	var es []source.Entry
	for i := 0; i < 30000; i++ {
		d := fmt.Sprintf("mairie-%d.fr", i)
		es = append(es, source.Entry{Domain: d, Tier: source.Local, Label: d})
	}
	ix, err := Build(es)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < ix.Len(); i++ {
		if _, ok := ix.Find(ix.domain(i)); !ok {
			t.Fatalf("entry %s not found", ix.domain(i))
		}
		found := false
		ix.Names(ix.name(i), func(e int) bool { found = found || e == i; return true })
		if !found {
			t.Fatalf("name %s not found", ix.name(i))
		}
	}
	fp := 0
	const tries = 100000
	for i := 0; i < tries; i++ {
		if _, ok := ix.Find(fmt.Sprintf("www.site-%d.com", i)); ok {
			t.Fatalf("www.site-%d.com found", i)
		}
		if _, ok := ix.Find(fmt.Sprintf("mairie-%d.fr", i+30000)); ok {
			t.Fatalf("mairie-%d.fr found", i+30000)
		}
		if ix.entryKeys.has(mixKey(tableNames, poly(fmt.Sprintf("site%d", i)))) {
			fp++
		}
	}
	if rate := float64(fp) / tries; rate > 0.01 {
		t.Fatalf("false positive rate %.1f %%", 100*rate)
	}
}
