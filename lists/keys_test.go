package lists

import (
	"strings"
	"testing"

	"vigie/lists/bundle"
	"vigie/lists/publish"
)

// Comments and blank lines of trusted.txt are not keys; every key line
// parses; keys given at link time follow.
func TestPublisherKeys(t *testing.T) {
	saved, extra := trustedKeys, ExtraKeys
	defer func() { trustedKeys, ExtraKeys = saved, extra }()
	priv, err := publish.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	pub := priv.Public()
	trustedKeys = "# a comment\n\n  " + pub.String() + "  \n# another\n"
	ExtraKeys = " | " + pub.String()
	keys := PublisherKeys()
	if len(keys) != 2 {
		t.Fatalf("keys: %q", keys)
	}
	for _, k := range keys {
		if _, err := bundle.ParsePublicKey(k); err != nil || strings.HasPrefix(k, "#") {
			t.Fatalf("%q: %v", k, err)
		}
	}
	for _, k := range strings.Split(saved, "\n") {
		if k = strings.TrimSpace(k); k != "" && !strings.HasPrefix(k, "#") {
			if _, err := bundle.ParsePublicKey(k); err != nil {
				t.Fatalf("trusted.txt: %q: %v", k, err)
			}
		}
	}
}
