// Package index is the official list in the form the engine searches in
// place: a string heap and fixed-width sorted tables, all in one byte slice.
//
// Every table is computed when the list is built (Build), never when it is
// loaded: the MV3 service worker restarts after 30 s idle, and building Go
// maps for 36k hosts costs 200–400 ms in WebAssembly at every restart. Load
// only checks the layout and keeps slices of the input.
//
// Tables (all sorted, searched by binary search):
//   - entries: official domains, by domain: exact and parent lookups.
//   - skeletons: UTS #39 skeleton of every entry's name → entry.
//   - deletions: every single-character deletion of each brand form
//     (name, name without hyphens, name joined with its suffix) → form, entry;
//     a query and its deletions meet the form's deletions when their
//     Damerau–Levenshtein distance is at most 1 (the SymSpell idea).
//   - joined: brand forms with hyphens and dots removed ("impotsgouv") → entry.
//   - words: brand words ("ameli", "cartevitale") → entry.
//   - prefixes: first three bytes of each brand word, to find words inside
//     a label without trying every substring.
//   - except: honest words that begin or end with a brand word ("amelie").
//   - themes: words that point at a brand without naming it ("amende").
package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unsafe"

	"vigie/lists/source"
	"vigie/wasm/hostname"
	"vigie/wasm/skeleton"
)

// Layout constants. Changing one changes the bundle format version.
const (
	// VIGIX3 added block and honest entries (flags). An engine before it
	// refuses such an index (it would read a block entry as official);
	// this one still reads VIGIX2, which has none.
	magic   = "VIGIX3\x00\x00"
	magicV2 = "VIGIX2\x00\x00"
	// entrySize is the bytes per entry across the entry columns: domain
	// offset 4, domain length 1, name start 1, name length 1, flags 1,
	// label offset 4, label length 2, password URL offset 4, its length 2.
	entrySize  = 20
	keySize    = 16
	numTables  = 9
	headerSize = 8 + 4 + 4*numTables // magic, heap length, table sizes
	// MaxEntries bounds a list: far above the 36k public-sector hosts, far
	// below what would exhaust the service worker's memory.
	MaxEntries = 1 << 20
	// MinEditName is the shortest brand name guarded by edit distance:
	// shorter names ("caf", "msa") have too many honest neighbours.
	MinEditName = 5
	// MinSkeletonName is the shortest name guarded by its skeleton: a
	// one- or two-letter label ("l" of l.beta.gouv.fr) looks like too much.
	MinSkeletonName = 3
	// MinEditWord is the shortest brand word whose typos are searched.
	MinEditWord = 7
	// MinAnywhereWord is the shortest brand word found anywhere inside a
	// label ("cartevitale" in amelipertecartevitale.fr): at this length a
	// word does not hide inside honest French words by chance.
	MinAnywhereWord = 8
)

// Entry flags.
const (
	flagBrand         = 1 << iota // tier brand (else local)
	flagSuffix                    // "*.domain": a suffix rule
	flagLabelIsDomain             // no label of its own: saves a column of offsets
	flagBlock                     // reported as fraudulent (source.Block): never official
	flagHonest                    // declared not a lookalike (source.Honest): never official
)

// Index is an immutable, searchable official list.
type Index struct {
	heap                                                             string
	entries, byName, skel, dels, joined, words, prefs, except, theme []byte
	maxWord                                                          int
	// seen answers "absent" for most lookups in the key tables; derived at
	// Load, see filter.go.
	seen filter
	// entryKeys answers "absent" for most names that are not those of an
	// entry; derived at Load, see filter.go.
	entryKeys bigFilter
	// domains finds an entry by its domain; derived at Load, see domains.go.
	domains domainTable
	// Column views of entries (slices of it, set by Load).
	n                                         int
	cDomOff, cDomLen, cNameStart, cNameLen    []byte
	cFlags, cLabelOff, cLabelLen, cPw, cPwLen []byte
}

// Word flags, in the words table.
const (
	// WordAffix: the word counts at the start or end of a label.
	WordAffix = 1 << iota
	// WordEnd: the word counts at the end of a label.
	WordEnd
)

// ThemeStart, in the themes table: the theme word also counts glued to
// the start of a label (source.Entry.ThemeStart). An engine that does not
// know the flag reads the word as a plain theme.
const ThemeStart = 1

// Entry is a view of one official entry.
type Entry struct {
	Domain      string
	Name        string // the distinctive label: "ameli", "impots", "histovec"
	Label       string // human name
	PasswordURL string
	Tier        source.Tier
	Suffix      bool
}

