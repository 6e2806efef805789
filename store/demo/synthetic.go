package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/autoleads/autoleads/store"
)

// Synthetic sizes a generated showroom for load tests and demos at scale:
// an inventory of Cars used cars of the brands Indonesian showrooms sell,
// and Leads customer inquiries with their first messages. The same Seed
// always generates the same data (math/rand/v2's PCG), so a benchmark run is
// repeatable.
type Synthetic struct {
	Cars  int
	Leads int
	Seed  uint64
	// Now anchors the timestamps (cars and leads of the last 180 days);
	// zero means time.Now().
	Now time.Time
}

// SyntheticResult counts what LoadSynthetic wrote.
type SyntheticResult struct {
	Cars          int `json:"cars"`
	AvailableCars int `json:"availableCars"`
	Leads         int `json:"leads"`
	Messages      int `json:"messages"`
}

// model is one car model with its price when new, in rupiah.
type model struct {
	name     string
	newPrice int64
	fuel     string
}

// brands of the generated inventory, weighted by how often dealers stock
// them: Toyota, Honda and Daihatsu fill most lots.
var brands = []struct {
	name   string
	weight int
	models []model
}{
	{"Toyota", 30, []model{{"Avanza", 245e6, "Bensin"}, {"Innova Reborn", 400e6, "Diesel"}, {"Fortuner", 560e6, "Diesel"},
		{"Rush", 285e6, "Bensin"}, {"Calya", 165e6, "Bensin"}, {"Yaris", 290e6, "Bensin"}, {"Raize", 240e6, "Bensin"},
		{"Agya", 160e6, "Bensin"}, {"Veloz", 290e6, "Bensin"}}},
	{"Honda", 20, []model{{"Brio", 175e6, "Bensin"}, {"Jazz", 260e6, "Bensin"}, {"HR-V", 380e6, "Bensin"},
		{"CR-V", 560e6, "Bensin"}, {"Mobilio", 250e6, "Bensin"}, {"BR-V", 310e6, "Bensin"}, {"City", 330e6, "Bensin"}}},
	{"Daihatsu", 15, []model{{"Xenia", 235e6, "Bensin"}, {"Terios", 270e6, "Bensin"}, {"Sigra", 150e6, "Bensin"},
		{"Ayla", 140e6, "Bensin"}, {"Rocky", 250e6, "Bensin"}, {"Gran Max", 190e6, "Bensin"}}},
	{"Suzuki", 10, []model{{"Ertiga", 255e6, "Bensin"}, {"XL7", 285e6, "Bensin"}, {"Baleno", 260e6, "Bensin"},
		{"Ignis", 200e6, "Bensin"}, {"Carry Pick Up", 160e6, "Bensin"}}},
	{"Mitsubishi", 10, []model{{"Xpander", 280e6, "Bensin"}, {"Pajero Sport", 570e6, "Diesel"}, {"Outlander", 520e6, "Bensin"}}},
	{"Nissan", 4, []model{{"Livina", 270e6, "Bensin"}, {"X-Trail", 520e6, "Bensin"}, {"Magnite", 240e6, "Bensin"}}},
	{"Wuling", 4, []model{{"Almaz", 380e6, "Bensin"}, {"Confero", 180e6, "Bensin"}, {"Air ev", 250e6, "Listrik"}}},
	{"Hyundai", 3, []model{{"Creta", 350e6, "Bensin"}, {"Stargazer", 300e6, "Bensin"}}},
	{"Mazda", 2, []model{{"CX-5", 600e6, "Bensin"}, {"Mazda2", 330e6, "Bensin"}}},
	{"Kia", 2, []model{{"Sonet", 280e6, "Bensin"}, {"Seltos", 380e6, "Bensin"}}},
}

