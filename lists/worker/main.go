//go:build js && wasm

// Command worker is the list server on Cloudflare Workers: the same
// http.Handler as `listctl serve` (lists/server), with Workers KV as its
// storage. Configure in lists/wrangler.toml:
//
//	[[kv_namespaces]] binding = "VIGIE_LISTS"
//	[vars] PUBLISHER_KEYS = "vigie-public-key-1 …"   (one or more, "|"-separated)
//	secret PUBLISH_TOKEN (wrangler secret put PUBLISH_TOKEN): required for PUT
//
// Each request runs in a fresh instance: the per-process upload cap and
// per-client rate do not carry over; Cloudflare's rate limiting rules do
// that job (docs/list-server.md).
package main

import (
	"math"
	"net/http"
	"strings"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"

	"vigie/lists/bundle"
	"vigie/lists/server"
)

// env reads a variable; an unset one comes back from JS as undefined,
// which syscall/js renders as "<undefined>".
func env(name string) string {
	v := cloudflare.Getenv(name)
	if v == "<undefined>" || v == "<null>" {
		return ""
	}
	return v
}

func main() {
	kv, err := cloudflare.NewKVNamespace("VIGIE_LISTS")
	if err != nil {
		panic("the VIGIE_LISTS KV binding is missing: " + err.Error())
	}
	keys, err := bundle.NewKeyring(strings.ReplaceAll(env("PUBLISHER_KEYS"), "|", "\n"))
	if err != nil {
		panic("PUBLISHER_KEYS: " + err.Error())
	}
	s := server.New(&kvStore{kv: kv}, keys)
	s.Token = env("PUBLISH_TOKEN")
	// Per-client rates belong to Cloudflare's rate limiting rules here: an
	// instance may serve one request only.
	s.PerClient = math.MaxInt32
	s.ClientIP = func(r *http.Request) string { return r.Header.Get("CF-Connecting-IP") }
	workers.Serve(s)
}
