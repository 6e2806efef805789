package tenants_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/autoleads/autoleads/store/sqldb"
	"github.com/autoleads/autoleads/store/sqldb/sqldbtest"
	"github.com/autoleads/autoleads/tenants"
)

func TestOpen(t *testing.T) {
	ctx := context.Background()
	dataDir := filepath.Join(t.TempDir(), "data")
	reg := openRegistry(t, dataDir, tenants.Options{})
	if m := fileMode(t, dataDir); m != 0o700 {
		t.Errorf("data dir mode = %o, want 700", m)
	}
	if m := fileMode(t, reg.Layout.TenantsDir()); m != 0o700 {
		t.Errorf("tenants dir mode = %o, want 700", m)
	}
	if m := fileMode(t, reg.Layout.RegistryPath()); m != 0o600 {
		t.Errorf("registry.db mode = %o, want 600", m)
	}
	if err := reg.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	v, err := sqldb.SchemaVersion(ctx, sqldbtest.Open(t, reg.Layout.RegistryPath()).Read)
	if err != nil || v != 3 {
		t.Fatalf("registry schema version = %d, %v; want 3", v, err)
	}
	opts := reg.Options()
	if opts.PollInterval <= 0 || opts.MaxOpen <= 0 {
		t.Fatalf("defaults not applied: %+v", opts)
	}
	// Reopening applies nothing and keeps the data.
	mustCreate(t, reg, "alpha", "alpha.test")
	again := openRegistry(t, dataDir, tenants.Options{})
	if _, err := again.Resolve("alpha.test"); err != nil {
		t.Fatal(err)
	}
}

func TestOpen_ErrNotWritable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := tenants.Open(context.Background(), file, tenants.Options{}); err == nil {
		t.Fatal("a data dir that is a file was accepted")
	}
}

// TestOpen_MigratesTenantIDs brings a registry created before tenant ids
// were AUTOINCREMENT up to date: rows and hosts survive, and a deleted
// last tenant's id is not given to the next one.
func TestOpen_MigratesTenantIDs(t *testing.T) {
	ctx := context.Background()
	dataDir := t.TempDir()
	first, err := os.ReadFile("migrations/0001_registry.sql")
	if err != nil {
		t.Fatal(err)
	}
	h, err := sqldb.Open(filepath.Join(dataDir, "registry.db"), sqldb.DurabilityNormal, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sqldb.Migrate(ctx, h.Write, fstest.MapFS{"0001_registry.sql": {Data: first}}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Write.Exec(`INSERT INTO tenants (id, slug, name, status, plan, business_hours, settings,
		webhook_token, whatsapp_number, created_at, updated_at)
		VALUES (1, 'alpha', 'Alpha', 'active', 'pro', '{"monday":"closed"}', '{}', 'tok-a', '628111111111', 1, 1),
		       (2, 'beta', 'Beta', 'trial', 'trial', '{}', '{}', 'tok-b', NULL, 2, 2)`); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Write.Exec(`INSERT INTO tenant_hosts (host, tenant_id) VALUES ('alpha.test', 1), ('www.alpha.test', 1), ('beta.test', 2)`); err != nil {
		t.Fatal(err)
	}
	h.Close()
	for _, slug := range []string{"alpha", "beta"} {
		if err := os.MkdirAll(filepath.Join(dataDir, "tenants", slug), 0o700); err != nil {
			t.Fatal(err)
		}
	}

	reg := openRegistry(t, dataDir, tenants.Options{})
	alpha, err := reg.Resolve("www.alpha.test")
	if err != nil || alpha.ID != 1 || alpha.WebhookToken != "tok-a" || alpha.BusinessHours["monday"] != "closed" {
		t.Fatalf("alpha after migration: %+v, %v", alpha, err)
	}
	if alpha.WhatsAppNumber != "628111111111" {
		t.Fatalf("number lost: %q", alpha.WhatsAppNumber)
	}
	if beta, err := reg.Resolve("beta.test"); err != nil || beta.ID != 2 {
		t.Fatalf("beta after migration: %+v, %v", beta, err)
	}
	// Hosts still cascade with their tenant.
	if err := reg.DeleteTenant(ctx, "beta"); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := sqldbtest.Open(t, reg.Layout.RegistryPath()).Read.QueryRow(`SELECT COUNT(*) FROM tenant_hosts WHERE tenant_id = 2`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d hosts of the deleted tenant remain (%v)", n, err)
	}
	again := mustCreate(t, reg, "beta")
	if again.ID <= 2 {
		t.Fatalf("re-created tenant got id %d, reusing a deleted one", again.ID)
	}
}
