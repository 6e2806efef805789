package demo_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/demo"
	"github.com/autoleads/autoleads/store/sqldb"
)

func openDB(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "tenant.db"), sqldb.DurabilityNormal)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// catalogue renders every car the public would see, in a fixed order.
func catalogue(t *testing.T, db *store.DB) string {
	t.Helper()
	cars, _, err := db.FindCars(context.Background(), store.CarFilter{SortBy: "price_asc"})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, c := range cars {
		b.WriteString(c.Slug + " " + c.Status + " " + store.FormatRupiah(c.Price) + "\n")
	}
	return b.String()
}

func TestLoadSynthetic(t *testing.T) {
	ctx := context.Background()
	s := demo.Synthetic{Cars: 500, Leads: 2000, Seed: 42, Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
	a, b := openDB(t), openDB(t)
	res, err := demo.LoadSynthetic(ctx, a, s)
	if err != nil {
		t.Fatal(err)
	}
	if res.Cars != 500 || res.Leads != 2000 || res.Messages < 2000 {
		t.Fatalf("result %+v", res)
	}
	if share := float64(res.AvailableCars) / float64(res.Cars); share < 0.7 || share > 0.9 {
		t.Fatalf("available share %.2f, want about 0.8", share)
	}
	if _, err := demo.LoadSynthetic(ctx, b, s); err != nil {
		t.Fatal(err)
	}
	if catalogue(t, a) != catalogue(t, b) {
		t.Fatal("the same seed generated different catalogues")
	}
	s.Seed = 7
	c := openDB(t)
	if _, err := demo.LoadSynthetic(ctx, c, s); err != nil {
		t.Fatal(err)
	}
	if catalogue(t, a) == catalogue(t, c) {
		t.Fatal("another seed generated the same catalogue")
	}

	stats, err := a.FindLeadStats(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range store.LeadStatuses {
		if stats.ByStatus[st] == 0 {
			t.Errorf("no lead is %s", st)
		}
	}
	due := s.Now
	if _, n, err := a.FindLeads(ctx, store.LeadFilter{FollowUpDue: &due, Limit: 1}); err != nil || n == 0 {
		t.Errorf("%d follow-ups due (%v), want some", n, err)
	}
	// Loading again refuses, and writes nothing.
	if _, err := demo.LoadSynthetic(ctx, a, s); store.ErrorCode(err) != store.ECONFLICT {
		t.Fatalf("second load: %v", err)
	}
	if _, n, _ := a.FindCars(ctx, store.CarFilter{}); n != 500 {
		t.Fatalf("cars after refused load = %d", n)
	}
}
