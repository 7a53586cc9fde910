// Package bundle is the signed, versioned file that carries an official
// list from the publisher to the terminals. Its payload is the engine's
// index itself (lists/index), compressed: loading a bundle builds nothing.
//
// Layout (all integers little-endian; docs/bundle-format.md):
//
//	magic      8  "VIGIEB1\n"
//	hlen       2  header length
//	header  hlen  format u16 (3) | name len u8 | name | version u64 |
//	              created i64 | expires i64 | key id [8] | entries u32 |
//	              index len u32 | payload len u32 | payload SHA-256 [32] |
//	              index SHA-256 [32] | revoked count u8 | revoked key ids [8]…
//	payload       DEFLATE of the index bytes, two columns delta-coded (index.Pack)
//	signature 64  Ed25519 over magic | hlen | header
//
// The signature covers the header, which commits to the payload's length
// and hash, as minisign's signature covers a hash and a trusted comment,
// and to the hash of the payload once inflated: in the extension the
// browser inflates (DecompressionStream) and the engine checks what it
// gets against that hash, so the module carries no inflater (Check, then
// VerifyInflated). Parsing is bounded: every length is checked against the
// limits and the actual size before anything is allocated from it.
package bundle

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"time"

	"vigie/lists/index"
	"vigie/wasm/sha2"
	"vigie/wasm/sig"
)

const (
	Magic = "VIGIEB1\n"
	// FormatVersion is the only format read. Formats 1 and 2 had no hash
	// of the inflated payload, which an engine that does not inflate
	// needs: they are refused with a message that says to rebuild.
	FormatVersion = 3
	// MaxRevoked bounds the key ids one bundle revokes.
	MaxRevoked = 32
	// MaxSize bounds a bundle file: the 36k-host list takes well under 1 MiB.
	MaxSize = 8 << 20
	// MaxIndex bounds the index once decompressed (a deflate bomb stops here).
	MaxIndex = 64 << 20
	// MaxHeader bounds the header.
	MaxHeader = 512
	// MaxName bounds a list name.
	MaxName = 64
	sigSize = sig.SignatureSize
	// SignatureSize is the signature's length at the end of a bundle.
	SignatureSize = sigSize
)

// Errors, one per reason a bundle is refused. Callers test with errors.Is
// and show the reason to the mediator.
var (
	ErrTooLarge   = errors.New("bundle too large")
	ErrTruncated  = errors.New("bundle truncated or with trailing bytes")
	ErrFormat     = errors.New("not a Vigie bundle")
	ErrUnknownKey = errors.New("signed by an unknown key")
	ErrSignature  = errors.New("bad signature")
	ErrPayload    = errors.New("payload does not match its signed hash")
	ErrName       = errors.New("bundle of another list")
	ErrRollback   = errors.New("not newer than the list in force")
	ErrExpired    = errors.New("bundle expired")
	ErrRevoked    = errors.New("signed by a revoked key")
)

// Header is the signed description of a bundle.
type Header struct {
	Format     uint16
	Name       string
	Version    uint64
	Created    time.Time
	Expires    time.Time // zero: never (only for bundles built into the extension)
	KeyID      KeyID
	Entries    uint32
	IndexLen   uint32
	PayloadLen uint32
	PayloadSum [32]byte
	IndexSum   [32]byte // SHA-256 of the payload inflated (index len bytes)
	Revoked    []KeyID  // keys this bundle's publisher revokes
}

// Bundle is a parsed bundle, not yet verified.
type Bundle struct {
	Header  Header
	Payload []byte
	signed  []byte // magic | hlen | header
	sig     []byte
}

