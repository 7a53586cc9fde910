// Package crx writes CRX3 packages, the signed form in which Chromium,
// Chrome and Edge install an extension from outside their stores (by
// ExtensionInstallForcelist), and the update manifest that points at one.
//
// Format (Chromium's components/crx_file/crx3.proto):
//
//	"Cr24" | version 3 (u32 LE) | header length (u32 LE) | CrxFileHeader | zip
//
// CrxFileHeader holds one sha256_with_rsa proof (public key, signature) and
// signed_header_data, a SignedData message naming the crx_id: the first 16
// bytes of SHA-256 of the public key. The signature covers
// "CRX3 SignedData\x00" | len(signed_header_data) (u32 LE) |
// signed_header_data | zip. RSA PKCS #1 v1.5 signatures are deterministic:
// the same zip and key give the same bytes.
package crx

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/pem"
	"errors"
	"fmt"
	"html"
	"os"
)

// Write returns the CRX3 package of zip, signed with key.
func Write(zip []byte, key *rsa.PrivateKey) ([]byte, error) {
	pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return nil, err
	}
	id := sha256.Sum256(pub)
	signed := field(1, id[:16]) // SignedData{crx_id}
	var msg bytes.Buffer
	msg.WriteString("CRX3 SignedData\x00")
	binary.Write(&msg, binary.LittleEndian, uint32(len(signed)))
	msg.Write(signed)
	msg.Write(zip)
	digest := sha256.Sum256(msg.Bytes())
	sig, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, digest[:])
	if err != nil {
		return nil, err
	}
	proof := append(field(1, pub), field(2, sig)...)
	header := append(field(2, proof), field(10000, signed)...)
	var out bytes.Buffer
	out.WriteString("Cr24")
	binary.Write(&out, binary.LittleEndian, uint32(3))
	binary.Write(&out, binary.LittleEndian, uint32(len(header)))
	out.Write(header)
	out.Write(zip)
	return out.Bytes(), nil
}

// field encodes a length-delimited protobuf field.
func field(num int, b []byte) []byte {
	out := binary.AppendUvarint(nil, uint64(num)<<3|2)
	out = binary.AppendUvarint(out, uint64(len(b)))
	return append(out, b...)
}

// ID is the extension ID that Chromium derives from key: the first 16
// bytes of SHA-256 of the public key, each nibble written as a letter a–p.
func ID(key *rsa.PublicKey) string {
	pub, _ := x509.MarshalPKIXPublicKey(key)
	return IDOf(pub)
}

// IDOf is the extension ID of a public key in DER (the manifest's "key",
// decoded).
func IDOf(pub []byte) string {
	sum := sha256.Sum256(pub)
	b := make([]byte, 32)
	for i, c := range sum[:16] {
		b[2*i] = 'a' + c>>4
		b[2*i+1] = 'a' + c&0xf
	}
	return string(b)
}

// ManifestKey is the public key as the manifest's "key" field holds it:
// an unpacked build with it has the same ID as the package.
func ManifestKey(key *rsa.PublicKey) string {
	pub, _ := x509.MarshalPKIXPublicKey(key)
	return base64.StdEncoding.EncodeToString(pub)
}

// LoadKey reads a PEM private key (PKCS #8 or PKCS #1, as Chromium's own
// packer and openssl write them). With create, a missing file is made:
// a new 2048-bit key, readable by its owner only.
func LoadKey(path string, create bool) (*rsa.PrivateKey, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && create {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			return nil, err
		}
		der, _ := x509.MarshalPKCS8PrivateKey(k)
		p := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
		if err := os.WriteFile(path, p, 0o600); err != nil {
			return nil, err
		}
		return k, nil
	}
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, fmt.Errorf("%s: not a PEM key", path)
	}
	if k, err := x509.ParsePKCS8PrivateKey(block.Bytes); err == nil {
		if rk, ok := k.(*rsa.PrivateKey); ok {
			return rk, nil
		}
		return nil, fmt.Errorf("%s: not an RSA key (CRX3 packages are signed with RSA)", path)
	}
	k, err := x509.ParsePKCS1PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return k, nil
}

// UpdateManifest is the gupdate XML that ExtensionInstallForcelist and the
// manifest's update_url point at.
func UpdateManifest(id, version, crxURL string) []byte {
	return []byte(fmt.Sprintf(`<?xml version='1.0' encoding='UTF-8'?>
<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>
  <app appid='%s'>
    <updatecheck codebase='%s' version='%s' />
  </app>
</gupdate>
`, id, html.EscapeString(crxURL), html.EscapeString(version)))
}
