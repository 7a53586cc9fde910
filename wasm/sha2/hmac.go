package sha2

import "encoding/binary"

// HMAC256 is HMAC-SHA-256 (RFC 2104) of msg under key.
func HMAC256(key, msg []byte) [Size256]byte {
	var m mac256
	m.init(key)
	return m.sum(msg)
}

// mac256 holds the inner and outer states after the key, so that PBKDF2's
// many HMACs under one key hash the padded key once.
type mac256 struct{ inner, outer Digest256 }

func (m *mac256) init(key []byte) {
	if len(key) > blockSize {
		k := Sum256(key)
		key = k[:]
	}
	var ipad, opad [blockSize]byte
	copy(ipad[:], key)
	copy(opad[:], key)
	for i := range ipad {
		ipad[i] ^= 0x36
		opad[i] ^= 0x5c
	}
	m.inner.Reset()
	m.inner.Write(ipad[:])
	m.outer.Reset()
	m.outer.Write(opad[:])
}

func (m *mac256) sum(msg []byte) (out [Size256]byte) {
	in := m.inner
	in.Write(msg)
	var ih [Size256]byte
	in.Sum(ih[:0])
	o := m.outer
	o.Write(ih[:])
	o.Sum(out[:0])
	return out
}

// PBKDF2SHA256 derives keyLen bytes from password and salt with iter
// rounds of HMAC-SHA-256 (RFC 8018, section 5.2).
func PBKDF2SHA256(password, salt []byte, iter, keyLen int) []byte {
	var m mac256
	m.init(password)
	out := make([]byte, 0, keyLen+Size256)
	msg := make([]byte, len(salt)+4)
	copy(msg, salt)
	for block := uint32(1); len(out) < keyLen; block++ {
		binary.BigEndian.PutUint32(msg[len(salt):], block)
		u := m.sum(msg)
		t := u
		for n := 1; n < iter; n++ {
			u = m.sum(u[:])
			for i := range t {
				t[i] ^= u[i]
			}
		}
		out = append(out, t[:]...)
	}
	return out[:keyLen]
}
