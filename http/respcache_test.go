package http_test

import (
	"context"
	"fmt"
	"maps"
	"testing"
	"time"

	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb"
	"github.com/autoleads/autoleads/store/sqldb/sqldbtest"
	"github.com/autoleads/autoleads/tenants"
)

// catalogueReads are the cached public answers a write may change.
func catalogueReads(slug string) []string {
	return []string{"/api/cars?brand=toyota&limit=5", "/api/cars", "/api/cars/facets", "/api/cars/" + slug}
}

// TestResponseCacheWriteVisible proves that every kind of catalogue write
// through the admin API shows on the very next public read, with the
// cache warm before each write.
func TestResponseCacheWriteVisible(t *testing.T) {
	env := newCarEnv(t)
	env.addCar("alpha", testCar("#A01", "Toyota", "Avanza", 2020, 165_000_000, store.CarAvailable))
	body := validCarBody()
	maps.Copy(body, map[string]any{"displayCode": "#C01", "status": "available"})
	res := env.do("POST", "/api/admin/cars", "alpha.test", env.admin, body)
	if res.Code != 201 {
		t.Fatalf("create: %d %s", res.Code, res.Body)
	}
	car := decodeCarAnswer(t, res).Data
	admin := fmt.Sprintf("/api/admin/cars/%d", car.ID)

	warm := func() {
		t.Helper()
		for _, path := range catalogueReads(car.Slug) {
			for range 2 { // the second read is a hit
				env.do("GET", path, "alpha.test", "", nil)
			}
		}
		if apphttp.ResponseCacheEntries(env.Server) == 0 {
			t.Fatal("nothing was cached")
		}
	}
	steps := []struct {
		name  string
		write func() *response
		path  string
		code  int
		want  []string
	}{
		{"price", func() *response {
			return env.do("PUT", admin, "alpha.test", env.admin, map[string]any{"price": 123_000_000})
		}, "/api/cars/" + car.Slug, 200, []string{`"price":123000000`}},
		{"price in list", nil, "/api/cars?brand=toyota&limit=5", 200, []string{`"price":123000000`}},
		{"photo upload", func() *response {
			return env.uploadPhoto(admin+"/photos", "alpha.test", env.admin, "photo", "a.png", photoPNG)
		}, "/api/cars/" + car.Slug, 200, []string{`"photoCount":1`}},
		{"photo removal", func() *response {
			return env.do("DELETE", admin+"/photos/0", "alpha.test", env.admin, nil)
		}, "/api/cars/" + car.Slug, 200, []string{`"photoCount":0`}},
		{"new car", func() *response {
			b := validCarBody()
			maps.Copy(b, map[string]any{"displayCode": "#C02", "brand": "Honda", "status": "available"})
			return env.do("POST", "/api/admin/cars", "alpha.test", env.admin, b)
		}, "/api/cars/facets", 200, []string{`{"brand":"Honda","count":1}`}},
		{"status sold", func() *response {
			return env.do("PUT", admin, "alpha.test", env.admin, map[string]any{"status": "sold"})
		}, "/api/cars/" + car.Slug, 404, []string{`"Car not found"`}},
		{"sold leaves the list", nil, "/api/cars?brand=toyota&limit=5", 200, []string{`"total":1`}},
		{"available again", func() *response {
			return env.do("PUT", admin, "alpha.test", env.admin, map[string]any{"status": "available"})
		}, "/api/cars/" + car.Slug, 200, []string{`"price":123000000`}},
		{"delete", func() *response { return env.do("DELETE", admin, "alpha.test", env.admin, nil) },
			"/api/cars/" + car.Slug, 404, []string{`"Car not found"`}},
		{"deleted leaves the list", nil, "/api/cars", 200, []string{`"total":2`}},
	}
	for _, s := range steps {
		warm()
		if s.write != nil {
			if res := s.write(); res.Code/100 != 2 {
				t.Fatalf("%s: write: %d %s", s.name, res.Code, res.Body)
			}
		}
		res := env.do("GET", s.path, "alpha.test", "", nil)
		if res.Code != s.code {
			t.Fatalf("%s: %s = %d, want %d: %s", s.name, s.path, res.Code, s.code, res.Body)
		}
		wantFragments(t, s.name, res.Body, s.want...)
	}
}

