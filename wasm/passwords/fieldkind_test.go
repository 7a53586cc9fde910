package passwords

import "testing"

// Realistic forms, as the content script describes them: the field's own
// words (name, id, placeholder, labels), its form's words (buttons,
// legend, headings, the heading before it, the page title; never a link),
// the autocomplete attribute and the number of password fields.
func TestFieldKind(t *testing.T) {
	for _, c := range []struct {
		name, ac, own, context string
		n                      int
		want                   Field
	}{
		// The two misreadings found by the hostile-page review:
		{"sign-up that says « Définissez »", "", "password Définissez votre mot de passe", "Créer mon compte Valider", 1, NewPassword},
		{"login with a « Créer mon compte » link", "", "password Mot de passe", "Connexion à mon compte ameli Je me connecte Connexion - ameli", 1, Login},
		{"sign-up that says « Créez »", "", "mdp Créez votre mot de passe", "Inscription Continuer", 1, NewPassword},
		{"ameli login", "", "password Mot de passe", "Je me connecte Mon compte ameli", 1, Login},
		{"impots.gouv login", "", "pwd Votre mot de passe", "Connexion Numéro fiscal Continuer Connexion - impots.gouv.fr", 1, Login},
		{"France Travail login", "", "password Mot de passe", "Identifiez-vous Je me connecte", 1, Login},
		{"CAF activation", "", "password Choisissez un mot de passe", "Activer mon compte Valider", 1, NewPassword},
		{"sign-up, plain label, form says create", "", "password Mot de passe", "Créer votre compte Valider", 1, NewPassword},
		{"login form with a create-account button too", "", "password Mot de passe", "Se connecter Créer mon compte", 1, Login},
		{"login with a newsletter box", "", "password Mot de passe", "Connexion Recevoir la newsletter", 1, Login},
		{"change form: current", "", "oldpwd Mot de passe actuel", "Modifier mon mot de passe Enregistrer", 3, Login},
		{"change form: new", "", "newpwd Nouveau mot de passe", "Modifier mon mot de passe Enregistrer", 3, NewPassword},
		{"change form: confirmation", "", "confirmpwd Confirmez le nouveau mot de passe", "Modifier mon mot de passe", 3, NewPassword},
		{"reset", "", "Nouveau mot de passe", "Réinitialiser votre mot de passe", 2, NewPassword},
		{"sign-up with confirmation, plain labels", "", "password Mot de passe", "Valider", 2, NewPassword},
		{"English login", "", "password Password", "Sign in to your account Sign in", 1, Login},
		{"English sign-up", "", "password Password", "Create your account Sign up", 1, NewPassword},
		{"English change", "", "Current password", "Change password", 3, Login},
		{"autocomplete new-password wins", "new-password", "Mot de passe", "Connexion", 1, NewPassword},
		{"autocomplete current-password wins", "current-password", "Nouveau", "Créer", 2, Login},
		{"nothing said", "", "", "", 1, Login},
		{"credit is not create", "", "password Mot de passe", "Connexion crédit agricole", 1, Login},
	} {
		if got := FieldKind(c.ac, c.own, c.context, c.n); got != c.want {
			t.Errorf("%s: FieldKind(%q, %q, %q, %d) = %s, want %s", c.name, c.ac, c.own, c.context, c.n, got, c.want)
		}
	}
}
