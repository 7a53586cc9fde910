package lookalike

import (
	"bytes"
	"os"
	"sort"
	"strings"
	"testing"

	"vigie/lists"
	"vigie/lists/index"
	"vigie/lists/source"
	"vigie/wasm/hostname"
)

// testIndex is the default national list plus real local entries that sit
// close to brand names: the hardest honest neighbours there are.
func testIndex(t testing.TB) *index.Index {
	es, err := source.Parse(bytes.NewReader(lists.Default))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"amelie-les-bains.com", "cafe-de-la-famille.fr", "paris.fr", "mairie-exemple.fr", "carsat-bfc.fr"} {
		es = append(es, source.Entry{Domain: d, Tier: source.Local, Label: d})
	}
	ix, err := index.Build(es)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

type want struct {
	host     string
	family   Family // "" for no match
	imitates string
}

func run(t *testing.T, cases []want) {
	t.Helper()
	ix := testIndex(t)
	for _, c := range cases {
		h := hostname.Parse(c.host)
		if _, ok := ix.Official(h.ASCII, h.Registrable); ok {
			t.Errorf("%s is official in the test list", c.host)
			continue
		}
		m := Detect(ix, h)
		got, imit := Family(""), ""
		if m.Score >= ScoreSuspicious {
			got, imit = m.Family, ix.Entry(m.Entry).Domain
		}
		if got != c.family || (c.imitates != "" && imit != c.imitates) {
			t.Errorf("%s: family %q imitating %q (score %d), want %q imitating %q", c.host, got, imit, m.Score, c.family, c.imitates)
		}
	}
}

func TestSkeleton(t *testing.T) {
	run(t, []want{
		{"arneli.fr", Skeleton, "ameli.fr"},
		{"ame1i.fr", Skeleton, "ameli.fr"},
		{"xn--meli-43d.fr", Skeleton, "ameli.fr"}, // Cyrillic а
		{"imp0ts.fr", Skeleton, "impots.gouv.fr"},
		{"chronop0st.com", Skeleton, "chronopost.fr"},
		{"mairie-exernple.fr", Skeleton, "mairie-exemple.fr"}, // local entries are guarded too
		{"pari5.fr", "", ""},                                  // 5 is not s
		// several 1s, each read as l or as i
		{"ame11.fr", Skeleton, "ameli.fr"},
		{"serv1ce-publ1c.fr", Skeleton, "service-public.fr"},
		{"1mpots.fr", Skeleton, "impots.gouv.fr"},
		{"velo11.fr", "", ""}, // honest names with a 1 read as nothing
		{"site1.fr", "", ""},
		// a multi-word brand written whole, with look-alike letters
		{"assurancernaladie.fr", Skeleton, "ameli.fr"},
		{"assurance-rnaladie.fr", Skeleton, "ameli.fr"},
		{"cornemuse.fr", "", ""}, // rn read as m makes no brand word
	})
}

// Issue 28's shapes: a look-alike letter inside an embedded official
// name, and an accent plus one other change; with honest neighbours.
func TestLookAlikeLetterShapes(t *testing.T) {
	run(t, []want{
		{"améli.fr-remboursement.com", TargetEmbedding, "ameli.fr"},
		{"améli.fr.secure-login.com", TargetEmbedding, "ameli.fr"},
		{"arneli.fr-login.com", TargetEmbedding, "ameli.fr"},
		{"anéli.fr", EditDistance, "ameli.fr"},
		{"améll.fr", EditDistance, "ameli.fr"},
		{"amçli.fr", EditDistance, "ameli.fr"},
		{"amélie.fr", "", ""}, // the first name, with its accent
		{"améliorer.fr", "", ""},
		{"cornemuse.fr-shop.com", "", ""}, // rn read as m names nothing
		{"santé-plus.fr", "", ""},
	})
}