// NameOf returns the distinctive label of an official domain: the label
// before the public suffix, or the first label of a host deeper than its
// registrable domain ("histovec" for histovec.interieur.gouv.fr).
func NameOf(domain string) string {
	_, reg, _ := hostname.Split(domain)
	if reg == "" {
		return ""
	}
	if len(reg) < len(domain) {
		first := domain[:strings.IndexByte(domain, '.')]
		switch first {
		case "www", "www2", "www3", "m", "fr", "web":
		default:
			return first
		}
	}
	return reg[:strings.IndexByte(reg, '.')]
}

// Len is the number of entries.
func (ix *Index) Len() int { return ix.n }

// The entries are stored column by column (all domain offsets, then all
// domain lengths…): a column of like values compresses far better in the
// bundle than interleaved records, and is searched in place just as well.
func columns(b []byte, n int) (cols [9][]byte) {
	widths := [9]int{4, 1, 1, 1, 1, 4, 2, 4, 2}
	p := 0
	for i, w := range widths {
		cols[i] = b[p : p+w*n : p+w*n]
		p += w * n
	}
	return
}

func (ix *Index) setColumns() {
	ix.n = len(ix.entries) / entrySize
	c := columns(ix.entries, ix.n)
	ix.cDomOff, ix.cDomLen, ix.cNameStart, ix.cNameLen = c[0], c[1], c[2], c[3]
	ix.cFlags, ix.cLabelOff, ix.cLabelLen, ix.cPw, ix.cPwLen = c[4], c[5], c[6], c[7], c[8]
}

// Entry returns entry i.
func (ix *Index) Entry(i int) Entry {
	dom := ix.domain(i)
	fl := ix.cFlags[i]
	e := Entry{
		Domain:      dom,
		Name:        ix.name(i),
		Tier:        source.Tier(fl & flagBrand),
		Suffix:      fl&flagSuffix != 0,
		Label:       dom,
		PasswordURL: ix.str(ix.cPw[4*i:], uint32(binary.LittleEndian.Uint16(ix.cPwLen[2*i:]))),
	}
	if fl&flagLabelIsDomain == 0 {
		e.Label = ix.str(ix.cLabelOff[4*i:], uint32(binary.LittleEndian.Uint16(ix.cLabelLen[2*i:])))
	}
	return e
}

// Tier of entry i, without building the view.
func (ix *Index) Tier(i int) source.Tier { return source.Tier(ix.cFlags[i] & flagBrand) }

func (ix *Index) domain(i int) string { return ix.str(ix.cDomOff[4*i:], uint32(ix.cDomLen[i])) }

func (ix *Index) name(i int) string {
	d := ix.domain(i)
	s := int(ix.cNameStart[i])
	return d[s : s+int(ix.cNameLen[i])]
}

func (ix *Index) str(off []byte, n uint32) string {
	o := binary.LittleEndian.Uint32(off)
	return ix.heap[o : o+n]
}

// Find returns the entry whose domain is exactly d.
func (ix *Index) Find(d string) (int, bool) {
	i, ok := ix.domains.find(ix, d)
	if !ok || ix.cFlags[i]&(flagBlock|flagHonest) != 0 {
		return 0, false
	}
	return i, true
}

// Listed returns the block or honest entry that covers host: the host
// itself or a parent at or below its registrable domain (a feed's entry
// for a shared platform's host never covers the platform).
func (ix *Index) Listed(host, registrable string) (int, source.Kind, bool) {
	for h := host; len(h) >= len(registrable); {
		if i, ok := ix.domains.find(ix, h); ok {
			switch {
			case ix.cFlags[i]&flagBlock != 0:
				return i, source.Block, true
			case ix.cFlags[i]&flagHonest != 0:
				return i, source.Honest, true
			}
		}
		dot := strings.IndexByte(h, '.')
		if dot < 0 {
			break
		}
		h = h[dot+1:]
	}
	return 0, source.Official, false
}

// MayEndDomain reports whether some entry's domain may end with the label
// l ("fr", "com", "re"): false means none does. A dotted run of a host's
// labels that ends otherwise is not looked up.
func (ix *Index) MayEndDomain(l string) bool { return ix.seen.has(keyHash(tableLast, l)) }

