package tenants

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/autoleads/autoleads/store"
)

// CreateTenants registers many showrooms at once: an operator moving a
// fleet of dealers over, or a load test of thousands of showrooms.
// CreateTenant would take one registry transaction, one migrated database
// and one reload of the whole index per showroom (quadratic in the number of
// showrooms); this takes one of each for all of them. Each showroom gets
// its directory and a copy of one freshly migrated, empty database, so it is
// exactly what CreateTenant would have made. hosts[i] are ts[i]'s hosts.
// Nothing is registered, and no directory is left, unless all are.
// Errors: EINVALID, ECONFLICT (as CreateTenant, for the first that fails).
func (r *Registry) CreateTenants(ctx context.Context, ts []*Tenant, hosts [][]string) error {
	if len(hosts) != len(ts) {
		return fmt.Errorf("CreateTenants: %d tenants but %d host lists", len(ts), len(hosts))
	}
	norm := make([][]string, len(ts))
	now := r.now()
	for i, t := range ts {
		if t.Status == "" {
			t.Status = StatusTrial
		}
		if t.Plan == "" {
			t.Plan = "trial"
		}
		if err := t.validate(); err != nil {
			return fmt.Errorf("showroom %s: %w", t.Slug, err)
		}
		var err error
		if norm[i], err = normalizeHosts(hosts[i]); err != nil {
			return fmt.Errorf("showroom %s: %w", t.Slug, err)
		}
		t.WebhookToken = NewWebhookToken()
		t.CreatedAt, t.UpdatedAt = now, now
	}
	template, err := r.emptyTenantDB(ctx)
	if err != nil {
		return err
	}
	var created []string
	err = r.commit(ctx, func(tx *sql.Tx) error {
		for i, t := range ts {
			if err := insertTenant(ctx, tx, t, norm[i]); err != nil {
				return err
			}
			dir, _ := r.Layout.TenantDir(t.Slug)
			if err := os.Mkdir(dir, 0o700); errors.Is(err, fs.ErrExist) {
				return store.Errorf(store.ECONFLICT, "A directory for showroom %q already exists; move it away first", t.Slug)
			} else if err != nil {
				return fmt.Errorf("create %s: %w", dir, err)
			}
			created = append(created, dir)
			path, _ := r.Layout.TenantDBPath(t.Slug)
			if err := os.WriteFile(path, template, 0o600); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		for _, dir := range created {
			os.RemoveAll(dir)
		}
		return err
	}
	for i, t := range ts {
		t.Hosts = norm[i]
	}
	return r.refresh(ctx)
}

// emptyTenantDB returns the bytes of a freshly migrated tenant database,
// made in a scratch directory of the data directory and removed after.
func (r *Registry) emptyTenantDB(ctx context.Context) ([]byte, error) {
	dir, err := os.MkdirTemp(r.Layout.Root, ".template-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "tenant.db")
	db, err := r.openDB(ctx, path)
	if err != nil {
		return nil, err
	}
	// Closing the last connection folds the WAL into the file.
	if err := db.Close(); err != nil {
		return nil, err
	}
	return os.ReadFile(path)
}