func TestEditDistance(t *testing.T) {
	run(t, []want{
		{"amelli.fr", EditDistance, "ameli.fr"}, // repetition
		{"amel.fr", "", ""},                     // omission leaves a 4-letter name: too short to guard
		{"aemli.fr", EditDistance, "ameli.fr"},  // transposition
		{"amwli.fr", EditDistance, "ameli.fr"},  // keyboard neighbour
		{"amaly.fr", "", ""},                    // two edits
		{"chronopozt.fr", EditDistance, "chronopost.fr"},
		{"colisimo.fr", EditDistance, "colissimo.fr"},
		{"lmpots.fr", EditDistance, "impots.gouv.fr"}, // first letter, but l looks like i
		{"bameli.fr", Combosquat, "ameli.fr"},         // not a typo (first letter), but "ameli" glued to a letter
		{"amelie.fr", "", ""},                         // an honest first name, declared in the list
		{"amelior.fr", "", ""},                        //
		{"urssaf2.fr", Combosquat, "urssaf.fr"},       // brand + number: a combosquat, not a typo
		{"urssff.fr", EditDistance, "urssaf.fr"},      // a doubled-letter slip
		{"laposse.live", EditDistance, "laposte.fr"},  //
		{"mesdroitsociaux.fr", EditDistance, "mesdroitssociaux.gouv.fr"},
		{"carsat-bfd.fr", EditDistance, ""},
		{"caf.fr.nu", TargetEmbedding, "caf.fr"},
		{"cat.fr", "", ""}, // caf is too short for edit distance
		{"msn.fr", "", ""},
		// a long name's first letter changed or dropped (no honest
		// neighbour), but not one added: French elides its articles
		{"bhronopost.fr", EditDistance, "chronopost.fr"},
		{"ervice-public.fr", EditDistance, "service-public.fr"},
		{"letudiant.fr", "", ""},
		{"maposte.fr", "", ""}, // laposte has 7 letters: "ma poste" may be honest
	})
}

// One or two letters read as the ASCII look-alikes phishers put for a
// brand's (dnstwist's homoglyph tables): nn and rr for m, n for m, c for
// e, i and l for each other; brand names of 5+ letters only.
func TestASCIILookalikes(t *testing.T) {
	run(t, []want{
		{"anneli.fr", Skeleton, "ameli.fr"},
		{"arreli.fr", Skeleton, "ameli.fr"},
		{"amcli.fr", EditDistance, "ameli.fr"}, // one letter: edit distance already
		{"amcll.fr", Skeleton, "ameli.fr"},
		{"arneii.fr", Skeleton, "ameli.fr"},
		{"anel1.fr", Skeleton, "ameli.fr"},
		{"amelie.fr", "", ""},
		{"annecy-tourisme.fr", "", ""},
		{"lemonde.fr", "", ""},
		{"cafe.fr", "", ""},
	})
}

// A dot inside the brand's name: the phisher registers its end.
func TestDottedName(t *testing.T) {
	run(t, []want{
		{"a.meli.fr", Hyphenation, "ameli.fr"},
		{"chrono.post.fr", Hyphenation, "chronopost.fr"},
		{"service-pub.lic.fr", Hyphenation, "service-public.fr"},
		{"www.example.fr", "", ""},
		{"mail.meli.fr", "", ""},
	})
}