// Official returns the entry that makes host official: the host itself or
// a parent at or below its registrable domain, or a suffix rule above it.
// A plain entry never reaches above the registrable domain, so an entry for
// a shared platform's host cannot make the whole platform official.
func (ix *Index) Official(host string, registrable string) (int, bool) {
	for h := host; ; {
		if i, ok := ix.Find(h); ok {
			if ix.cFlags[i]&flagSuffix != 0 {
				if len(h) < len(host) {
					return i, true
				}
			} else if len(h) >= len(registrable) {
				return i, true
			}
		}
		dot := strings.IndexByte(h, '.')
		if dot < 0 {
			return 0, false
		}
		h = h[dot+1:]
	}
}

// keyTable is a sorted table of 16-byte key records:
// keyOff u32, keyLen u8, formLen u8, pad u16, formOff u32, entry u32.
type keyTable struct {
	heap string
	b    []byte
}

func (t keyTable) len() int { return len(t.b) / keySize }

func (t keyTable) key(i int) string {
	r := t.b[i*keySize:]
	o := binary.LittleEndian.Uint32(r)
	return t.heap[o : o+uint32(r[4])]
}

func (t keyTable) form(i int) string {
	r := t.b[i*keySize:]
	o := binary.LittleEndian.Uint32(r[8:])
	return t.heap[o : o+uint32(r[5])]
}

func (t keyTable) entry(i int) int { return int(binary.LittleEndian.Uint32(t.b[i*keySize+12:])) }

// each calls fn for every record whose key is k, until fn returns false.
func (t keyTable) each(k string, fn func(i int) bool) {
	n := t.len()
	lo, hi := 0, n
	for lo < hi { // sort.Search without the closure's cost
		m := int(uint(lo+hi) >> 1)
		if t.key(m) < k {
			lo = m + 1
		} else {
			hi = m
		}
	}
	for i := lo; i < n && t.key(i) == k; i++ {
		if !fn(i) {
			return
		}
	}
}

// Names calls fn with each entry whose distinctive name is exactly s.
func (ix *Index) Names(s string, fn func(entry int) bool) {
	if !ix.entryKeys.has(mixKey(tableNames, poly(s))) {
		return
	}
	n := len(ix.byName) / 4
	id := func(k int) int { return int(binary.LittleEndian.Uint32(ix.byName[4*k:])) }
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ix.name(id(m)) < s {
			lo = m + 1
		} else {
			hi = m
		}
	}
	for k := lo; k < n && ix.name(id(k)) == s; k++ {
		if !fn(id(k)) {
			return
		}
	}
}

// Skeletons calls fn with each entry whose name has skeleton s. Names that
// are their own skeleton (nearly all) are found in the names table; the
// few others have their skeleton stored.
func (ix *Index) Skeletons(s string, fn func(entry int) bool) {
	more := true
	ix.Names(s, func(e int) bool { more = fn(e); return more })
	if !more {
		return
	}
	if !ix.seen.has(keyHash(tableSkel, s)) {
		return
	}
	t := keyTable{ix.heap, ix.skel}
	t.each(s, func(i int) bool { return fn(t.entry(i)) })
}

// NearForms calls fn with each brand form that has q, or one of the
// single-character deletions of q, among its own deletions (or is it):
// the candidates at Damerau–Levenshtein distance 1 or less, to be
// verified (the SymSpell idea). The filter sees every deletion's hash,
// computed from q's prefix and suffix hashes, before any string is built.
func (ix *Index) NearForms(q string, fn func(form string, entry int) bool) {
	const max = 63
	L := len(q)
	if L > max {
		return
	}
	t := keyTable{ix.heap, ix.dels}
	stop := false
	each := func(k string) {
		t.each(k, func(i int) bool {
			stop = !fn(t.form(i), t.entry(i))
			return !stop
		})
	}
	var del [max]uint64
	if ix.seen.has(mixKey(tableDels, deletionHashes(q, &del))) {
		each(q)
	}
	var buf [max]byte
	for i := 0; i < L && !stop; i++ {
		if i > 0 && q[i] == q[i-1] {
			continue // same deletion as the previous one
		}
		if !ix.seen.has(mixKey(tableDels, del[i])) {
			continue
		}
		n := copy(buf[:], q[:i])
		n += copy(buf[n:], q[i+1:])
		each(string(buf[:n]))
	}
}

// Joined calls fn with each brand whose joined form ("impotsgouv") is k.
func (ix *Index) Joined(k string, fn func(entry int) bool) {
	if !ix.seen.has(keyHash(tableJoined, k)) {
		return
	}
	t := keyTable{ix.heap, ix.joined}
	t.each(k, func(i int) bool { return fn(t.entry(i)) })
}

