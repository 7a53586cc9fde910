package lookalike

// Scores are on a 0–100 scale. A verdict is a lookalike (full-page warning)
// from ScoreLookalike, suspicious (banner, passwords blocked) from
// ScoreSuspicious. docs/detection.md explains each value.
const (
	ScoreLookalike  = 70
	ScoreSuspicious = 40
	// ScoreCertain: nothing found later can be stronger; skip the rest.
	ScoreCertain = 95

	// A different label whose skeleton is an official name: arneli.fr,
	// аmeli.fr. Nobody types such a name by accident.
	scoreSkeleton = 95
	// The same with a mixed-script label (Latin and Cyrillic): certain.
	scoreSkeletonMixed = 100
	// A whole official domain inside the host: ameli.fr.secure-login.com.
	scoreEmbedBrand = 95
	// The same for a local entry: still deliberate, slightly less common.
	scoreEmbedLocal = 90
	// A brand word (5+ letters) in a subdomain: ameli.secure-login.com.
	scoreSubdomainWord = 75
	// A short brand word (caf, ants) in a subdomain: often innocent.
	scoreSubdomainShortWord = 45
	// A brand's joined form: impots-gouv.fr, impotsgouv.fr, service-public-fr.com.
	scoreHyphenation = 90
	// One typo away from a brand name of 5+ letters: amelli.fr.
	scoreEditDistance = 85
	// The brand name on another suffix: ameli.com, ameli.fr.com.
	scoreSuffixSwap = 85
	// The same for names of under 5 letters (caf.net, msa.com): real
	// companies own such names elsewhere, so a banner, not a wall.
	scoreSuffixSwapShort = 50
	// Brand word plus service words only: ameli-remboursement.com,
	// moncompte-caf.info, macartevitale.fr.
	scoreComboVocab = 85
	// Distinctive brand word (5+ letters) plus anything: chronopost-xk2.fr.
	scoreComboWord = 75
	// Short brand word as a whole token plus unknown words: caf-xyz.fr.
	scoreComboShort = 45
	// A brand word one typo away, with service words: chronoposts-suivi.fr.
	scoreComboTypo = 75
	// A brand word glued to the start or end of other letters (amelisoin.fr,
	// authsimpots.fr), or a long one anywhere (agsecurite-codebanquepostale).
	scoreComboAffix = 75
	// Theme words with service words only (amende-paiement.fr): no brand
	// is named, so a banner rather than a wall.
	scoreTheme = 50
)