func TestOneEditFilters(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"amelli", "ameli", true}, {"aemli", "ameli", true}, {"amwli", "ameli", true}, {"ameli", "ameli", false},
		{"bameli", "ameli", false},  // added first letter
		{"dmeli", "ameli", false},   // replaced first letter
		{"lmpots", "impots", true},  // ... unless the two look alike
		{"am-eli", "ameli", false},  // a lone hyphen: hyphenation's business
		{"site12", "site13", false}, // trailing number
		{"site1", "site", false},    //
		{"amxxli", "ameli", false},
		{"lacoste", "laposte", false}, // c for p: neither seen nor typed alike
		{"amrli", "ameli", true},      // keyboard neighbour
		{"amali", "ameli", true},      // vowel swap
		{"amelq", "ameli", false},     // i/q: nothing in common
		{"amekl", "ameli", false},     // two changes
		{"laposse", "laposte", true},  // t doubled as the s beside it
		{"urssff", "urssaf", true},    // a doubled as the f beside it
		{"lapostd", "laposte", true},  // keyboard neighbour
		{"lapuste", "laposte", true},  // vowel swap
		{"lacoste", "laposte", false}, // still not: c is no neighbour of p, nor beside it
	} {
		if got := oneEdit(c.a, c.b); got != c.want {
			t.Errorf("oneEdit(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

func TestHyphenation(t *testing.T) {
	run(t, []want{
		{"impots-gouv.fr", Hyphenation, "impots.gouv.fr"},
		{"impotsgouv.fr", Hyphenation, "impots.gouv.fr"},
		{"impots-gouv-fr.com", TargetEmbedding, "impots.gouv.fr"}, // the whole domain, hyphenated
		{"service-public-fr.com", Hyphenation, "service-public.fr"},
		{"servicepublic.fr", Hyphenation, "service-public.fr"},
		{"am-eli.fr", Hyphenation, "ameli.fr"},
		{"ameli-fr.com", TargetEmbedding, "ameli.fr"},
		{"amelifr.com", Hyphenation, "ameli.fr"},
	})
}

func TestSuffixSwap(t *testing.T) {
	run(t, []want{
		{"ameli.com", SuffixSwap, "ameli.fr"},
		{"ameli.info", SuffixSwap, "ameli.fr"},
		{"francetravail.com", SuffixSwap, "francetravail.fr"},
		{"impots.fr", SuffixSwap, "impots.gouv.fr"},
		{"caf.net", SuffixSwap, "caf.fr"}, // short: suspicious, not a wall
		{"paris.com", "", ""},             // local entries are not guarded by suffix swap
		{"amelie-les-bains.fr", "", ""},   //
	})
	ix := testIndex(t)
	if m := Detect(ix, hostname.Parse("caf.net")); m.Score >= ScoreLookalike {
		t.Errorf("caf.net scores %d: a short name on another suffix must stay a banner", m.Score)
	}
}

func TestCombosquat(t *testing.T) {
	run(t, []want{
		{"ameli-remboursement.com", Combosquat, "ameli.fr"},
		// a brand glued to an honest first name, among service words only
		{"amelie-remboursement.fr", Combosquat, "ameli.fr"},
		{"amelieassure.fr", Combosquat, "ameli.fr"},
		{"amelie-coiffure.fr", "", ""}, // the first name with another word
		{"amelie2024.fr", "", ""},      // the first name and a number
		{"moncompte-caf.info", Combosquat, "caf.fr"},
		{"macartevitale.fr", Combosquat, "ameli.fr"},
		{"actualisation-carte-vitale.fr", Combosquat, "ameli.fr"},
		{"aideameli.fr", Combosquat, "ameli.fr"},
		{"chronoposts-suivi.fr", Combosquat, "chronopost.fr"},
		{"suivi-colis-laposte.com", Combosquat, "laposte.fr"},
		{"antai-amendes.com", Combosquat, "antai.gouv.fr"},
		{"amendes-gouv.fr", Hyphenation, "amendes.gouv.fr"}, // a real site of its own
		{"contravention-gouv.fr", Combosquat, "gouv.fr"},
		{"paiement-amendesgouv.fr", Combosquat, "amendes.gouv.fr"},
		{"espace-impotsgouv.com", Combosquat, "impots.gouv.fr"},
		// word boundaries: honest names that contain a brand's letters
		{"cafe-du-port.fr", "", ""},
		{"amelie-les-bains.fr", "", ""},
		{"cafeteria-lyon.fr", "", ""},
		{"decaf.fr", "", ""},
		{"amelioration-habitat.fr", "", ""},
		{"gouvernail.fr", "", ""},
		{"chronometre.fr", "", ""},
		{"lapostolle89.fr", "", ""},
		// the State's suffix written without its dots at the end of a label
		{"directioncentralfinancepubliquegouvfr.fr", Combosquat, "gouv.fr"},
		// digits read as the letters they stand for (3 e, 4 a, 5 s; 0 o, 1 l)
		{"cn4f-paiement.com", Combosquat, "caf.fr"},
		{"mon-c4f.fr", Combosquat, "caf.fr"},
		{"4meli-remboursement.com", Combosquat, "ameli.fr"},
		{"france3.fr", "", ""},
		{"cafe4you.fr", "", ""},
		{"24heures.fr", "", ""},
		// a short brand glued to service words, English ones too
		{"cafsolutions.fr", Combosquat, "caf.fr"},
		{"recoverycaf.fr", Combosquat, "caf.fr"},
		{"groupecaf.fr", Combosquat, "caf.fr"},
		{"ameliaccess.fr", Combosquat, "ameli.fr"},
		{"labanqueposte-secure.com", Combosquat, "labanquepostale.fr"},
		{"groupecafe.fr", "", ""}, // "cafe" is not "caf" + "e"
		// "rn" read as "m" in a glued compound
		{"arnelipaiement.fr", Combosquat, "ameli.fr"},
		{"espacearneli.com", Combosquat, "ameli.fr"},
		{"cornpte-arneli.fr", Combosquat, "ameli.fr"},
		{"journal-paiement.fr", "", ""},
		{"moderne-services.fr", "", ""},
		{"solutionscafe.fr", "", ""},
	})
}

// A theme declared themestart= counts glued to the start of a label
// whatever follows: fines campaigns misspell what they glue. Honest words
// the list declares (amendement) win; themes not declared so (amande, an
// almond; vitale) do not count glued.
func TestThemeStart(t *testing.T) {
	run(t, []want{
		{"amendegouve.fr", Combosquat, "antai.gouv.fr"},
		{"amendedgifservice.fr", Combosquat, "antai.gouv.fr"},
		{"amendesregu.fr", Combosquat, "antai.gouv.fr"},
		{"amendessgouvfrai-4fz0btd7nc.com", Combosquat, "antai.gouv.fr"},
		{"contraventionsxpress.com", Combosquat, "antai.gouv.fr"},
		{"permisdeconduirexpress.fr", Combosquat, "ants.gouv.fr"},
		{"vos-permis-de-conduire.com", Combosquat, "ants.gouv.fr"},
		{"amendement-agricole.fr", "", ""},
		{"amendements.fr", "", ""},
		{"amender-son-sol.fr", "", ""},
		{"amandesbio.fr", "", ""},
		{"vitalesport.fr", "", ""},
	})
	for _, h := range []string{"amendegouve.fr", "permisdeconduirexpress.fr"} {
		if m := Detect(testIndex(t), hostname.Parse(h)); m.Score != scoreTheme {
			t.Errorf("%s: score %d, want a banner (%d)", h, m.Score, scoreTheme)
		}
	}
}

func TestTargetEmbedding(t *testing.T) {
	run(t, []want{
		{"ameli.fr.secure-login.com", TargetEmbedding, "ameli.fr"},
		{"impots.gouv.fr-aide.com", TargetEmbedding, "impots.gouv.fr"},
		{"www-impots-gouv-fr.xyz", TargetEmbedding, "impots.gouv.fr"},
		{"impots.gouv.fr.evil.com", TargetEmbedding, "impots.gouv.fr"},
		{"paris.fr.evil.com", TargetEmbedding, "paris.fr"}, // local entry, dotted form
		{"ameli.secure-login.com", TargetEmbedding, "ameli.fr"},
		{"hotel-paris.fr", "", ""},    // paris.fr is not embedded: "fr" is the real TLD
		{"paris-fr.evil.com", "", ""}, // local entries: only the dotted form
		// a subdomain one typo from a brand of 6+ letters, as a registrable
		// label would be; honest subdomains two edits away stay clear
		{"impogs.tourkeep.shop", TargetEmbedding, "impots.gouv.fr"},
		{"laposts.example.com", TargetEmbedding, "laposte.fr"},
		{"images.example.fr", "", ""},
		{"import.example.fr", "", ""},
		{"depots.example.fr", "", ""},
	})
}

func TestFreeHosting(t *testing.T) {
	run(t, []want{
		{"ameli.github.io", FreeHosting, "ameli.fr"},
		{"ameli-remboursement.netlify.app", FreeHosting, "ameli.fr"},
		{"impots-gouv.web.app", FreeHosting, "impots.gouv.fr"},
	})
}

// worstHosts are 253-character hosts built to make every family work
// hardest: confusables, many hyphens, a brand repeated.
func worstHosts() []string {
	var out []string
	for _, l := range []string{strings.Repeat("аrn", 20), strings.Repeat("a-", 31) + "a", strings.Repeat("ameli", 12)} {
		out = append(out, strings.TrimSuffix(strings.Repeat(l+".", 253/(len(l)+1)), ".")+".fr")
	}
	return out
}

// The work per host is bounded by construction (63-character labels, 16
// tokens, trigram gates); these hosts must simply come back with a sane
// answer. Their time is measured by BenchmarkWorstCaseHost (make bench
// reports it), not asserted here: timings belong to benchmarks.
func TestWorstCaseHostsAnswer(t *testing.T) {
	ix := testIndex(t)
	for _, host := range worstHosts() {
		h := hostname.Parse(host)
		if m := Detect(ix, h); m.Found() && (m.Entry < 0 || m.Entry >= ix.Len()) {
			t.Fatalf("%s: entry %d", host, m.Entry)
		}
	}
}

func BenchmarkWorstCaseHost(b *testing.B) {
	ix := testIndex(b)
	var hs []hostname.Host
	for _, host := range worstHosts() {
		hs = append(hs, hostname.Parse(host))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Detect(ix, hs[i%len(hs)])
	}
}

func TestVocabSorted(t *testing.T) {
	if !sort.StringsAreSorted(vocab) {
		t.Fatal("vocab is not sorted: isVocab's binary search would miss words")
	}
	for _, w := range vocab {
		if len(w) < 2 || len(w) > maxVocab {
			t.Fatalf("vocab word %q: one-letter words split honest names; maxVocab too small", w)
		}
	}
}

func FuzzDetect(f *testing.F) {
	ix := testIndex(f)
	for _, s := range []string{"arneli.fr", "ameli.fr.secure-login.com", "impots-gouv.fr", "xn--meli-43d.fr", "a-b-c-d.e.f.g", "caf.net"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h := hostname.Parse(s)
		m := Detect(ix, h)
		if m.Found() && (m.Entry < 0 || m.Entry >= ix.Len()) {
			t.Fatalf("%q: entry %d out of range", s, m.Entry)
		}
	})
}

// Skipping a family that cannot beat the match in hand changes no answer:
// each family's declared maximum holds, and brandFamilies gives what
// running them all would give.
func TestSkippedFamiliesChangeNothing(t *testing.T) {
	ix := testIndex(t)
	legit, err := os.ReadFile("../../lists/testdata/legit-fr.txt")
	if err != nil {
		t.Fatal(err)
	}
	hosts := strings.Fields(string(legit))
	hosts = append(hosts, "ameli.com", "caf.net", "impots-gouv.fr", "amelli.fr", "ameli-remboursement.com",
		"moncompte-caf.info", "macartevitale.fr", "chronoposts-suivi.fr", "amelisoin.fr", "authsimpots.fr",
		"impotsgouv-remboursement.com", "ameli-impots-gouv.fr", "amende-paiement.fr", "securitesociale.fr",
		"service-public-fr.com", "lmpots.fr", "ameIi-fr.com", "francetravail-actualisation.fr", "antsgouv.fr",
		"ameli.secure-login.com", "caf-ameli-impots.com", "laposte-colis-amende.fr", "amendes-gouv-paiement.com")
	checked := 0
	for _, s := range hosts {
		x, ok := newHost(hostname.Parse(s))
		if !ok || x.h.Class != hostname.Web {
			continue
		}
		var all Match
		for f, max := range brandMax {
			got := brandFamily(f, ix, &x)
			if got.Score > max {
				t.Errorf("%s: family %d scored %d, above its declared %d", s, f, got.Score, max)
			}
			all = better(all, got)
		}
		if got := brandFamilies(ix, &x); got != all {
			t.Errorf("%s: brandFamilies %+v, all families %+v", s, got, all)
		}
		if all.Found() {
			checked++
		}
	}
	if checked < 15 {
		t.Fatalf("only %d hosts matched a brand family: the test does not exercise the skipping", checked)
	}
}
