package engine

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strings"
	"unicode/utf8"
)

// Reasons an archive is refused besides what it holds.
const (
	ArchiveUnreadable = "archive-unreadable" // not a zip, damaged, read two ways, or its bytes were not seen
	ArchiveEncrypted  = "archive-encrypted"  // a password hides its content from any check
	ArchiveNested     = "archive-nested"     // an archive inside: a common way to hide a program
)

// Bounds of the read (a zip bomb's directory stops here).
const (
	maxZipEntries = 20000
	maxZipName    = 4096
)

// Zip record signatures.
const (
	sigLocal      = 0x04034b50
	sigCentral    = 0x02014b50
	sigEnd        = 0x06054b50
	sigEnd64      = 0x06064b50
	sigLocator64  = 0x07064b50
	sigDescriptor = 0x08074b50
)

// JudgeZip judges every name a zip file shows — to Windows' Explorer,
// 7-Zip, or any reader — as a download: "" when every entry may be saved,
// else the refusing family (or an Archive… reason) and the entry that
// decided. Nothing is decompressed. allowed is the policy's list of
// extensions let through.
//
// Readers disagree on damaged or crafted zips: Explorer reads the central
// directory, a streaming extractor the local headers, and each repairs
// differently. So a zip is read only when it has one reading: see readZip.
func JudgeZip(b []byte, allowed []string) (family, entry string) {
	entries, ok := readZip(b)
	if !ok {
		return ArchiveUnreadable, ""
	}
	for _, e := range entries {
		if e.encrypted {
			return ArchiveEncrypted, e.names[0]
		}
		if e.folder {
			continue
		}
		for _, name := range e.names {
			switch f := DownloadFamily(name, "", allowed); f {
			case "":
			case "archive":
				return ArchiveNested, name
			default:
				return f, name
			}
		}
	}
	return "", ""
}

// zipEntry is one file of an archive as every reader sees it.
type zipEntry struct {
	names     []string // the header's name, then any Unicode Path name a reader may show instead
	encrypted bool
	folder    bool
	local     uint64 // offset of its local header
	method    uint16
	flags     uint16
	csize     uint64
	usize     uint64
	crc       uint32
	zip64     bool
}

// readZip reads a zip that has a single reading, and fails on anything
// else. Every byte of the file must belong to exactly one record, in the
// order a writer lays them out: the entries from offset 0, each a local
// header that repeats its central header, its data and its descriptor,
// back to back; then the central directory; the zip64 records if any; the
// end record; its comment to the last byte. So the end record's count and
// offset, the directory and the local headers cannot tell different
// stories, and there is no room for a second directory, an uncounted
// entry or a prefix. Names must be ones every reader spells the same way.
func readZip(b []byte) ([]zipEntry, bool) {
	end, ok := findEnd(b)
	if !ok {
		return nil, false
	}
	e := b[end:]
	if le16(e[4:]) != 0 || le16(e[6:]) != 0 || le16(e[8:]) != le16(e[10:]) { // one disk
		return nil, false
	}
	n, size, off := uint64(le16(e[10:])), uint64(le32(e[12:])), uint64(le32(e[16:]))
	dirEnd := uint64(end)
	// Some readers look for zip64 records whatever the end record says
	// (Python's zipfile does): their presence decides, not the sentinels.
	if end >= 20 && le32(b[end-20:]) == sigLocator64 {
		loc := b[end-20:]
		rec := le64(loc[8:])
		if le32(loc[4:]) != 0 || le32(loc[16:]) > 1 || rec > uint64(end-20) || uint64(end-20)-rec < 56 {
			return nil, false
		}
		z := b[rec : end-20]
		if le32(z) != sigEnd64 || le64(z[4:]) != uint64(len(z)-12) || le32(z[16:]) != 0 || le32(z[20:]) != 0 || le64(z[24:]) != le64(z[32:]) {
			return nil, false
		}
		n64, size64, off64 := le64(z[32:]), le64(z[40:]), le64(z[48:])
		// A reader that ignores zip64 uses the end record's fields: they
		// must be the "see zip64" sentinel or the same values.
		if (n != 0xffff && n != n64) || (size != 0xffffffff && size != size64) || (off != 0xffffffff && off != off64) {
			return nil, false
		}
		n, size, off, dirEnd = n64, size64, off64, rec
	} else if n == 0xffff || size == 0xffffffff || off == 0xffffffff {
		return nil, false
	}
	if n > maxZipEntries || off > dirEnd || dirEnd-off != size {
		return nil, false
	}
	dir := b[off:dirEnd]
	if bytes.Contains(dir, le32b(sigEnd)) { // a second end record for a reader that searches further
		return nil, false
	}
	entries := make([]zipEntry, 0, n)
	for len(dir) > 0 {
		if uint64(len(entries)) == n {
			return nil, false // more entries than the end record counts
		}
		ent, rest, ok := centralEntry(dir)
		if !ok {
			return nil, false
		}
		entries = append(entries, ent)
		dir = rest
	}
	if uint64(len(entries)) != n {
		return nil, false
	}
	// The local headers, in file order, tile everything before the directory.
	order := make([]int, len(entries))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int { return compareU64(entries[x].local, entries[y].local) })
	pos := uint64(0)
	for _, i := range order {
		ent := &entries[i]
		if ent.local != pos {
			return nil, false
		}
		next, ok := localEntry(b[:off], ent)
		if !ok {
			return nil, false
		}
		pos = next
	}
	return entries, pos == off
}

