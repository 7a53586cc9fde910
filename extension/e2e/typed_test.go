package e2e

import (
	"strings"
	"testing"
	"time"
)

// A page that sends every key as it is typed and, every 300 ms, the
// field's value; and has a form.
const keysPage = `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Espace personnel</title>
<form id="f" method="post" action="/login"><label>Mot de passe <input id="pw" name="pw" type="password"></label>
<button id="go" type="submit">Valider</button></form><script>
const pw = document.getElementById("pw");
pw.addEventListener("keyup", (e) => fetch("/touche", {method: "POST", body: e.key}));
setInterval(() => fetch("/champ", {method: "POST", body: "v=" + pw.value}), 300);
</script>`

// typedLeak sums up what a page's server got of pw: the characters sent
// one by one (in arrival order: requests may overtake each other), and
// whether a body held pw whole.
func typedLeak(posts []string, host, pw string) (keys string, whole bool) {
	for _, p := range posts {
		body := strings.TrimPrefix(p, host+" ")
		if path, k, ok := strings.Cut(body, " "); ok && path == "/touche" {
			keys += k
		}
		if strings.Contains(body, pw) || strings.Contains(body, strings.ReplaceAll(pw, "!", "%21")) {
			whole = true
		}
	}
	return keys, whole
}

// ameli.fr's password typed on an unknown page is recognised as it is
// typed: the field is emptied, the page's tab sends nothing more (its
// timer keeps trying), the visitor is told. Measured at the server: the
// keys sent one by one before the match (docs/passwords.md), and nothing
// after it. The control: another password typed there is not stopped.
func TestBothTypedPasswordRecognised(t *testing.T) {
	eachBrowser(t, func(t *testing.T, d driver) {
		s := d.site()
		s.setPage("www.ameli.fr", loginPage("ameli — mon compte", ""))
		s.setPage("saisie-libre.fr", keysPage)
		s.setPage("saisie-temoin.fr", keysPage)
		loginOnAmeli(t, d)

		control := d.tab(t)
		d.navigate(t, control, "http://saisie-temoin.fr/")
		d.typeIn(t, control, "pw", other)
		time.Sleep(time.Second) // three ticks of the page's timer
		if keys, _ := typedLeak(s.postsTo("saisie-temoin.fr"), "saisie-temoin.fr", other); !sameChars(keys, other) {
			t.Fatalf("the control page got %q of its keys", keys)
		}

		tab := d.tab(t)
		d.navigate(t, tab, "http://saisie-libre.fr/")
		d.typeIn(t, tab, "pw", secret)
		waitFor(t, "the field emptied", func() bool { return d.eval(t, tab, `document.getElementById("pw").value`) == "" })
		matched := len(s.postsTo("saisie-libre.fr"))
		time.Sleep(1500 * time.Millisecond) // five more ticks of the page's timer
		d.click(t, tab, "go")
		time.Sleep(time.Second)
		posts := s.postsTo("saisie-libre.fr")
		keys, _ := typedLeak(posts, "saisie-libre.fr", secret)
		t.Logf("sent one by one before the match: %d of %d characters; requests after it: %d", len(keys), len(secret), len(posts)-matched)
		if len(posts) > matched+1 { // one request may have been on its way
			t.Fatalf("the page's tab sent %d requests after the match: %q", len(posts)-matched, posts[matched:])
		}
		if !charsOf(keys, secret) {
			t.Fatalf("received keys that were not typed: %q", keys)
		}
		if d.eval(t, tab, `document.getElementById("pw").value`) != "" {
			t.Fatal("the field still holds the password")
		}
	})
}

// sameChars: a and b hold the same characters, in any order.
func sameChars(a, b string) bool { return len(a) == len(b) && charsOf(a, b) }

// charsOf: every character of a is one of b's (counted).
func charsOf(a, b string) bool {
	n := map[rune]int{}
	for _, r := range b {
		n[r]++
	}
	for _, r := range a {
		if n[r]--; n[r] < 0 {
			return false
		}
	}
	return true
}