// TestResponseCacheHit checks that a hit answers exactly what the miss did,
// headers included, that tenants never share answers, and that a tenant's
// status is checked before its cache.
func TestResponseCacheHit(t *testing.T) {
	env := newCarEnv(t)
	env.addCar("alpha", testCar("#A01", "Toyota", "Avanza", 2020, 165_000_000, store.CarAvailable))
	env.addCar("beta", testCar("#B01", "Honda", "Jazz", 2019, 150_000_000, store.CarAvailable))
	path := "/api/cars?page=1&limit=20&brand=Toyota"
	miss := env.do("GET", path, "alpha.test", "", nil)
	hit := env.do("GET", "/api/cars?brand=Toyota&limit=20&_=123", "alpha.test", "", nil)
	if miss.Code != 200 || hit.Body != miss.Body {
		t.Fatalf("hit differs from miss:\n%s\n%s", miss.Body, hit.Body)
	}
	if apphttp.ResponseCacheEntries(env.Server) != 1 {
		t.Fatalf("entries = %d, want 1 (one canonical key)", apphttp.ResponseCacheEntries(env.Server))
	}
	for _, h := range []string{"X-Total-Count", "Cache-Control", "Content-Type", "X-Tenant-Slug", "X-Content-Type-Options"} {
		if hit.Header.Get(h) == "" || hit.Header.Get(h) != miss.Header.Get(h) {
			t.Errorf("%s: hit %q, miss %q", h, hit.Header.Get(h), miss.Header.Get(h))
		}
	}
	if hit.Header.Get("X-Request-Id") == miss.Header.Get("X-Request-Id") {
		t.Error("a hit reuses the request id of the miss")
	}

	beta := env.do("GET", "/api/cars", "beta.test", "", nil)
	wantFragments(t, "beta", beta.Body, `"Honda"`)
	if res := env.do("GET", "/api/cars", "alpha.test", "", nil); res.Body == beta.Body {
		t.Fatal("alpha was answered with beta's catalogue")
	}

	if _, err := env.Reg.SetStatus(context.Background(), "alpha", tenants.StatusSuspended); err != nil {
		t.Fatal(err)
	}
	if res := env.do("GET", path, "alpha.test", "", nil); res.Code != 403 {
		t.Fatalf("suspended tenant: %d %s", res.Code, res.Body)
	}
	for _, bad := range []string{"/api/cars?page=0", "/api/cars?transmission=Auto"} {
		if res := env.do("GET", bad, "beta.test", "", nil); res.Code/100 != 4 {
			t.Fatalf("%s: %d", bad, res.Code)
		}
	}
}

// TestResponseCacheOtherProcess writes through a second handle on the
// tenant's file, as `autoleads seed` in another process would: this
// process hears no commit, and the write shows once the pool's watch of the
// files (every second while serving) has seen it.
func TestResponseCacheOtherProcess(t *testing.T) {
	env := newCarEnv(t)
	env.addCar("alpha", testCar("#A01", "Toyota", "Avanza", 2020, 165_000_000, store.CarAvailable))
	now := time.Now()
	apphttp.SetResponseCacheClock(env.Server, func() time.Time { return now })
	if res := env.do("GET", "/api/cars", "alpha.test", "", nil); res.Code != 200 {
		t.Fatalf("%d %s", res.Code, res.Body)
	}
	path, err := env.Reg.Layout.TenantDBPath("alpha")
	if err != nil {
		t.Fatal(err)
	}
	other, err := store.Open(context.Background(), path, sqldb.DurabilityNormal)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.CreateCar(context.Background(), testCar("#X01", "Suzuki", "Ertiga", 2021, 1, store.CarAvailable)); err != nil {
		t.Fatal(err)
	}
	env.Pool.CheckOtherWriters()
	res := env.do("GET", "/api/cars", "alpha.test", "", nil)
	wantFragments(t, "after the files were checked", res.Body, `"Suzuki"`, `"total":2`)
}

// TestResponseCacheSurvivesPoolEviction: the pool closing an idle showroom
// (which removes its empty -wal file) changes no data, so the showroom's
// answers stay cached and a hit still opens no database.
func TestResponseCacheSurvivesPoolEviction(t *testing.T) {
	env := newCarEnv(t)
	env.addCar("alpha", testCar("#A01", "Toyota", "Avanza", 2020, 165_000_000, store.CarAvailable))
	// Settle the files as an idle showroom's are: everything checkpointed.
	for _, slug := range []string{"alpha", "beta"} {
		// Closed at once: the pool's store must stay the file's last connection.
		h := sqldbtest.Open(t, env.db(slug).Path())
		if _, err := h.Write.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			t.Fatal(err)
		}
		h.Close()
	}
	env.Pool.CheckOtherWriters() // as the watch does within a second
	now := time.Now()
	apphttp.SetResponseCacheClock(env.Server, func() time.Time { return now })
	first := env.do("GET", "/api/cars", "alpha.test", "", nil)
	// Closing the pool closes every database as eviction would; a miss
	// after it could not open one and would fail.
	if err := env.Pool.Close(); err != nil {
		t.Fatal(err)
	}
	env.Pool.CheckOtherWriters() // the closed files changed no data
	again := env.do("GET", "/api/cars", "alpha.test", "", nil)
	if again.Code != 200 || again.Body != first.Body {
		t.Fatalf("not answered from the cache: %d\n%s", again.Code, again.Body)
	}
}
