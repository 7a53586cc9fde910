// Command steps times a list update step by step (make bench): what the
// engine does with a signed bundle — check it before inflating, hash the
// inflated index, check its layout — natively or, built for js/wasm, in Node,
// so that the list update's figure shows which step bounds it. It prints
// JSON: milliseconds per step, first call.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"vigie/lists/bundle"
	"vigie/lists/index"
	"vigie/lists/publish"
	"vigie/wasm/sha2"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: steps BUNDLE PUBKEY")
		os.Exit(2)
	}
	b, err := os.ReadFile(os.Args[1])
	check(err)
	pub, err := os.ReadFile(os.Args[2])
	check(err)
	keys, err := bundle.NewKeyring(string(pub))
	check(err)
	ms := func(t time.Time) float64 { return float64(time.Since(t).Microseconds()) / 1000 }
	out := map[string]float64{}

	policy := bundle.Policy{Keys: keys, Name: "default"}
	if bu, err := bundle.Parse(b); err == nil {
		policy.Name = bu.Header.Name
	}

	// What the engine checks before the payload is inflated: signer,
	// signature, claims, SHA-256 of the compressed payload.
	t := time.Now()
	bu, err := bundle.Check(b, policy)
	check(err)
	out["checkMs"] = ms(t)

	// Inflating is the browser's in the extension (DecompressionStream,
	// timed by wasm.mjs); here it is only the input of the next steps.
	packed, err := publish.Inflate(bu.Payload, int(bu.Header.IndexLen))
	check(err)
	again := bytes.Clone(packed)

	t = time.Now()
	sum := sha2.Sum256(packed)
	out["sha256Ms"] = ms(t)
	if sum != bu.Header.IndexSum {
		check(fmt.Errorf("index hash"))
	}

	t = time.Now()
	check(index.Unpack(packed))
	ix, err := index.Load(packed)
	check(err)
	out["loadMs"] = ms(t)
	out["entries"] = float64(ix.Len())

	// The whole verification once more, as the engine runs it (its second
	// call: the steps above warmed the code up).
	t = time.Now()
	_, _, err = bundle.VerifyInflated(b, again, policy)
	check(err)
	out["verifyAgainMs"] = ms(t)
	j, _ := json.Marshal(out)
	fmt.Println(string(j))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "steps:", err)
		os.Exit(1)
	}
}
