package main

import (
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The example policies in docs/deploy must carry the same Vigie settings
// for every browser, name only settings the managed schema knows, pin the
// icon, and never block every download.

const docID = "dehbppnnkabiflepcgiimpdbhnkbikfe"

// regFile reads a .reg file into key → value name → value (strings,
// dwords as numbers, and a key's numbered values as a list).
func regFile(t *testing.T, path string) map[string]map[string]any {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]any{}
	key := ""
	line := regexp.MustCompile(`^"((?:[^"\\]|\\.)*)"=(?:"((?:[^"\\]|\\.)*)"|dword:([0-9a-f]{8}))$`)
	for _, l := range strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "" || strings.HasPrefix(l, ";") || strings.HasPrefix(l, "Windows Registry"):
		case strings.HasPrefix(l, "["):
			key = strings.Trim(l, "[]")
			if out[key] == nil {
				out[key] = map[string]any{}
			}
		default:
			if strings.HasPrefix(l, "@=") { // a key's default value, named "@" here
				l = `"@"` + l[1:]
			}
			m := line.FindStringSubmatch(l)
			if m == nil {
				t.Fatalf("%s: cannot read %q", path, l)
			}
			if m[3] != "" {
				n, _ := strconv.ParseUint(m[3], 16, 32)
				out[key][m[1]] = float64(n)
			} else {
				out[key][m[1]] = strings.ReplaceAll(strings.ReplaceAll(m[2], `\"`, `"`), `\\`, `\`)
			}
		}
	}
	return out
}

// vigieFromReg gathers the 3rdparty settings under base, as JSON would
// have them (lists from numbered subkeys, booleans from dwords).
func vigieFromReg(reg map[string]map[string]any, base string, schema map[string]string) map[string]any {
	root := base + `\3rdparty\extensions\` + docID + `\policy`
	out := map[string]any{}
	for k, v := range reg[root] {
		if schema[k] == "boolean" {
			v = v.(float64) != 0
		}
		out[k] = v
	}
	for key, vals := range reg {
		if name, ok := strings.CutPrefix(key, root+`\`); ok {
			list := []any{}
			for i := 1; ; i++ {
				v, ok := vals[strconv.Itoa(i)]
				if !ok {
					break
				}
				list = append(list, v)
			}
			out[name] = list
		}
	}
	return out
}

func readJSON(t *testing.T, path string, v any) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func TestDeployPoliciesAgree(t *testing.T) {
	var schema struct {
		Properties map[string]struct{ Type string }
	}
	readJSON(t, "../extension/managed_schema.json", &schema)
	types := map[string]string{}
	for k, p := range schema.Properties {
		types[k] = p.Type
	}

	var linux map[string]any
	readJSON(t, "../docs/deploy/chromium-linux-vigie.json", &linux)
	want := linux["3rdparty"].(map[string]any)["extensions"].(map[string]any)[docID].(map[string]any)
	var ff struct{ Policies map[string]any }
	readJSON(t, "../docs/deploy/firefox-policies.json", &ff)
	firefox := ff.Policies["3rdparty"].(map[string]any)["Extensions"].(map[string]any)["vigie@vigie-terminal.fr"].(map[string]any)
	reg := regFile(t, "../docs/deploy/windows-chrome-edge-vigie.reg")
	chrome := vigieFromReg(reg, `HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Google\Chrome`, types)
	edge := vigieFromReg(reg, `HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Edge`, types)

	for k := range want {
		if _, ok := types[k]; !ok {
			t.Errorf("the Linux policy sets %q, which managed_schema.json does not know", k)
		}
	}
	// The welcome text may be shortened in the .reg (no line breaks there).
	same := func(name string, got map[string]any) {
		for k, v := range want {
			g, ok := got[k]
			if !ok {
				t.Errorf("%s lacks %q", name, k)
				continue
			}
			if k == "welcomeText" {
				continue
			}
			if !reflect.DeepEqual(g, v) {
				t.Errorf("%s: %q is %v, the Linux policy says %v", name, k, g, v)
			}
		}
		for k := range got {
			if _, ok := want[k]; !ok {
				t.Errorf("%s sets %q, the Linux policy does not", name, k)
			}
		}
	}
	same("Chrome (.reg)", chrome)
	same("Edge (.reg)", edge)
	same("Firefox", firefox)

	// Browser settings: the same force-install, a pinned icon, downloads
	// not all blocked.
	forcelist := linux["ExtensionInstallForcelist"].([]any)[0].(string)
	for _, base := range []string{`Google\Chrome`, `Microsoft\Edge`} {
		k := `HKEY_LOCAL_MACHINE\SOFTWARE\Policies\` + base
		if got := reg[k+`\ExtensionInstallForcelist`]["1"]; got != forcelist {
			t.Errorf("%s force-installs %v, Linux %v", base, got, forcelist)
		}
		if d := reg[k]["DownloadRestrictions"]; d == float64(3) || d == nil {
			t.Errorf("%s: DownloadRestrictions %v (3 blocks every download)", base, d)
		}
		var es map[string]map[string]any
		if err := json.Unmarshal([]byte(reg[k]["ExtensionSettings"].(string)), &es); err != nil {
			t.Fatalf("%s ExtensionSettings: %v", base, err)
		}
		if es[docID]["toolbar_pin"] != "force_pinned" && es[docID]["toolbar_state"] != "force_shown" {
			t.Errorf("%s does not pin Vigie's icon: %v", base, es[docID])
		}
	}
	// No connection opened ahead of a click or a page's hint: a lookalike
	// would learn of a visit that the gate then stops
	// (extension/e2e/tls_test.go measures it).
	if linux["NetworkPredictionOptions"] != float64(2) {
		t.Errorf("Linux: NetworkPredictionOptions %v, want 2", linux["NetworkPredictionOptions"])
	}
	for _, base := range []string{`Google\Chrome`, `Microsoft\Edge`} {
		if p := reg[`HKEY_LOCAL_MACHINE\SOFTWARE\Policies\`+base]["NetworkPredictionOptions"]; p != float64(2) {
			t.Errorf("%s: NetworkPredictionOptions %v, want 2", base, p)
		}
	}
	if ff.Policies["NetworkPrediction"] != false {
		t.Errorf("Firefox: NetworkPrediction %v, want false", ff.Policies["NetworkPrediction"])
	}
	// The policy above leaves Firefox's speculative connections on (3 TLS
	// handshakes to a clicked lookalike, measured): a locked preference.
	spec, _ := ff.Policies["Preferences"].(map[string]any)["network.http.speculative-parallel-limit"].(map[string]any)
	if spec["Value"] != float64(0) || spec["Status"] != "locked" {
		t.Errorf("Firefox: network.http.speculative-parallel-limit %v, want 0, locked", spec)
	}
	if d := linux["DownloadRestrictions"]; d == float64(3) {
		t.Error("Linux: DownloadRestrictions 3 blocks every download")
	}
	es := linux["ExtensionSettings"].(map[string]any)[docID].(map[string]any)
	if es["toolbar_pin"] != "force_pinned" {
		t.Errorf("Linux does not pin Vigie's icon: %v", es)
	}
	ffes := ff.Policies["ExtensionSettings"].(map[string]any)["vigie@vigie-terminal.fr"].(map[string]any)
	if ffes["default_area"] != "navbar" {
		t.Errorf("Firefox does not put Vigie's icon in the toolbar: %v", ffes)
	}
}
