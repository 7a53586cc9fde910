package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// Chromium refuses to load an extension whose messages are malformed, and
// shows a raw key for a missing one: check every locale and every use.
func TestLocales(t *testing.T) {
	root := filepath.Join(repoRoot(t), "extension")
	load := func(lang string) map[string]struct {
		Message      string
		Placeholders map[string]struct{ Content string }
	} {
		b, err := os.ReadFile(filepath.Join(root, "_locales", lang, "messages.json"))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]struct {
			Message      string
			Placeholders map[string]struct{ Content string }
		}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		return m
	}
	fr, en := load("fr"), load("en")
	name := regexp.MustCompile(`^[A-Za-z0-9_@]+$`)
	for k, v := range fr {
		if !name.MatchString(k) {
			t.Errorf("message name %q: only ASCII letters, digits and _", k)
		}
		if _, ok := en[k]; !ok {
			t.Errorf("%q is in French but not in English", k)
		}
		for ph := range v.Placeholders {
			if !strings.Contains(strings.ToLower(v.Message), "$"+strings.ToLower(ph)+"$") {
				t.Errorf("%q: placeholder %s unused", k, ph)
			}
		}
	}
	for k := range en {
		if _, ok := fr[k]; !ok {
			t.Errorf("%q is in English but not in French (the default locale)", k)
		}
	}
	// Every key used by the pages and scripts exists.
	var used []string
	uses := regexp.MustCompile(`data-i18n="([^"]+)"|\bt\("([A-Za-z0-9_]+)"|getMessage\("([A-Za-z0-9_]+)"|__MSG_([A-Za-z0-9_]+)__`)
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(p, "/e2e/") {
			return err
		}
		if ext := filepath.Ext(p); ext != ".js" && ext != ".html" && ext != ".json" {
			return nil
		}
		b, _ := os.ReadFile(p)
		for _, m := range uses.FindAllStringSubmatch(string(b), -1) {
			for _, g := range m[1:] {
				if g != "" {
					used = append(used, g)
				}
			}
		}
		return nil
	})
	sort.Strings(used)
	for _, k := range used {
		if strings.HasSuffix(k, "_") {
			continue // the prefix of a computed name ("res_" + result)
		}
		if _, ok := fr[k]; !ok && k != "@@ui_locale" {
			t.Errorf("message %q is used but not defined", k)
		}
	}
	if len(used) < 20 {
		t.Fatalf("only %d message uses found: the scan is broken", len(used))
	}
}
