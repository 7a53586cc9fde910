package main

import (
	"os"
	"regexp"
	"slices"
	"testing"
)

// The worker's message table (extension/protocol.js) and its handlers
// (background.js: handle, and handleMediator for the routes that need the
// advisor's code) name the same messages: a route without a handler
// would answer its failure to every call, a handler without a route is
// never reached.
func TestProtocolRoutesHaveHandlers(t *testing.T) {
	proto, err := os.ReadFile("../extension/protocol.js")
	if err != nil {
		t.Fatal(err)
	}
	bg, err := os.ReadFile("../extension/background.js")
	if err != nil {
		t.Fatal(err)
	}
	routes := map[string]bool{} // name → needs the code
	for _, m := range regexp.MustCompile(`(?m)^    (\w+): \{ from: "(web|vigie)"(, code: true)?`).FindAllSubmatch(proto, -1) {
		routes[string(m[1])] = len(m[3]) > 0
	}
	if len(routes) < 30 {
		t.Fatalf("only %d routes read from protocol.js", len(routes))
	}
	body := func(fn string) []byte {
		i := regexp.MustCompile(`(?m)^async function ` + fn + `\(`).FindIndex(bg)
		if i == nil {
			t.Fatalf("no function %s in background.js", fn)
		}
		end := regexp.MustCompile(`(?m)^}`).FindIndex(bg[i[1]:])
		return bg[i[1] : i[1]+end[0]]
	}
	cases := func(fn string) []string {
		var out []string
		for _, m := range regexp.MustCompile(`(?m)^    case "(\w+)":`).FindAllSubmatch(body(fn), -1) {
			out = append(out, string(m[1]))
		}
		return out
	}
	plain, coded := cases("handle"), cases("handleMediator")
	for name, code := range routes {
		if code && !slices.Contains(coded, name) {
			t.Errorf("route %q needs the code but handleMediator has no case for it", name)
		}
		if !code && !slices.Contains(plain, name) {
			t.Errorf("route %q has no case in handle", name)
		}
	}
	for _, name := range append(plain, coded...) {
		if _, ok := routes[name]; !ok {
			t.Errorf("background.js handles %q, which protocol.js does not route: it is never reached", name)
		}
	}
	for _, name := range coded {
		if !routes[name] {
			t.Errorf("handleMediator handles %q, which protocol.js lets through without the code", name)
		}
	}
}
