// Package sha2 is SHA-256 and SHA-512 (FIPS 180-4), with HMAC-SHA-256
// (RFC 2104) and PBKDF2-HMAC-SHA-256 (RFC 8018), for the WebAssembly
// engine.
//
// Why not crypto/sha256: any package of the standard library's crypto tree
// links its FIPS 140 machinery (the approved DRBG with AES and GCM, SHA-3,
// the self-tests), about 40 KB of brotli in a module that needs two hash
// functions. These are the specification's algorithms in plain Go, checked
// against the standard library on every length up to several blocks and by
// fuzzing (sha2_test.go); native code that does not ship in the module
// (signing, the list server) keeps using the standard library.
package sha2

import "encoding/binary"

const (
	// Size256 is the length of a SHA-256 digest.
	Size256    = 32
	blockSize  = 64
	chunk256   = blockSize
	lenBytes64 = 8
	callBlocks = 16
)

var k256 = [64]uint32{
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}

// Digest256 is a running SHA-256; the zero value is not ready: use New256.
type Digest256 struct {
	h   [8]uint32
	buf [chunk256]byte
	n   int    // bytes in buf
	len uint64 // bytes written
}

// New256 returns a SHA-256 ready to be written.
func New256() *Digest256 {
	d := new(Digest256)
	d.Reset()
	return d
}

// Reset makes d a fresh SHA-256.
func (d *Digest256) Reset() {
	d.h = [8]uint32{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19}
	d.n, d.len = 0, 0
}

// Write adds p to the message; it never fails.
func (d *Digest256) Write(p []byte) (int, error) {
	d.len += uint64(len(p))
	d.n = feed(d.buf[:], d.n, p, func(b []byte) { block256(&d.h, b) })
	return len(p), nil
}

// feed gives p to a hash of len(buf)-byte blocks: buf holds the n bytes
// a previous write left, block hashes whole blocks. It returns how many
// bytes buf holds now. At most callBlocks blocks go in one call of block:
// WebAssembly engines compile a function again, optimised, once it has
// run a while, and use that code from its next call on; one call over a
// whole list would run start to end in the first, slow tier (6× slower).
func feed(buf []byte, n int, p []byte, block func([]byte)) int {
	size := len(buf)
	if n > 0 {
		c := copy(buf[n:], p)
		n += c
		p = p[c:]
		if n < size {
			return n
		}
		block(buf)
	}
	for len(p) >= size {
		k := min(len(p)/size, callBlocks) * size
		block(p[:k])
		p = p[k:]
	}
	return copy(buf, p)
}

// Sum appends the digest of what was written to b; d is unchanged.
func (d *Digest256) Sum(b []byte) []byte {
	c := *d
	var pad [chunk256 + lenBytes64]byte
	pad[0] = 0x80
	// Pad to 56 mod 64, then the message length in bits, big-endian.
	k := (55 - c.len) % chunk256
	binary.BigEndian.PutUint64(pad[k+1:], c.len<<3)
	c.Write(pad[:k+1+lenBytes64])
	for _, v := range c.h {
		b = binary.BigEndian.AppendUint32(b, v)
	}
	return b
}

// Size is the digest's length; BlockSize its block length (for HMAC).
func (d *Digest256) Size() int      { return Size256 }
func (d *Digest256) BlockSize() int { return blockSize }

// Sum256 is the SHA-256 of data.
func Sum256(data []byte) (out [Size256]byte) {
	d := New256()
	d.Write(data)
	d.Sum(out[:0])
	return out
}

func rotr32(x uint32, n uint) uint32 { return x>>n | x<<(32-n) }

func block256(h *[8]uint32, p []byte) {
	var w [64]uint32
	for ; len(p) >= chunk256; p = p[chunk256:] {
		for i := 0; i < 16; i++ {
			w[i] = binary.BigEndian.Uint32(p[4*i:])
		}
		for i := 16; i < 64; i++ {
			s0 := rotr32(w[i-15], 7) ^ rotr32(w[i-15], 18) ^ w[i-15]>>3
			s1 := rotr32(w[i-2], 17) ^ rotr32(w[i-2], 19) ^ w[i-2]>>10
			w[i] = w[i-16] + s0 + w[i-7] + s1
		}
		a, b, c, dd, e, f, g, hh := h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]
		for i := 0; i < 64; i++ {
			t1 := hh + (rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25)) + (e&f ^ ^e&g) + k256[i] + w[i]
			t2 := (rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22)) + (a&b ^ a&c ^ b&c)
			hh, g, f, e, dd, c, b, a = g, f, e, dd+t1, c, b, a, t1+t2
		}
		h[0] += a
		h[1] += b
		h[2] += c
		h[3] += dd
		h[4] += e
		h[5] += f
		h[6] += g
		h[7] += hh
	}
}
