package tenants

import (
	"context"
	"errors"
	"io/fs"
	"os"

	"github.com/autoleads/autoleads/store"
)

// OpenStore opens the database of the showroom t and brings it to the
// latest schema; the caller closes it. Every opener of a showroom's
// database goes through here: the pool, the commands, backups.
//
// A missing database is created only for a showroom the registry still
// holds. It may belong to a showroom another process (the CLI) has just
// deleted, which this process's index still lists for up to a poll
// interval: opening it would bring back a directory of a deleted showroom,
// an orphan that keeps its slug from being registered again.
// Errors: ENOTFOUND for a deleted showroom.
func (r *Registry) OpenStore(ctx context.Context, t *Tenant) (*store.DB, error) {
	db, _, err := r.openStore(ctx, t)
	return db, err
}

// MigrateStore brings the database of the showroom t to the latest
// schema, creating it when it is missing as the server would on the
// showroom's first request, and reports what it did.
func (r *Registry) MigrateStore(ctx context.Context, t *Tenant) (Migration, error) {
	db, created, err := r.openStore(ctx, t)
	if err != nil {
		return Migration{}, err
	}
	m := Migration{Created: created, Applied: db.Migrated()}
	return m, db.Close()
}

// openStore opens t's database and reports whether it had to create it.
func (r *Registry) openStore(ctx context.Context, t *Tenant) (*store.DB, bool, error) {
	path, err := r.Layout.TenantDBPath(t.Slug)
	if err != nil {
		return nil, false, err
	}
	_, statErr := os.Stat(path)
	missing := errors.Is(statErr, fs.ErrNotExist)
	if missing {
		if err := r.checkRegistered(ctx, t); err != nil {
			return nil, false, err
		}
	}
	// The database outlives the request or command that opens it.
	db, err := r.openDB(context.WithoutCancel(ctx), path)
	return db, missing, err
}

// openDB opens and migrates the tenant database at path with the
// registry's durability: a showroom's, or one being created.
func (r *Registry) openDB(ctx context.Context, path string) (*store.DB, error) {
	return store.Open(ctx, path, r.opts.Durability)
}