// Seal assembles a bundle of header h and payload, signed by sign (the
// publisher's Ed25519 signature of the bytes it is given: lists/publish,
// which the engine does not link). h.PayloadLen and h.PayloadSum are set
// from payload.
func Seal(h Header, payload []byte, sign func(signed []byte) []byte) ([]byte, error) {
	if err := CheckName(h.Name); err != nil {
		return nil, err
	}
	if len(h.Revoked) > MaxRevoked {
		return nil, fmt.Errorf("at most %d revoked keys in one bundle", MaxRevoked)
	}
	for _, id := range h.Revoked {
		if id == h.KeyID {
			return nil, fmt.Errorf("key %s cannot revoke itself: sign with the key that replaces it", id)
		}
	}
	h.PayloadLen, h.PayloadSum = uint32(len(payload)), sha2.Sum256(payload)
	hdr := encodeHeader(h)
	out := make([]byte, 0, len(Magic)+2+len(hdr)+len(payload)+sigSize)
	out = append(out, Magic...)
	out = binary.LittleEndian.AppendUint16(out, uint16(len(hdr)))
	out = append(out, hdr...)
	signedLen := len(out)
	out = append(out, payload...)
	s := sign(out[:signedLen])
	if len(s) != sigSize {
		return nil, fmt.Errorf("signature of %d bytes", len(s))
	}
	out = append(out, s...)
	if len(out) > MaxSize {
		return nil, fmt.Errorf("%w: %d bytes", ErrTooLarge, len(out))
	}
	return out, nil
}

func encodeHeader(h Header) []byte {
	b := binary.LittleEndian.AppendUint16(nil, h.Format)
	b = append(b, byte(len(h.Name)))
	b = append(b, h.Name...)
	b = binary.LittleEndian.AppendUint64(b, h.Version)
	b = binary.LittleEndian.AppendUint64(b, uint64(h.Created.Unix()))
	var exp int64
	if !h.Expires.IsZero() {
		exp = h.Expires.Unix()
	}
	b = binary.LittleEndian.AppendUint64(b, uint64(exp))
	b = append(b, h.KeyID[:]...)
	b = binary.LittleEndian.AppendUint32(b, h.Entries)
	b = binary.LittleEndian.AppendUint32(b, h.IndexLen)
	b = binary.LittleEndian.AppendUint32(b, h.PayloadLen)
	b = append(b, h.PayloadSum[:]...)
	b = append(b, h.IndexSum[:]...)
	b = append(b, byte(len(h.Revoked)))
	for _, id := range h.Revoked {
		b = append(b, id[:]...)
	}
	return b
}

// Parse reads the structure of a bundle without trusting it: sizes are
// checked, the signature and hash are not (see Verify).
func Parse(b []byte) (*Bundle, error) {
	if len(b) > MaxSize {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(b), MaxSize)
	}
	if len(b) < len(Magic)+2 || string(b[:len(Magic)]) != Magic {
		if len(b) > 0 && len(b) < len(Magic) && string(b) == Magic[:len(b)] {
			return nil, ErrTruncated
		}
		return nil, ErrFormat
	}
	hlen := int(binary.LittleEndian.Uint16(b[len(Magic):]))
	if hlen > MaxHeader {
		return nil, fmt.Errorf("%w: header of %d bytes", ErrFormat, hlen)
	}
	p := len(Magic) + 2
	if len(b) < p+hlen {
		return nil, ErrTruncated
	}
	h, err := decodeHeader(b[p : p+hlen])
	if err != nil {
		return nil, err
	}
	p += hlen
	if h.IndexLen > MaxIndex {
		return nil, fmt.Errorf("%w: index of %d bytes", ErrTooLarge, h.IndexLen)
	}
	if uint64(p)+uint64(h.PayloadLen)+sigSize != uint64(len(b)) {
		return nil, fmt.Errorf("%w: %d bytes, header says %d", ErrTruncated, len(b), uint64(p)+uint64(h.PayloadLen)+sigSize)
	}
	end := p + int(h.PayloadLen)
	return &Bundle{Header: h, Payload: b[p:end], signed: b[:p], sig: b[end:]}, nil
}

// errShortHeader is made once: formatting it at every header decoded cost
// milliseconds of a list update in WebAssembly.
var errShortHeader = fmt.Errorf("%w: short header", ErrFormat)

