// Command steps times a list update step by step (make bench): what the
// engine does with a signed bundle — verify, hash the payload, inflate
// it, check the index's layout — natively or, built for js/wasm, in Node,
// so that the list update's figure shows which step bounds it. It prints
// JSON: milliseconds per step, first call.
package main

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"vigie/lists/bundle"
	"vigie/wasm/index"
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

	t := time.Now()
	bu, err := bundle.Parse(b)
	check(err)
	out["parseMs"] = ms(t)

	t = time.Now()
	sum := sha256.Sum256(bu.Payload)
	out["sha256Ms"] = ms(t)
	if sum != bu.Header.PayloadSum {
		check(fmt.Errorf("payload hash"))
	}

	t = time.Now()
	raw := make([]byte, bu.Header.IndexLen)
	r := flate.NewReader(bytes.NewReader(bu.Payload))
	_, err = io.ReadFull(r, raw)
	check(err)
	out["inflateMs"] = ms(t)

	t = time.Now()
	check(index.Unpack(raw))
	ix, err := index.Load(raw)
	check(err)
	out["loadMs"] = ms(t)
	out["entries"] = float64(ix.Len())

	// The whole verification once more, as the engine runs it (its second
	// call: the steps above warmed the code up).
	t = time.Now()
	_, _, err = bundle.Verify(b, bundle.Policy{Keys: keys, Name: bu.Header.Name})
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
