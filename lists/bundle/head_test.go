package bundle_test

import (
	"bytes"
	"errors"
	"testing"
	"time"
	. "vigie/lists/bundle"
	"vigie/lists/publish"
)

// A receiver reads the head alone, and learns the whole size from it.
func TestReadHead(t *testing.T) {
	k := testKey(1)
	good := build(t, k, "default", 2, t0.Add(week))
	r := bytes.NewReader(good)
	h, head, size, err := ReadHead(r)
	if err != nil {
		t.Fatal(err)
	}
	if size != len(good) || !bytes.Equal(head, good[:len(head)]) || h.Version != 2 || h.Name != "default" {
		t.Fatalf("size %d of %d, head %d bytes, header %+v", size, len(good), len(head), h)
	}
	if rest := r.Len(); rest != len(good)-len(head) {
		t.Fatalf("ReadHead read %d bytes past the head", len(good)-len(head)-rest)
	}
	for n := 0; n < len(head); n++ {
		if _, _, _, err := ReadHead(bytes.NewReader(good[:n])); err == nil {
			t.Fatalf("a head cut at %d bytes was read", n)
		}
	}
	// A header that declares more than MaxSize is refused before any payload.
	bu, _ := Parse(good)
	big := bu.Header
	big.PayloadLen = MaxSize
	if _, _, _, err := ReadHead(bytes.NewReader(resign(k, big, nil))); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("oversized declaration: %v", err)
	}
	if _, _, _, err := ReadHead(bytes.NewReader([]byte("GET / HTTP/1.1\r\n\r\n"))); !errors.Is(err, ErrFormat) {
		t.Fatalf("not a bundle: %v", err)
	}
}

// Precheck refuses, from the header alone, what Verify would refuse for
// the same reason.
func TestPrecheck(t *testing.T) {
	k, other := testKey(1), testKey(2)
	head := func(b []byte) Header {
		h, _, _, err := ReadHead(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	cases := []struct {
		name string
		b    []byte
		want error
	}{
		{"unknown key", build(t, other, "default", 2, t0.Add(week)), ErrUnknownKey},
		{"another list", build(t, k, "other", 2, t0.Add(week)), ErrName},
		{"older version", build(t, k, "default", 1, t0.Add(week)), ErrRollback},
		{"expired", build(t, k, "default", 2, t0.Add(time.Minute)), ErrExpired},
	}
	for _, c := range cases {
		if err := policy(k).Precheck(head(c.b)); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
		if _, _, err := publish.Verify(c.b, policy(k)); !errors.Is(err, c.want) {
			t.Errorf("%s: Verify says %v", c.name, err)
		}
	}
	if err := policy(k).Precheck(head(build(t, k, "default", 2, t0.Add(week)))); err != nil {
		t.Fatal(err)
	}
}

func FuzzReadHead(f *testing.F) {
	k := testKey(1)
	good := build(f, k, "default", 2, t0.Add(week))
	f.Add(good)
	f.Add(good[:20])
	f.Fuzz(func(t *testing.T, b []byte) {
		h, head, size, err := ReadHead(bytes.NewReader(b))
		if err != nil {
			return
		}
		if size > MaxSize || size < len(head) || !bytes.Equal(head, b[:len(head)]) {
			t.Fatalf("size %d, head %d", size, len(head))
		}
		// Whatever Parse accepts, ReadHead sizes the same.
		if bu, err := Parse(b); err == nil && (size != len(b) || bu.Header.Version != h.Version) {
			t.Fatalf("ReadHead says %d bytes, Parse accepted %d", size, len(b))
		}
	})
}
