package lookalike

import "sort"

// vocab: generic words that phishing hosts put around a brand word
// (French and English service, account, payment, parcel and fine words).
// A label made only of these and a brand word is a combosquat. Keep it
// sorted (a test checks) and free of one-letter words, which would split
// honest names ("amelie" is not "ameli" + "e").
var vocab = []string{
	"acces", "access", "account", "accueil", "acheminement", "acheter", "actu", "actualisation",
	"actualise", "actualiser", "admin", "agence", "aide", "aides", "air", "alerte", "amande",
	"amandes", "amende", "amendes", "app", "assistance", "assur", "assurance", "assurances",
	"assure", "assures", "attestation", "au", "auth", "authentification", "aux", "avantage",
	"avis", "billing", "carte", "cartes", "center", "centre", "certif", "certificat",
	"certification", "claim", "client", "clientele", "clients", "colis", "commande", "compte",
	"comptes", "conduire", "confirm", "confirmation", "confirmer", "connect", "connection",
	"connexion", "consigne", "consignes", "consulter", "contact", "contestation", "contravention",
	"contraventions", "customer", "de", "delivery", "demande", "demandes", "demarche",
	"demarches", "des", "dossier", "dossiers", "droits", "du", "duplicata", "en", "enligne",
	"envoi", "envoie", "espace", "espaceclient", "espaces", "et", "expedition", "express",
	"facturation", "facture", "finance", "finances", "fiscal", "fiscale", "forfaitaire",
	"forfaitaires", "fr", "frais", "francais", "france", "fraud", "fraude", "gestion", "gestions",
	"gouvernement", "gov", "group", "groupe", "habitat", "help", "id", "identification", "impaye",
	"impayes", "indemnite", "info", "information", "informations", "infos", "infraction",
	"infractions", "invoice", "jour", "la", "le", "les", "ligne", "livraison", "livraisons",
	"login", "ma", "mail", "maj", "majoration", "majorations", "maladie", "mes", "mesdroits",
	"messagerie", "minute", "mise", "mobile", "mon", "moncompte", "monespace", "my", "national",
	"nationale", "net", "notif", "notification", "notifications", "nouveau", "nouvelle", "numero",
	"official", "officiel", "officielle", "online", "page", "paiement", "paiements", "parcel",
	"particulier", "particuliers", "patient", "pay", "payement", "payer", "payment", "permis",
	"perte", "pickup", "plateforme", "portail", "portal", "pour", "procedure", "procedures",
	"public", "publique", "pv", "rappel", "rdv", "recouvrement", "recouvrements", "recovery",
	"reference", "refund", "reglement", "reglementation", "reglements", "regler", "reglez",
	"regul", "regularisation", "regularisations", "regularisez", "regulation", "regulations",
	"relance", "relivraison", "remb", "remboursement", "remboursements", "rendezvous", "renew",
	"renouv", "renouveler", "renouvellement", "renouvellements", "reset", "resiliation", "retard",
	"retrait", "retraite", "sante", "sav", "secu", "secur", "secure", "securise", "securite",
	"service", "services", "signin", "site", "situation", "sms", "social", "sociale", "soin",
	"soins", "solde", "solution", "solutions", "stationnement", "suivi", "suivicolis", "suivie",
	"suivis", "suivre", "support", "sur", "suspension", "telepaiement", "track", "tracking",
	"traitement", "traitements", "unlock", "update", "urgence", "usager", "usagers", "validate",
	"validation", "valider", "verif", "verification", "verifications", "verifier", "verifs",
	"verify", "vignette", "vital", "vitale", "vos", "vosdroits", "votre", "web", "www",
}

// maxVocab is the length of the longest vocab word.
const maxVocab = 16

// vocabFrom returns the vocab words that start with byte c: a slice of
// the sorted list (segment asks at every position of a label).
func vocabFrom(c byte) []string { return vocab[vocabStart[c]:vocabStart[int(c)+1]] }

// vocabStart[c] is the position of the first vocab word ≥ string(c).
var vocabStart = func() (a [257]uint16) {
	for c := range a {
		a[c] = uint16(sort.SearchStrings(vocab, string(rune(c))))
		if c == 256 {
			a[c] = uint16(len(vocab))
		}
	}
	return a
}()

func isVocab(s string) bool {
	i := sort.SearchStrings(vocab, s)
	return i < len(vocab) && vocab[i] == s
}
