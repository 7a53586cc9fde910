package index

import (
	"fmt"
	"testing"

	"vigie/lists"
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