// findEnd finds the end record: the last one in the file, whose comment
// runs exactly to the last byte, with no other end record in the comment
// or in the bytes a reader may search.
func findEnd(b []byte) (int, bool) {
	const endLen = 22
	for i := len(b) - endLen; i >= 0 && i >= len(b)-endLen-0xffff; i-- {
		if le32(b[i:]) == sigEnd {
			return i, i+endLen+int(le16(b[i+20:])) == len(b)
		}
	}
	return 0, false
}

// centralEntry reads one central directory header.
func centralEntry(d []byte) (zipEntry, []byte, bool) {
	var ent zipEntry
	if len(d) < 46 || le32(d) != sigCentral {
		return ent, nil, false
	}
	nameLen, extraLen, commentLen := int(le16(d[28:])), int(le16(d[30:])), int(le16(d[32:]))
	if nameLen > maxZipName || len(d) < 46+nameLen+extraLen+commentLen {
		return ent, nil, false
	}
	ent.flags, ent.method = le16(d[8:]), le16(d[10:])
	ent.crc, ent.csize, ent.usize = le32(d[16:]), uint64(le32(d[20:])), uint64(le32(d[24:]))
	ent.local = uint64(le32(d[42:]))
	disk := uint64(le16(d[34:]))
	name := d[46 : 46+nameLen]
	extra := d[46+nameLen : 46+nameLen+extraLen]
	// zip64 fields follow in this order, each only where the header says so.
	var want []*uint64
	for _, f := range []*uint64{&ent.usize, &ent.csize, &ent.local} {
		if *f == 0xffffffff {
			want = append(want, f)
		}
	}
	if disk == 0xffff {
		want = append(want, &disk)
	}
	names, ok := readExtra(extra, want, &ent.zip64)
	if !ok || disk != 0 || !validName(name, ent.flags) {
		return ent, nil, false
	}
	ent.names = append([]string{string(name)}, names...)
	ent.encrypted = ent.flags&(1|1<<6|1<<13) != 0
	ent.folder = strings.HasSuffix(string(name), "/")
	if ent.folder && ent.usize != 0 { // a "folder" with content: readers disagree on what it is
		return ent, nil, false
	}
	return ent, d[46+nameLen+extraLen+commentLen:], true
}

