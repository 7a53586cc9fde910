package index

// A Bloom filter over the keys of the key tables (skeletons, deletions,
// joined forms, words, honest words, themes), derived at Load while the
// tables are checked: a few thousand brand keys, well under a millisecond
// even in WebAssembly, 8 KB of memory, nothing added to the bundle.
//
// Most hosts hold no brand word and no near one, yet the lookalike
// families look up every deletion of their label and every prefix and
// suffix of every token: without the filter each of those lookups is a
// binary search with string comparisons, and they made up most of the time
// of a verdict on an unknown host. A false positive (about 0.3 % at 3,000
// keys) only costs the binary search it would have done anyway.

// Table tags: the position of each key table in the check of Load.
const (
	tableSkel = iota
	tableDels
	tableJoined
	tableWords
	tableExcept
	tableTheme
)

const filterBits = 1 << 16

type filter [filterBits / 64]uint64

// keyHash is FNV-1a seeded with the table's tag, then mixed so that the
// three 16-bit probes taken from it are independent enough.
func keyHash(table byte, k string) uint64 {
	h := uint64(14695981039346656037) ^ uint64(table)
	for i := 0; i < len(k); i++ {
		h ^= uint64(k[i])
		h *= 1099511628211
	}
	h ^= h >> 31
	h *= 0x9e3779b97f4a7c15
	h ^= h >> 29
	return h
}

func (f *filter) add(h uint64) {
	for i := 0; i < 3; i++ {
		b := uint32(h>>(16*i)) & (filterBits - 1)
		f[b>>6] |= 1 << (b & 63)
	}
}

func (f *filter) has(h uint64) bool {
	for i := 0; i < 3; i++ {
		b := uint32(h>>(16*i)) & (filterBits - 1)
		if f[b>>6]&(1<<(b&63)) == 0 {
			return false
		}
	}
	return true
}
