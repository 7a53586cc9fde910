package publish

import (
	"bytes"
	"compress/flate"
	"errors"
	"testing"

	"vigie/lists/bundle"
)

// Inflate gives exactly n bytes: a stream longer than its claim (a deflate
// bomb) or shorter, or not DEFLATE at all, is refused as a payload error.
// (Bundles built, signed and verified: lists/bundle's tests.)
func TestInflateBounds(t *testing.T) {
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, flate.BestCompression)
	w.Write(make([]byte, 1<<20))
	w.Close()
	if out, err := Inflate(z.Bytes(), 1<<20); err != nil || len(out) != 1<<20 {
		t.Fatalf("exact length: %v", err)
	}
	for _, c := range []struct {
		name string
		z    []byte
		n    int
	}{
		{"longer than claimed", z.Bytes(), 1 << 19},
		{"shorter than claimed", z.Bytes(), 1<<20 + 1},
		{"not DEFLATE", []byte{0xff, 0xff, 0xff}, 10},
	} {
		if _, err := Inflate(c.z, c.n); !errors.Is(err, bundle.ErrPayload) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}