// Words calls fn with each brand that owns word w, and the word's flags.
func (ix *Index) Words(w string, fn func(entry int, flags byte) bool) {
	ix.words1(keyHash(tableWords, w), w, fn)
}

// WordsAt is Words for the piece s[i:j] of the string p was reset with
// (0 ≤ i ≤ j ≤ its length).
func (ix *Index) WordsAt(p *Pieces, i, j int, fn func(entry int, flags byte) bool) {
	ix.words1(mixKey(tableWords, p.hash(i, j)), p.s[i:j], fn)
}

// words1 looks up w, whose filter hash is h, in the words table.
func (ix *Index) words1(h uint64, w string, fn func(entry int, flags byte) bool) {
	if !ix.seen.has(h) {
		return
	}
	t := keyTable{ix.heap, ix.words}
	t.each(w, func(i int) bool { return fn(t.entry(i), t.b[i*keySize+6]) })
}

// ThemesAt is Themes for the piece s[i:j] of p's string.
func (ix *Index) ThemesAt(p *Pieces, i, j int, fn func(entry int) bool) {
	ix.themes1(mixKey(tableTheme, p.hash(i, j)), p.s[i:j], func(e int, _ byte) bool { return fn(e) })
}

// themes1 looks up w, whose filter hash is h, in the themes table.
func (ix *Index) themes1(h uint64, w string, fn func(entry int, flags byte) bool) {
	if !ix.seen.has(h) {
		return
	}
	t := keyTable{ix.heap, ix.theme}
	t.each(w, func(i int) bool { return fn(t.entry(i), t.b[i*keySize+6]) })
}

// WordsOf lists the brand words of entry e (a scan: for tools, not for
// verdicts).
func (ix *Index) WordsOf(e int) []string {
	t := keyTable{ix.heap, ix.words}
	var out []string
	for i := 0; i < t.len(); i++ {
		if t.entry(i) == e {
			out = append(out, t.key(i))
		}
	}
	return out
}

// Themes calls fn with each brand that owns theme word w.
func (ix *Index) Themes(w string, fn func(entry int) bool) {
	ix.themes1(keyHash(tableTheme, w), w, func(e int, _ byte) bool { return fn(e) })
}

// ThemeStarts calls fn with each brand that owns theme word w declared to
// count glued to the start of a label (ThemeStart).
func (ix *Index) ThemeStarts(w string, fn func(entry int) bool) {
	ix.themes1(keyHash(tableTheme, w), w, func(e int, fl byte) bool {
		if fl&ThemeStart == 0 {
			return true
		}
		return fn(e)
	})
}

// IsExcept reports whether w is an honest word that holds a brand word.
func (ix *Index) IsExcept(w string) bool {
	if !ix.seen.has(keyHash(tableExcept, w)) {
		return false
	}
	found := false
	keyTable{ix.heap, ix.except}.each(w, func(int) bool { found = true; return false })
	return found
}

// MaxWord is the length of the longest brand word.
func (ix *Index) MaxWord() int { return ix.maxWord }

// Tags of the 3-byte table: which kind of word a trigram opens or closes.
const (
	tagWordStart  = 0 // the first three bytes of a brand word
	tagAffixEnd   = 1 // the last three bytes of a word that counts at a label's end
	tagThemeStart = 2 // the first three bytes of a theme word
)

func trigram(tag byte, s string) uint32 {
	return uint32(tag)<<24 | uint32(s[0])<<16 | uint32(s[1])<<8 | uint32(s[2])
}

// HasWordPrefix reports whether some brand word starts with s[:3].
func (ix *Index) HasWordPrefix(s string) bool {
	return len(s) >= 3 && ix.hasTrigram(trigram(tagWordStart, s))
}

// HasAffixSuffix reports whether some word that counts at the end of a
// label ends with the last three bytes of s.
func (ix *Index) HasAffixSuffix(s string) bool {
	return len(s) >= 3 && ix.hasTrigram(trigram(tagAffixEnd, s[len(s)-3:]))
}

// HasThemePrefix reports whether some theme word starts with s[:3].
func (ix *Index) HasThemePrefix(s string) bool {
	return len(s) >= 3 && ix.hasTrigram(trigram(tagThemeStart, s))
}

func (ix *Index) hasTrigram(p uint32) bool {
	if !ix.seen.has(trigramHash(p)) {
		return false
	}
	lo, hi := 0, len(ix.prefs)/4
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		v := binary.LittleEndian.Uint32(ix.prefs[m*4:])
		switch {
		case v == p:
			return true
		case v < p:
			lo = m + 1
		default:
			hi = m
		}
	}
	return false
}

