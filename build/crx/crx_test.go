package crx

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// readField reads one length-delimited protobuf field.
func readField(t *testing.T, b []byte) (num int, val, rest []byte) {
	tag, n := binary.Uvarint(b)
	if n <= 0 || tag&7 != 2 {
		t.Fatalf("bad tag %x", tag)
	}
	l, m := binary.Uvarint(b[n:])
	if m <= 0 || int(l) > len(b)-n-m {
		t.Fatal("bad length")
	}
	return int(tag >> 3), b[n+m : n+m+int(l)], b[n+m+int(l):]
}

// The package parses back as Chromium's verifier reads it, and its
// signature checks with the public key it carries.
func TestWriteVerifies(t *testing.T) {
	key, err := LoadKey(filepath.Join(t.TempDir(), "k.pem"), true)
	if err != nil {
		t.Fatal(err)
	}
	zip := []byte("PK\x03\x04 not really a zip, the format does not care")
	c, err := Write(zip, key)
	if err != nil {
		t.Fatal(err)
	}
	if string(c[:4]) != "Cr24" || binary.LittleEndian.Uint32(c[4:]) != 3 {
		t.Fatal("bad magic or version")
	}
	hl := binary.LittleEndian.Uint32(c[8:])
	header, archive := c[12:12+hl], c[12+hl:]
	if !bytes.Equal(archive, zip) {
		t.Fatal("archive changed")
	}
	var pub, sig, signed []byte
	for rest := header; len(rest) > 0; {
		var num int
		var val []byte
		num, val, rest = readField(t, rest)
		switch num {
		case 2:
			var r []byte
			_, pub, r = readField(t, val)
			_, sig, _ = readField(t, r)
		case 10000:
			signed = val
		}
	}
	k, err := x509.ParsePKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	rk := k.(*rsa.PublicKey)
	var msg bytes.Buffer
	msg.WriteString("CRX3 SignedData\x00")
	binary.Write(&msg, binary.LittleEndian, uint32(len(signed)))
	msg.Write(signed)
	msg.Write(zip)
	d := sha256.Sum256(msg.Bytes())
	if err := rsa.VerifyPKCS1v15(rk, crypto.SHA256, d[:], sig); err != nil {
		t.Fatalf("signature: %v", err)
	}
	_, crxID, _ := readField(t, signed)
	sum := sha256.Sum256(pub)
	if !bytes.Equal(crxID, sum[:16]) {
		t.Fatal("crx_id is not the key's hash")
	}
	// Same inputs, same bytes.
	again, _ := Write(zip, key)
	if !bytes.Equal(again, c) {
		t.Fatal("not reproducible")
	}
	// A key read back from its file is the same key.
	k2, err := LoadKey(filepath.Join(t.TempDir(), "missing.pem"), false)
	if err == nil || k2 != nil {
		t.Fatal("a missing key file must be an error without create")
	}
}

// The ID derived from the manifest key of extension/manifest.json is the
// one the policies name.
func TestIDOfManifestKey(t *testing.T) {
	b, err := os.ReadFile("../../extension/manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	var m struct{ Key string }
	json.Unmarshal(b, &m)
	der, err := base64.StdEncoding.DecodeString(m.Key)
	if err != nil {
		t.Fatal(err)
	}
	k, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		t.Fatal(err)
	}
	if id := ID(k.(*rsa.PublicKey)); id != "dehbppnnkabiflepcgiimpdbhnkbikfe" {
		t.Fatalf("ID %s", id)
	}
}
