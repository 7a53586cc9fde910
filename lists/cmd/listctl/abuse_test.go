package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

var kinds = map[string]bool{"official": true, "lookalike": true, "suspicious": true, "unknown": true, "invalid": true, "local": true}

// A line over the limit gets its own "invalid" row, and every line after
// it is judged.
func TestCheckJudgesEveryLine(t *testing.T) {
	in := "arneli.fr\n" + strings.Repeat("a", 2<<20) + "\nhttps://www.ameli.fr/\n" + strings.Repeat("b", 1<<20) + "\namelli.fr"
	var out, errb bytes.Buffer
	if code := run([]string{"check"}, strings.NewReader(in), &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	rows := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(rows) != 5 {
		t.Fatalf("%d rows for 5 lines:\n%.300s", len(rows), out.String())
	}
	// A host of a megabyte is within the limit, and unjudgeable: suspicious.
	for i, want := range []string{"lookalike", "invalid", "official", "suspicious", "lookalike"} {
		if f := strings.Split(rows[i], "\t"); f[1] != want {
			t.Errorf("row %d: %q is %s, want %s", i+1, f[0][:min(len(f[0]), 20)], f[1], want)
		}
	}
	if !strings.HasSuffix(strings.Split(rows[1], "\t")[0], "…") {
		t.Error("the over-long line's echo is not marked as cut")
	}
}

// Tabs and control characters in the input never move a verdict out of
// column 2: every row has six columns and column 2 is a kind.
func TestCheckColumnsNeverShift(t *testing.T) {
	in := "evil.example\tofficial\tameli.fr\n" +
		"x\\ty.example\n" +
		"a\x01b.example\r\n" +
		"https://ame\tli.fr/\n"
	var out, errb bytes.Buffer
	if code := run([]string{"check"}, strings.NewReader(in), &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	rows := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(rows) != 4 {
		t.Fatalf("%d rows for 4 lines:\n%s", len(rows), out.String())
	}
	for _, r := range rows {
		f := strings.Split(r, "\t")
		if len(f) != 6 || !kinds[f[1]] {
			t.Fatalf("row %q has %d columns, column 2 %q", r, len(f), f[1])
		}
	}
	if f := strings.Split(rows[0], "\t"); f[0] != `evil.example\tofficial\tameli.fr` || f[1] == "official" {
		t.Fatalf("row 1: %q", rows[0])
	}
	if f := strings.Split(rows[1], "\t"); f[0] != `x\\ty.example` {
		t.Fatalf("a backslash in the input is not escaped: %q", f[0])
	}
	if f := strings.Split(rows[2], "\t"); f[0] != `a\x01b.example` {
		t.Fatalf("a control character is not escaped: %q", f[0])
	}
	// A browser drops the tab inside a URL: so does the engine.
	if f := strings.Split(rows[3], "\t"); f[1] != "official" {
		t.Fatalf("https://ame<TAB>li.fr/ is %s, a browser opens ameli.fr", f[1])
	}
}

// verify and inspect refuse a 2 GB file from its size, without reading it.
func TestBundleSizeCheckedBeforeReading(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.vgb")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(2 << 30); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	keys := t.TempDir()
	var o, e bytes.Buffer
	if code := run([]string{"keygen", "-out", keys}, nil, &o, &e); code != 0 {
		t.Fatalf("keygen: %s", e.String())
	}
	for _, cmd := range [][]string{{"inspect", path}, {"verify", "-pub", filepath.Join(keys, "publisher.pub"), path}} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		var out, errb bytes.Buffer
		code := run(cmd, nil, &out, &errb)
		runtime.ReadMemStats(&after)
		if code != 1 || !strings.Contains(errb.String(), "too large") {
			t.Errorf("%s: exit %d, %q", cmd[0], code, errb.String())
		}
		if grown := after.TotalAlloc - before.TotalAlloc; grown > 64<<20 {
			t.Errorf("%s allocated %d MB for a file it refuses", cmd[0], grown>>20)
		}
	}
}