// Bytes returns the serialised index: the payload of a list bundle.
func (ix *Index) Bytes() []byte {
	tables := ix.tables()
	out := make([]byte, headerSize, headerSize+len(ix.heap)+sumLen(tables))
	copy(out, magic)
	binary.LittleEndian.PutUint32(out[8:], uint32(len(ix.heap)))
	for i, t := range tables {
		binary.LittleEndian.PutUint32(out[12+4*i:], uint32(len(t)))
	}
	out = append(out, ix.heap...)
	for _, t := range tables {
		out = append(out, t...)
	}
	return out
}

func (ix *Index) tables() [][]byte {
	return [][]byte{ix.entries, ix.byName, ix.skel, ix.dels, ix.joined, ix.words, ix.prefs, ix.except, ix.theme}
}

func sumLen(ts [][]byte) int {
	n := 0
	for _, t := range ts {
		n += len(t)
	}
	return n
}

// ErrFormat is returned for any index whose layout does not check out.
var ErrFormat = errors.New("index: malformed")

// Load checks the layout of b and returns an index that searches b in
// place; b must not change afterwards. Every offset in every record is checked against the heap, so a
// corrupt index is refused here rather than crashing a later lookup.
func Load(b []byte) (*Index, error) {
	if len(b) < headerSize || !knownMagic(b) {
		return nil, fmt.Errorf("%w: bad header", ErrFormat)
	}
	heapLen := int(binary.LittleEndian.Uint32(b[8:]))
	sizes := make([]int, numTables)
	total := headerSize + heapLen
	for i := range sizes {
		sizes[i] = int(binary.LittleEndian.Uint32(b[12+4*i:]))
		total += sizes[i]
		if sizes[i] < 0 || total < 0 || total > len(b) {
			return nil, fmt.Errorf("%w: table %d overruns the data", ErrFormat, i)
		}
	}
	if total != len(b) {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrFormat, len(b)-total)
	}
	// The heap is read in place as a string, not copied (723 KB for the
	// 36k-host list): b belongs to the index from here on.
	ix := &Index{}
	if heapLen > 0 {
		ix.heap = unsafe.String(&b[headerSize], heapLen)
	}
	p := headerSize + heapLen
	dst := []*[]byte{&ix.entries, &ix.byName, &ix.skel, &ix.dels, &ix.joined, &ix.words, &ix.prefs, &ix.except, &ix.theme}
	for i, d := range dst {
		*d = b[p : p+sizes[i] : p+sizes[i]]
		p += sizes[i]
	}
	if len(ix.entries)%entrySize != 0 || len(ix.entries)/entrySize > MaxEntries || len(ix.prefs)%4 != 0 || len(ix.byName)%4 != 0 {
		return nil, fmt.Errorf("%w: table sizes", ErrFormat)
	}
	ix.setColumns()
	if err := ix.check(); err != nil {
		return nil, err
	}
	for i := 0; i < len(ix.prefs); i += 4 {
		ix.seen.add(trigramHash(binary.LittleEndian.Uint32(ix.prefs[i:])))
	}
	return ix, nil
}

// checkChunk is how many records each call below checks: WebAssembly
// engines swap in a function's optimised code at its next call, so a
// check made in many short calls runs mostly optimised code (a list update
// and every worker wake load an index; see wasm/sha2).
const checkChunk = 1024

func (ix *Index) check() error {
	ix.entryKeys.init(ix.Len())
	ix.domains.init(ix.Len())
	prev := ""
	for lo := 0; lo < ix.Len(); lo += checkChunk {
		if err := ix.checkEntries(lo, min(lo+checkChunk, ix.Len()), &prev); err != nil {
			return err
		}
	}
	prev = ""
	for lo, n := 0, len(ix.byName)/4; lo < n; lo += checkChunk {
		if err := ix.checkNames(lo, min(lo+checkChunk, n), &prev); err != nil {
			return err
		}
	}
	for ti, b := range [][]byte{ix.skel, ix.dels, ix.joined, ix.words, ix.except, ix.theme} {
		if len(b)%keySize != 0 {
			return fmt.Errorf("%w: key table %d size", ErrFormat, ti)
		}
		prev = ""
		for lo, n := 0, len(b)/keySize; lo < n; lo += checkChunk {
			if err := ix.checkKeys(ti, keyTable{ix.heap, b}, lo, min(lo+checkChunk, n), &prev); err != nil {
				return err
			}
		}
	}
	return nil
}

