package backup_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/backup"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// TestRestore_InUse checks that a restore refuses to touch a data directory
// whose registry another process (here another handle) has open.
func TestRestore_InUse(t *testing.T) {
	ctx := context.Background()
	reg := openTestRegistry(t, "alpha")
	res, err := backup.Create(ctx, reg, backup.Options{Out: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []backup.RestoreOptions{{From: res.Dir, Replace: true}, {From: res.Dir, Tenant: "alpha", Replace: true}} {
		if _, err := backup.Restore(ctx, reg.Layout.Root, o); !errors.Is(err, backup.ErrInUse) {
			t.Fatalf("Restore(%+v) = %v, want ErrInUse", o, err)
		}
	}
	// The refusal held no lock: the registry still takes writes.
	if _, err := reg.SetStatus(ctx, "alpha", tenants.StatusSuspended); err != nil {
		t.Fatal(err)
	}
}

// TestRestore_TenantConflict checks that a deleted showroom whose host was
// given to another showroom meanwhile is not restored at all: neither its
// registry row nor its files.
func TestRestore_TenantConflict(t *testing.T) {
	ctx := context.Background()
	reg := openTestRegistry(t, "alpha", "beta")
	res, err := backup.Create(ctx, reg, backup.Options{Out: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if err := reg.DeleteTenant(ctx, "beta"); err != nil {
		t.Fatal(err)
	}
	if err := reg.AddHost(ctx, "alpha", "beta.test"); err != nil {
		t.Fatal(err)
	}
	root := reg.Layout.Root
	reg.Close()

	_, err = backup.Restore(ctx, root, backup.RestoreOptions{From: res.Dir, Tenant: "beta"})
	if err == nil || !strings.Contains(err.Error(), "cannot be registered again") {
		t.Fatalf("err = %v", err)
	}
	l := tenants.Layout{Root: root}
	dir, _ := l.TenantDir("beta")
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("the files of beta were restored without its registry row: %v", err)
	}
	entries, _ := os.ReadDir(l.TenantsDir())
	if len(entries) != 1 || entries[0].Name() != "alpha" {
		t.Fatalf("tenants/ holds %v", entries)
	}
	reg, err = tenants.Open(ctx, root, tenants.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer reg.Close()
	if _, err := reg.FindTenant(ctx, "beta"); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("FindTenant(beta) = %v, want ENOTFOUND", err)
	}
}