var (
	colors      = []string{"Hitam", "Putih", "Silver", "Abu-abu", "Merah", "Biru", "Coklat", "Hijau"}
	features    = []string{"Tangan pertama", "Servis rutin di bengkel resmi", "Ban baru", "Pajak panjang", "Kunci serep", "Buku servis lengkap", "Kamera mundur", "Velg racing", "Interior bersih", "Bebas banjir", "Audio layar sentuh", "AC dingin"}
	firstNames  = []string{"Budi", "Siti", "Andi", "Dewi", "Rudi", "Nina", "Agus", "Rina", "Dika", "Ayu", "Hendra", "Wati", "Joko", "Lestari", "Bambang", "Putri", "Eko", "Yuni", "Fajar", "Indah"}
	lastNames   = []string{"Santoso", "Wijaya", "Saputra", "Lestari", "Pratama", "Hidayat", "Kusuma", "Setiawan", "Nugroho", "Rahayu"}
	inquiries   = []string{"Halo, %s masih ada?", "Selamat siang, mau tanya %s bisa kredit?", "Boleh minta foto interior %s?", "%s harga nett berapa ya?", "Bisa test drive %s hari Sabtu?", "DP minimal untuk %s berapa?"}
	leadNotes   = []string{"Tanya simulasi kredit dan DP", "Minta foto interior", "Mau lihat unit akhir pekan", "Tukar tambah dengan mobil lama", "Nego harga", ""}
	leadWeights = []struct {
		status string
		weight int
	}{{store.LeadNew, 30}, {store.LeadHot, 15}, {store.LeadWarm, 15}, {store.LeadCold, 15}, {store.LeadClosed, 15}, {store.LeadLost, 10}}
	sourceWeights = []struct {
		source string
		weight int
	}{{store.SourceWhatsApp, 60}, {store.SourceWeb, 25}, {store.SourceDirect, 10}, {store.SourceReferral, 5}}
)

// generator draws the synthetic data from one seeded PCG.
type generator struct {
	r   *rand.Rand
	now time.Time
}

func (g *generator) pick(list []string) string { return list[g.r.IntN(len(list))] }

// ago is a moment in the last `days` days.
func (g *generator) ago(days int) time.Time {
	return g.now.Add(-time.Duration(g.r.Int64N(int64(days) * int64(24*time.Hour)))).Truncate(time.Millisecond)
}

// car generates the i-th car: display codes #G0001, #G0002, … are unique,
// so slugs are too; about four in five are available.
func (g *generator) car(i int) store.Car {
	total := 0
	for _, b := range brands {
		total += b.weight
	}
	n := g.r.IntN(total)
	bi := 0
	for n >= brands[bi].weight {
		n -= brands[bi].weight
		bi++
	}
	b := brands[bi]
	m := b.models[g.r.IntN(len(b.models))]
	age := g.r.IntN(12) // 0..11 years old
	year := g.now.Year() - age
	// About 9 % a year of depreciation, ±10 %, rounded to Rp 500.000.
	price := float64(m.newPrice) * (1 - 0.09*float64(age)) * (0.9 + 0.2*g.r.Float64())
	price = max(price, 45e6)
	km := int64(age)*int64(8000+g.r.IntN(10000)) + int64(g.r.IntN(5000))
	status := store.CarAvailable
	switch p := g.r.IntN(100); {
	case p >= 96:
		status = store.CarDraft
	case p >= 88:
		status = store.CarSold
	case p >= 80:
		status = store.CarBooking
	}
	transmission := store.TransmissionMatic
	if g.r.IntN(10) < 4 {
		transmission = store.TransmissionManual
	}
	nf := 2 + g.r.IntN(4)
	feats := make([]string, 0, nf)
	for _, k := range g.r.Perm(len(features))[:nf] {
		feats = append(feats, features[k])
	}
	color := g.pick(colors)
	return store.Car{
		DisplayCode: fmt.Sprintf("#G%04d", i+1), Brand: b.name, Model: m.name, Year: year, Color: color,
		Transmission: transmission, Km: km, Price: int64(price/500_000) * 500_000, FuelType: m.fuel,
		PlateNumber: fmt.Sprintf("L %d %c%c", 1000+g.r.IntN(9000), 'A'+rune(g.r.IntN(26)), 'A'+rune(g.r.IntN(26))),
		StockCode:   fmt.Sprintf("GEN-%05d", i+1),
		KeyFeatures: feats, Photos: []string{}, Status: status,
		ConditionNotes: "Kondisi terawat, mesin halus.",
		Description: fmt.Sprintf("%s %s %d warna %s, transmisi %s, kilometer %d. %s.",
			b.name, m.name, year, strings.ToLower(color), strings.ToLower(transmission), km, feats[0]),
	}
}

// weighted picks an index of weights.
func (g *generator) weighted(n int, weight func(int) int) int {
	total := 0
	for i := range n {
		total += weight(i)
	}
	x := g.r.IntN(total)
	for i := range n {
		if x < weight(i) {
			return i
		}
		x -= weight(i)
	}
	return n - 1
}