func decodeHeader(b []byte) (Header, error) {
	var h Header
	if len(b) < 3 {
		return h, errShortHeader
	}
	h.Format = binary.LittleEndian.Uint16(b)
	if h.Format != FormatVersion {
		return h, fmt.Errorf("%w: format %d, this engine reads format %d: rebuild the list with this release's listctl", ErrFormat, h.Format, FormatVersion)
	}
	n := int(b[2])
	b = b[3:]
	const fixed = 8 + 8 + 8 + 8 + 4 + 4 + 4 + 32 + 32
	if len(b) < n+fixed+1 {
		return h, errShortHeader
	}
	rest := b[n+fixed:]
	if int(rest[0]) > MaxRevoked || len(rest) != 1+8*int(rest[0]) {
		return h, fmt.Errorf("%w: revoked keys", ErrFormat)
	}
	for r := rest[1:]; len(r) > 0; r = r[8:] {
		var id KeyID
		copy(id[:], r)
		h.Revoked = append(h.Revoked, id)
	}
	h.Name = string(b[:n])
	if err := CheckName(h.Name); err != nil {
		return h, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	b = b[n:]
	h.Version = binary.LittleEndian.Uint64(b)
	h.Created = time.Unix(int64(binary.LittleEndian.Uint64(b[8:])), 0).UTC()
	if exp := int64(binary.LittleEndian.Uint64(b[16:])); exp != 0 {
		h.Expires = time.Unix(exp, 0).UTC()
	}
	copy(h.KeyID[:], b[24:32])
	h.Entries = binary.LittleEndian.Uint32(b[32:])
	h.IndexLen = binary.LittleEndian.Uint32(b[36:])
	h.PayloadLen = binary.LittleEndian.Uint32(b[40:])
	copy(h.PayloadSum[:], b[44:76])
	copy(h.IndexSum[:], b[76:108])
	for _, id := range h.Revoked {
		if id == h.KeyID {
			return h, fmt.Errorf("%w: a key revokes itself", ErrFormat)
		}
	}
	return h, nil
}

// CheckName says whether name can name a list.
func CheckName(name string) error {
	if name == "" || len(name) > MaxName {
		return fmt.Errorf("list name must have 1 to %d characters", MaxName)
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return fmt.Errorf("list name %q: only a-z, 0-9, '-', '_', '.'", name)
		}
	}
	return nil
}

// Policy is what a verifier requires of a bundle.
type Policy struct {
	Keys Keyring
	// Name, when set, must be the bundle's list name.
	Name string
	// Current is the version in force: a bundle must be newer (rollback).
	Current uint64
	// Now is compared with the expiry date (freeze). Zero: time.Now().
	Now time.Time
	// AllowNoExpiry accepts bundles that never expire (built-in lists only).
	AllowNoExpiry bool
	// Revoked keys: their bundles are refused even though Keys has them.
	Revoked map[KeyID]bool
}

// Check verifies everything that does not need the payload inflated, in
// the order that costs least first: structure, a trusted key not revoked,
// the signature, the header's claims, the compressed payload's hash. The
// payload it returns is then the publisher's: what a caller may inflate
// (Header.IndexLen bytes) and give to VerifyInflated.
func Check(b []byte, p Policy) (*Bundle, error) {
	bu, err := p.authentic(b)
	if err != nil {
		return bu, err
	}
	if sha2.Sum256(bu.Payload) != bu.Header.PayloadSum {
		return bu, ErrPayload
	}
	return bu, nil
}

// VerifyInflated verifies b as Check does, except the compressed payload,
// and takes packed as its payload inflated: packed must be exactly what
// the header's index hash says, then its index must check out. It returns
// the header and the index, which uses packed's memory (decoded in place).
// A refused bundle changes nothing.
func VerifyInflated(b, packed []byte, p Policy) (Header, *index.Index, error) {
	bu, err := p.authentic(b)
	if err != nil {
		if bu == nil {
			return Header{}, nil, err
		}
		return bu.Header, nil, err
	}
	h := bu.Header
	if uint64(len(packed)) != uint64(h.IndexLen) {
		return h, nil, fmt.Errorf("%w: inflated to %d bytes, header says %d", ErrPayload, len(packed), h.IndexLen)
	}
	if sha2.Sum256(packed) != h.IndexSum {
		return h, nil, fmt.Errorf("%w: the inflated index does not match its signed hash", ErrPayload)
	}
	if err := index.Unpack(packed); err != nil {
		return h, nil, fmt.Errorf("%w: %v", ErrPayload, err)
	}
	ix, err := index.Load(packed)
	if err != nil {
		return h, nil, fmt.Errorf("%w: %v", ErrPayload, err)
	}
	if uint32(ix.Len()) != h.Entries {
		return h, nil, fmt.Errorf("%w: %d entries, header says %d", ErrPayload, ix.Len(), h.Entries)
	}
	return h, ix, nil
}

