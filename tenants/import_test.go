package tenants_test

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// A showroom's record, carried to another registry, registers it there as
// it was (webhook token, hosts, number), with an id of that registry's and
// not moving; the files land with the row or not at all.
func TestRegistry_ImportTenant(t *testing.T) {
	ctx := context.Background()
	from := newRegistry(t)
	mustCreate(t, from, "alpha", "alpha.test", "www.alpha.test")
	number := "6281100000001"
	if _, err := from.UpdateTenant(ctx, "alpha", tenants.TenantUpdate{WhatsAppNumber: &number}); err != nil {
		t.Fatal(err)
	}
	src, err := from.SetMoving(ctx, "alpha", true)
	if err != nil {
		t.Fatal(err)
	}
	rec := tenants.NewRecord(src, false)

	to := newRegistry(t)
	mustCreate(t, to, "first")
	mustCreate(t, to, "second")
	if err := to.CheckImport(ctx, rec.Tenant()); err != nil {
		t.Fatal(err)
	}
	place := func(dir string) (func(), error) {
		if err := os.Mkdir(dir, 0o700); err != nil {
			return nil, err
		}
		return func() { os.Remove(dir) }, nil
	}

	refused := func(dir string) (func(), error) { return nil, errors.New("no room") }
	if err := to.ImportTenant(ctx, rec.Tenant(), refused); err == nil || err.Error() != "no room" {
		t.Fatalf("place failing: %v", err)
	}
	if _, err := to.FindTenant(ctx, "alpha"); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("registered although its files were not placed: %v", err)
	}

	if err := to.ImportTenant(ctx, rec.Tenant(), place); err != nil {
		t.Fatal(err)
	}
	got, err := to.Resolve("www.alpha.test")
	if err != nil {
		t.Fatal(err)
	}
	if got.WebhookToken != src.WebhookToken || got.WhatsAppNumber != number || got.Moving() || got.ID == src.ID ||
		!got.CreatedAt.Equal(src.CreatedAt) || len(got.Hosts) != 2 {
		t.Fatalf("imported %+v from %+v", got, src)
	}

	// Again, onto a node where everything is taken: one error names it all.
	err = to.CheckImport(ctx, rec.Tenant())
	wantCode(t, "taken", err, store.ECONFLICT)
	wantMessage(t, "taken", err, `showroom "alpha" already exists`, "host alpha.test is used by another showroom",
		"host www.alpha.test", "WhatsApp number 6281100000001", "its webhook token")

	// A directory without a registration (a restore set it aside, an
	// operator left it) is not overwritten.
	third := newRegistry(t)
	dir, _ := third.Layout.TenantDir("alpha")
	os.MkdirAll(dir, 0o700)
	wantMessage(t, "leftover directory", third.ImportTenant(ctx, rec.Tenant(), place), "a directory", "exists (move it away first)")

	bad := rec.Tenant()
	bad.WebhookToken = "short"
	wantCode(t, "bad webhook token", newRegistry(t).CheckImport(ctx, bad), store.EINVALID)
}
