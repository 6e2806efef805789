package http_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/store"
)

// noCache turns the response cache off, to measure what a miss costs.
func noCache(c *apphttp.Config) { c.ResponseCacheBytes = -1 }

// benchCatalogue builds a showroom of n cars with direct store calls: five
// brands, mostly available, prices from 100 to 500 million.
func benchCatalogue(b *testing.B, n int, configure ...func(*apphttp.Config)) *carEnv {
	b.Helper()
	env := &carEnv{testEnv: newTestEnv(b, configure...)}
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

// benchGet serves path on the bench host b.N times, checking the first
// answer; header holds name, value pairs the request carries.
func benchGet(b *testing.B, env *carEnv, path string, header ...string) {
	b.Helper()
	req := httptest.NewRequest("GET", path, nil)
	req.Host = "bench.test"
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
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

const benchListPath = "/api/cars?page=1&limit=20&brand=Toyota&maxPrice=300000000"

// BenchmarkPublicCarList measures the catalogue's filtered first page over
// 2,000 cars, through the whole handler chain: answered from the response
// cache after the first request, and (Uncached) from the database each time.
func BenchmarkPublicCarList(b *testing.B) {
	b.Run("Cached", func(b *testing.B) { benchGet(b, benchCatalogue(b, 2000), benchListPath) })
	b.Run("Uncached", func(b *testing.B) { benchGet(b, benchCatalogue(b, 2000, noCache), benchListPath) })
}

// BenchmarkCarDetail measures one car's public page, cached and not.
func BenchmarkCarDetail(b *testing.B) {
	run := func(b *testing.B, env *carEnv) {
		cars, _, err := env.db("bench").FindCars(b.Context(), store.CarFilter{Statuses: []string{store.CarAvailable}, Limit: 1})
		if err != nil || len(cars) == 0 {
			b.Fatalf("no available car: %v", err)
		}
		benchGet(b, env, "/api/cars/"+cars[0].Slug)
	}
	b.Run("Cached", func(b *testing.B) { run(b, benchCatalogue(b, 2000)) })
	b.Run("Uncached", func(b *testing.B) { run(b, benchCatalogue(b, 2000, noCache)) })
}

// BenchmarkAdminCarUpdate measures a full car update through the whole
// handler chain: the body is decoded and checked, the row written.
func BenchmarkAdminCarUpdate(b *testing.B) {
	env := newCarEnv(b)
	car := env.addCar("alpha", testCar("#B01", "Toyota", "Avanza", 2020, 165_000_000, store.CarAvailable))
	body := validCarBody()
	body["keyFeatures"] = []string{"ABS", "Airbag", "Kamera mundur"}
	body["description"] = "Mobil bekas terawat, surat lengkap, pajak hidup."
	path := fmt.Sprintf("/api/admin/cars/%d", car.ID)
	if res := env.do("PUT", path, "alpha.test", env.owner, body); res.Code != http.StatusOK {
		b.Fatalf("%s: %d %s", path, res.Code, res.Body)
	}
	b.ReportAllocs()
	for b.Loop() {
		if res := env.do("PUT", path, "alpha.test", env.owner, body); res.Code != http.StatusOK {
			b.Fatalf("status %d", res.Code)
		}
	}
}
