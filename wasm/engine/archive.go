package engine

import (
	"encoding/binary"
	"strings"
)

// Reasons an archive is refused besides what it holds.
const (
	ArchiveUnreadable = "archive-unreadable" // not a zip, damaged, or its bytes were not seen
	ArchiveEncrypted  = "archive-encrypted"  // a password hides its content from any check
	ArchiveNested     = "archive-nested"     // an archive inside: a common way to hide a program
)

// Bounds of the central directory read (a zip bomb's directory stops here).
const (
	maxZipEntries = 20000
	maxZipName    = 4096
)

// JudgeZip reads a zip file's central directory — the list Windows'
// Explorer shows when the archive is opened — and judges every name in it
// as a download: "" when every entry may be saved, else the refusing
// family (or an Archive… reason) and the entry that decided. Nothing is
// decompressed. allowed is the policy's list of extensions let through.
func JudgeZip(b []byte, allowed []string) (family, entry string) {
	dir, n, ok := zipDirectory(b)
	if !ok {
		return ArchiveUnreadable, ""
	}
	for i := 0; i < n; i++ {
		if len(dir) < 46 || binary.LittleEndian.Uint32(dir) != 0x02014b50 {
			return ArchiveUnreadable, ""
		}
		flags := binary.LittleEndian.Uint16(dir[8:])
		nameLen := int(binary.LittleEndian.Uint16(dir[28:]))
		extraLen := int(binary.LittleEndian.Uint16(dir[30:]))
		commentLen := int(binary.LittleEndian.Uint16(dir[32:]))
		if nameLen > maxZipName || len(dir) < 46+nameLen+extraLen+commentLen {
			return ArchiveUnreadable, ""
		}
		name := string(dir[46 : 46+nameLen])
		dir = dir[46+nameLen+extraLen+commentLen:]
		if flags&1 != 0 {
			return ArchiveEncrypted, name
		}
		if strings.HasSuffix(name, "/") { // a folder
			continue
		}
		switch f := DownloadFamily(name, "", allowed); f {
		case "":
		case "archive":
			return ArchiveNested, name
		default:
			return f, name
		}
	}
	return "", ""
}

// zipDirectory finds the central directory from the end record (zip64
// included) and checks that it lies inside the file.
func zipDirectory(b []byte) (dir []byte, entries int, ok bool) {
	const endLen, maxComment = 22, 0xffff
	start := max(0, len(b)-endLen-maxComment)
	end := -1
	for i := len(b) - endLen; i >= start; i-- {
		if binary.LittleEndian.Uint32(b[i:]) == 0x06054b50 {
			end = i
			break
		}
	}
	if end < 0 {
		return nil, 0, false
	}
	e := b[end:]
	n := uint64(binary.LittleEndian.Uint16(e[10:]))
	size := uint64(binary.LittleEndian.Uint32(e[12:]))
	off := uint64(binary.LittleEndian.Uint32(e[16:]))
	if n == 0xffff || size == 0xffffffff || off == 0xffffffff {
		// zip64: the locator sits just before the end record.
		loc := end - 20
		if loc < 0 || len(b) < 56 || binary.LittleEndian.Uint32(b[loc:]) != 0x07064b50 {
			return nil, 0, false
		}
		rec := binary.LittleEndian.Uint64(b[loc+8:])
		if rec > uint64(len(b)-56) || binary.LittleEndian.Uint32(b[rec:]) != 0x06064b50 {
			return nil, 0, false
		}
		z := b[rec:]
		n = binary.LittleEndian.Uint64(z[32:])
		size = binary.LittleEndian.Uint64(z[40:])
		off = binary.LittleEndian.Uint64(z[48:])
	}
	if n > maxZipEntries || off > uint64(len(b)) || size > uint64(len(b))-off {
		return nil, 0, false
	}
	return b[off : off+size], int(n), true
}