// inHeap: n bytes at the offset off holds lie inside the heap.
func (ix *Index) inHeap(off []byte, n int) bool {
	return uint64(binary.LittleEndian.Uint32(off))+uint64(n) <= uint64(len(ix.heap))
}

// checkEntries checks entries lo to hi: their strings inside the heap,
// domains sorted after *prev; it fills the lookup filters.
func (ix *Index) checkEntries(lo, hi int, prev *string) error {
	for i := lo; i < hi; i++ {
		if !ix.inHeap(ix.cDomOff[4*i:], int(ix.cDomLen[i])) || int(ix.cNameStart[i])+int(ix.cNameLen[i]) > int(ix.cDomLen[i]) ||
			!ix.inHeap(ix.cLabelOff[4*i:], int(binary.LittleEndian.Uint16(ix.cLabelLen[2*i:]))) ||
			!ix.inHeap(ix.cPw[4*i:], int(binary.LittleEndian.Uint16(ix.cPwLen[2*i:]))) {
			return fmt.Errorf("%w: entry %d out of range", ErrFormat, i)
		}
		d := ix.domain(i)
		if i > 0 && d <= *prev {
			return fmt.Errorf("%w: entries not sorted at %d", ErrFormat, i)
		}
		*prev = d
		ix.domains.add(i, d)
		ix.seen.add(keyHash(tableLast, d[strings.LastIndexByte(d, '.')+1:]))
	}
	return nil
}

// checkNames checks the names table from lo to hi: entry ids in range,
// names sorted after *prev.
func (ix *Index) checkNames(lo, hi int, prev *string) error {
	for k := lo; k < hi; k++ {
		e := int(binary.LittleEndian.Uint32(ix.byName[4*k:]))
		if e >= ix.Len() {
			return fmt.Errorf("%w: names table out of range", ErrFormat)
		}
		nm := ix.name(e)
		if nm < *prev {
			return fmt.Errorf("%w: names table not sorted", ErrFormat)
		}
		*prev = nm
		ix.entryKeys.add(mixKey(tableNames, poly(nm)))
	}
	return nil
}

// checkKeys checks records lo to hi of key table ti: strings inside the
// heap, entries in range, keys sorted after *prev.
func (ix *Index) checkKeys(ti int, t keyTable, lo, hi int, prev *string) error {
	for i := lo; i < hi; i++ {
		r := t.b[i*keySize:]
		if !ix.inHeap(r[0:], int(r[4])) || !ix.inHeap(r[8:], int(r[5])) || t.entry(i) >= ix.Len() {
			return fmt.Errorf("%w: key table %d record %d out of range", ErrFormat, ti, i)
		}
		k := t.key(i)
		if k < *prev {
			return fmt.Errorf("%w: key table %d not sorted", ErrFormat, ti)
		}
		*prev = k
		ix.seen.add(keyHash(byte(ti), k))
		if ti == tableWords && len(k) > ix.maxWord {
			ix.maxWord = len(k)
		}
	}
	return nil
}

// ---- building ----

type builder struct {
	heap   strings.Builder
	offset map[string]uint32
}

func (b *builder) put(s string) uint32 {
	if o, ok := b.offset[s]; ok {
		return o
	}
	// Reuse a suffix of an existing string when it is one: names are
	// suffix-free, but many local entries share "www." forms.
	o := uint32(b.heap.Len())
	b.heap.WriteString(s)
	b.offset[s] = o
	return o
}

type keyRec struct {
	key, form string
	entry     int
	flags     byte
}

func knownMagic(b []byte) bool { return string(b[:8]) == magic || string(b[:8]) == magicV2 }

func kindName(k source.Kind) string {
	return [...]string{"official", "block", "honest"}[k]
}

