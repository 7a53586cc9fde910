package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vigie/lists/source"
	"vigie/wasm/mediator"
)

func TestCheck(t *testing.T) {
	in := "arneli.fr\nhttps://www.ameli.fr/x\n\n# comment\namelie-les-bains.com\nhttps://ameli.fr@evil.com/\n"
	var out, errb bytes.Buffer
	if code := run([]string{"check"}, strings.NewReader(in), &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	want := []string{
		"arneli.fr\tlookalike\tarneli.fr\tameli.fr\tskeleton\t95",
		"https://www.ameli.fr/x\tofficial\tameli.fr\tameli.fr\t\t0",
		// A town's site, official through the built-in public-sector list.
		"amelie-les-bains.com\tofficial\tamelie-les-bains.com\tamelie-les-bains.com\t\t0",
		"https://ameli.fr@evil.com/\tunknown\tevil.com\t\t\t0",
	}
	got := strings.Split(strings.TrimSpace(out.String()), "\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", out.String(), strings.Join(want, "\n"))
	}
}

func TestUsage(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(nil, nil, &out, &errb); code != 2 || !strings.Contains(errb.String(), "check") {
		t.Fatalf("no command: exit %d, %q", code, errb.String())
	}
	if code := run([]string{"nope"}, nil, &out, &errb); code != 2 {
		t.Fatalf("unknown command: exit %d", code)
	}
	errb.Reset()
	if code := run([]string{"check", "-h"}, nil, &out, &errb); code != 0 || !strings.Contains(errb.String(), "usage: listctl check") {
		t.Fatalf("check -h: exit %d, %q", code, errb.String())
	}
	if code := run([]string{"check", "-import-etalab", "/nonexistent"}, strings.NewReader("x.fr\n"), &out, &errb); code != 1 {
		t.Fatalf("missing file: exit %d", code)
	}
}

func TestPinHash(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"pin-hash"}, strings.NewReader("591746\n"), &out, &errb); code != 0 || !strings.HasPrefix(out.String(), "pbkdf2-sha256$") {
		t.Fatalf("exit %d: %q %q", code, out.String(), errb.String())
	}
	for _, weak := range []string{"12", "5917"} { // too short: 6 digits at least
		if code := run([]string{"pin-hash"}, strings.NewReader(weak+"\n"), &out, &errb); code != 1 {
			t.Fatalf("the weak PIN %s: exit %d", weak, code)
		}
	}
	for _, pin := range []string{"0000", "1234", "2580"} {
		errb.Reset()
		if code := run([]string{"pin-hash"}, strings.NewReader(pin+"\n"), &out, &errb); code != 1 || !strings.Contains(errb.String(), "too easy to guess") {
			t.Fatalf("the trivial code %s: exit %d, %q", pin, code, errb.String())
		}
	}
}

// rescue-code prints a 16-digit code and a record that matches it.
func TestRescueCode(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"rescue-code"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Fields(out.String())
	if len(lines) != 2 || !mediator.IsRescue(lines[0]) {
		t.Fatalf("%q", out.String())
	}
	if ok, err := mediator.Verify(lines[0], lines[1]); !ok || err != nil {
		t.Fatalf("the record does not match the code: %v", err)
	}
}

// keygen → build → verify → inspect, as a publisher would.
func TestPublisherFlow(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	steps := [][]string{
		{"keygen", "-out", dir},
		{"build", "-key", dir + "/publisher.key", "-version", "3", "-o", dir + "/l.vgb"},
		{"verify", "-pub", dir + "/publisher.pub", "-name", "default", dir + "/l.vgb"},
		{"inspect", dir + "/l.vgb"},
	}
	for _, s := range steps {
		if code := run(s, strings.NewReader(""), &out, &errb); code != 0 {
			t.Fatalf("%v: exit %d: %s", s, code, errb.String())
		}
	}
	if code := run([]string{"verify", "-pub", dir + "/publisher.pub", "-current", "3", dir + "/l.vgb"}, nil, &out, &errb); code != 1 {
		t.Fatalf("a rollback verified: exit %d", code)
	}
	if code := run([]string{"keygen", "-out", dir}, nil, &out, &errb); code != 1 {
		t.Fatal("keygen overwrote a secret key")
	}
	for _, c := range order {
		errb.Reset()
		if code := run([]string{c, "-h"}, nil, &out, &errb); code != 0 || !strings.Contains(errb.String(), "usage: listctl "+c) {
			t.Errorf("%s -h: exit %d, %q", c, code, errb.String())
		}
	}
}

