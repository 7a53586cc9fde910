package index

import (
	"encoding/binary"
	"fmt"
)

// Pack and Unpack are the bundle's codec around DEFLATE. Two columns of
// the index are sequences of growing numbers that DEFLATE cannot predict:
// the domains' heap offsets (each domain follows the previous one) and the
// names table's entry ids (names mostly follow domain order). Pack stores
// them as differences from the previous value, which compress to almost
// nothing; Unpack restores them in one pass. The index in memory, and what
// Load checks, are unchanged.
func Pack(b []byte) ([]byte, error) {
	out := append([]byte(nil), b...)
	return out, deltas(out, true)
}

// Unpack reverses Pack in place.
func Unpack(b []byte) error { return deltas(b, false) }

func deltas(b []byte, encode bool) error {
	if len(b) < headerSize || !knownMagic(b) {
		return fmt.Errorf("%w: bad header", ErrFormat)
	}
	heapLen := int(binary.LittleEndian.Uint32(b[8:]))
	entriesLen := int(binary.LittleEndian.Uint32(b[12:]))
	byNameLen := int(binary.LittleEndian.Uint32(b[16:]))
	start := headerSize + heapLen
	if heapLen < 0 || entriesLen%entrySize != 0 || byNameLen%4 != 0 ||
		start+entriesLen+byNameLen > len(b) || start < 0 {
		return fmt.Errorf("%w: table sizes", ErrFormat)
	}
	n := entriesLen / entrySize
	delta32(b[start:start+4*n], encode)                             // domain offsets: the first column
	delta32(b[start+entriesLen:start+entriesLen+byNameLen], encode) // names table
	return nil
}

// delta32 turns u32 values into differences (mod 2^32) or back.
func delta32(b []byte, encode bool) {
	var prev uint32
	for i := 0; i+4 <= len(b); i += 4 {
		v := binary.LittleEndian.Uint32(b[i:])
		if encode {
			binary.LittleEndian.PutUint32(b[i:], v-prev)
			prev = v
		} else {
			prev += v
			binary.LittleEndian.PutUint32(b[i:], prev)
		}
	}
}
