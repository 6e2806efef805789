package tenants_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

func TestRegistry_CreateTenants(t *testing.T) {
	ctx := context.Background()
	reg, err := tenants.Open(ctx, t.TempDir(), tenants.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer reg.Close()
	batch := func(prefix string, n int) ([]*tenants.Tenant, [][]string) {
		ts := make([]*tenants.Tenant, n)
		hosts := make([][]string, n)
		for i := range ts {
			slug := fmt.Sprintf("%s-%d", prefix, i)
			ts[i] = &tenants.Tenant{Slug: slug, Name: "Showroom " + slug, Status: tenants.StatusActive}
			hosts[i] = []string{slug + ".localhost"}
		}
		return ts, hosts
	}

	t.Run("OK", func(t *testing.T) {
		ts, hosts := batch("bulk", 50)
		if err := reg.CreateTenants(ctx, ts, hosts); err != nil {
			t.Fatal(err)
		}
		if reg.Count() != 50 {
			t.Fatalf("count = %d", reg.Count())
		}
		got, err := reg.Resolve("bulk-49.localhost")
		if err != nil || got.ID != ts[49].ID || got.WebhookToken == "" {
			t.Fatalf("resolve: %+v %v", got, err)
		}
		// Each database is there, migrated and writable.
		pool := tenants.NewPool(reg)
		defer pool.Close()
		db, release, err := pool.Acquire(ctx, got)
		if err != nil {
			t.Fatal(err)
		}
		defer release()
		if err := db.CreateCar(ctx, &store.Car{DisplayCode: "#A01", Brand: "Toyota", Model: "Avanza", Year: 2020,
			Color: "Hitam", Transmission: store.TransmissionManual, Km: 1, Price: 1, Status: store.CarAvailable}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ConflictRegistersNothing", func(t *testing.T) {
		ts, hosts := batch("other", 3)
		hosts[2] = []string{"bulk-0.localhost"} // taken
		if err := reg.CreateTenants(ctx, ts, hosts); store.ErrorCode(err) != store.ECONFLICT {
			t.Fatalf("err = %v", err)
		}
		if reg.Count() != 50 {
			t.Fatalf("count = %d after a refused batch", reg.Count())
		}
		for _, tn := range ts {
			dir, _ := reg.Layout.TenantDir(tn.Slug)
			if _, err := reg.FindTenant(ctx, tn.Slug); store.ErrorCode(err) != store.ENOTFOUND {
				t.Fatalf("%s registered: %v", tn.Slug, err)
			}
			if dirExists(dir) {
				t.Fatalf("%s left its directory", tn.Slug)
			}
		}
	})
}

func dirExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
