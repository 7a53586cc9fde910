package main

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"time"
	"vigie/lists"

	"vigie/lists/bundle"
	"vigie/lists/etalab"
	"vigie/lists/index"
	"vigie/lists/publish"
	"vigie/lists/server"
	"vigie/wasm/engine"
)

const demoListURL = "http://lists.vigie.test/v1/lists/default"

// prepare makes (or reuses) the demo key, builds the extension that trusts
// it, and publishes a fresh signed bundle to the demo list server.
func prepare(out string) (http.Handler, string, error) {
	demo := filepath.Join(out, "demo")
	keyPath, pubPath := filepath.Join(demo, "publisher.key"), filepath.Join(demo, "publisher.pub")
	if err := os.MkdirAll(demo, 0o700); err != nil {
		return nil, "", err
	}
	key, err := loadOrMakeKey(keyPath, pubPath)
	if err != nil {
		return nil, "", err
	}
	// The demo build trusts a throw-away key: it lives under dist/demo/
	// only, never where make dist and make package put what is shipped.
	build := exec.Command("go", "run", "./build", "-out", filepath.Join(demo, "build"), "-trust", pubPath, "-list-url", demoListURL, "-update-minutes", "15")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		return nil, "", fmt.Errorf("building the extension: %v", err)
	}
	es, err := lists.DefaultEntries()
	if err != nil {
		return nil, "", err
	}
	what := "la liste nationale"
	if more, err := etalab.ReadFile(filepath.Join("..", "shared", "data", "etalab-urls.txt")); err == nil {
		es = append(es, more...)
		what = fmt.Sprintf("la liste nationale et %d sites publics (Etalab)", len(more))
	}
	ix, err := index.Build(es)
	if err != nil {
		return nil, "", err
	}
	now := time.Now()
	b, err := publish.Build(key, engine.DefaultListName, uint64(now.Unix()), now, now.Add(30*24*time.Hour), ix)
	if err != nil {
		return nil, "", err
	}
	store := &server.DirStore{Dir: filepath.Join(demo, "lists")}
	os.RemoveAll(store.Dir)
	if err := store.Put(nil, engine.DefaultListName, uint64(now.Unix()), b); err != nil {
		return nil, "", err
	}
	fmt.Printf("  Serveur de listes : %s (%s, %d Ko, signée)\n", demoListURL, what, len(b)/1024)
	ext, _ := filepath.Abs(filepath.Join(demo, "build", "chrome"))
	return server.New(store, bundle.Keyring{key.Public().ID(): key.Public()}), ext, nil
}

func loadOrMakeKey(keyPath, pubPath string) (publish.PrivateKey, error) {
	if b, err := os.ReadFile(keyPath); err == nil {
		return publish.ParsePrivateKey(string(b))
	}
	k, err := publish.GenerateKey()
	if err != nil {
		return k, err
	}
	if err := os.WriteFile(keyPath, []byte(k.String()+"\n"), 0o600); err != nil {
		return k, err
	}
	return k, os.WriteFile(pubPath, []byte(k.Public().String()+"\n"), 0o644)
}
