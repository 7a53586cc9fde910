//go:build js && wasm

package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/syumai/workers/cloudflare/kv"

	"vigie/lists/server"
)

// kvStore keeps each version of a list under its own key in Workers KV:
//
//	bundle/NAME/INV   INV = MaxUint64 − version, 20 digits, so that KV's
//	                  ascending key order lists the newest version first
//
// The latest bundle is the first key of the list: there is no "latest"
// pointer to race on. Each request runs in a fresh Go instance and KV has
// no compare-and-swap, so two uploads cannot be serialised; with this
// layout they need not be: both are stored, and the newer wins whatever the
// order in which they land. KV reads can lag writes by up to a minute on
// Cloudflare (docs/list-server.md).
type kvStore struct{ kv *kv.Namespace }

func prefix(name string) string { return "bundle/" + name + "/" }

func key(name string, version uint64) string {
	return prefix(name) + fmt.Sprintf("%020d", uint64(math.MaxUint64)-version)
}

// get reads a text value; a missing key comes back from JS as null, which
// syscall/js renders as "<null>".
func (s *kvStore) get(k string) (string, bool) {
	v, err := s.kv.GetString(k, nil)
	if err != nil || v == "" || v == "<null>" || v == "<undefined>" {
		return "", false
	}
	return v, true
}

func (s *kvStore) Latest(ctx context.Context, name string) (uint64, []byte, error) {
	res, err := s.kv.List(&kv.ListOptions{Prefix: prefix(name), Limit: 1})
	if err != nil {
		return 0, nil, err
	}
	if len(res.Keys) == 0 {
		return 0, nil, server.ErrNotFound
	}
	inv, err := strconv.ParseUint(strings.TrimPrefix(res.Keys[0].Name, prefix(name)), 10, 64)
	if err != nil {
		return 0, nil, fmt.Errorf("corrupt key %q", res.Keys[0].Name)
	}
	ver := uint64(math.MaxUint64) - inv
	b, err := s.Get(ctx, name, ver)
	return ver, b, err
}

func (s *kvStore) Get(_ context.Context, name string, version uint64) ([]byte, error) {
	v, ok := s.get(key(name, version))
	if !ok {
		return nil, server.ErrNotFound
	}
	return base64.StdEncoding.DecodeString(v)
}

func (s *kvStore) Put(ctx context.Context, name string, version uint64, body []byte) error {
	if cur, _, err := s.Latest(ctx, name); err == nil && version <= cur {
		return fmt.Errorf("%w: %d, latest %d", server.ErrConflict, version, cur)
	}
	return s.kv.PutString(key(name, version), base64.StdEncoding.EncodeToString(body), nil)
}
