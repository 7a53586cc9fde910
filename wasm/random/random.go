// Package random fills buffers with cryptographically secure random bytes:
// the platform's crypto.getRandomValues in WebAssembly (random_js.go), the
// standard library's crypto/rand elsewhere (random_other.go).
//
// Why not crypto/rand in the module: it draws through the standard
// library's FIPS 140 generator, which links AES, GCM and the self-tests
// (tens of KB of brotli) in front of the same getRandomValues call.
package random
