// Package store is one showroom's database: its schema and migrations, its
// domain types and rules, and every query against it. It knows nothing of
// other tenants, of paths beyond the one it is handed, or of HTTP.
package store

import (
	"context"
	"fmt"
	"time"

	"github.com/autoleads/autoleads/store/sqldb"
)

// DB is one tenant's open database.
type DB struct {
	h *sqldb.Handles
	// inbound batches concurrent inbound messages into one transaction.
	inbound inboundQueue
	// leadCounts keeps the lead list's totals while nothing changes.
	leadCounts leadCounts
	// migrated are the migrations Open applied.
	migrated []string
	// gate, when set, is shared by the process's databases (sqldb/writegate.go).
	gate *sqldb.WriteGate

	// Now returns the current time; tests replace it.
	Now func() time.Time
}

// Open opens the tenant database at path and brings it to the latest schema.
func Open(ctx context.Context, path string, d sqldb.Durability) (*DB, error) {
	h, err := sqldb.Open(path, d, tableBit)
	if err != nil {
		return nil, err
	}
	migrated, err := sqldb.Migrate(ctx, h.Write, TenantMigrations())
	if err != nil {
		h.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	// Most open showrooms are only read (their catalogue), and each SQLite
	// connection holds some 200 KB: the writer connection the migration
	// used is closed now and opened again by the first write, so a server
	// holding hundreds of showrooms open holds half the connections.
	h.Write.SetMaxIdleConns(0)
	h.Write.SetMaxIdleConns(1)
	return &DB{h: h, migrated: migrated, Now: time.Now}, nil
}

// Migrated lists the migrations Open applied, oldest first.
func (db *DB) Migrated() []string { return db.migrated }

// Close closes the database.
func (db *DB) Close() error { return db.h.Close() }

// Path is the database file's path.
func (db *DB) Path() string { return db.h.Path }

// SetWriteGate makes the database's message batches pass g, shared with
// the other databases of the process. Call it before the first write.
func (db *DB) SetWriteGate(g *sqldb.WriteGate) { db.gate = g }

// now is the current time truncated to milliseconds, the precision stored.
func (db *DB) now() time.Time {
	return db.Now().UTC().Truncate(time.Millisecond)
}

// Snapshot writes a consistent copy of the database to dst, which must not
// exist, while writers carry on (see sqldb.Handles.Snapshot).
func (db *DB) Snapshot(ctx context.Context, dst string) error { return db.h.Snapshot(ctx, dst) }
