//go:build js && wasm

// Command worker is the list server on Cloudflare Workers: the same
// http.Handler as `listctl serve` (lists/server), with Workers KV as its
// storage. Configure in lists/wrangler.toml:
//
//	[[kv_namespaces]] binding = "VIGIE_LISTS"
//	[vars] PUBLISHER_KEYS = "vigie-public-key-1 …"   (one or more, "|"-separated)
package main

import (
	"strings"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"

	"vigie/lists/bundle"
	"vigie/lists/server"
)

func main() {
	kv, err := cloudflare.NewKVNamespace("VIGIE_LISTS")
	if err != nil {
		panic("the VIGIE_LISTS KV binding is missing: " + err.Error())
	}
	keys, err := bundle.NewKeyring(strings.ReplaceAll(cloudflare.Getenv("PUBLISHER_KEYS"), "|", "\n"))
	if err != nil {
		panic("PUBLISHER_KEYS: " + err.Error())
	}
	workers.Serve(server.New(&kvStore{kv: kv}, keys))
}
