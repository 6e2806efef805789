package store_test

import (
	"testing"

	"github.com/autoleads/autoleads/store"
)

// Benchmarks of the pure rules on the hot paths: a car's slug and public
// name on every write, a phone on every inbound message, a plate on every
// car write. (The price formats' benchmarks are in price_test.go.)

func BenchmarkCarSlugBase(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkString = store.CarSlugBase("Daihatsu", "Xenia 1.5 R", 2021, "Abu-abu", "#C02")
	}
}

func BenchmarkPublicName(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkString = store.PublicName("Toyota", "Avanza", 2020, "Hitam", "#A01")
	}
}

func BenchmarkNormalizePhone(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkString, _ = store.NormalizePhone("0812-3456-7890@s.whatsapp.net")
	}
}

func BenchmarkCleanPlate(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkString = store.CleanPlate("b 1234 xyz")
	}
}