// authentic parses b and checks its signer and signature, then what its
// header claims.
func (p Policy) authentic(b []byte) (*Bundle, error) {
	bu, err := Parse(b)
	if err != nil {
		return nil, err
	}
	h := bu.Header
	pub, ok := p.Keys[h.KeyID]
	if !ok {
		return bu, fmt.Errorf("%w (key id %s)", ErrUnknownKey, h.KeyID)
	}
	if p.Revoked[h.KeyID] {
		return bu, fmt.Errorf("%w (key id %s)", ErrRevoked, h.KeyID)
	}
	if !sig.Verify(pub.key, bu.signed, bu.sig) {
		return bu, ErrSignature
	}
	// From here on the header is the publisher's word.
	return bu, p.checkClaims(h)
}

// checkClaims applies the policy to what the header says.
func (p Policy) checkClaims(h Header) error {
	if p.Name != "" && h.Name != p.Name {
		return fmt.Errorf("%w: %q, expected %q", ErrName, h.Name, p.Name)
	}
	if h.Version <= p.Current {
		return fmt.Errorf("%w: version %d, in force %d", ErrRollback, h.Version, p.Current)
	}
	now := p.Now
	if now.IsZero() {
		now = time.Now()
	}
	if h.Expires.IsZero() && !p.AllowNoExpiry {
		return fmt.Errorf("%w: a downloaded bundle must have an expiry date", ErrExpired)
	}
	if !h.Expires.IsZero() && !now.Before(h.Expires) {
		return fmt.Errorf("%w on %s", ErrExpired, civilDate(h.Expires.Unix()))
	}
	return nil
}

// Precheck applies to a header read alone (ReadHead) every check that does
// not need the payload: sizes, a known key, name, version, expiry. The
// header is not authenticated yet (its signature follows the payload):
// passing says only that the rest is worth reading, and Verify decides.
func (p Policy) Precheck(h Header) error {
	if h.IndexLen > MaxIndex {
		return fmt.Errorf("%w: index of %d bytes", ErrTooLarge, h.IndexLen)
	}
	if _, ok := p.Keys[h.KeyID]; !ok {
		return fmt.Errorf("%w (key id %s)", ErrUnknownKey, h.KeyID)
	}
	if p.Revoked[h.KeyID] {
		return fmt.Errorf("%w (key id %s)", ErrRevoked, h.KeyID)
	}
	return p.checkClaims(h)
}

// ReadHead reads a bundle's magic, header length and header from r and
// nothing more, so that a receiver can refuse an upload before reading its
// payload. It returns the bytes read and the whole bundle's size as the
// header declares it (at most MaxSize).
func ReadHead(r io.Reader) (h Header, head []byte, size int, err error) {
	head = make([]byte, len(Magic)+2, len(Magic)+2+MaxHeader)
	if _, err := io.ReadFull(r, head); err != nil {
		return h, nil, 0, ErrTruncated
	}
	if string(head[:len(Magic)]) != Magic {
		return h, nil, 0, ErrFormat
	}
	hlen := int(binary.LittleEndian.Uint16(head[len(Magic):]))
	if hlen > MaxHeader {
		return h, nil, 0, fmt.Errorf("%w: header of %d bytes", ErrFormat, hlen)
	}
	head = head[:len(head)+hlen]
	if _, err := io.ReadFull(r, head[len(Magic)+2:]); err != nil {
		return h, nil, 0, ErrTruncated
	}
	if h, err = decodeHeader(head[len(Magic)+2:]); err != nil {
		return h, nil, 0, err
	}
	total := uint64(len(head)) + uint64(h.PayloadLen) + sigSize
	if total > MaxSize {
		return h, nil, 0, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, total, MaxSize)
	}
	return h, head, int(total), nil
}

// civilDate is the UTC date of a Unix time, as YYYY-MM-DD. Time.Date
// would do, but it links the time zone machinery (time.Local's rules,
// about 6 KB of brotli) into a module that never needs a local time.
// Days to civil date: H. Hinnant, "chrono-Compatible Low-Level Date
// Algorithms" (proleptic Gregorian calendar).
func civilDate(unix int64) string {
	z := unix/86400 + 719468
	if unix%86400 < 0 {
		z--
	}
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	y := yoe + era*400
	if m <= 2 {
		y++
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}