// localEntry checks the local header of ent against its central header,
// then its data and descriptor, and returns where the next record starts.
// b ends where the central directory starts.
func localEntry(b []byte, ent *zipEntry) (uint64, bool) {
	if ent.local > uint64(len(b)) || uint64(len(b))-ent.local < 30 {
		return 0, false
	}
	h := b[ent.local:]
	if le32(h) != sigLocal {
		return 0, false
	}
	flags, method := le16(h[6:]), le16(h[8:])
	nameLen, extraLen := int(le16(h[26:])), int(le16(h[28:]))
	if len(h) < 30+nameLen+extraLen || string(h[30:30+nameLen]) != ent.names[0] {
		return 0, false
	}
	// Encryption, descriptor and method are read from either header by
	// one reader or another: they must agree.
	if flags&(1|1<<3|1<<6|1<<11) != ent.flags&(1|1<<3|1<<6|1<<11) || method != ent.method {
		return 0, false
	}
	crc, csize, usize := le32(h[14:]), uint64(le32(h[18:])), uint64(le32(h[22:]))
	var want []*uint64
	for _, f := range []*uint64{&usize, &csize} {
		if *f == 0xffffffff {
			want = append(want, f)
		}
	}
	var zip64 bool
	names, ok := readExtra(h[30+nameLen:30+nameLen+extraLen], want, &zip64)
	if !ok {
		return 0, false
	}
	// A streaming reader shows the local header's Unicode Path name.
	for _, n := range names {
		if !slices.Contains(ent.names, n) {
			ent.names = append(ent.names, n)
		}
	}
	descriptor := flags&(1<<3) != 0
	// Sizes in the local header are the ones a streaming reader uses;
	// with a descriptor, a writer may leave them 0 (libarchive writes
	// the uncompressed size only).
	for _, f := range [][2]uint64{{uint64(crc), uint64(ent.crc)}, {csize, ent.csize}, {usize, ent.usize}} {
		if f[0] != f[1] && (!descriptor || f[0] != 0) {
			return 0, false
		}
	}
	start := ent.local + 30 + uint64(nameLen) + uint64(extraLen)
	if ent.csize > uint64(len(b))-start {
		return 0, false
	}
	data := b[start : start+ent.csize]
	next := start + ent.csize
	// A reader that finds an entry's end by decompressing it (every reader
	// of a descriptor entry, some readers of any compressed one) could
	// stop early and take what follows for another entry: none may be hidden there.
	if (descriptor || method != 0) && bytes.Contains(data, le32b(sigLocal)) {
		return 0, false
	}
	if descriptor {
		if method == 0 && bytes.Contains(data, le32b(sigDescriptor)) {
			return 0, false
		}
		d := b[next:]
		if len(d) >= 4 && le32(d) == sigDescriptor {
			d, next = d[4:], next+4
		}
		w := 4
		if ent.zip64 || zip64 {
			w = 8
		}
		if len(d) < 4+2*w || le32(d) != ent.crc || leN(d[4:], w) != ent.csize || leN(d[4+w:], w) != ent.usize {
			return 0, false
		}
		next += uint64(4 + 2*w)
	}
	return next, true
}

// readExtra reads an extra field block by block: the zip64 values asked
// for (in order) and the Unicode Path names. A block that overruns, or
// zip64 values missing or left over, is a field readers disagree on.
func readExtra(x []byte, want []*uint64, zip64 *bool) (names []string, ok bool) {
	for len(x) > 0 {
		if len(x) < 4 || len(x) < 4+int(le16(x[2:])) {
			return nil, false
		}
		id, body := le16(x), x[4:4+int(le16(x[2:]))]
		x = x[4+len(body):]
		switch id {
		case 0x0001:
			if *zip64 || len(body) < 8*len(want) {
				return nil, false
			}
			for i, f := range want {
				*f = le64(body[8*i:])
			}
			*zip64, want = true, nil
		case 0x7075: // Info-ZIP Unicode Path: 7-Zip and libarchive show it instead of the name
			if len(body) < 5 || body[0] != 1 || !validName(body[5:], 1<<11) {
				return nil, false
			}
			names = append(names, string(body[5:]))
		}
	}
	return names, len(want) == 0
}

// validName: a name every reader and Windows spell the same way, that
// stays inside the folder it is extracted to. Refused: control characters
// (a NUL ends the name for some readers only), backslashes and colons
// (folders, drives and hidden streams for Windows, plain characters for
// others), absolute paths, "." and ".." parts, empty parts, and parts that
// end in a dot or a space (which Windows drops: "a.exe." opens as
// "a.exe"). A name marked UTF-8 must be UTF-8.
func validName(name []byte, flags uint16) bool {
	if len(name) == 0 || bytes.ContainsAny(name, "\\:") || (flags&(1<<11) != 0 && !utf8.Valid(name)) {
		return false
	}
	for _, c := range name {
		if c < 0x20 || c == 0x7f {
			return false
		}
	}
	parts := strings.Split(strings.TrimSuffix(string(name), "/"), "/")
	for _, p := range parts {
		if p == "" || p == "." || p == ".." || strings.HasSuffix(p, ".") || strings.HasSuffix(p, " ") {
			return false
		}
	}
	return true
}

func le16(b []byte) uint16  { return binary.LittleEndian.Uint16(b) }
func le32(b []byte) uint32  { return binary.LittleEndian.Uint32(b) }
func le64(b []byte) uint64  { return binary.LittleEndian.Uint64(b) }
func le32b(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }

func leN(b []byte, w int) uint64 {
	if w == 8 {
		return le64(b)
	}
	return uint64(le32(b))
}

func compareU64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
