//go:build !(js && wasm)

package random

import "crypto/rand"

// Read fills b from crypto/rand.
func Read(b []byte) error {
	_, err := rand.Read(b)
	return err
}