// A feed of reported fakes (hosts and URLs, an optional imitated site)
// becomes block lines, each host once; a line that is no web host stops
// the import with its number.
func TestImportBlockFeed(t *testing.T) {
	dir := t.TempDir()
	feed := filepath.Join(dir, "feed.txt")
	os.WriteFile(feed, []byte("# feed\nameli-remboursement.com\tameli.fr\nhttps://Secure.Faux-CAF.fr/login?x=1\nameli-remboursement.com\n"), 0o644)
	var out, errb bytes.Buffer
	if code := run([]string{"import", "-block", feed}, nil, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	got := strings.Split(strings.TrimSpace(out.String()), "\n")[1:]
	want := []string{"block ameli-remboursement.com imitates=ameli.fr", "block secure.faux-caf.fr"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q", got)
	}
	// The lines parse back, and compile into a list.
	if _, err := source.Parse(strings.NewReader(out.String())); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(feed, []byte("ok.fr\njavascript:alert(1)\n"), 0o644)
	out.Reset()
	errb.Reset()
	if code := run([]string{"import", "-block", feed}, nil, &out, &errb); code != 1 || !strings.Contains(errb.String(), "line 2") || out.Len() != 0 {
		t.Fatalf("bad line: exit %d, %q, wrote %q", code, errb.String(), out.String())
	}
	os.WriteFile(feed, []byte("amelli.fr\nhttps://www.amelie-boutique.fr/\n"), 0o644)
	out.Reset()
	if code := run([]string{"import", "-honest", feed}, nil, &out, &errb); code != 0 || !strings.Contains(out.String(), "honest amelie-boutique.fr\n") {
		t.Fatalf("honest: %q", out.String())
	}
}

// check -list: a publisher judges hosts with the list it is about to
// publish, a source list or its signed bundle (verified with -pub), and
// sees its own town's site official and its lookalike flagged, which the
// built-in list does not know.
func TestCheckWithList(t *testing.T) {
	dir := t.TempDir()
	src := dir + "/communes.txt"
	if err := os.WriteFile(src, []byte("brand ameli.fr \"ameli\"\nlocal mairie-de-vigie.fr \"Mairie de Vigie\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	hosts := "www.mairie-de-vigie.fr\nrnairie-de-vigie.fr\n"
	var out, errb bytes.Buffer
	check := func(args ...string) string {
		out.Reset()
		errb.Reset()
		if code := run(append([]string{"check"}, args...), strings.NewReader(hosts), &out, &errb); code != 0 {
			t.Fatalf("check %v: exit %d: %s", args, code, errb.String())
		}
		return out.String()
	}
	want := func(got string) {
		t.Helper()
		if !strings.Contains(got, "www.mairie-de-vigie.fr\tofficial") || !strings.Contains(got, "rnairie-de-vigie.fr\tlookalike") {
			t.Fatalf("%q", got)
		}
	}
	if got := check(); strings.Contains(got, "\tofficial") {
		t.Fatalf("control: the built-in list knows the town: %q", got)
	}
	want(check("-list", src))
	for _, s := range [][]string{{"keygen", "-out", dir}, {"build", "-key", dir + "/publisher.key", "-version", "1", "-o", dir + "/l.vgb", src}} {
		if code := run(s, strings.NewReader(""), &out, &errb); code != 0 {
			t.Fatalf("%v: exit %d: %s", s, code, errb.String())
		}
	}
	want(check("-list", dir+"/l.vgb", "-pub", dir+"/publisher.pub"))
	if code := run([]string{"check", "-list", dir + "/l.vgb"}, strings.NewReader(hosts), &out, &errb); code != 1 || !strings.Contains(errb.String(), "is a bundle") {
		t.Fatalf("a bundle without its key: exit %d, %q", code, errb.String())
	}
	b, _ := os.ReadFile(dir + "/l.vgb")
	b[len(b)/2] ^= 1
	os.WriteFile(dir+"/bad.vgb", b, 0o644)
	if code := run([]string{"check", "-list", dir + "/bad.vgb", "-pub", dir + "/publisher.pub"}, strings.NewReader(hosts), &out, &errb); code != 1 {
		t.Fatalf("a tampered bundle was used: exit %d", code)
	}
}
