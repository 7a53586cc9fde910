package lookalike

import "sort"

// vocab: generic words that phishing hosts put around a brand word
// (French and English service, account, payment, parcel and fine words).
// A label made only of these and a brand word is a combosquat. Keep it
// sorted (a test checks) and free of one-letter words, which would split
// honest names ("amelie" is not "ameli" + "e").
var vocab = []string{
	"acces", "account", "accueil", "acheminement", "actu", "actualisation", "actualise",
	"actualiser", "admin", "agence", "aide", "aides", "alerte", "amande", "amandes", "amende",
	"amendes", "app", "assistance", "assurance", "assure", "assures", "au", "auth",
	"authentification", "aux", "avis", "billing", "carte", "cartes", "center", "centre",
	"certificat", "certification", "client", "clients", "colis", "commande", "compte", "comptes",
	"conduire", "confirmation", "confirmer", "connect", "connection", "connexion", "contact",
	"contravention", "contraventions", "customer", "de", "delivery", "demande", "demandes",
	"demarche", "demarches", "des", "dossier", "dossiers", "du", "en", "enligne", "envoi",
	"envoie", "espace", "et", "expedition", "facturation", "facture", "fr", "frais", "france",
	"gestion", "gov", "help", "id", "identification", "impaye", "indemnite", "info",
	"information", "informations", "infos", "infraction", "infractions", "jour", "la", "le",
	"les", "ligne", "livraison", "livraisons", "login", "ma", "mail", "maj", "majoration",
	"maladie", "mes", "messagerie", "mise", "mobile", "mon", "moncompte", "monespace", "my",
	"national", "nationale", "net", "notif", "notification", "notifications", "nouveau",
	"nouvelle", "official", "officiel", "online", "page", "paiement", "paiements", "parcel",
	"particulier", "particuliers", "patient", "pay", "payement", "payer", "payment", "permis",
	"pickup", "portail", "pour", "public", "publique", "rappel", "recouvrement", "reglement",
	"reglementation", "reglements", "regler", "regul", "regularisation", "regularisations",
	"relance", "relivraison", "remboursement", "remboursements", "renouv", "renouveler",
	"renouvellement", "renouvellements", "retard", "retrait", "sante", "sav", "secu", "secur",
	"secure", "securise", "securite", "service", "services", "site", "sms", "social", "sociale",
	"stationnement", "suivi", "suivicolis", "suivie", "suivis", "suivre", "support", "sur",
	"telepaiement", "track", "tracking", "traitement", "update", "usager", "usagers",
	"validation", "valider", "verif", "verification", "verifier", "verifs", "vignette", "vital",
	"vitale", "vos", "votre", "web", "www",
}

// maxVocab is the length of the longest vocab word.
const maxVocab = 16

func isVocab(s string) bool {
	i := sort.SearchStrings(vocab, s)
	return i < len(vocab) && vocab[i] == s
}
