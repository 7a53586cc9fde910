package e2e

import (
	"testing"
	"time"
)

// TestTypedPasswordRecognised in Firefox ESR.
func TestFirefoxTypedPasswordRecognised(t *testing.T) {
	f := newFirefox(t)
	f.site.setPage("www.ameli.fr", loginPage("ameli — mon compte", ""))
	f.site.setPage("saisie-libre.fr", keysPage)
	f.site.setPage("saisie-temoin.fr", keysPage)
	real := f.tab(t)
	f.navigate(t, real, "http://www.ameli.fr/")
	f.typeIn(t, real, "pw", secret)
	f.clickOn(t, real, "go")
	waitFor(t, "the real login", func() bool { return len(f.site.postsTo("www.ameli.fr")) == 1 })

	control := f.tab(t)
	f.navigate(t, control, "http://saisie-temoin.fr/")
	f.typeIn(t, control, "pw", other)
	time.Sleep(time.Second)
	if keys, _ := typedLeak(f.site.postsTo("saisie-temoin.fr"), "saisie-temoin.fr", other); !sameChars(keys, other) {
		t.Fatalf("the control page got %q of its keys", keys)
	}

	tab := f.tab(t)
	f.navigate(t, tab, "http://saisie-libre.fr/")
	f.typeIn(t, tab, "pw", secret)
	waitFor(t, "the field emptied", func() bool { return f.eval(t, tab, `document.getElementById("pw").value`) == "" })
	matched := len(f.site.postsTo("saisie-libre.fr"))
	time.Sleep(1500 * time.Millisecond)
	f.clickOn(t, tab, "go")
	time.Sleep(time.Second)
	posts := f.site.postsTo("saisie-libre.fr")
	keys, _ := typedLeak(posts, "saisie-libre.fr", secret)
	t.Logf("sent one by one before the match: %d of %d characters; requests after it: %d", len(keys), len(secret), len(posts)-matched)
	if len(posts) > matched+1 {
		t.Fatalf("the page's tab sent %d requests after the match: %q", len(posts)-matched, posts[matched:])
	}
	if !charsOf(keys, secret) {
		t.Fatalf("received keys that were not typed: %q", keys)
	}
}
