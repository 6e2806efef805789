package http_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// benchCatalogue builds a showroom of n cars with direct store calls: five
// brands, mostly available, prices from 100 to 500 million.
func benchCatalogue(b *testing.B, n int) *carEnv {
	b.Helper()
	env := &carEnv{testEnv: newTestEnv(b)}
	env.createTenant("bench")
	brands := []string{"Toyota", "Honda", "Daihatsu", "Suzuki", "Mitsubishi"}
	statuses := []string{store.CarAvailable, store.CarAvailable, store.CarAvailable, store.CarSold, store.CarDraft}
	for i := range n {
		c := testCar(fmt.Sprintf("#%04d", i), brands[i%len(brands)], fmt.Sprintf("Model %d", i%37),
			2010+i%15, int64(100_000_000+(i*7919)%400_000_000), statuses[(i/5)%len(statuses)])
		c.KeyFeatures = []string{"ABS", "Airbag", "Kamera mundur"}
		c.Photos = []string{"/uploads/00000000000000000000000000000001.jpg"}
		c.Description = "Mobil bekas terawat, surat lengkap, pajak hidup."
		env.addCar("bench", c)
	}
	return env
}

// benchGet serves path on the bench host b.N times, checking the first answer.
func benchGet(b *testing.B, env *carEnv, path string) {
	b.Helper()
	req := httptest.NewRequest("GET", path, nil)
	req.Host = "bench.test"
	if res := env.serve(req); res.Code != http.StatusOK {
		b.Fatalf("%s: %d %s", path, res.Code, res.Body)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		env.Server.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkPublicCarList measures the catalogue's filtered first page over
// 2,000 cars, through the whole handler chain.
func BenchmarkPublicCarList(b *testing.B) {
	env := benchCatalogue(b, 2000)
	benchGet(b, env, "/api/cars?page=1&limit=20&brand=Toyota&maxPrice=300000000")
}

// BenchmarkCarDetail measures one car's public page.
func BenchmarkCarDetail(b *testing.B) {
	env := benchCatalogue(b, 2000)
	cars, _, err := env.db("bench").FindCars(b.Context(), store.CarFilter{Statuses: []string{store.CarAvailable}, Limit: 1})
	if err != nil || len(cars) == 0 {
		b.Fatalf("no available car: %v", err)
	}
	benchGet(b, env, "/api/cars/"+cars[0].Slug)
}
