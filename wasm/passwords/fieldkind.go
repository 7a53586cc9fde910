package passwords

import "strings"

// FieldKind tells a password field that creates a password (sign-up,
// change, reset) from one that logs in, from what the page says of it:
//   - autocomplete: the field's autocomplete attribute, the page's own word;
//   - own: the field's name, id, placeholder, ARIA label and labels;
//   - context: its form's buttons, legend and headings and the heading
//     before it, but no link: a login form's "Créer mon compte" link
//     says nothing of the field;
//   - passwordFields: the password fields of its form (two: a password and
//     its confirmation).
//
// The field's own words decide first; then a confirmation field; then the
// form's words, by count (a tie is a login: a blocked login is worse for
// the visitor than a warned reuse, and reuse on sign-up is still blocked
// when the form says so).
func FieldKind(autocomplete, own, context string, passwordFields int) Field {
	ac := strings.ToLower(autocomplete)
	if strings.Contains(ac, "new-password") {
		return NewPassword
	}
	if strings.Contains(ac, "current-password") {
		return Login
	}
	o := foldWords(own)
	if hasAny(o, currentCues) {
		return Login // "mot de passe actuel" in a change form
	}
	if hasAny(o, newCues) {
		return NewPassword
	}
	if passwordFields >= 2 {
		return NewPassword // a password and its confirmation
	}
	c := foldWords(context)
	if count(c, newCues) > count(c, loginCues) {
		return NewPassword
	}
	return Login
}

// Cues, folded (no accents, lower case), matched at the start of a word:
// "cre" would match "crédit", so the cues are long enough to say one thing.
var (
	newCues = []string{
		"nouveau", "nouvelle", "new ", "confirm", "creer", "creez", "creation", "create",
		"choisi", "definis", "definir", "inscri", "register", "signup", "sign up", "sign-up",
		"changer", "changez", "change", "modifi", "activer", "activez", "activation",
		"ressaisi", "retape", "repete", "re-enter", "reenter", "again ", "reinitialis", "reset",
	}
	currentCues = []string{"actuel", "current", "ancien", "old password"}
	loginCues   = []string{"connexion", "connect", "identifiez", "log in", "login", "sign in", "signin", "acceder", "accedez"}
)

// foldWords lowers s, strips French accents and makes every run of
// non-letters one space, with a space at each end: " creez votre mot ".
func foldWords(s string) string {
	var b strings.Builder
	b.WriteByte(' ')
	space := true
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'à', 'â', 'ä':
			r = 'a'
		case 'é', 'è', 'ê', 'ë':
			r = 'e'
		case 'î', 'ï':
			r = 'i'
		case 'ô', 'ö':
			r = 'o'
		case 'ù', 'û', 'ü':
			r = 'u'
		case 'ç':
			r = 'c'
		case '-':
			// kept: "sign-up", "re-enter"
		default:
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
				r = ' '
			}
		}
		if r == ' ' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		b.WriteRune(r)
		space = false
	}
	if !space {
		b.WriteByte(' ')
	}
	return b.String()
}

func count(words string, cues []string) int {
	n := 0
	for _, c := range cues {
		n += strings.Count(words, " "+c)
	}
	return n
}

func hasAny(words string, cues []string) bool { return count(words, cues) > 0 }
