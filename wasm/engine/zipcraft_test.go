package engine

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"testing"
)

// craftEntry is one stored entry of a hand-laid zip.
type craftEntry struct {
	name      string
	data      string
	localName string // the local header's name when it differs
	extra     []byte // the same extra field in both headers
}

// crafted is a zip laid out by hand, with where its records are, so that
// a test can move, repeat or alter them as an attacker would.
type crafted struct {
	locals  [][]byte // each entry's local header and data
	central [][]byte // each entry's central header
	comment string
	count   int // the end record's entry count (-1: the real one)
}

func craft(entries ...craftEntry) *crafted {
	c := &crafted{count: -1}
	off := 0
	for _, e := range entries {
		ln := e.name
		if e.localName != "" {
			ln = e.localName
		}
		crc := crc32.ChecksumIEEE([]byte(e.data))
		l := binary.LittleEndian.AppendUint32(nil, sigLocal)
		l = binary.LittleEndian.AppendUint16(l, 20)
		l = binary.LittleEndian.AppendUint16(l, 0) // flags
		l = binary.LittleEndian.AppendUint16(l, 0) // stored
		l = binary.LittleEndian.AppendUint32(l, 0) // time, date
		l = binary.LittleEndian.AppendUint32(l, crc)
		l = binary.LittleEndian.AppendUint32(l, uint32(len(e.data)))
		l = binary.LittleEndian.AppendUint32(l, uint32(len(e.data)))
		l = binary.LittleEndian.AppendUint16(l, uint16(len(ln)))
		l = binary.LittleEndian.AppendUint16(l, uint16(len(e.extra)))
		l = append(append(append(l, ln...), e.extra...), e.data...)
		d := binary.LittleEndian.AppendUint32(nil, sigCentral)
		d = binary.LittleEndian.AppendUint16(d, 20)
		d = binary.LittleEndian.AppendUint16(d, 20)
		d = binary.LittleEndian.AppendUint16(d, 0)
		d = binary.LittleEndian.AppendUint16(d, 0)
		d = binary.LittleEndian.AppendUint32(d, 0)
		d = binary.LittleEndian.AppendUint32(d, crc)
		d = binary.LittleEndian.AppendUint32(d, uint32(len(e.data)))
		d = binary.LittleEndian.AppendUint32(d, uint32(len(e.data)))
		d = binary.LittleEndian.AppendUint16(d, uint16(len(e.name)))
		d = binary.LittleEndian.AppendUint16(d, uint16(len(e.extra)))
		d = binary.LittleEndian.AppendUint16(d, 0)           // comment
		d = binary.LittleEndian.AppendUint16(d, 0)           // disk
		d = binary.LittleEndian.AppendUint16(d, 0)           // internal attributes
		d = binary.LittleEndian.AppendUint32(d, 0)           // external attributes
		d = binary.LittleEndian.AppendUint32(d, uint32(off)) // local header
		d = append(append(d, e.name...), e.extra...)
		c.locals = append(c.locals, l)
		c.central = append(c.central, d)
		off += len(l)
	}
	return c
}

// bytes lays the zip out: locals, then dirs (each a list of central
// headers, the end record pointing at the first), then the end record.
func (c *crafted) bytes(dirs ...[][]byte) []byte {
	if len(dirs) == 0 {
		dirs = [][][]byte{c.central}
	}
	var b []byte
	for _, l := range c.locals {
		b = append(b, l...)
	}
	dirOff := len(b)
	for _, d := range dirs {
		for _, h := range d {
			b = append(b, h...)
		}
	}
	n := c.count
	if n < 0 {
		n = len(dirs[0])
	}
	size := 0
	for _, h := range dirs[0] {
		size += len(h)
	}
	b = binary.LittleEndian.AppendUint32(b, sigEnd)
	b = binary.LittleEndian.AppendUint32(b, 0)
	b = binary.LittleEndian.AppendUint16(b, uint16(n))
	b = binary.LittleEndian.AppendUint16(b, uint16(n))
	b = binary.LittleEndian.AppendUint32(b, uint32(size))
	b = binary.LittleEndian.AppendUint32(b, uint32(dirOff))
	b = binary.LittleEndian.AppendUint16(b, uint16(len(c.comment)))
	return append(b, c.comment...)
}

