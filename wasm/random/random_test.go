package random

import "testing"

// Two draws of 32 bytes are different and not all zero; in WebAssembly
// (make test runs this package under Node) this is getRandomValues,
// including a buffer over its 64 KB limit per call.
func TestRead(t *testing.T) {
	a, b := make([]byte, 32), make([]byte, 32)
	if err := Read(a); err != nil {
		t.Fatal(err)
	}
	if err := Read(b); err != nil {
		t.Fatal(err)
	}
	if string(a) == string(b) || string(a) == string(make([]byte, 32)) {
		t.Fatalf("not random: %x %x", a, b)
	}
	big := make([]byte, 200_000)
	if err := Read(big); err != nil {
		t.Fatal(err)
	}
	zeros := 0
	for _, c := range big[150_000:] {
		if c == 0 {
			zeros++
		}
	}
	if zeros > 1000 { // about 195 expected
		t.Fatalf("the end of a large buffer was not filled: %d zeros in 50,000 bytes", zeros)
	}
}
