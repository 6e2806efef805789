package http

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/autoleads/autoleads/tenants"
)

// One showroom flooded with slow requests cannot take the slots of another,
// and a flood in its public lane leaves its staff lane free.
func TestInflightCapPerTenant(t *testing.T) {
	ctx := context.Background()
	reg, err := tenants.Open(ctx, t.TempDir(), tenants.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pool := tenants.NewPool(reg)
	t.Cleanup(func() { pool.Close(); reg.Close() })
	for _, slug := range []string{"busy", "calm"} {
		if err := reg.CreateTenant(ctx, &tenants.Tenant{Slug: slug, Name: slug, Status: tenants.StatusActive, Plan: "pro"}, nil); err != nil {
			t.Fatal(err)
		}
	}
	s := NewServer(Config{Registry: reg, Pool: pool, JWTSecret: []byte("x"), NoRateLimit: true,
		MaxInflightPerTenant: 2, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})

	entered, unblock := make(chan struct{}), make(chan struct{})
	slow := func(w http.ResponseWriter, r *http.Request, sc *scope) {
		entered <- struct{}{}
		<-unblock
		w.WriteHeader(http.StatusNoContent)
	}
	run := func(slug string, l lane, h scopedHandler) *httptest.ResponseRecorder {
		tn, err := reg.Lookup(slug)
		if err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		s.withTenant(tn, rec, httptest.NewRequest("GET", "/", nil), l, h)
		return rec
	}
	done := make(chan int, 2)
	for range 2 {
		go func() { done <- run("busy", lanePublic, slow).Code }()
		<-entered
	}
	fast := func(w http.ResponseWriter, r *http.Request, sc *scope) { w.WriteHeader(http.StatusNoContent) }
	if rec := run("busy", lanePublic, fast); rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "1" {
		t.Fatalf("third concurrent request: %d %v", rec.Code, rec.Header())
	}
	if rec := run("calm", lanePublic, fast); rec.Code != http.StatusNoContent {
		t.Fatalf("other showroom starved: %d", rec.Code)
	}
	if rec := run("busy", laneStaff, fast); rec.Code != http.StatusNoContent {
		t.Fatalf("staff lane starved by the public one: %d", rec.Code)
	}
	close(unblock)
	for range 2 {
		if code := <-done; code != http.StatusNoContent {
			t.Fatalf("slow request: %d", code)
		}
	}
	if rec := run("busy", lanePublic, fast); rec.Code != http.StatusNoContent {
		t.Fatalf("slots not released: %d", rec.Code)
	}
}
