package tenants

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb"
)

//go:embed migrations/*.sql
var registryMigrations embed.FS

// Options configure a Registry.
type Options struct {
	Durability sqldb.Durability
	// PollInterval is how often the registry checks for changes made by
	// another process (the CLI). Default 1s, well inside the 5 s promise.
	PollInterval time.Duration
	// MaxOpen bounds the pool of open tenant databases. Default
	// DefaultMaxOpen.
	MaxOpen int
	// Logger reports what Watch cannot do. Default slog.Default().
	Logger *slog.Logger
}

// DefaultMaxOpen is the default bound of open tenant databases. Each holds
// some 0.3 to 0.5 MB of SQLite memory and four file descriptors; the public
// catalogue is answered from the response cache without opening one, so the
// pool only needs the showrooms being written to or administered at the
// moment, and 128 keeps a server of a thousand showrooms within 128 MB.
const DefaultMaxOpen = 128

// Registry is the open registry database of a data directory, with an
// in-memory index of every tenant and host kept fresh by Watch.
type Registry struct {
	Layout Layout
	opts   Options
	h      *sqldb.Handles
	// migration is what Open did to the registry's schema.
	migration Migration
	index     atomic.Pointer[index]
	// reloadMu serialises reloads so an older snapshot never replaces a newer one.
	reloadMu sync.Mutex
	// onReload runs after every reload; the pool uses it to close the
	// databases of tenants that were deleted.
	onReload func()
	// Now returns the current time; tests replace it.
	Now func() time.Time
}

// Open opens (creating when missing) the data directory and its registry.
func Open(ctx context.Context, dataDir string, opts Options) (*Registry, error) {
	if opts.PollInterval <= 0 {
		opts.PollInterval = time.Second
	}
	if opts.MaxOpen <= 0 {
		opts.MaxOpen = DefaultMaxOpen
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	l := Layout{Root: dataDir}
	if err := os.MkdirAll(l.TenantsDir(), 0o700); err != nil {
		return nil, fmt.Errorf("data directory %s cannot be created: %w", dataDir, err)
	}
	probe, err := os.CreateTemp(dataDir, ".write-test-*")
	if err != nil {
		return nil, fmt.Errorf("data directory %s is not writable: %w", dataDir, err)
	}
	probe.Close()
	os.Remove(probe.Name())

	_, statErr := os.Stat(l.RegistryPath())
	h, err := sqldb.Open(l.RegistryPath(), opts.Durability, nil)
	if err != nil {
		return nil, err
	}
	sub, _ := fs.Sub(registryMigrations, "migrations")
	applied, err := sqldb.Migrate(ctx, h.Write, sub)
	if err != nil {
		h.Close()
		return nil, fmt.Errorf("migrate registry: %w", err)
	}
	r := &Registry{Layout: l, opts: opts, h: h, Now: time.Now,
		migration: Migration{Created: errors.Is(statErr, fs.ErrNotExist), Applied: applied}}
	if err := r.reload(ctx); err != nil {
		h.Close()
		return nil, err
	}
	return r, nil
}

// Close closes the registry database.
func (r *Registry) Close() error { return r.h.Close() }

// Migration is what opening a database did to its schema.
type Migration struct {
	Created bool     // the file did not exist
	Applied []string // the migrations applied, oldest first
}

// Migration reports what Open did to the registry's schema.
func (r *Registry) Migration() Migration { return r.migration }

// Options returns the options the registry was opened with.
func (r *Registry) Options() Options { return r.opts }

// Ping checks that the registry database answers.
func (r *Registry) Ping(ctx context.Context) error {
	var one int
	return r.h.Read.QueryRowContext(ctx, `SELECT 1`).Scan(&one)
}

// Watch reloads the index whenever another connection (another process, or
// this one's writer) commits to the registry, until ctx ends. It polls
// PRAGMA data_version on a connection of its own: a cheap read that changes
// only when someone else commits. A reload that fails (a row another
// program wrote that cannot be read) is logged once and tried again on
// every poll, so the index does not stay behind silently.
func (r *Registry) Watch(ctx context.Context) {
	conn, err := r.h.Read.Conn(ctx)
	if err != nil {
		return
	}
	defer conn.Close()
	var last int64 = -1
	failing := false
	t := time.NewTicker(r.opts.PollInterval)
	defer t.Stop()
	for {
		var v int64
		if err := conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err == nil {
			// The first poll reloads too: a commit between the index's load
			// and the first data_version read would otherwise be missed.
			if v != last {
				err = r.reload(ctx)
			}
			switch {
			case err == nil:
				last, failing = v, false
			case ctx.Err() == nil && !failing:
				failing = true
				r.opts.Logger.Error("registry changes are not applied: reload failed", "error", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// reload rebuilds the in-memory index from the database.
func (r *Registry) reload(ctx context.Context) error {
	r.reloadMu.Lock()
	defer r.reloadMu.Unlock()
	idx, err := loadIndex(ctx, r.h.Read)
	if err != nil {
		return fmt.Errorf("load registry: %w", err)
	}
	r.index.Store(idx)
	if r.onReload != nil {
		r.onReload()
	}
	return nil
}

func (r *Registry) now() time.Time { return r.Now().UTC().Truncate(time.Millisecond) }

// write runs fn in one registry transaction and refreshes the index after a
// successful commit, so this process sees its own change at once.
func (r *Registry) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if err := r.commit(ctx, fn); err != nil {
		return err
	}
	return r.refresh(ctx)
}

// commit runs fn in one registry transaction. An error means nothing was
// written.
func (r *Registry) commit(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := r.h.Write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// refresh reloads the index after a commit. The change is made: a caller
// that goes away now must not leave this process's index behind it.
func (r *Registry) refresh(ctx context.Context) error {
	return r.reload(context.WithoutCancel(ctx))
}

// checkRegistered reads the registry itself, not the index, to tell whether
// t is still registered. Errors: ENOTFOUND when t was deleted (or its slug
// now names another showroom).
func (r *Registry) checkRegistered(ctx context.Context, t *Tenant) error {
	var id int64
	err := r.h.Read.QueryRowContext(ctx, `SELECT id FROM tenants WHERE slug = ?`, t.Slug).Scan(&id)
	if isNoRows(err) || (err == nil && id != t.ID) {
		return notFound()
	}
	return err
}

// notFound is the error for an unknown slug.
func notFound() error { return store.Errorf(store.ENOTFOUND, "Showroom not found") }

// isNoRows reports whether err means the row is absent.
func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// Snapshot writes a consistent copy of the registry to dst, which must not
// exist (see sqldb.Handles.Snapshot).
func (r *Registry) Snapshot(ctx context.Context, dst string) error { return r.h.Snapshot(ctx, dst) }

// RegistrySlugs lists the showrooms of the registry file at path, a copy
// (a backup's) rather than the live registry, in slug order.
func RegistrySlugs(ctx context.Context, path string) ([]string, error) {
	h, err := sqldb.Open(path, sqldb.DurabilityNormal, nil)
	if err != nil {
		return nil, err
	}
	defer h.Close()
	rows, err := h.Read.QueryContext(ctx, `SELECT slug FROM tenants ORDER BY slug`)
	if err != nil {
		return nil, fmt.Errorf("read the registry snapshot: %w", err)
	}
	defer rows.Close()
	var slugs []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		slugs = append(slugs, s)
	}
	return slugs, rows.Err()
}
