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
	tablePrefs   // the 3-byte table
	tableEntries // the entries' domains (domains.go)
	tableNames   // the entries' distinctive names
	tableLast    // the last label of the entries' domains
)

const filterBits = 1 << 16

type filter [filterBits / 64]uint64

// keyHash is a polynomial hash of the key, seeded with the table's tag and
// mixed so that the three 16-bit probes taken from it are independent
// enough. Polynomial, so that the hashes of all single-character deletions
// of a string come from its prefix and suffix hashes at no extra cost
// (NearForms).
func keyHash(table byte, k string) uint64 { return mixKey(table, poly(k)) }

const hashBase = 0x100000001b3

func poly(k string) uint64 {
	var h uint64
	for i := 0; i < len(k); i++ {
		h = h*hashBase + uint64(k[i]) + 1
	}
	return h
}

// deletionHashes returns poly(q) and sets del[i] to poly of q without its
// byte i: poly(q[:i]) · base^(len(q)-1-i) + poly(q[i+1:]). len(q) ≤ 63.
func deletionHashes(q string, del *[63]uint64) uint64 {
	L := len(q)
	var pre, suf, pow [65]uint64
	pow[0] = 1
	for i := 0; i < L; i++ {
		pre[i+1] = pre[i]*hashBase + uint64(q[i]) + 1
		pow[i+1] = pow[i] * hashBase
	}
	for i := L - 1; i >= 0; i-- {
		suf[i] = suf[i+1] + (uint64(q[i])+1)*pow[L-1-i]
		del[i] = pre[i]*pow[L-1-i] + suf[i+1]
	}
	return pre[L]
}

// Pieces holds the hashes of every prefix of a label, so that the filter
// can be asked about any of its substrings without hashing it again: the
// combosquat family tries every word of 3 to 24 letters at every position
// where one may start.
type Pieces struct {
	s        string
	pre, pow [64]uint64
}

// Reset prepares p for s; it reports false, and prepares nothing, for an
// s longer than a DNS label (63 bytes).
func (p *Pieces) Reset(s string) bool {
	if len(s) > 63 {
		return false
	}
	p.s = s
	p.pow[0] = 1
	for i := 0; i < len(s); i++ {
		p.pre[i+1] = p.pre[i]*hashBase + uint64(s[i]) + 1
		p.pow[i+1] = p.pow[i] * hashBase
	}
	return true
}

// hash is poly(s[i:j]).
func (p *Pieces) hash(i, j int) uint64 { return p.pre[j] - p.pre[i]*p.pow[j-i] }

func mixKey(table byte, h uint64) uint64 {
	// One multiply spreads the polynomial's bits upward, the fold brings
	// the high ones down: enough for filter probes (their false-positive
	// rates are tested), and cheap, since every probe pays for it.
	h = (h ^ uint64(table+1)<<56) * 0x9e3779b97f4a7c15
	return h ^ h>>29
}

// trigramHash is the filter's hash of a record of the 3-byte table.
func trigramHash(p uint32) uint64 { return mixKey(tablePrefs, uint64(p)) }

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

// bigFilter is the same filter sized for the entries' names (tens of
// thousands): 16 bits a key or more, a false positive under 0.3 %. Every
// host that is not official has its label looked up (is it an official
// name, or the skeleton of one?); nearly always in vain, and each lookup
// would be a binary search over all entries.
type bigFilter struct {
	bits []uint64
	mask uint32
}

func (f *bigFilter) init(n int) {
	size := 1 << 10
	for size < 16*n && size < 1<<26 {
		size <<= 1
	}
	f.bits = make([]uint64, size/64)
	f.mask = uint32(size - 1)
}

func (f *bigFilter) add(h uint64) {
	for i := 0; i < 3; i++ {
		b := uint32(h>>(21*i)) & f.mask
		f.bits[b>>6] |= 1 << (b & 63)
	}
}

func (f *bigFilter) has(h uint64) bool {
	if f.bits == nil {
		return true
	}
	for i := 0; i < 3; i++ {
		b := uint32(h>>(21*i)) & f.mask
		if f.bits[b>>6]&(1<<(b&63)) == 0 {
			return false
		}
	}
	return true
}
