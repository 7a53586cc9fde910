package engine

import (
	"testing"
)

// Benchmarks of one verdict with the embedded national list. With the
// full public-sector list: lists/bench (make bench).
func benchCheck(b *testing.B, url string) {
	e := newDefault(b)
	e.SetCache(false) // the engine's whole work, not the verdict cache
	e.Check(url)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Check(url)
	}
}

func BenchmarkOfficial(b *testing.B)  { benchCheck(b, "https://www.impots.gouv.fr/portail/") }
func BenchmarkUnknown(b *testing.B)   { benchCheck(b, "https://www.lemonde.fr/international/") }
func BenchmarkSkeleton(b *testing.B)  { benchCheck(b, "http://arneli.fr/") }
func BenchmarkCombo(b *testing.B)     { benchCheck(b, "https://ameli-remboursement.com/") }
func BenchmarkEmbedding(b *testing.B) { benchCheck(b, "https://ameli.fr.secure-login.com/") }

func BenchmarkCacheHit(b *testing.B) {
	e := newDefault(b)
	e.Check("https://ameli-remboursement.com/")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Check("https://ameli-remboursement.com/suivi")
	}
}
