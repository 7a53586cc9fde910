package server

import "io"

// newSlowBody returns a body that sends b and then blocks forever, like a
// client whose connection stalls in the middle of an upload.
func newSlowBody(b []byte) (io.Reader, *io.PipeWriter) {
	pr, pw := io.Pipe()
	go func() { pw.Write(b) }()
	return pr, pw
}