// unicodePath is an Info-ZIP Unicode Path extra field that renames the
// entry called header (its checksum is the header name's, as readers check).
func unicodePath(header, name string) []byte {
	x := binary.LittleEndian.AppendUint16(nil, 0x7075)
	x = binary.LittleEndian.AppendUint16(x, uint16(5+len(name)))
	x = append(x, 1)
	x = binary.LittleEndian.AppendUint32(x, crc32.ChecksumIEEE([]byte(header)))
	return append(x, name...)
}

// zipAttacks are zips that Vigie's first reading judged clean while an
// extractor lists a program in them (issue 26), and their cousins: each
// one reading hides what another shows.
func zipAttacks() map[string][]byte {
	pdf := craftEntry{name: "attestation.pdf", data: "%PDF-1.4"}
	exe := craftEntry{name: "attestation.exe", data: "MZ programme"}
	m := map[string][]byte{}
	for _, n := range []int{0, 1} {
		c := craft(pdf, exe)
		c.count = n
		m["the end record counts "+string(rune('0'+n))+" of 2"] = c.bytes()
	}
	{
		// A decoy directory where the end record points, the real one
		// just before the end record (Python finds it from the end).
		c := craft(craftEntry{name: "aaaa.exe", data: "MZ programme"})
		decoy := bytes.Replace(c.central[0], []byte("aaaa.exe"), []byte("aaaa.pdf"), 1)
		m["a decoy directory before the real one"] = c.bytes([][]byte{decoy}, c.central)
	}
	m["a NUL in the name"] = craft(craftEntry{name: "facture.exe\x00.pdf", data: "MZ"}).bytes()
	m["a Unicode Path name"] = craft(craftEntry{name: "facture.pdf", data: "MZ", extra: unicodePath("facture.pdf", "facture.exe")}).bytes()
	m["a local name that differs"] = craft(craftEntry{name: "facture.pdf", localName: "facture.exe", data: "MZ"}).bytes()
	{
		// An entry with a local header and no directory entry, for a
		// streaming extractor.
		c := craft(pdf, exe)
		c.central = c.central[:1]
		m["an entry only in the local headers"] = c.bytes()
	}
	{
		c := craft(pdf, exe)
		c.comment = "x"
		b := c.bytes()
		m["bytes after the comment"] = append(b, "MZ"...)
	}
	{
		// A program ahead of the first entry, with offsets that are not
		// moved (readers that allow a prefix take it as a self-extractor).
		b := craft(pdf).bytes()
		m["a program before the first entry"] = append(craft(exe).bytes(), b...)
	}
	m["a trailing dot"] = craft(craftEntry{name: "setup.exe.", data: "MZ"}).bytes()
	m["a trailing space"] = craft(craftEntry{name: "setup.exe ", data: "MZ"}).bytes()
	m["a backslash folder"] = craft(craftEntry{name: "dossier\\lettre.pdf", data: "%PDF"}).bytes()
	m["a hidden stream"] = craft(craftEntry{name: "lettre.pdf:setup.exe", data: "MZ"}).bytes()
	m["a path out of the folder"] = craft(craftEntry{name: "../lettre.pdf", data: "%PDF"}).bytes()
	m["an absolute path"] = craft(craftEntry{name: "/tmp/lettre.pdf", data: "%PDF"}).bytes()
	m["a folder with content"] = craft(craftEntry{name: "setup.exe/", data: "MZ programme"}).bytes()
	return m
}

// Each attack is refused; the same layout without the trick is read.
func TestJudgeZipReadTwoWays(t *testing.T) {
	for name, b := range zipAttacks() {
		if f, _ := JudgeZip(b, nil); f == "" {
			t.Errorf("%s: judged clean", name)
		}
	}
	clean := craft(craftEntry{name: "attestation.pdf", data: "%PDF-1.4"}, craftEntry{name: "dossier/", data: ""},
		craftEntry{name: "dossier/Lettre de la CAF.pdf", data: "%PDF-1.4", extra: unicodePath("dossier/Lettre de la CAF.pdf", "dossier/Lettre de la CAF.pdf")})
	clean.comment = "un commentaire"
	if f, who := JudgeZip(clean.bytes(), nil); f != "" {
		t.Errorf("a hand-laid clean zip: %s %s", f, who)
	}
	if f, who := JudgeZip(craft(craftEntry{name: "facture.pdf", data: "MZ", extra: unicodePath("facture.pdf", "facture.exe")}).bytes(), nil); f != "program" || who != "facture.exe" {
		t.Errorf("a Unicode Path name: %s %s, want program facture.exe", f, who)
	}
}
