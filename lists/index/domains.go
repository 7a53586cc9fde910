package index

// domainTable finds an entry by its exact domain: an open-addressing hash
// table derived at Load (half full; 8 bytes a slot, 512 KB for the
// 36k-host list). Every verdict asks for the host and its parents, every
// unknown host for each dotted run of its labels; a binary search over
// the sorted entries compared strings at each step, and domains that share
// their first bytes ("www.ville-…") made those comparisons long. Here a
// lookup reads one or two slots, compares a 32-bit check first, and the
// strings only when it matches.
type domainTable struct {
	slots []uint32 // entry + 1; 0 is an empty slot
	check []uint32 // the high half of the domain's hash
	mask  uint64
}

func (t *domainTable) init(n int) {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	t.slots = make([]uint32, size)
	t.check = make([]uint32, size)
	t.mask = uint64(size - 1)
}

func domainHash(d string) uint64 { return mixKey(tableEntries, poly(d)) }

// add puts entry e, of domain d, in the table. Load adds each entry once,
// and entries have distinct domains (checked there).
func (t *domainTable) add(e int, d string) {
	h := domainHash(d)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		if t.slots[i] == 0 {
			t.slots[i], t.check[i] = uint32(e+1), uint32(h>>32)
			return
		}
	}
}

func (t *domainTable) find(ix *Index, d string) (int, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	h := domainHash(d)
	c := uint32(h >> 32)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 {
			return 0, false
		}
		if t.check[i] == c && ix.domain(int(s-1)) == d {
			return int(s - 1), true
		}
	}
}
