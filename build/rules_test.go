package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// The startup rules: a page to the hold page of this extension's own
// origin with its address (or without, where the origin is not known),
// every other type blocked; Firefox's without the types it does not know.
func TestStartupRules(t *testing.T) {
	var m map[string]any
	json.Unmarshal([]byte(`{"key": "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAvHgd3DAYqHEO/HAWBgTPDa3axXOxk3/9Pn0A+lhyZs1hc3i7PiN2+ktiszMsfJJzWnswZhslOy5KdO3/99GKgyRPN0fwkVg4KFKOK/tHzaTvIS3QoNCa47uZmE30Kv4rMWaAFrJKTh6EzoVRUCoQfz95dhy8qmE6yw9yHj5TCpYMxMWBBb5MIjenuQgvfz2FE1X1PphQBQzsRIQLPb3+5ccWu84OViokuQI+wNx+rdW/29QEhKDiSy4dfm8JFJ85KBfd059MJx8o0rr802V2/d/cqw+Sb2w2Mg6iTpo9CS3hg5Rx2HC8BQgxbffUOaYt8S9FnVQYg28m/dUin+CvgwIDAQAB"}`), &m)
	id := manifestID(m)
	if id != "dehbppnnkabiflepcgiimpdbhnkbikfe" {
		t.Fatalf("the manifest's key gives %q, the documented ID is dehbppnnkabiflepcgiimpdbhnkbikfe", id)
	}
	type rule struct {
		Action struct {
			Type     string
			Redirect map[string]string
		}
		Condition struct{ ResourceTypes []string }
	}
	read := func(id string, firefox bool) []rule {
		b, err := startupRules(id, firefox)
		if err != nil {
			t.Fatal(err)
		}
		var rs []rule
		if err := json.Unmarshal(b, &rs); err != nil || len(rs) != 2 {
			t.Fatalf("rules %s: %v", b, err)
		}
		return rs
	}
	rs := read(id, false)
	if got := rs[0].Action.Redirect["regexSubstitution"]; got != "chrome-extension://"+id+"/pages/hold.html?s=1&u=\\0" {
		t.Errorf("page redirect %q", got)
	}
	if rs[1].Action.Type != "block" || len(rs[1].Condition.ResourceTypes) != len(otherTypes) {
		t.Errorf("other requests: %+v", rs[1])
	}
	ff := read("", true)
	if got := ff[0].Action.Redirect["extensionPath"]; got != "/pages/hold.html?s=1" {
		t.Errorf("Firefox page redirect %q", got)
	}
	if s := strings.Join(ff[1].Condition.ResourceTypes, " "); strings.Contains(s, "webtransport") || !strings.Contains(s, "beacon") || !strings.Contains(s, "speculative") {
		t.Errorf("Firefox types %s", s)
	}
}
