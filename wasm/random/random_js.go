//go:build js && wasm

package random

import (
	"errors"
	"syscall/js"
)

// maxRead is getRandomValues' limit per call.
const maxRead = 64 << 10

// Read fills b, or says why it could not: never a partly filled buffer
// taken as random.
func Read(b []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("random: crypto.getRandomValues failed")
		}
	}()
	c := js.Global().Get("crypto")
	if c.Type() != js.TypeObject {
		return errors.New("random: no crypto.getRandomValues")
	}
	for len(b) > 0 {
		n := min(len(b), maxRead)
		a := js.Global().Get("Uint8Array").New(n)
		c.Call("getRandomValues", a)
		if js.CopyBytesToGo(b[:n], a) != n {
			return errors.New("random: short read")
		}
		b = b[n:]
	}
	return nil
}
