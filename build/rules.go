package main

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"

	"vigie/build/crx"
)

// StartupRules is the static ruleset the manifest enables at every install
// and update (extension/rules.js): the browser applies it before any of
// Vigie's code runs, and the worker disables it once its gate listens. A
// page waits on the hold page with its address; every other request is
// stopped. The address goes into the hold page's link by substitution,
// which needs the extension's own origin: known for a build with a key
// (the policy package, the unpacked build); otherwise (the store zip,
// Firefox's per-install origin) the page waits without its address.
const StartupRules = "rules/startup.json"

// otherTypes: every resource type but a page, as Chromium names them
// (extension/rules.js); firefoxOtherTypes, as Firefox ESR does (its
// declarativeNetRequest.ResourceType): an unknown type voids a rule.
var (
	otherTypes = []string{"sub_frame", "stylesheet", "script", "image", "font", "object", "xmlhttprequest", "ping",
		"csp_report", "media", "websocket", "webtransport", "webbundle", "other"}
	firefoxOtherTypes = []string{"sub_frame", "stylesheet", "script", "image", "object", "object_subrequest",
		"xmlhttprequest", "xslt", "ping", "beacon", "xml_dtd", "font", "media", "websocket", "csp_report", "imageset",
		"web_manifest", "speculative", "json", "other"}
)

func startupRules(id string, firefox bool) ([]byte, error) {
	page := map[string]any{"type": "redirect", "redirect": map[string]any{"extensionPath": "/pages/hold.html?s=1"}}
	if id != "" {
		page["redirect"] = map[string]any{"regexSubstitution": "chrome-extension://" + id + "/pages/hold.html?s=1&u=\\0"}
	}
	types := otherTypes
	if firefox {
		types = firefoxOtherTypes
	}
	return json.MarshalIndent([]any{
		map[string]any{"id": 1, "priority": 1, "action": page,
			"condition": map[string]any{"regexFilter": "^https?://[^#]*", "resourceTypes": []string{"main_frame"}}},
		map[string]any{"id": 2, "priority": 1, "action": map[string]any{"type": "block"},
			"condition": map[string]any{"resourceTypes": types}},
	}, "", "  ")
}

func writeStartupRules(dir, id string, firefox bool) error {
	b, err := startupRules(id, firefox)
	if err != nil {
		return err
	}
	p := filepath.Join(dir, StartupRules)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, b, 0o644)
}

// manifestID is the extension ID that the manifest's "key" gives, or "".
func manifestID(m map[string]any) string {
	k, _ := m["key"].(string)
	der, err := base64.StdEncoding.DecodeString(k)
	if k == "" || err != nil {
		return ""
	}
	return crx.IDOf(der)
}
