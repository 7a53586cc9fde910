package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// GeckoID is Vigie's add-on ID in Firefox, for policies.json.
const GeckoID = "vigie@vigie-terminal.fr"

// writeFirefox derives the Firefox build from the Chromium one: the same
// files, and a manifest with an event page (Firefox's MV3 background runs
// background.scripts, not a service worker), the gecko ID, and none of
// Chromium's own keys.
func writeFirefox(chrome, firefox string) error {
	if err := os.RemoveAll(firefox); err != nil {
		return err
	}
	files, err := listFiles(chrome)
	if err != nil {
		return err
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(chrome, f))
		if err != nil {
			return err
		}
		dst := filepath.Join(firefox, f)
		os.MkdirAll(filepath.Dir(dst), 0o755)
		switch f {
		case "manifest.json":
			if b, err = firefoxManifest(b); err != nil {
				return err
			}
		case StartupRules: // moz-extension origins differ per install
			if b, err = startupRules("", true); err != nil {
				return err
			}
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func firefoxManifest(b []byte) ([]byte, error) {
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("manifest: %v", err)
	}
	// background.js loads these with importScripts in Chromium's worker.
	m["background"] = map[string]any{"scripts": []string{
		"wasm_exec.js", "protocol.js", "verdicts.js", "policy.js", "lists.js", "session.js", "mediator.js", "gate.js", "rules.js", "offscreen.js", "downloads.js", "background.js",
	}}
	m["browser_specific_settings"] = map[string]any{"gecko": map[string]any{
		"id": GeckoID, "strict_min_version": "142.0",
		"data_collection_permissions": map[string]any{"required": []string{"none"}},
	}}
	delete(m, "key")
	delete(m, "update_url") // Chromium's update manifest; Firefox reads policies.json
	delete(m, "minimum_chrome_version")
	delete(m, "storage") // Firefox reads managed settings from policies.json → 3rdparty
	perms := []string{}
	for _, p := range m["permissions"].([]any) {
		// offscreen: Chromium's; Firefox's background page lets a blocking
		// listener wait. nativeMessaging: the terminal's launcher is
		// Chromium's (Firefox leaves nothing of the visitor on the disk).
		if p != "offscreen" && p != "nativeMessaging" {
			perms = append(perms, p.(string))
		}
	}
	m["permissions"] = perms
	return json.MarshalIndent(m, "", "  ")
}