// Build compiles entries into an index. Duplicate domains keep the first
// entry, brand tier winning over local. Output is deterministic.
func Build(in []source.Entry) (*Index, error) {
	if len(in) > MaxEntries {
		return nil, fmt.Errorf("index: %d entries, limit %d", len(in), MaxEntries)
	}
	byDomain := map[string]source.Entry{}
	for _, e := range in {
		if len(e.Domain) > 253 || len(e.Label) > 0xffff || len(e.PasswordURL) > 0xffff {
			return nil, fmt.Errorf("index: entry %q too long", e.Domain)
		}
		if old, ok := byDomain[e.Domain]; ok {
			if old.Kind != e.Kind {
				return nil, fmt.Errorf("index: %s is listed both as %s and as %s", e.Domain, kindName(old.Kind), kindName(e.Kind))
			}
			if old.Tier >= e.Tier {
				continue
			}
		}
		byDomain[e.Domain] = e
	}
	es := make([]source.Entry, 0, len(byDomain))
	for _, e := range byDomain {
		es = append(es, e)
	}
	sort.Slice(es, func(i, j int) bool { return es[i].Domain < es[j].Domain })

	b := &builder{offset: map[string]uint32{}}
	entries := make([]byte, len(es)*entrySize)
	cols := columns(entries, len(es))
	var skel, dels, joined, words, except, theme []keyRec
	var byName []int
	prefs := map[uint32]bool{}
	for i, e := range es {
		binary.LittleEndian.PutUint32(cols[0][4*i:], b.put(e.Domain))
		cols[1][i] = byte(len(e.Domain))
		name := ""
		if !e.Suffix {
			name = NameOf(e.Domain)
		}
		cols[2][i] = byte(strings.Index(e.Domain, name))
		cols[3][i] = byte(len(name))
		fl := byte(0)
		if e.Tier == source.Brand {
			fl |= flagBrand
		}
		if e.Suffix {
			fl |= flagSuffix
		}
		switch e.Kind {
		case source.Block:
			fl |= flagBlock
		case source.Honest:
			fl |= flagHonest
		}
		if e.Label == "" || e.Label == e.Domain {
			fl |= flagLabelIsDomain
		} else {
			binary.LittleEndian.PutUint32(cols[5][4*i:], b.put(e.Label))
			binary.LittleEndian.PutUint16(cols[6][2*i:], uint16(len(e.Label)))
		}
		cols[4][i] = fl
		if e.PasswordURL != "" {
			binary.LittleEndian.PutUint32(cols[7][4*i:], b.put(e.PasswordURL))
			binary.LittleEndian.PutUint16(cols[8][2*i:], uint16(len(e.PasswordURL)))
		}
		if e.Kind != source.Official {
			// Found by domain only: no name, skeleton or word of theirs
			// is guarded. A block entry's imitated site is its label.
			if e.Kind == source.Block && e.Imitates != "" && e.Label == e.Domain {
				cols[4][i] &^= flagLabelIsDomain
				binary.LittleEndian.PutUint32(cols[5][4*i:], b.put(e.Imitates))
				binary.LittleEndian.PutUint16(cols[6][2*i:], uint16(len(e.Imitates)))
			}
			continue
		}
		if len(name) >= MinSkeletonName {
			byName = append(byName, i)
			if sk := skeleton.Of(name); sk != name {
				skel = append(skel, keyRec{key: sk, entry: i})
			}
		}
		if e.Tier != source.Brand {
			continue
		}
		var forms []string
		for _, w := range e.Except {
			except = append(except, keyRec{key: w})
		}
		for _, w := range e.Themes {
			var fl byte
			for _, t := range e.ThemeStart {
				if t == w {
					fl |= ThemeStart
				}
			}
			theme = append(theme, keyRec{key: w, entry: i, flags: fl})
			if len(w) >= 3 {
				prefs[trigram(tagThemeStart, w)] = true
			}
		}
		for _, w := range e.Words {
			var fl byte
			for _, a := range e.Affix {
				if a == w {
					fl |= WordAffix
				}
			}
			for _, a := range e.End {
				if a == w {
					fl |= WordEnd
				}
			}
			words = append(words, keyRec{key: w, entry: i, flags: fl})
			if len(w) >= MinEditWord {
				forms = append(forms, w) // "cartevital" is one typo from a word
			}
			if len(w) >= 3 {
				prefs[trigram(tagWordStart, w)] = true
				if fl != 0 || len(w) >= MinAnywhereWord {
					prefs[trigram(tagAffixEnd, w[len(w)-3:])] = true
				}
			}
		}
		if name != "" {
			forms = append(forms, name)
			for k, j := range JoinedForms(e.Domain, name) {
				joined = append(joined, keyRec{key: j, entry: i})
				forms = append(forms, j)
				if k > 0 && len(j) >= MinEditName {
					// "impotsgouv" is as distinctive as a brand word:
					// espace-impotsgouv.com is a combosquat.
					words = append(words, keyRec{key: j, entry: i})
					prefs[trigram(tagWordStart, j)] = true
					if len(j) >= MinAnywhereWord {
						prefs[trigram(tagAffixEnd, j[len(j)-3:])] = true
					}
				}
			}
		}
		for _, f := range forms {
			if len(f) < MinEditName {
				continue
			}
			dels = append(dels, keyRec{key: f, form: f, entry: i})
			for k := 0; k < len(f); k++ {
				dels = append(dels, keyRec{key: f[:k] + f[k+1:], form: f, entry: i})
			}
		}
	}
	ix := &Index{entries: entries}
	nameOf := make(map[int]string, len(byName))
	for _, i := range byName {
		nameOf[i] = NameOf(es[i].Domain)
	}
	sort.SliceStable(byName, func(x, y int) bool { return nameOf[byName[x]] < nameOf[byName[y]] })
	ix.byName = make([]byte, 4*len(byName))
	for k, e := range byName {
		binary.LittleEndian.PutUint32(ix.byName[4*k:], uint32(e))
	}
	ix.skel = b.table(skel)
	ix.dels = b.table(dels)
	ix.joined = b.table(joined)
	ix.words = b.table(words)
	ix.except = b.table(except)
	ix.theme = b.table(theme)
	pl := make([]uint32, 0, len(prefs))
	for p := range prefs {
		pl = append(pl, p)
	}
	sort.Slice(pl, func(i, j int) bool { return pl[i] < pl[j] })
	ix.prefs = make([]byte, 4*len(pl))
	for i, p := range pl {
		binary.LittleEndian.PutUint32(ix.prefs[4*i:], p)
	}
	ix.heap = b.heap.String()
	// Round-trip through Load so that a built index and a loaded one are
	// the same thing, checked the same way.
	return Load(ix.Bytes())
}

