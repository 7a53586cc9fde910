package lists

import (
	_ "embed"
	"strings"
)

// Publisher keys trusted by every build: lists/keys/trusted.txt, one
// "vigie-public-key-1 …" line each. A build adds its own with
// `go run ./build -trust FILE` (stored in ExtraKeys), and a managed policy
// can add more at run time. A text file, not an embed.FS: the file system
// interface links date formatting into the engine (about 25 KB of brotli).
//
//go:embed keys/trusted.txt
var trustedKeys string

// ExtraKeys is set at link time by the build program
// (-ldflags "-X vigie/lists.ExtraKeys=…"): public key lines separated by "|".
var ExtraKeys string

// PublisherKeys returns the text of every trusted public key.
func PublisherKeys() []string {
	var out []string
	for _, line := range strings.Split(trustedKeys, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	for _, k := range strings.Split(ExtraKeys, "|") {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}
