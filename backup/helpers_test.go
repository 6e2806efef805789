package backup_test

import (
	"context"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb"
	"github.com/autoleads/autoleads/tenants"
)

// openTestRegistry opens a data directory under t.TempDir() holding the
// showrooms slugs, each reachable at <slug>.test, and closes it when the
// test ends.
func openTestRegistry(t *testing.T, slugs ...string) *tenants.Registry {
	t.Helper()
	reg, err := tenants.Open(context.Background(), t.TempDir(), tenants.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { reg.Close() })
	for _, slug := range slugs {
		tn := &tenants.Tenant{Slug: slug, Name: "Showroom " + slug, Status: tenants.StatusActive, Plan: "pro"}
		if err := reg.CreateTenant(context.Background(), tn, []string{slug + ".test"}); err != nil {
			t.Fatal(err)
		}
	}
	return reg
}

// openTestStore opens a showroom's database through the production opener,
// as a server would, and closes it when the test ends.
func openTestStore(t *testing.T, l tenants.Layout, slug string) *store.DB {
	t.Helper()
	path, err := l.TenantDBPath(slug)
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), path, sqldb.DurabilityNormal)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