// JoinedForms are the ways a brand's domain is written as one label: the
// name without hyphens, then "impotsgouv" and "impotsgouvfr" for
// impots.gouv.fr, "servicepublic" and "servicepublicfr" for service-public.fr.
func JoinedForms(domain, name string) []string {
	strip := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == '-' || r == '.' {
				return -1
			}
			return r
		}, s)
	}
	start := strings.Index(domain, name)
	rest := domain[start:]
	tld := rest[strings.LastIndexByte(rest, '.'):]
	var out []string
	add := func(s string) {
		s = strip(s)
		for _, o := range out {
			if o == s {
				return
			}
		}
		out = append(out, s)
	}
	add(name)
	add(strings.TrimSuffix(rest, tld))
	add(rest)
	return out
}

func (b *builder) table(recs []keyRec) []byte {
	sort.Slice(recs, func(i, j int) bool {
		if recs[i].key != recs[j].key {
			return recs[i].key < recs[j].key
		}
		if recs[i].entry != recs[j].entry {
			return recs[i].entry < recs[j].entry
		}
		if recs[i].flags != recs[j].flags {
			return recs[i].flags > recs[j].flags
		}
		return recs[i].form < recs[j].form
	})
	out := make([]byte, 0, len(recs)*keySize)
	for i, r := range recs {
		if i > 0 && recs[i-1].key == r.key && recs[i-1].entry == r.entry && recs[i-1].form == r.form {
			continue // duplicates: the first has the most flags
		}
		if len(r.key) > 255 || len(r.form) > 255 {
			continue // cannot be a DNS label: never matched anyway
		}
		var rec [keySize]byte
		binary.LittleEndian.PutUint32(rec[0:], b.put(r.key))
		rec[4] = byte(len(r.key))
		rec[5] = byte(len(r.form))
		rec[6] = r.flags
		binary.LittleEndian.PutUint32(rec[8:], b.put(r.form))
		binary.LittleEndian.PutUint32(rec[12:], uint32(r.entry))
		out = append(out, rec[:]...)
	}
	return out
}

// Blocked returns the domains of the block entries (reported as
// fraudulent) above which, or at which, no official entry lies, in the
// index's order: what may be blocked whole, subdomains included.
func (ix *Index) Blocked() []string {
	set := map[string]bool{}
	for i := 0; i < ix.n; i++ {
		if ix.cFlags[i]&flagBlock != 0 {
			set[ix.domain(i)] = true
		}
	}
	if len(set) == 0 {
		return nil
	}
	for i := 0; i < ix.n; i++ {
		if ix.cFlags[i]&(flagBlock|flagHonest) != 0 {
			continue
		}
		for d := ix.domain(i); d != ""; {
			delete(set, d)
			dot := strings.IndexByte(d, '.')
			if dot < 0 {
				break
			}
			d = d[dot+1:]
		}
	}
	var out []string
	for i := 0; i < ix.n; i++ {
		if d := ix.domain(i); ix.cFlags[i]&flagBlock != 0 && set[d] {
			out = append(out, d)
		}
	}
	return out
}
