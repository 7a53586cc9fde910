package lists

import (
	"embed"
	"strings"
)

// Publisher keys trusted by every build: lists/keys/*.pub, one
// "vigie-public-key-1 …" line each. A build adds its own with
// `go run ./build -trust FILE` (stored in ExtraKeys), and a managed policy
// can add more at run time.
//
//go:embed keys
var keyFiles embed.FS

// ExtraKeys is set at link time by the build program
// (-ldflags "-X vigie/lists.ExtraKeys=…"): public key lines separated by "|".
var ExtraKeys string

// PublisherKeys returns the text of every trusted public key.
func PublisherKeys() []string {
	var out []string
	entries, _ := keyFiles.ReadDir("keys")
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".pub") {
			b, _ := keyFiles.ReadFile("keys/" + e.Name())
			out = append(out, string(b))
		}
	}
	for _, k := range strings.Split(ExtraKeys, "|") {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}
