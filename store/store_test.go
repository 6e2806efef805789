package store_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb"
)

func TestOpen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tenant.db")
	db, err := store.Open(ctx, path, sqldb.DurabilityNormal)
	if err != nil {
		t.Fatal(err)
	}
	if db.Path() != path || db.Now == nil {
		t.Fatalf("Path = %q, Now set = %v", db.Path(), db.Now != nil)
	}
	v, err := sqldb.SchemaVersion(ctx, db.Handles().Read)
	if err != nil || v < 1 {
		t.Fatalf("schema version %d, %v", v, err)
	}
	insertLead(t, db, "+6281234567890", "new")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := store.Open(ctx, path, sqldb.DurabilityFull)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if n := queryInt(t, again, `SELECT COUNT(*) FROM schema_migrations`); n != int64(v) {
		t.Fatalf("reopen recorded %d migrations, want %d", n, v)
	}
	if n := queryInt(t, again, `SELECT COUNT(*) FROM leads`); n != 1 {
		t.Fatalf("reopen lost data: %d leads", n)
	}
}

func TestOpen_NotADatabase(t *testing.T) {
	notDB := filepath.Join(t.TempDir(), "not.db")
	if err := os.WriteFile(notDB, []byte("this is not a database file, not at all, no"), 0o600); err != nil {
		t.Fatal(err)
	}
	if db, err := store.Open(context.Background(), notDB, sqldb.DurabilityNormal); err == nil {
		db.Close()
		t.Fatal("opened and migrated a file that is not a database")
	}
}

func TestTenantMigrations(t *testing.T) {
	db := MustOpenDB(t)
	files, err := fs.Glob(store.TenantMigrations(), "*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("embedded migrations: %v, %v", files, err)
	}
	if v := queryInt(t, db, `SELECT MAX(version) FROM schema_migrations`); v != int64(len(files)) {
		t.Fatalf("schema version %d, want %d (one per file)", v, len(files))
	}
	for _, table := range []string{"users", "cars", "leads", "messages", "webhook_events"} {
		if queryInt(t, db, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, table) == 0 {
			t.Errorf("table %s missing", table)
		}
	}
}
