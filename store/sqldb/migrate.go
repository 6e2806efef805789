package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Migrate applies, in order, every migration file of fsys (named
// NNNN_description.sql) that the database has not recorded yet, each in its
// own transaction together with its row in schema_migrations. Migrations are
// append-only: a shipped file is never edited, so only the number is recorded.
// Every name is checked before anything is applied. It returns the names of
// the files it applied.
func Migrate(ctx context.Context, db *sql.DB, fsys fs.FS) ([]string, error) {
	migrations, err := listMigrations(fsys)
	if err != nil {
		return nil, err
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name TEXT NOT NULL,
		applied_at INTEGER NOT NULL
	) STRICT`); err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", err)
	}
	var current int
	if err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return nil, fmt.Errorf("read schema version: %w", err)
	}
	var applied []string
	for _, m := range migrations {
		if m.version <= current {
			continue
		}
		body, err := fs.ReadFile(fsys, m.name)
		if err != nil {
			return applied, err
		}
		done, err := applyMigration(ctx, db, m.version, m.name, string(body))
		if err != nil {
			return applied, fmt.Errorf("migration %s: %w", m.name, err)
		}
		if done {
			applied = append(applied, m.name)
		}
	}
	return applied, nil
}

// migration is one file of a migration set.
type migration struct {
	version int
	name    string
}

// listMigrations returns fsys's migrations ordered by number (not by name:
// "10_x" comes after "9_y"). A malformed name, or two files with one number,
// is refused: one of them would otherwise be skipped silently.
func listMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, err
	}
	seen := map[int]string{}
	var out []migration
	for _, name := range names {
		v, err := migrationVersion(name)
		if err != nil {
			return nil, err
		}
		if other, dup := seen[v]; dup {
			return nil, fmt.Errorf("migrations %q and %q share the number %d", other, name, v)
		}
		seen[v] = name
		out = append(out, migration{version: v, name: name})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// SchemaVersion returns the highest applied migration number.
func SchemaVersion(ctx context.Context, db *sql.DB) (int, error) {
	var v int
	err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

func migrationVersion(name string) (int, error) {
	prefix, _, ok := strings.Cut(path.Base(name), "_")
	v, err := strconv.Atoi(prefix)
	if !ok || err != nil || v <= 0 {
		return 0, fmt.Errorf("migration %q: name must start with a positive number and an underscore", name)
	}
	return v, nil
}

// applyMigration runs one migration and records it in one transaction. It
// reports false when another process applied it first.
func applyMigration(ctx context.Context, db *sql.DB, version int, name, body string) (bool, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	// Another process may have applied it since we read the version.
	var done int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, version).Scan(&done); err != nil {
		return false, err
	}
	if done > 0 {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		version, name, time.Now().UnixMilli()); err != nil {
		return false, err
	}
	return true, tx.Commit()
}

// LatestVersion is the number of the newest migration of fsys: the schema a
// database has once Migrate has run.
func LatestVersion(fsys fs.FS) (int, error) {
	migrations, err := listMigrations(fsys)
	if err != nil || len(migrations) == 0 {
		return 0, err
	}
	return migrations[len(migrations)-1].version, nil
}

// AppliedMigrations lists the migrations recorded in the database, oldest
// first, and the highest number among them.
func AppliedMigrations(ctx context.Context, db *sql.DB) ([]string, int, error) {
	rows, err := db.QueryContext(ctx, `SELECT version, name FROM schema_migrations ORDER BY version`)
	if err != nil {
		return nil, 0, fmt.Errorf("read schema_migrations: %w", err)
	}
	defer rows.Close()
	names := []string{}
	var latest int
	for rows.Next() {
		var name string
		if err := rows.Scan(&latest, &name); err != nil {
			return nil, 0, err
		}
		names = append(names, name)
	}
	return names, latest, rows.Err()
}
