package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"vigie/build/crx"
)

// writePackage makes what an IT service deploys to Chromium, Chrome and
// Edge from its own server: vigie.crx signed with its key (the key fixes
// the extension ID that policies name), updates.xml pointing at it, and
// the store zip (no key, no update_url: the stores add their own). The
// unpacked build in chrome/ gets the same key and update_url, so that it
// has the same ID as the package.
func writePackage(out, chrome string, o options) error {
	key, err := crx.LoadKey(o.crxKey, o.crxKeyCreate)
	if err != nil {
		return fmt.Errorf("CRX key: %v (make package creates one at the path given by CRX_KEY; keep it: it fixes the extension ID)", err)
	}
	id := crx.ID(&key.PublicKey)
	mpath := filepath.Join(chrome, "manifest.json")
	raw, err := os.ReadFile(mpath)
	if err != nil {
		return err
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return fmt.Errorf("manifest: %v", err)
	}
	version, _ := m["version"].(string)

	// The store zip first, from a manifest without key or update_url.
	delete(m, "key")
	delete(m, "update_url")
	store, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if err := os.WriteFile(mpath, store, 0o644); err != nil {
		return err
	}
	if err := writeStartupRules(chrome, "", false); err != nil { // the store gives the ID
		return err
	}
	if err := writeZip(chrome, filepath.Join(out, "vigie-store.zip")); err != nil {
		return err
	}
	if err := writeStartupRules(chrome, id, false); err != nil {
		return err
	}

	m["key"] = crx.ManifestKey(&key.PublicKey)
	if o.updateURL != "" {
		m["update_url"] = o.updateURL + "updates.xml"
	}
	packed, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if err := os.WriteFile(mpath, packed, 0o644); err != nil {
		return err
	}
	zipPath := filepath.Join(out, "vigie-chrome.zip")
	if err := writeZip(chrome, zipPath); err != nil {
		return err
	}
	zip, err := os.ReadFile(zipPath)
	if err != nil {
		return err
	}
	c, err := crx.Write(zip, key)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "vigie.crx"), c, 0o644); err != nil {
		return err
	}
	if o.updateURL != "" {
		xml := crx.UpdateManifest(id, version, o.updateURL+"vigie.crx")
		if err := os.WriteFile(filepath.Join(out, "updates.xml"), xml, 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("  vigie.crx       extension ID %s (policy: \"%s;%supdates.xml\")\n", id, id, o.updateURL)
	return os.WriteFile(filepath.Join(out, "extension-id.txt"), []byte(id+"\n"), 0o644)
}
